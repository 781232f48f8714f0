"""The five main journeys, end to end: real Chromium against the live server on the test
database, with a real Celery worker (prefork, its own redis-server) doing the background work —
launching a cycle, building development plans, Momentum's tick and its notifications.

Each journey starts from an organisation brought to its starting point through the services
(tests/browser/scenario.py) and then acts only in the browser; the worker and the redis-server
are shared by the whole module.
"""

from __future__ import annotations

import datetime
import re
import time
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Assessment, AssessmentCycle, ReviewTemplate
from assessments.reviews import services as review_services
from assessments.selectors.cycles import cycle_close_consequences
from assessments.selectors.requirements import required_capabilities
from assessments.services import cycles as cycle_services
from assessments.services import ratings as rating_services
from capabilities.catalogue.loader import catalogue_load
from capabilities.models import RoleAssignment
from capabilities.services import roles as role_services
from goals.models import ActionItem, CheckIn, GoalRedEpisode
from learning.models import DevelopmentPlan, PlanItem
from plms.people.models import Employee
from tests.browser import scenario
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.scenario import PASSWORD
from tests.goals.factories import GoalFactory
from tests.workflows.realworld import Beat, RedisServer, SmtpSink, Worker, celery_broker, wait_for
from workflows.models import Notification, WorkflowTemplate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

# Background work on a loaded 2-core machine: generous, but every wait is bounded.
WORKER_TIMEOUT = 60


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    """One prefork worker on the test database and a redis-server of the module's own; this
    process (and so the live server in it) sends its tasks there instead of running them."""
    workdir = tmp_path_factory.mktemp("journeys")
    redis_server = RedisServer(workdir).start()
    sink = SmtpSink().start()
    started = None
    try:
        with celery_broker(redis_server.url):
            started = Worker(
                broker=redis_server.url, smtp_port=sink.port, logdir=workdir, **_shared_cache()
            ).start()
            yield started
    finally:
        if started is not None:
            started.stop()
        sink.stop()
        redis_server.kill()


def _shared_cache() -> dict[str, str]:
    """The worker's cache is this process's (the live server's), as in production: the bell's
    count its notifications forget is the one the pages read."""
    cache = settings.CACHES["default"]
    if "LOCATION" not in cache:
        return {}
    return {
        "PLMS_TEST_CACHE_LOCATION": cache["LOCATION"],
        "PLMS_TEST_CACHE_PREFIX": cache.get("KEY_PREFIX", ""),
    }


def _worker_log(worker) -> str:
    return worker.log.read_text()[-3000:]


def _wait(worker, predicate, message: str):
    try:
        return wait_for(predicate, timeout=WORKER_TIMEOUT, interval=0.3, message=message)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- worker log ---\n{_worker_log(worker)}") from None


def _at_home(page) -> None:
    page.wait_for_url(lambda url: urlsplit(url).path == "/")


def _switch_to(page, email: str) -> None:
    """Sign out whoever is signed in and sign in as `email`."""
    page.context.clear_cookies()
    sign_in(page, email, PASSWORD)
    _at_home(page)


def _reload_until(page, locator, worker) -> None:
    """Reload the page until `locator` shows (work the worker does meanwhile)."""
    deadline = time.monotonic() + WORKER_TIMEOUT
    while not locator.count():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{locator} did not appear on {page.url}\n--- worker log ---\n{_worker_log(worker)}"
            )
        page.wait_for_timeout(500)
        page.reload()
    expect(locator.first).to_be_visible()


def _tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


# --- (a) HR admin: library, role, people, cycle ------------------------------------------------

PEOPLE_CSV = """email,first_name,last_name,title,department,manager_email
zoe@northwind.example,Zoe,Adams,Support Advisor,Support,maya@northwind.example
omar@northwind.example,Omar,Reid,Support Advisor,Support,maya@northwind.example
"""


