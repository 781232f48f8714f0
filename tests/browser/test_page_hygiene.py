"""Every page a demo user can reach reads as a finished product, on a desktop and on a phone.

Each demo user (employee, manager, HR admin and a peer rater) signs in and visits home and
every page of their menu, then the pages those link to, then the pages *those* link to (GET
only: links, never forms), at 1366 x 900 and at 390 x 844. Pages are found by following links, so
a new page is covered as soon as something links to it; a crawl visits one page per pattern
(`/goals/<id>/` once per user), but every distinct link found is requested. A page fails on:

- the page wider than the screen, or an element spilling out of its card; chart text clipped
  or under 12 px;
- text that leaks internals (see tests/browser/hygiene.py): an unrendered placeholder, a
  Python literal or repr, a raw timedelta, UUID or ISO timestamp, a dotted event code;
- at phone width, a data table whose cells lose their column names (it must either scroll in
  its own box with its header row visible, or label every cell);
- a link that answers an error or leads to a page the user cannot use (403, 404, 405, the
  sign-in page);
- a static asset (stylesheet, script, image, the favicon) that does not load, a JavaScript
  error in the console.

A crawl visits one page per pattern *and state*: two URLs of one pattern (two cycles' pages) are
both visited when what they offer differs (`hygiene.page_state`: a closed cycle's page links to
its calibration, an open one's to launch and close), up to MAX_STATES per pattern; a test then
checks that the states that matter were reached (STATES_REACHED).

Each page is loaded once at desktop width, checked, then narrowed to phone width and checked
again. A screenshot of every page at both widths lands in test-artifacts/hygiene/<user>/, with
a report of what was visited and how long it took (report.txt).
"""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.hygiene import page_problems, page_state, url_pattern

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "plms-demo"
USERS = {
    "employee": "employee@acme.example",
    "manager": "manager@acme.example",
    "hr": "hr@acme.example",
    "peer": "liam@acme.example",  # rated Emma Clarke as a peer in the closed cycle
}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
DEPTH = 2  # the menu's pages are depth 0
MAX_STATES = 3  # pages visited per URL pattern, each in a state of its own
NAV_LINKS = "#main-nav a[href]"
LINKS = """links => links
  .filter((a) => !a.hasAttribute('download'))
  .map((a) => a.href)"""
OUT = ARTIFACTS / "hygiene"
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _skipped(path: str) -> bool:
    # The API's interactive docs load their scripts from a CDN; the API has its own tests.
    return path.startswith(("/api/", "/admin/", "/static/", "/scim/"))


