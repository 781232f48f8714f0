"""Every main page, as each demo user sees it, has no serious or critical WCAG 2 A/AA
violation according to axe-core running in Chromium and no Content-Security-Policy violation
(an inline script or handler, a style element, a resource from elsewhere); so do the sign-in pages, the 404 page and
each user's home page on a phone, with the navigation menu closed and open. On the home pages,
the sign-in page, the rating forms and a check-in, every element the Tab key reaches shows
where the focus is.

The demo organisation is seeded once and each user signs in in a browser context of their own
(seeding takes longer than all the pages together). A failure lists every violation of every
page — rule id, impact, the elements and axe's help text — and saves the page's HTML in
test-artifacts/.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Assessment, AssessmentCycle
from capabilities.models import Capability, JobRole
from goals.models import CheckIn, Goal
from learning.models import DevelopmentPlan
from plms.integrations.models import WebhookSubscription
from plms.people.models import Employee
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization
from tests.browser.accessibility import (
    CSP_LISTENER,
    axe_violations,
    csp_violations,
    describe,
    focus_not_shown,
)
from tests.browser.conftest import ARTIFACTS, sign_in
from workflows.models import WorkflowRun, WorkflowTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "plms-demo"
PHONE = {"width": 390, "height": 844}
NAV_LINKS = "#main-nav a[href], nav[aria-label='Main'] a[href]"
HREFS = "links => links.map((a) => a.getAttribute('href'))"


def _pages() -> tuple[dict[str, list[str]], set[str]]:
    """The pages each demo user checks (every list and one of each kind of detail page; the
    test adds whatever else the user's main navigation offers), and the pages where the
    keyboard focus is followed too (home, the rating forms, a check-in)."""
    with organization_scope(Organization.objects.get(slug="acme")):
        emma = Employee.objects.get(email="employee@acme.example")
        marcus = Employee.objects.get(email="manager@acme.example")
        priya = Employee.objects.get(email="priya@acme.example")
        self_assessment = Assessment.objects.filter(rater=emma, kind="self").first()
        manager_assessment = Assessment.objects.filter(rater=marcus, kind="manager").first()
        cycle = AssessmentCycle.objects.order_by("-period_start").first()
        capability = Capability.objects.order_by("name").first()
        role = JobRole.objects.order_by("name").first()
        emma_goal = Goal.objects.filter(owner_employee=emma).first()
        check_in = CheckIn.objects.filter(manager=marcus).first()
        plan = DevelopmentPlan.objects.filter(employee=emma).first()
        template = WorkflowTemplate.objects.order_by("name").first()
        run = WorkflowRun.objects.first()
        webhook = WebhookSubscription.objects.first()

    def url(name: str, *obj) -> str:
        if obj:
            assert obj[0] is not None, f"the demo has nothing to show on {name}"
            return reverse(name, kwargs={"id": obj[0].uuid})
        return reverse(name)

    # Pages everyone has, checked as the employee (fewest rights) and the HR admin (most).
    common = [
        url("goals:my_goals"),
        url("goals:goal_tree"),
        url("goals:goal_detail", emma_goal),
        url("goals:check_in_list"),
        url("goals:feedback_inbox"),
        url("goals:feedback_give"),
        url("learning:catalogue"),
        url("learning:my_plan"),
        url("assessments:my_assessments"),
        url("capabilities:capability_list"),
        url("capabilities:capability_detail", capability),
        url("capabilities:catalogue_list"),
        url("capabilities:role_list"),
        url("capabilities:role_detail", role),
        url("notifications:list"),
        url("notifications:settings"),
    ]
    pages = {
        "employee@acme.example": [
            url("web:home"),
            *common,
            url("assessments:assessment_form", self_assessment),
            url("assessments:results", emma),
            url("learning:plan_detail", plan),
        ],
        "manager@acme.example": [
            url("web:home"),
            url("goals:team_at_risk"),
            url("goals:goal_create"),
            url("goals:check_in_list"),
            url("goals:check_in_detail", check_in),
            url("assessments:my_assessments"),
            url("assessments:team"),
            url("assessments:assessment_form", manager_assessment),
            url("assessments:results", emma),
            url("learning:team"),
            url("learning:plan_detail", plan),
            url("people:employee_detail", emma),
        ],
        "hr@acme.example": [
            url("web:home"),
            *common,
            url("people:employee_list"),
            url("people:employee_detail", priya),
            url("people:employee_import"),
            url("privacy:person", priya),
            url("privacy:erasure", priya),
            url("privacy:retention"),
            url("audit:event_list"),
            url("capabilities:capability_create"),
            url("capabilities:scale"),
            url("capabilities:version_list"),
            url("capabilities:import"),
            url("capabilities:role_create"),
            url("capabilities:role_scorecard", role),
            url("assessments:cycle_list"),
            url("assessments:cycle_create"),
            url("assessments:cycle_detail", cycle),
            url("assessments:gap_report"),
            url("assessments:team"),
            url("assessments:results", priya),
            url("learning:content_gaps"),
            url("learning:impact"),
            url("learning:settings"),
            url("workflows:template_list"),
            url("workflows:dashboard"),
            url("workflows:template_create"),
            url("workflows:template_detail", template),
            url("workflows:run_detail", run),
            url("integrations:webhook_list"),
            url("integrations:webhook_create"),
            url("integrations:webhook_detail", webhook),
            "/no-such-page/",  # the 404 page
        ],
    }
    focus = {
        url("web:home"),
        url("assessments:assessment_form", self_assessment),
        url("assessments:assessment_form", manager_assessment),
        url("goals:check_in_detail", check_in),
    }
    return pages, focus


class Checker:
    """Visits pages in a browser context and collects their blocking violations."""

    def __init__(self, browser, base_url: str, *, viewport: dict | None = None) -> None:
        self.context = browser.new_context(
            base_url=base_url, viewport=viewport or {"width": 1280, "height": 900}
        )
        self.context.add_init_script(CSP_LISTENER)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    def check(self, who: str, path: str, found: dict[str, list[dict]], *, focus=False) -> None:
        response = self.page.goto(path)
        expected = 404 if path == "/no-such-page/" else 200
        assert response is not None and response.status == expected, (
            f"{who} {path}: {response and response.status}"
        )
        # Sections that load after the page (the homes) are audited once they are in, and
        # once tables.js has marked their wide tables (after htmx settles, on the next frame).
        expect(self.page.locator('[aria-busy="true"]')).to_have_count(0)
        self.page.wait_for_timeout(250)
        self.audit(f"{who} {path}", found, focus=focus)

    def audit(self, where: str, found: dict[str, list[dict]], *, focus=False) -> None:
        """The page as it is now; with `focus`, also Tab through it."""
        violations = axe_violations(self.page) + csp_violations(self.page)
        if focus and (hidden := focus_not_shown(self.page)):
            violations.append(
                {
                    "id": "focus-visible",
                    "impact": "serious",
                    "targets": hidden,
                    "help": "Keyboard focus must be visible (WCAG 2.4.7)",
                }
            )
        if violations:
            found[where] = violations
            slug = "".join(c if c.isalnum() else "_" for c in where)
            (ARTIFACTS / f"a11y-{slug}.html").write_text(self.page.content())

    def navigation(self, known: list[str]) -> list[str]:
        """The pages of the main navigation not in `known` (the API docs aside)."""
        hrefs = self.page.eval_on_selector_all(NAV_LINKS, HREFS)
        return [
            href
            for href in dict.fromkeys(hrefs)
            if href.startswith("/") and not href.startswith("/api/") and href not in known
        ]

    def close(self) -> None:
        self.context.close()


def test_main_pages_have_no_serious_or_critical_violations(browser, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    found: dict[str, list[dict]] = {}
    checked = 0

    anonymous = Checker(browser, live_server.url)
    try:
        # The check itself finds what it should: an unlabelled field is a critical violation.
        anonymous.page.goto(reverse("accounts:login"))
        anonymous.page.evaluate(
            "document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=probe>')"
        )
        assert "label" in {v["id"] for v in axe_violations(anonymous.page)}
        # ... and so does the CSP listener: an inline handler is refused and reported.
        anonymous.page.evaluate(
            "document.querySelector('main').insertAdjacentHTML("
            '\'beforeend\', \'<img alt="" src="/static/missing.png" onerror="window.x=1">\')'
        )
        anonymous.page.wait_for_function("window.__cspViolations.length > 0")
        assert "script-src" in str(csp_violations(anonymous.page))
        for path in (
            reverse("accounts:login"),
            reverse("accounts:password_reset"),
            reverse("accounts:sso_begin"),
        ):
            anonymous.check("anonymous", path, found, focus=True)
            checked += 1
    finally:
        anonymous.close()

    call_command("seed_demo")
    pages, focus = _pages()
    for email, urls in pages.items():
        # On a desktop: the pages above and whatever else the main navigation offers.
        desktop = Checker(browser, live_server.url)
        try:
            sign_in(desktop.page, email, PASSWORD)
            desktop.page.wait_for_url(f"{live_server.url}/")
            for path in urls + desktop.navigation(urls):
                desktop.check(email, path, found, focus=path in focus)
                checked += 1
        finally:
            desktop.close()
        # On a phone: the home page, then with the navigation menu open.
        phone = Checker(browser, live_server.url, viewport=PHONE)
        try:
            sign_in(phone.page, email, PASSWORD)
            phone.page.wait_for_url(f"{live_server.url}/")
            phone.audit(f"{email} (phone) /", found)
            menu = phone.page.get_by_role("button", name="Menu")
            if menu.is_visible():
                menu.click()
                phone.audit(f"{email} (phone, menu open) /", found)
            checked += 1
        finally:
            phone.close()
    assert checked >= 70, f"only {checked} pages were checked"
    assert not found, (
        f"{len(found)} of {checked} pages have serious or critical violations:\n{describe(found)}"
    )