def test_a_hr_admin_adopts_capabilities_builds_a_role_imports_people_and_launches_a_cycle(
    page, worker
):
    org = scenario.northwind()
    catalogue_load()
    sign_in(page, org.hr.email, PASSWORD)

    # Adopt two capabilities from the shipped catalogue.
    for query, name in (
        ("customer communication", "Customer communication"),
        ("active listening", "Active listening"),
    ):
        page.goto(reverse("capabilities:catalogue_list"))
        page.get_by_label("Search").fill(query)
        page.get_by_role("button", name="Filter").click()
        page.get_by_role("button", name=f"Adopt {name}").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)

    # Build a job role with both as requirements at level 3.
    page.goto(reverse("capabilities:role_list"))
    page.get_by_role("link", name="New job role").click()
    page.get_by_label("Name", exact=True).fill("Support Advisor")
    page.get_by_label("Role family").fill("Support")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support Advisor")
    for name in ("Customer communication", "Active listening"):
        page.get_by_label("Capability", exact=True).select_option(label=name)
        # htmx swaps in the chosen capability's level descriptors.
        expect(page.locator("#level-picker legend")).to_contain_text(name)
        page.locator("#level-picker input[name=target_level][value='3']").check()
        page.get_by_role("button", name="Save requirement").click()
        expect(page.get_by_text("Requirement saved.")).to_be_visible()
    scorecard = page.locator("main").inner_text()
    assert "Customer communication" in scorecard and "Active listening" in scorecard

    # Import two people from a CSV file.
    page.goto(reverse("people:employee_list"))
    page.get_by_role("link", name="Import CSV").click()
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": PEOPLE_CSV.encode()}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Imported: 2 new, 0 updated")).to_be_visible()

    # Give them the role.
    page.goto(reverse("capabilities:role_list"))
    page.get_by_role("link", name="Support Advisor").first.click()
    for person in ("Zoe Adams", "Omar Reid"):
        # The picker lists a few people; anyone else is a search away.
        page.get_by_label("Search people").fill(person.split()[0])
        expect(page.locator("#id_employee")).to_contain_text(person)
        page.get_by_label("Employee", exact=True).select_option(label=f"{person} — Support Advisor")
        page.get_by_role("button", name="Assign to this role").click()
        expect(page.get_by_text(f"{person} now holds Support Advisor.")).to_be_visible()

    # Create the cycle for the role and launch it; the worker creates the assessments while
    # the page shows the progress.
    today = timezone.localdate()
    page.goto(reverse("assessments:cycle_list"))
    page.get_by_role("link", name="New cycle").click()
    page.get_by_label("Name").fill("Support review")
    page.get_by_label("Period starts").fill(str(today - datetime.timedelta(days=7)))
    page.get_by_label("Period ends").fill(str(today + datetime.timedelta(days=60)))
    page.get_by_role("radio", name="Job roles").check()
    # The chosen scope's picker (a list of check boxes) shows once the scope is chosen.
    page.get_by_role("checkbox", name="Support Advisor").check()
    page.get_by_label("Peer weight (%)").fill("0")
    page.get_by_label("Self weight (%)").fill("40")
    page.get_by_label("Manager weight (%)").fill("60")
    page.get_by_role("button", name="Create cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support review")
    # Launching asks first, saying how many people it reaches.
    page.get_by_role("link", name="Launch…").click()
    expect(page.locator("#launch-consequences")).to_contain_text("2 people with a job role")
    page.get_by_role("button", name="Launch for 2 people").click()
    progress = page.locator("#launch-progress")
    expect(progress).to_contain_text("Launched: 2 of 2 people", timeout=WORKER_TIMEOUT * 1000)
    # No reload by hand: once the launch has finished, the progress poll reloads the page
    # (HX-Refresh) and the completion table shows the new assessments.
    completion = page.locator("section[aria-labelledby=completion-heading]")
    expect(completion.get_by_role("row", name="Support 0 / 4 0 %")).to_be_visible(
        timeout=WORKER_TIMEOUT * 1000
    )

    with org.scope():
        cycle = AssessmentCycle.objects.get(name="Support review")
        assert cycle.status == AssessmentCycle.Status.OPEN
        people = Employee.objects.filter(
            email__in=["zoe@northwind.example", "omar@northwind.example"]
        )
        assert (
            RoleAssignment.objects.filter(employee__in=people, role__name="Support Advisor").count()
            == 2
        )
        # Each: a self-assessment and one by Maya, their manager from the file.
        assert sorted(
            Assessment.objects.filter(cycle=cycle).values_list("kind", "rater__email")
        ) == sorted(
            [("self", "zoe@northwind.example"), ("self", "omar@northwind.example")]
            + [("manager", "maya@northwind.example")] * 2
        )