class Crawl:
    """One signed-in user's walk through the pages, with everything wrong found on the way."""

    def __init__(self, browser, base_url: str, who: str, email: str) -> None:
        self.base_url = base_url
        self.who = who
        self.context = browser.new_context(base_url=base_url, viewport=DESKTOP)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"JavaScript error: {error}"))
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._failed)
        self.problems: dict[str, list[str]] = {}
        self.links: dict[str, str | None] = {}  # url -> what is wrong with it (None: fine)
        self.visited: list[str] = []
        self.linked_from: dict[str, str] = {}
        self.states: dict[str, frozenset[str]] = {}  # url -> what its page offers
        sign_in(self.page, email, PASSWORD)
        self.page.wait_for_url(f"{base_url}/")
        expect(self.page.locator('[aria-busy="true"]')).to_have_count(0)
        (OUT / who).mkdir(parents=True, exist_ok=True)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text}")

    def _failed(self, request) -> None:
        # Leaving a page cancels what it still had in flight; that is the browser, not the page.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"asset {response.status}: {response.url}")

    def _local(self, url: str) -> str | None:
        parts = urlsplit(url)
        if url.startswith(("mailto:", "tel:", "javascript:")) or not parts.path:
            return None
        if f"{parts.scheme}://{parts.netloc}" != self.base_url:
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def check_link(self, path: str) -> str | None:
        """Requests a link once; what is wrong with it, if anything."""
        if path not in self.links:
            response = self.page.request.get(path, fail_on_status_code=False)
            final = urlsplit(response.url).path
            if response.status >= 400:
                self.links[path] = f"answers {response.status}"
            elif final.startswith("/accounts/login"):
                self.links[path] = "leads to the sign-in page"
            elif "text/html" not in response.headers.get("content-type", ""):
                self.links[path] = None
                self.links[f"{path} (download)"] = None
            else:
                self.links[path] = None
                self.states[path] = page_state(response.text())
            response.dispose()
        return self.links[path]

    def visit(self, path: str, *, collect: bool) -> list[str]:
        """Checks the page at both widths; the local links on it (when `collect`)."""
        found: list[str] = []
        hrefs: list[str] = []
        slug = "".join(c if c.isalnum() else "_" for c in path.strip("/")) or "home"
        self.page.set_viewport_size(DESKTOP)
        self.errors.clear()
        response = self.page.goto(path)
        if response is None or response.status != 200:
            self.problems[path] = [f"answers {response and response.status}"]
            return []
        # Sections that load after the page (the homes) are in before the page is judged.
        expect(self.page.locator('[aria-busy="true"]')).to_have_count(0)
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            if name == "phone":  # the same page, narrowed: media queries and scripts respond
                self.page.set_viewport_size(viewport)
                self.page.evaluate(SETTLED)
            found += [f"{name}: {p}" for p in page_problems(self.page, phone=name == "phone")]
            found += [f"{name}: {e}" for e in self.errors]
            self.errors.clear()
            if name == "desktop":
                icon = self.page.eval_on_selector_all(
                    "link[rel~=icon]", "links => links.map((l) => l.href)"
                )
                if not icon:
                    found.append("no favicon (link rel=icon)")
                for href in icon:
                    if (local := self._local(href)) and self.check_link(local):
                        found.append(f"favicon {href} {self.links[local]}")
                if collect:
                    hrefs = self.page.eval_on_selector_all("a[href]", LINKS)
            self.page.screenshot(
                path=str(OUT / self.who / f"{slug}-{name}.jpeg"), full_page=True, quality=70
            )
        links = []
        for href in dict.fromkeys(hrefs):
            local = self._local(urljoin(self.base_url + path, href))
            if local is None or _skipped(local) or local.startswith("/accounts/logout"):
                continue
            local = local.split("#")[0]
            if (wrong := self.check_link(local)) is not None:
                found.append(f"link {local} {wrong}")
            elif f"{local} (download)" not in self.links:
                links.append(local)
                self.linked_from.setdefault(local, path)
        self.visited.append(path)
        if found:
            self.problems[path] = found
        return links

    def run(self) -> None:
        menu = [
            local
            for href in self.page.eval_on_selector_all(NAV_LINKS, LINKS)
            if (local := self._local(href)) and not _skipped(local)
        ]
        seen: dict[str, set[frozenset[str]]] = {}  # pattern -> the states visited
        level = list(dict.fromkeys(["/", *menu]))
        for depth in range(DEPTH + 1):
            following = []
            for path in level:
                states = seen.setdefault(url_pattern(path), set())
                state = self.states.get(path, frozenset({path}))
                if state in states or len(states) >= MAX_STATES:
                    continue
                states.add(state)
                following += self.visit(path, collect=depth < DEPTH)
            level = list(dict.fromkeys(following))

    def close(self) -> None:
        self.context.close()


