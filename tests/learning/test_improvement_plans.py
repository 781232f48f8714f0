"""Performance improvement plans in the browser: a manager starts one from the person's page,
HR signs it off (which starts the review reminders), HR lists open plans with status and
outcome; and a plan's actions match its state."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import DevelopmentPlan, PlanItem
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.goals.factories import GoalFactory
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory
from workflows import triggers
from workflows.models import WorkflowTemplate


def _form(today, goal=None, **extra):
    day = datetime.timedelta(days=1)
    data = {
        "title": "Back to first-time resolution",
        "reason": "First-time resolution fell from 85 % to 52 % over the quarter.",
        "period_start": today.isoformat(),
        "period_end": (today + 60 * day).isoformat(),
        "milestone_1": "Resolve 80 % of contacts first time",
        "milestone_1_due": (today + 30 * day).isoformat(),
        "milestone_2": "",
        "milestone_2_due": "",
        "review_1": (today + 14 * day).isoformat(),
        "review_2": (today + 42 * day).isoformat(),
    }
    if goal is not None:
        data["goals"] = [str(goal.uuid)]
    data.update(extra)
    return data


def test_a_manager_starts_a_pip_from_the_persons_page_and_hr_signs_it_off(world, login_client):
    today = timezone.localdate()
    person = reverse("people:employee_detail", args=[world.employee.employee.uuid])
    start = reverse("learning:improvement_plan_start", args=[world.employee.employee.uuid])
    with in_org(world.org):
        goal = GoalFactory(organization=world.org, owner_employee=world.employee.employee)
        other = GoalFactory(organization=world.org, owner_employee=world.manager.employee)

    manager = login_client(world.manager)
    assert start in manager.get(person).content.decode()
    form = manager.get(start).content.decode()
    assert goal.title in form and other.title not in form  # only the person's own goals
    assert 'name="sign_off"' not in form  # HR signs off
    # A milestone without a date is sent back at the field, the text kept.
    bad = manager.post(start, _form(today, goal, milestone_1_due=""))
    assert bad.status_code == 200 and "Give the milestone a due date." in bad.content.decode()
    assert "First-time resolution fell" in bad.content.decode()
    created = manager.post(start, _form(today, goal))
    assert created.status_code == 302
    with in_org(world.org):
        plan = DevelopmentPlan.objects.get(kind="improvement")
    assert plan.status == DevelopmentPlan.Status.DRAFT and plan.reason.startswith("First-time")
    assert plan.linked_goal_ids == [str(goal.uuid)]
    detail = manager.get(created["Location"]).content.decode()
    assert "Waiting for HR" in detail and goal.title in detail
    assert "Sign off and start the plan" not in detail

    # The employee cannot start one for themselves, nor for a colleague.
    employee = login_client(world.employee)
    assert start not in employee.get(person).content.decode()
    assert employee.get(start).status_code == 404

    hr = login_client(world.hr)
    listing = hr.get(reverse("learning:improvement_plans")).content.decode()
    assert world.employee.employee.full_name in listing and "Waiting" in listing
    hr.post(reverse("learning:plan_action", args=[plan.uuid]), {"action": "sign_off"})
    with in_org(world.org):
        plan.refresh_from_db()
        assert plan.status == DevelopmentPlan.Status.ACTIVE and plan.hr_signed_off_by_id
        template = WorkflowTemplate.objects.get(source="improvement_plan_reviews")
        assert template.status == WorkflowTemplate.Status.ACTIVE
        # The workflow's trigger reads this sign-off at the next tick.
        source = triggers.EVENT_SOURCES["improvement_plan_signed_off"]
        hits, _cursor = source.poll(template, timezone.now(), 10)
        assert [hit.occurrence for hit in hits] == [f"pip:{plan.uuid}"]
    detail = hr.get(reverse("learning:plan_detail", args=[plan.uuid])).content.decode()
    assert "Signed off by" in detail

    # Completed with its outcome, it leaves the open list for the completed one.
    hr.post(
        reverse("learning:plan_action", args=[plan.uuid]),
        {"action": "complete", "outcome": "met", "note": "Back at 86 %."},
    )
    assert plan.title not in hr.get(reverse("learning:improvement_plans")).content.decode()
    done = hr.get(reverse("learning:improvement_plans"), {"status": "completed"})
    assert plan.title in done.content.decode() and "Expectations met" in done.content.decode()


def test_hr_writes_and_signs_off_in_one_step(world, login_client):
    today = timezone.localdate()
    hr = login_client(world.hr)
    start = reverse("learning:improvement_plan_start", args=[world.employee.employee.uuid])
    assert 'name="sign_off"' in hr.get(start).content.decode()
    hr.post(start, _form(today, sign_off="on"))
    with in_org(world.org):
        plan = DevelopmentPlan.objects.get(kind="improvement")
    assert plan.status == DevelopmentPlan.Status.ACTIVE and plan.hr_signed_off_at


def test_the_improvement_plan_list_costs_the_same_for_more_plans(world, login_client):
    def add(count):
        for _ in range(count):
            person = EmployeeFactory(organization=world.org, manager=world.manager.employee)
            DevelopmentPlanFactory(
                organization=world.org,
                employee=person,
                kind="improvement",
                review_dates=["2027-02-01"],
            )

    hr = login_client(world.hr)
    url = reverse("learning:improvement_plans")
    add(2)
    hr.get(url)
    with CaptureQueriesContext(connection) as few:
        assert hr.get(url).status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        page = hr.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert page.content.decode().count("<tr>") == 1 + 10


# --- (f) A plan's actions match its state -----------------------------------------------------


def test_progress_on_an_approved_plan_starts_it_and_the_item_forms_stay(world, login_client):
    plan = DevelopmentPlanFactory(
        organization=world.org, employee=world.employee.employee, status="approved"
    )
    first = PlanItemFactory(organization=world.org, plan=plan, order=1)
    PlanItemFactory(organization=world.org, plan=plan, order=2)
    client = login_client(world.employee)
    mine = client.get(reverse("learning:my_plan")).content.decode()
    assert "Start the plan" in mine  # nothing done yet
    # The plan's kind is said once, in its title, not again beside it.
    assert "· Development plan ·" not in mine
    client.post(
        reverse("learning:plan_item_update", args=[first.uuid]),
        {"status": "done", "evidence": "Certificate", "reflection": ""},
    )
    with in_org(world.org):
        plan.refresh_from_db()
        assert plan.status == DevelopmentPlan.Status.ACTIVE and plan.activated_at
        assert PlanItem.objects.get(pk=first.pk).status == "done"
    mine = client.get(reverse("learning:my_plan")).content.decode()
    assert "Start the plan" not in mine
    assert mine.count("Save progress") == 2  # every item can still be moved
    detail = client.get(reverse("learning:plan_detail", args=[plan.uuid])).content.decode()
    assert "Start the plan" not in detail and detail.count("Save progress") == 2


def test_starting_from_my_plan_comes_back_to_it_with_the_forms(world, login_client):
    plan = DevelopmentPlanFactory(
        organization=world.org, employee=world.employee.employee, status="approved"
    )
    PlanItemFactory(organization=world.org, plan=plan)
    client = login_client(world.employee)
    started = client.post(
        reverse("learning:plan_action", args=[plan.uuid]), {"action": "activate", "next": "my_plan"}
    )
    assert started["Location"] == reverse("learning:my_plan")
    page = client.get(started["Location"]).content.decode()
    assert "The plan has started." in page and "Save progress" in page
