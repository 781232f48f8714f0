"""Screens that read as finished, in real Chromium at desktop and phone widths: forms show the
controls of the choice made (with and without JavaScript), charts keep their labels whole."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _signed_in(browser, live_server, person, viewport, *, javascript: bool = True):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, person.user.email, "pass-word-123")
    page.wait_for_url(f"{live_server.url}/")
    return context, page


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_workflow_form_shows_the_picker_of_the_chosen_audience_only(
    browser, live_server, hr_admin, javascript
):
    context, page = _signed_in(browser, live_server, hr_admin, PHONE, javascript=javascript)
    try:
        page.goto("/workflows/new/")
        departments = page.get_by_role("group", name="Departments", exact=True)
        roles = page.get_by_role("group", name="Job roles", exact=True)
        people = page.locator(".audience-people")  # a search and a select of chosen people
        expect(page.get_by_role("radio", name="Everyone")).to_be_checked()
        for picker in (departments, roles, people):
            expect(picker).to_be_hidden()
        page.get_by_role("radio", name="Departments").check()
        expect(departments).to_be_visible()
        expect(roles).to_be_hidden()
        expect(people).to_be_hidden()
        page.get_by_role("radio", name="Chosen people").check()
        expect(people).to_be_visible()
        expect(departments).to_be_hidden()

        # The trigger shows its own fields only.
        expect(page.get_by_label("Date (or first date of the recurrence)")).to_be_visible()
        expect(page.get_by_label("Recurrence (RRULE)")).to_be_hidden()
        expect(page.get_by_label("Event", exact=True)).to_be_hidden()
        page.get_by_role("radio", name="When something happens").check()
        expect(page.get_by_label("Event", exact=True)).to_be_visible()
        expect(page.get_by_label("Date (or first date of the recurrence)")).to_be_hidden()
        page.get_by_role("radio", name="On a recurrence").check()
        expect(page.get_by_label("Recurrence (RRULE)")).to_be_visible()
        expect(page.get_by_label("Date (or first date of the recurrence)")).to_be_visible()

        # A milestone shows the settings of its kind only.
        milestone = page.get_by_role("group", name="Milestone 1")
        tell = milestone.get_by_label("Tell the manager when the self-assessment is submitted")
        cadence = milestone.get_by_label("How often the check-ins repeat")
        expect(tell).to_be_hidden()
        expect(cadence).to_be_hidden()
        milestone.get_by_label("What happens").select_option(label="Launch an assessment")
        expect(tell).to_be_visible()
        expect(tell).to_be_checked()
        expect(cadence).to_be_hidden()
        milestone.get_by_label("What happens").select_option(label="Schedule a check-in")
        expect(cadence).to_be_visible()
        expect(tell).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_radar_labels_are_whole_and_readable(browser, live_server, employee, viewport):
    """Long capability names, drawn in a card of the page: no label cut, clipped or under
    12 px."""
    from assessments.charts import RadarAxis, radar_svg
    from tests.assessments.test_charts import LONG_NAMES
    from tests.browser.hygiene import page_problems

    svg = str(radar_svg([RadarAxis(n, 3, 2.5) for n in LONG_NAMES], top=5, title="Radar"))
    context, page = _signed_in(browser, live_server, employee, viewport)
    try:
        page.evaluate(
            "(svg) => document.querySelector('main').insertAdjacentHTML("
            '\'afterbegin\', `<section class="card" id="planted">${svg}</section>`)',
            svg,
        )
        expect(page.locator("#planted svg.radar")).to_be_visible()
        assert "…" not in page.locator("#planted").inner_text()
        chart_problems = [p for p in page_problems(page, phone=False) if "chart text" in p]
        assert chart_problems == []
    finally:
        context.close()


def test_a_short_table_is_as_wide_as_its_columns_and_a_run_reads_in_words(
    browser, live_server, org_a, hr_admin, employee
):
    from tests.conftest import in_org
    from tests.workflows.factories import MilestoneRunFactory, WorkflowRunFactory

    with in_org(org_a):
        run = WorkflowRunFactory(organization=org_a, employee=employee.employee, state="completed")
        MilestoneRunFactory(organization=org_a, run=run, state="done", outcome="Sent to 2 people.")
    context, page = _signed_in(browser, live_server, hr_admin, DESKTOP)
    try:
        page.goto(f"/workflows/runs/{run.uuid}/")
        table = page.locator("main table.table")
        expect(table).to_contain_text("starts · Send a message")
        expect(table).to_contain_text("Sent to 2 people.")
        box = table.bounding_box()
        last_header = table.locator("thead th").last.bounding_box()
        # No blank band to the right of the last column.
        assert box["x"] + box["width"] <= last_header["x"] + last_header["width"] + 2
    finally:
        context.close()


def test_a_long_notification_title_wraps_from_the_left_on_a_phone(
    browser, live_server, org_a, employee
):
    from tests.conftest import in_org
    from tests.workflows.factories import NotificationFactory

    with in_org(org_a):
        NotificationFactory(
            organization=org_a,
            recipient=employee.user,
            title="Check-in Marcus Bell · Emma Clarke on 7 Dec 2026, with a title long enough",
            link="/goals/",
        )
    context, page = _signed_in(browser, live_server, employee, PHONE)
    try:
        page.goto("/notifications/")
        title = page.get_by_role("button", name="Check-in Marcus Bell")
        expect(title).to_be_visible()
        assert title.evaluate("(el) => getComputedStyle(el).textAlign") in ("start", "left")
    finally:
        context.close()


BROKEN_WORDS = """(elements) => elements.flatMap((element) => {
  const text = element.firstChild;
  const broken = [];
  let at = 0;
  for (const word of text.data.split(' ')) {
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + word.length);
    if (range.getClientRects().length > 1) broken.push(word);
    at += word.length + 1;
  }
  return broken;
})"""


def test_the_nine_box_keeps_its_names_whole_on_a_phone(browser, live_server):
    """The demo's closed cycle: on a phone the 9-box scrolls in its card, with a cue, rather
    than breaking "Inconsistent performer" mid-word."""
    from django.core.management import call_command
    from django.urls import reverse

    from assessments.models import AssessmentCycle
    from plms.tenancy.models import Organization
    from tests.browser.hygiene import page_problems
    from tests.conftest import in_org

    call_command("seed_demo")
    with in_org(Organization.objects.get(slug="acme")):
        closed = AssessmentCycle.objects.get(status=AssessmentCycle.Status.CLOSED)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, "hr@acme.example", "plms-demo")
        page.wait_for_url(f"{live_server.url}/")
        page.goto(reverse("assessments:calibration", args=[closed.uuid]))
        section = page.locator("section[aria-labelledby=ninebox-heading]")
        names = section.locator(".box > strong")
        expect(names).to_have_count(9)
        expect(section.locator(".scroll-hint")).to_be_visible()
        assert names.evaluate_all(BROKEN_WORDS) == []
        assert [p for p in page_problems(page, phone=True) if "overflow" in p] == []
    finally:
        context.close()