def test_the_checks_find_what_they_should(browser, live_server, employee):
    """Each kind of problem, planted in a page, is reported."""
    from tests.browser.hygiene import text_leaks

    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, employee.user.email, "pass-word-123")
        page.wait_for_url(f"{live_server.url}/")
        assert page_problems(page, phone=True) == []
        page.evaluate(
            """document.querySelector('main').insertAdjacentHTML('beforeend', `
              <div class="card"><div style="width: 900px">wide</div></div>
              <table class="table"><thead><tr><th>Name</th><th>Level</th></tr></thead>
                <tbody><tr><td>Emma</td><td>3</td></tr></tbody></table>
              <svg viewBox="0 0 100 100" width="100"><text x="90" y="50" font-size="8">Complaint resolution</text></svg>`)"""
        )
        found = "\n".join(page_problems(page, phone=True))
        assert "page overflow" in found
        assert "overflows its card" in found
        assert "chart text clipped" in found
        assert "under 12px" in found
    finally:
        context.close()
    leaks = "\n".join(
        text_leaks(
            [
                "Plan {employee}'s first weeks",
                "parents: ['499f1c2a']",
                "range_low: None",
                "Mean: 20 days, 20:18:45.602712",
                "key_result: 3fc3f141-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
                "Due 2026-12-07T09:00:00+00:00",
                "goal.activated by system",
                "Signed in as hr@acme.example, file people.csv; None of your reports",
            ]
        )
    )
    for name in (
        "unrendered placeholder",
        "Python list",
        "Python None",
        "raw timedelta",
        "raw UUID",
        "raw ISO",
        "dotted internal code",
    ):
        assert name in leaks
    assert "acme.example" not in leaks and "people.csv" not in leaks and "None of" not in leaks


def _states_that_matter() -> dict[str, dict[str, set[str]]]:
    """Per demo user, pages in a state a crawl must reach (any one URL of each set): the
    closed cycle and its calibration, a finished workflow run."""
    from django.urls import reverse

    from assessments.models import AssessmentCycle
    from plms.tenancy.models import Organization
    from tests.conftest import in_org
    from workflows.models import WorkflowRun

    with in_org(Organization.objects.get(slug="acme")):
        closed = AssessmentCycle.objects.get(status=AssessmentCycle.Status.CLOSED)
        finished = WorkflowRun.objects.filter(state=WorkflowRun.State.COMPLETED)
        return {
            "hr": {
                "the calibration of the closed cycle": {
                    reverse("assessments:calibration", args=[closed.uuid])
                },
                "the page of the closed cycle": {
                    reverse("assessments:cycle_detail", args=[closed.uuid])
                },
                "a finished workflow run": {
                    reverse("workflows:run_detail", args=[run.uuid]) for run in finished
                },
            },
        }


def test_every_page_reads_as_finished_on_a_desktop_and_a_phone(browser, live_server):
    call_command("seed_demo")
    must_reach = _states_that_matter()
    started = time.monotonic()
    problems: dict[str, list[str]] = {}
    report = []
    pages = 0
    for who, email in USERS.items():
        crawl = Crawl(browser, live_server.url, who, email)
        try:
            crawl.run()
        finally:
            crawl.close()
        pages += len(crawl.visited)
        for state, urls in must_reach.get(who, {}).items():
            if not urls & set(crawl.visited):
                problems[f"{who}: never reached {state}"] = sorted(urls)[:3]
        report.append(f"{who} ({email}): {len(crawl.visited)} pages, {len(crawl.links)} links")
        report += [f"  {path}" for path in crawl.visited]
        for path, found in crawl.problems.items():
            via = crawl.linked_from.get(path)
            problems[f"{who} {path}" + (f" (linked from {via})" if via else "")] = found
    elapsed = time.monotonic() - started
    report.insert(0, f"{pages} pages at two widths in {elapsed:.0f} s")
    OUT.mkdir(parents=True, exist_ok=True)
    listing = "\n".join(
        f"{where}\n" + "\n".join(f"  - {p}" for p in found) for where, found in problems.items()
    )
    (OUT / "report.txt").write_text("\n".join(report) + "\n\n" + listing + "\n")
    assert pages >= 60, f"only {pages} pages were visited"
    assert not problems, f"{len(problems)} of {pages} pages have problems:\n{listing}"