# --- (b) Employee: self-assessment by keyboard only --------------------------------------------


def test_b_employee_completes_a_self_assessment_with_the_keyboard_only(page, worker):
    org = scenario.northwind()
    scenario.library(org)
    cycle = scenario.launched_cycle(org)
    self_assessment = scenario.assessment(org, cycle, "self")

    page.goto(reverse("accounts:login"))
    page.keyboard.type(org.employee.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    _at_home(page)

    # Home → Assessments → "Myself", by Tab and Enter.
    _tab_to(page, f"a[href='{reverse('assessments:my_assessments')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('assessments:my_assessments')}")
    _tab_to(
        page,
        f"a[href='{reverse('assessments:assessment_form', kwargs={'id': self_assessment.uuid})}']",
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My self-assessment")).to_be_visible()

    blocks = page.locator("section.capability-block")
    count = blocks.count()
    assert count == len(scenario.CAPABILITIES)
    for index in range(count):
        group = blocks.nth(index).locator("input[type=radio]").first.get_attribute("name")
        # Tab enters the radio group on its first level; Space picks it, the arrows move on.
        _tab_to(page, f"input[type=radio][name='{group}']")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.value") == "3"
        assert page.evaluate("document.activeElement.checked")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
        page.keyboard.type(f"Example {index + 1}: I resolved a difficult case on my own.")
        # The change is autosaved (htmx) and announced in the block's live region.
        expect(blocks.nth(index).locator("[aria-live=polite]")).not_to_be_empty()

    _tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Submitted. Thank you.")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Submitted")

    with org.scope():
        self_assessment.refresh_from_db()
        assert self_assessment.status == Assessment.Status.SUBMITTED
        ratings = list(self_assessment.ratings.values_list("level", "evidence"))
        assert len(ratings) == count
        assert all(level == 3 and evidence.startswith("Example") for level, evidence in ratings)


# --- (c) Manager: rating beside the self-rating, then a check-in with action items ------------


def test_c_manager_rates_the_report_beside_the_self_rating_and_runs_a_check_in(page, worker):
    org = scenario.northwind()
    scenario.library(org)
    cycle = scenario.launched_cycle(org)
    scenario.rate_and_submit(org, cycle, "self", 4)
    manager_assessment = scenario.assessment(org, cycle, "manager")

    sign_in(page, org.manager.email, PASSWORD)
    page.goto(reverse("assessments:my_assessments"))
    page.get_by_role("link", name="Eli Novak").click()
    expect(page.get_by_role("heading", name="Assessment of Eli Novak")).to_be_visible()
    blocks = page.locator("section.capability-block:has(fieldset.levels)")
    assert blocks.count() == len(scenario.CAPABILITIES)
    for index in range(blocks.count()):
        block = blocks.nth(index)
        expect(block.locator(".self-rating")).to_contain_text("Self-rating: 4")
        block.locator("input[type=radio][value='3']").check()
        block.get_by_label("Evidence").fill("Handles most cases alone; escalates the hardest.")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Submitted. Thank you.")).to_be_visible()

    # The submitted form shows both ratings side by side, locked.
    page.get_by_role("link", name="Eli Novak").click()
    for index in range(blocks.count()):
        block = blocks.nth(index)
        expect(block.locator(".self-rating")).to_contain_text("Self-rating: 4")
        chosen = block.locator("input[type=radio][value='3']")
        expect(chosen).to_be_checked()
        expect(chosen).to_be_disabled()

    # A weekly check-in with Eli: agenda, an action item, completed.
    page.goto(reverse("goals:check_in_list"))
    page.get_by_label("With").select_option(label="Eli Novak")
    page.get_by_label("Every").select_option(label="Week")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Recurring check-in started.")).to_be_visible()
    page.get_by_role("textbox", name="Obstacles").fill("The refund tool is slow at peak times.")
    page.get_by_role("textbox", name="Priorities").fill(
        "Complaint handling; shadow the escalations desk."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    actions = page.locator("section[aria-labelledby=actions-heading]")
    for text, who, days in (
        ("Book two shifts on the escalations desk", "Eli Novak", 7),
        ("Ask IT about the refund tool at peak times", "Maya Patel", 3),
    ):
        page.get_by_role("textbox", name="Action", exact=True).fill(text)
        page.get_by_role("combobox", name="Who").select_option(label=who)
        page.get_by_label("By", exact=True).fill(
            str(timezone.localdate() + datetime.timedelta(days=days))
        )
        page.get_by_role("button", name="Add", exact=True).click()
        expect(actions).to_contain_text(text)
    page.get_by_role("button", name="Complete").click()
    expect(page.locator("main")).to_contain_text("Completed")

    with org.scope():
        manager_assessment.refresh_from_db()
        assert manager_assessment.status == Assessment.Status.SUBMITTED
        assert set(manager_assessment.ratings.values_list("level", flat=True)) == {3}
        check_in = CheckIn.objects.get(report=org.employee.employee, status="completed")
        # Completing schedules the next one of the weekly series.
        assert CheckIn.objects.filter(report=org.employee.employee, status="scheduled").count() == 1
        assert "refund tool" in check_in.obstacles
        owners = dict(ActionItem.objects.values_list("text", "owner__email"))
        assert owners == {
            "Book two shifts on the escalations desk": org.employee.email,
            "Ask IT about the refund tool at peak times": org.manager.email,
        }


# --- (d) Cycle closes → plan built by the worker → approved → an item completed ---------------


def test_d_closing_the_cycle_builds_a_plan_the_manager_approves_and_the_employee_progresses(
    page, worker
):
    org = scenario.northwind()
    scenario.library(org)
    cycle = scenario.launched_cycle(org)
    scenario.rate_and_submit(org, cycle, "self", 2)
    scenario.rate_and_submit(org, cycle, "manager", 1)

    sign_in(page, org.hr.email, PASSWORD)
    page.goto(reverse("assessments:cycle_detail", kwargs={"id": cycle.uuid}))
    # Closing asks first, in numbers, and for a reason when anything is unsubmitted.
    page.get_by_role("link", name="Close and consolidate…").click()
    expect(page.locator("#close-consequences")).to_contain_text("consolidated")
    reason = page.get_by_label("Why close now?")
    if reason.count():
        reason.fill("The review period is over.")
    page.get_by_role("button", name=re.compile(r"^Close")).click()
    expect(page.get_by_text("Cycle closed; results are consolidated.")).to_be_visible()
    # HR's home follows the closed cycle and says when its trends were computed.
    page.goto("/")
    organisation = page.locator("#organisation")
    expect(organisation).to_contain_text("learning and adoption as of")
    expect(organisation.locator(".stage-closed").first).to_be_visible()

    # The worker builds a draft plan from the consolidated gaps: it appears on Eli's page, and
    # he proposes it to his manager.
    _switch_to(page, org.employee.email)
    page.goto(reverse("learning:my_plan"))
    propose = page.get_by_role("button", name="Propose to my manager")
    _reload_until(page, propose, worker)
    with org.scope():
        plan = DevelopmentPlan.objects.get(employee=org.employee.employee)
        items = plan.items.count()
    assert items == len(scenario.CAPABILITIES), "one item per capability below its target"
    expect(page.locator("ol.checklist > li")).to_have_count(items)
    propose.click()
    expect(page.locator("main")).to_contain_text("Proposed to manager")

    # Maya sees Eli's levels against his targets on her home, then approves the plan from her
    # team's plans.
    _switch_to(page, org.manager.email)
    page.goto("/")
    card = page.locator("section[aria-labelledby='team-heat-heading']")
    expect(card.get_by_role("row", name="Eli Novak")).to_contain_text("below target")
    page.goto(reverse("learning:team"))
    page.get_by_role("link", name=f"Eli Novak: {plan.title}").click()
    page.get_by_label("Reason for your changes").fill("Agreed in our check-in.")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("main")).to_contain_text("Approved")

    # Eli completes the first item on his plan.
    _switch_to(page, org.employee.email)
    page.goto(reverse("learning:my_plan"))
    first = page.locator("ol.checklist > li").first
    first.get_by_label("Status").select_option(label="Done")
    first.get_by_label("Evidence").fill("Handled ten escalations with Maya listening in.")
    first.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Progress saved.")).to_be_visible()
    expect(page.locator("#plan-progress-label")).to_contain_text("1 of")
    expect(page.get_by_role("button", name="Start the plan")).to_have_count(0)
    expect(page.get_by_role("button", name="Save progress").first).to_be_visible()

    with org.scope():
        plan.refresh_from_db()
        # The first item done started the plan: "Start the plan" is no longer offered.
        assert plan.status == DevelopmentPlan.Status.ACTIVE
        # One item per capability below its target, each saying why it is there.
        assert sorted(plan.items.values_list("capability__source_key", flat=True)) == sorted(
            scenario.CAPABILITIES
        )
        assert PlanItem.objects.filter(plan=plan, status=PlanItem.Status.DONE).count() == 1


# --- (e) A goal turns red → the manager is notified in-app -------------------------------------


def test_e_a_goal_turning_red_notifies_the_manager_in_app(page, worker):
    org = scenario.northwind()
    today = timezone.localdate()
    with org.scope():
        goal = GoalFactory(
            organization=org.organization,
            owner_employee=org.employee.employee,
            title="Resolve 90 % of contacts first time",
            baseline=Decimal(50),
            target=Decimal(90),
            start_date=today - datetime.timedelta(days=60),
            due_date=today + datetime.timedelta(days=30),
        )

    # HR switches on a Momentum workflow: when a goal turns red, tell the owner's manager.
    sign_in(page, org.hr.email, PASSWORD)
    page.goto(reverse("workflows:template_create"))
    page.get_by_label("Name", exact=True).fill("Red goal alert")
    page.get_by_label("When something happens").check()
    page.get_by_label("Event", exact=True).select_option(label="A goal turns red")
    page.get_by_label("Everyone").check()
    milestone = page.locator("fieldset.milestone").first
    milestone.get_by_label("Milestone", exact=True).fill("{employee}'s goal is red")
    milestone.get_by_label("What happens").select_option(label="Send a message")
    milestone.get_by_label("Who", exact=True).select_option(label="The manager")
    milestone.get_by_label("Message").fill(
        "A goal of {employee} has turned red: agree the next step."
    )
    page.get_by_role("button", name="Save workflow").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Red goal alert")
    page.get_by_role("link", name="Activate…").click()
    expect(page.locator("#workflow-consequences")).to_contain_text("It applies to")
    page.get_by_role("button", name="Activate").click()
    expect(page.locator("main")).to_contain_text("Active")

    beat = Beat(interval=1.0).start()
    try:
        # Eli records progress far behind the expected pace: the goal turns red.
        _switch_to(page, org.employee.email)
        page.goto(reverse("goals:goal_detail", kwargs={"id": goal.uuid}))
        page.get_by_label("New value").fill("52")
        page.get_by_role("button", name="Record progress").click()
        expect(page.locator(".rag-red").first).to_be_visible()
        with org.scope():
            assert GoalRedEpisode.objects.filter(goal=goal).count() == 1

        # Momentum's tick runs in the worker; Maya's bell and list show the message.
        _switch_to(page, org.manager.email)
        _wait(worker, lambda: _notified(org), "the manager was notified that the goal turned red")
        page.reload()
        expect(page.locator(".bell .badge")).to_have_text("1")
        page.locator(".bell").click()
        expect(page.locator("main")).to_contain_text("Eli Novak's goal is red")
    finally:
        beat.stop()

    with org.scope():
        template = WorkflowTemplate.objects.get(name="Red goal alert")
        assert template.runs.count() == 1
        assert Notification.objects.filter(recipient=org.manager.employee.user).count() == 1
        assert not Notification.objects.filter(recipient=org.employee.employee.user).exists()


def _notified(org) -> bool:
    with org.scope():
        return Notification.objects.filter(recipient=org.manager.employee.user).exists()


# --- (f) Reviews: HR builds a template, a report answers upward, the manager sees the aggregate

PHONE = {"width": 390, "height": 844}


def _shots(page, name: str) -> None:
    """Screenshots of the page at desktop width and on a phone (where nothing may overflow
    sideways), in test-artifacts/reviews/."""
    folder = ARTIFACTS / "reviews"
    folder.mkdir(parents=True, exist_ok=True)
    desktop = page.viewport_size
    page.screenshot(path=str(folder / f"{name}-desktop.png"), full_page=True)
    (folder / f"{name}.txt").write_text(page.inner_text("body"))
    page.set_viewport_size(PHONE)
    try:
        page.screenshot(path=str(folder / f"{name}-phone.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} overflows a phone: {width} px"
    finally:
        page.set_viewport_size(desktop)


def test_f_hr_builds_a_review_template_a_report_answers_and_the_manager_sees_the_aggregate(
    page, worker
):
    org = scenario.northwind()
    role = scenario.library(org)
    with org.scope():
        second = scenario._person(
            org.organization,
            email="zoe@northwind.example",
            first="Zoe",
            last="Adams",
            title="Support Advisor",
            manager=org.manager.employee,
        )
        for person in (org.manager, second):
            role_services.role_assign(actor=org.hr.actor, employee=person.employee, role=role)

    # HR builds the template in the browser: a question for reports about their manager.
    _switch_to(page, org.hr.email)
    page.goto(reverse("assessments:review_templates"))
    page.get_by_label("Name").fill("Upward review")
    page.get_by_role("button", name="Create template").click()
    expect(page.get_by_role("heading", name="Upward review")).to_be_visible()
    page.get_by_role("link", name="Add a section").click()
    page.get_by_label("Kind of section").select_option("rating")
    page.get_by_label("Title").fill("Your manager")
    page.get_by_label("Reports, about their manager (upward)").check()
    page.get_by_label("The employee (self)").uncheck()
    page.get_by_label("Managers").uncheck()
    page.get_by_label("Questions, one a line").fill("How well does your manager remove obstacles?")
    page.get_by_role("button", name="Save section").click()
    expect(page.get_by_text("How well does your manager remove obstacles?")).to_be_visible()
    expect(page.get_by_text("Version 2", exact=True)).to_be_visible()
    _shots(page, "1-hr-template")

    # A cycle asks it (set up as HR would on the cycle form), launched by the worker.
    today = timezone.localdate()
    with org.scope():
        template = ReviewTemplate.objects.get(name="Upward review")
        cycle = cycle_services.cycle_create(
            actor=org.hr.actor,
            name="Autumn review",
            period_start=today - datetime.timedelta(days=30),
            period_end=today + datetime.timedelta(days=60),
            weight_self=100,
            weight_manager=0,
            weight_peer=0,
            weight_expert=0,
            review_template=template,
            upward_reviews=True,
            min_upward=2,
        )
        cycle = cycle_services.cycle_launch(actor=org.hr.actor, cycle=cycle)
    _wait(worker, lambda: scenario._launched(org, cycle.pk), "the worker launched the cycle")
    with org.scope():
        upward = {
            a.rater_id: a
            for a in Assessment.objects.filter(cycle=cycle, kind="upward").select_related("cycle")
        }
        assert set(upward) == {org.employee.employee.pk, second.employee.pk}
        # Zoe has answered already.
        zoe = second
        review_services.answers_save(
            actor=zoe.actor,
            assessment=upward[second.employee.pk],
            answers={template.sections[1]["questions"][0]["key"]: 2},
        )
        requirements = Assessment.objects.get(pk=upward[second.employee.pk].pk)
        items = [
            rating_services.RatingInput(r.capability, 3, "Seen in our one-to-ones.")
            for r in required_capabilities(employee_id=org.manager.employee.pk).values()
        ]
        rating_services.ratings_save(actor=zoe.actor, assessment=requirements, items=items)
        rating_services.assessment_submit(actor=zoe.actor, assessment=requirements)

    # Eli answers his upward review in the browser.
    _switch_to(page, org.employee.email)
    page.goto(
        reverse("assessments:assessment_form", kwargs={"id": upward[org.employee.employee.pk].uuid})
    )
    expect(page.get_by_text("never sees your review on its own")).to_be_visible()
    _shots(page, "2-report-upward-form")
    for block in page.locator("section.capability-block[data-rating-group]").all():
        block.locator("input[type=radio][value='4']").check()
        block.locator("textarea").fill("Clear priorities every week.")
    question = page.locator(".review-section .question", has_text="remove obstacles")
    question.locator("input[type=radio][value='4']").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Submitted. Thank you.")).to_be_visible()
    _shots(page, "3-report-submitted")

    with org.scope():
        own = Assessment.objects.get(cycle=cycle, kind="self", employee=org.manager.employee)
        items = [
            rating_services.RatingInput(r.capability, 3, "My own view.")
            for r in required_capabilities(employee_id=org.manager.employee.pk).values()
        ]
        rating_services.ratings_save(actor=org.manager.actor, assessment=own, items=items)
        rating_services.assessment_submit(actor=org.manager.actor, assessment=own)
        cycle_services.cycle_close(
            actor=org.hr.actor,
            cycle=cycle,
            confirmed_unsubmitted=cycle_close_consequences(cycle=cycle).unsubmitted,
            reason="Closing on time.",
        )

    # Maya sees the aggregate of her two reports, never one answer on its own.
    _switch_to(page, org.manager.email)
    page.goto(reverse("assessments:results", kwargs={"id": org.manager.employee.uuid}))
    answers = page.locator("section[aria-labelledby=answers-heading]")
    expect(answers).to_contain_text("How well does your manager remove obstacles?")
    expect(answers).to_contain_text("mean 3 from 2 answers")
    expect(answers).not_to_contain_text("level 2: 1")
    expect(answers).not_to_contain_text("Eli")
    _shots(page, "4-manager-results")

    # HR reads the distribution per question, still without a name.
    _switch_to(page, org.hr.email)
    page.goto(reverse("assessments:results", kwargs={"id": org.manager.employee.uuid}))
    answers = page.locator("section[aria-labelledby=answers-heading]")
    expect(answers).to_contain_text("level 2: 1")
    expect(answers).not_to_contain_text("Eli")
    _shots(page, "5-hr-results")
    page.goto(reverse("assessments:calibration", kwargs={"id": cycle.uuid}))
    expect(page.get_by_role("heading", name="Review answers")).to_be_visible()
    _shots(page, "6-hr-calibration")
