"""axe-core in Chromium: the serious and critical WCAG 2 A/AA violations of the current page.

axe-core comes pinned from the npm registry (package.json); `make assets` copies it to
static/vendor/axe.min.js, and it is loaded only into the pages under test, from the site's own
static files (the Content-Security-Policy refuses inline scripts, an injected one too).

`CSP_LISTENER` is added to every page of a browser context before the page's own scripts run:
it collects the page's Content-Security-Policy violations for `csp_violations`.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa"]
BLOCKING = ("serious", "critical")

RUN_AXE = """async ([tags, blocking]) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations
    .filter((v) => blocking.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}"""


def axe_violations(page) -> list[dict]:
    """The serious and critical violations of the page as it is now."""
    assert AXE.exists(), f"{AXE} is missing: run `make assets` (npm ci) first"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/static/vendor/axe.min.js")
    return page.evaluate(RUN_AXE, [TAGS, list(BLOCKING)])


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
    + (e.sample ? ` (${e.sample})` : "")
  );
});
"""


def csp_violations(page) -> list[dict]:
    """The page's Content-Security-Policy violations so far, as blocking violations."""
    seen = page.evaluate("window.__cspViolations || []")
    if not seen:
        return []
    return [
        {
            "id": "content-security-policy",
            "impact": "serious",
            "targets": seen,
            "help": "Nothing on the page may break the Content-Security-Policy",
        }
    ]


def describe(found: dict[str, list[dict]]) -> str:
    """One line per violation and page: id, impact, the elements (up to five) and the help."""
    lines = []
    for where, violations in found.items():
        for v in violations:
            targets = ", ".join(v["targets"][:5]) + (" …" if len(v["targets"]) > 5 else "")
            lines.append(f"{where}: {v['id']} ({v['impact']}) at {targets} — {v['help']}")
    return "\n".join(lines)


FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadowed = style.boxShadow && style.boxShadow !== "none";
  const label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    " " + (el.getAttribute("aria-label") || el.textContent || el.name || "").trim().slice(0, 40);
  return {label, shown: outlined || shadowed};
}"""


def focus_not_shown(page, *, stops: int = 40) -> list[str]:
    """Tab through the first `stops` focusable elements of the page; the ones whose focus
    is not visible (no outline of 2 px or more, no box shadow)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    missing = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_SHOWN)
        if focused is None:
            break
        if not focused["shown"]:
            missing.append(focused["label"])
    return missing
