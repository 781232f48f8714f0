"""Page hygiene in Chromium: what a person should never see on a finished page.

`page_problems(page, phone=...)` runs in the page as it is now and returns one line per
problem: the page wider than the screen, an element spilling out of its card, chart text that
is clipped or smaller than 12 px, text that leaks internals (an unrendered placeholder, a
Python literal or repr, a raw timedelta, UUID or ISO timestamp, a dotted event code) and, at
phone width, a data table whose cells lose their column names. Text inside `code`, `pre`,
`samp` and `kbd` is exempt: that is where a page shows file formats and codes on purpose.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

# Each pattern names what it found; the text is what a person reads (text nodes and the
# title, alt, aria-label and placeholder attributes).
LEAKS: tuple[tuple[str, re.Pattern], ...] = (
    (
        "unrendered placeholder",
        re.compile(r"\{[A-Za-z_][\w.]*\}|\{\{|\}\}|\{%|%\}|%\([a-z_]+\)[sd]"),
    ),
    ("Python list or dict", re.compile(r"\[['\"]|['\"]\]|\{'\w+':")),
    ("Python None/True/False", re.compile(r"(?<![\w-])(None|True|False)(?![\w-])(?! of\b)")),
    ("Python repr", re.compile(r"<[\w.]+ object at 0x|\b(?:Decimal|UUID|datetime\.\w+)\(")),
    ("raw timedelta", re.compile(r"\b\d+ days?, \d{1,2}:\d{2}:\d{2}|\b\d{1,2}:\d{2}:\d{2}\.\d+")),
    ("raw UUID", re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-|\b[0-9a-f]{8}-?(?:…|\.\.\.)")),
    (
        "raw ISO date or timestamp",
        re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"),
    ),
    (
        "dotted internal code",
        re.compile(
            r"(?<![\w@/.:-])([a-z]{2,}(?:_[a-z]+)*)\.([a-z]{2,}(?:_[a-z]+)*)(?![\w@/-]|\.\w)"
        ),
    ),
)
# Last parts of a dotted word that make it a domain or a file name, not an event code.
NOT_CODES = {"example", "com", "org", "net", "io", "csv", "json", "xlsx", "txt", "html", "pdf"}

PROBLEMS_JS = r"""(phone) => {
  const problems = [];
  const doc = document.documentElement;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = (el.getAttribute('class') || '').trim();
    if (cls) s += '.' + cls.split(/\s+/).join('.');
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return text ? `${s} "${text}"` : s;
  };
  if (doc.scrollWidth > doc.clientWidth + 1) {
    const widest = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > doc.clientWidth + 1))
      .slice(0, 3).map(describe);
    problems.push(`page overflow: ${doc.scrollWidth}px wide on a ${doc.clientWidth}px screen (${widest.join('; ')})`);
  }
  for (const box of document.querySelectorAll('.card, .tile, .level, .level-picker, fieldset')) {
    if (!box.checkVisibility() || box.scrollWidth <= box.clientWidth + 1) continue;
    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) continue;  // scrolls itself
    const edge = box.getBoundingClientRect().right;
    const out = [...box.querySelectorAll('*')].find((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.right > edge + 1 && el.checkVisibility();
    });
    problems.push(`overflows its card: ${out ? describe(out) : '(content)'} in ${describe(box).slice(0, 80)}`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    if (!svg.checkVisibility() || !svg.viewBox || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) continue;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const box = svg.getBoundingClientRect();
      const b = text.getBoundingClientRect();
      if (b.left < box.left - 1 || b.top < box.top - 1 || b.right > box.right + 1 || b.bottom > box.bottom + 1) {
        problems.push(`chart text clipped: "${text.textContent.trim()}"`);
      }
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < 11.95) problems.push(`chart text ${size.toFixed(1)}px (under 12px): "${text.textContent.trim()}"`);
    }
  }
  if (phone) {
    for (const table of document.querySelectorAll('table')) {
      if (!table.checkVisibility()) continue;
      const heads = [...table.querySelectorAll('thead th, thead td')];
      if (!heads.length) continue;  // a table of facts with row headers only
      const shown = heads.some((th) => { const r = th.getBoundingClientRect(); return r.width > 2 && r.height > 2; });
      let scroller = table;
      while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
      if (shown) {
        if (!scroller && table.getBoundingClientRect().right > doc.clientWidth + 1) {
          problems.push(`table wider than the screen and not scrolling in its own box: ${describe(table).slice(0, 80)}`);
        }
        continue;
      }
      const unlabelled = [...table.querySelectorAll('tbody td')].filter((td) => {
        if (!td.checkVisibility() || !td.textContent.trim()) return false;
        const before = getComputedStyle(td, '::before').content;
        return !td.dataset.label || !before || before === 'none' || before === 'normal';
      });
      if (unlabelled.length) {
        problems.push(`table cells without their column names on a phone (${unlabelled.length} cells): ${describe(unlabelled[0])}`);
      }
    }
  }
  return problems;
}"""

TEXTS_JS = r"""() => {
  const skip = 'script, style, noscript, template, code, pre, samp, kbd, textarea';
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.nodeValue.trim();
    if (text && !node.parentElement.closest(skip)) out.push(text);
  }
  for (const el of document.querySelectorAll('[title], [alt], [aria-label], [placeholder]')) {
    if (el.closest(skip)) continue;
    for (const name of ['title', 'alt', 'aria-label', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out;
}"""


def text_leaks(texts: list[str]) -> list[str]:
    """What in the page's text reads as internals, each with a little of its context."""
    found = []
    for text in dict.fromkeys(texts):
        for name, pattern in LEAKS:
            for match in pattern.finditer(text):
                if name == "dotted internal code" and match.group(2) in NOT_CODES:
                    continue
                start = max(0, match.start() - 30)
                found.append(f'{name}: "…{text[start : match.end() + 30]}…"')
    return found


def page_problems(page, *, phone: bool) -> list[str]:
    return page.evaluate(PROBLEMS_JS, phone) + text_leaks(page.evaluate(TEXTS_JS))


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def url_pattern(url: str) -> str:
    """The page a URL shows, without which object: ids and numbers become placeholders and
    the query keeps its keys only (`/goals/<id>/?tab=`)."""
    parts = urlsplit(url)
    segments = [
        "<id>" if UUID.match(s) else "<n>" if s.isdigit() else s for s in parts.path.split("/")
    ]
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return "/".join(segments) + ("?" + "&".join(f"{k}=" for k in keys) if keys else "")


HREFS = re.compile(r'\b(?:href|action|hx-get|hx-post)="([^"#]*)"')
IDS = re.compile(r'\bid="([^"]+)"')
NUMBERS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")


def page_state(html: str) -> frozenset[str]:
    """What a page offers, whichever object it shows: the patterns of its links and forms and
    the ids of its parts. Two cycles' pages share it when both are open; a closed cycle's
    differs (calibration and results instead of launch and close), so a crawl that visits one
    page per pattern and state reaches both."""
    links = {"link " + url_pattern(href) for href in HREFS.findall(html) if href}
    parts = {"part " + NUMBERS.sub("<n>", name) for name in IDS.findall(html)}
    return frozenset(links | parts)
