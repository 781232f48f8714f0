"""The loops that must close: each one from the event to the person who has to act, through
the services, the engine's tick and the pages.

(a) a red goal's follow-up opens a check-in that lists that goal; (b) an escalation from a
check-in reaches the person escalated to and is resolved with a note; (c) a submitted
self-assessment tells the manager, once; (d) notifications link to their object; (e) the
review dates of a performance improvement plan remind the employee and the manager.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from goals import services as goal_services
from goals.checkins import services as checkin_services
from goals.models import CheckInGoalReview, GoalRedEpisode
from learning.models import DevelopmentPlan
from learning.services import plans as plan_services
from plms.common.errors import ApplicationError
from tests.conftest import in_org
from tests.goals.factories import GoalFactory
from tests.workflows.conftest import T0, actor_for, days
from workflows import services
from workflows.models import MilestoneRun, Notification, WorkflowTemplate
from workflows.triggers import anchor_on, organization_zone

pytestmark = pytest.mark.django_db


def _red_goal(org, owner):
    """A goal of `owner` that is red: 52 of 50 → 90 two thirds of the way through."""
    today = timezone.localdate()
    with in_org(org):
        goal = GoalFactory(
            organization=org,
            owner_employee=owner.employee,
            title="Resolve 90 % of contacts first time",
            baseline=Decimal(50),
            target=Decimal(90),
            start_date=today - datetime.timedelta(days=60),
            due_date=today + datetime.timedelta(days=30),
        )
        goal_services.goal_progress_record(actor=actor_for(owner), goal=goal, value=Decimal(52))
        assert GoalRedEpisode.objects.filter(goal=goal).exists()
    return goal


# --- (a) A red goal → the follow-up check-in lists it -----------------------------------------


def test_a_red_goals_follow_up_check_in_lists_the_goal(org_a, team, tick, client):
    hr, manager, employee = team["hr"], team["manager"], team["employee"]
    with in_org(org_a):
        # The pair's weekly 1:1 was scheduled before anything was red: nothing to review.
        series = checkin_services.check_in_series_create(
            actor=actor_for(manager),
            report=employee.employee,
            first_date=T0.date() + datetime.timedelta(days=2),
        )
        check_in = series.check_ins.get()
        assert not CheckInGoalReview.objects.filter(check_in=check_in).exists()
        template = services.workflow_template_instantiate(
            actor=actor_for(hr), key="red_goal_follow_up", today=T0.date()
        )
        services.workflow_template_activate(actor=actor_for(hr), template=template, now=T0)
    goal = _red_goal(org_a, employee)

    tick(T0 + days(0.05))

    with in_org(org_a):
        step = MilestoneRun.objects.get(run__template=template, kind="schedule_check_in")
        assert step.object_id == str(check_in.uuid)  # the 1:1 that was there already
        assert CheckInGoalReview.objects.filter(check_in=check_in, goal=goal).exists()
        told = Notification.objects.get(recipient=manager.user, title__contains="goal is red")
    # (d) The "goal is red" message opens the goal, not the notification list.
    assert told.link == reverse("goals:goal_detail", args=[goal.uuid])

    client.force_login(manager.user)
    page = client.get(reverse("goals:check_in_detail", args=[check_in.uuid])).content.decode()
    assert goal.title in page
    assert "No goal is due or at risk" not in page


def test_a_plain_message_links_to_the_person_it_is_about(org_a, team, tick, client):
    """(d) A "send a message" step has no object of its own: it opens the person's page, which
    everyone it tells (the person, their manager) may open."""
    hr, manager, employee = team["hr"], team["manager"], team["employee"]
    with in_org(org_a):
        template = services.workflow_template_create(
            actor=actor_for(hr),
            name="Welcome",
            trigger="date",
            start_date=T0.date(),
            audience="people",
            audience_ids=[str(employee.employee.uuid)],
            milestones=[
                {"name": "Welcome, {employee}", "kind": "send_message", "recipients": "both"}
            ],
        )
        services.workflow_template_activate(actor=actor_for(hr), template=template, now=T0)

    tick(T0 + days(0.01))

    with in_org(org_a):
        told = list(Notification.objects.filter(event="workflow.message"))
    assert {n.recipient_id for n in told} == {employee.user.pk, manager.user.pk}
    person_page = reverse("people:employee_detail", args=[employee.employee.uuid])
    assert {n.link for n in told} == {person_page}
    for member in (employee, manager):
        client.force_login(member.user)
        assert client.get(person_page).status_code == 200


def test_the_weekly_check_in_message_reads_right_for_both_people_it_tells(org_a, team, tick):
    """The check-in notice goes to the employee and the manager: its words address neither
    as the other ("Hold your check-in with Emma" sent to Emma)."""
    hr, manager, employee = team["hr"], team["manager"], team["employee"]
    with in_org(org_a):
        template = services.workflow_template_instantiate(
            actor=actor_for(hr), key="weekly_check_ins", today=T0.date() - days(1)
        )
        services.workflow_template_activate(actor=actor_for(hr), template=template, now=T0)
    tick(T0 + days(0.01))
    with in_org(org_a):
        told = list(Notification.objects.filter(event="workflow.check_in"))
    assert {n.recipient_id for n in told} >= {employee.user.pk, manager.user.pk}
    for notice in told:
        assert "your check-in with" not in notice.body.lower()
        assert notice.body.startswith("To hold by ")


# --- (b) An escalation → the person escalated to hears, decides, the manager and HR see it ----


def test_an_escalation_notifies_the_person_escalated_to_and_is_resolved_with_a_note(
    org_a, team, client
):
    hr, manager, employee = team["hr"], team["manager"], team["employee"]
    boss = hr  # the manager's manager in the shared fixtures
    with in_org(org_a):
        series = checkin_services.check_in_series_create(
            actor=actor_for(manager), report=employee.employee, first_date=T0.date()
        )
        check_in = series.check_ins.get()
        checkin_services.check_in_update(
            actor=actor_for(employee),
            check_in=check_in,
            obstacles="The CRM licence expired; no access to customer history.",
        )
        escalation = checkin_services.check_in_escalate(
            actor=actor_for(employee), check_in=check_in, part="obstacles"
        )
        assert escalation.escalated_to_id == boss.employee.pk
        told = Notification.objects.get(event="check_in.escalated")
    assert told.recipient_id == boss.user.pk
    assert "Obstacles escalated to you" in told.title and "CRM licence" in told.body
    assert told.link.startswith(reverse("goals:check_in_detail", args=[check_in.uuid]))

    # It is on their "What is due" until they resolve it.
    client.force_login(boss.user)
    home = client.get(reverse("web:home")).content.decode()
    assert "Obstacles escalated by" in home
    url = reverse("goals:check_in_escalation_resolve", args=[escalation.uuid])
    assert client.post(url, {"note": " "}).status_code == 302  # refused: a note is needed
    with in_org(org_a):
        escalation.refresh_from_db()
        assert escalation.resolved_at is None
    client.post(url, {"note": "Licence renewed today; IT confirms by Friday."})
    with in_org(org_a):
        escalation.refresh_from_db()
        assert escalation.resolved_at is not None and escalation.resolved_by_id == boss.user.pk
        resolved = Notification.objects.filter(event="check_in.escalation_resolved")
        assert {n.recipient_id for n in resolved} == {manager.user.pk, employee.user.pk}
    assert "Obstacles escalated by" not in client.get(reverse("web:home")).content.decode()

    # The manager sees the decision beside the escalation.
    client.force_login(manager.user)
    page = client.get(reverse("goals:check_in_detail", args=[check_in.uuid])).content.decode()
    assert "Licence renewed today; IT confirms by Friday." in page

    # Nobody else resolves it, and it is resolved once.
    with in_org(org_a), pytest.raises(ApplicationError) as caught:
        checkin_services.check_in_escalation_resolve(
            actor=actor_for(manager), escalation=escalation, note="Me too."
        )
    assert caught.value.code == "permission_denied"


# --- (e) A performance improvement plan's review dates → reminders through Momentum ---------


def test_a_pips_review_dates_remind_the_employee_the_manager_and_hr(org_a, team, tick):
    hr, manager, employee = team["hr"], team["manager"], team["employee"]
    today = timezone.localdate()
    first, second = today + datetime.timedelta(days=10), today + datetime.timedelta(days=40)
    with in_org(org_a):
        plan = plan_services.plan_create_improvement(
            actor=actor_for(manager),
            employee=employee.employee,
            title="Back to first-time resolution",
            period_start=today,
            period_end=today + datetime.timedelta(days=60),
            milestones=[("Resolve 80 % of contacts first time", today + datetime.timedelta(30))],
            review_dates=[first, second],
            reason="First-time resolution fell from 85 % to 52 % over the quarter.",
        )
        # Written by the manager, it waits for HR: no reminders yet.
        assert plan.status == DevelopmentPlan.Status.DRAFT
        assert not WorkflowTemplate.objects.filter(source="improvement_plan_reviews").exists()
        plan = plan_services.plan_improvement_sign_off(actor=actor_for(hr), plan=plan)
        assert plan.status == DevelopmentPlan.Status.ACTIVE and plan.hr_signed_off_at
        # Signing off switches Momentum's shipped workflow on and starts its run.
        template = WorkflowTemplate.objects.get(source="improvement_plan_reviews")
        assert template.status == WorkflowTemplate.Status.ACTIVE
        zone = organization_zone(org_a)

    tick(timezone.now() + days(0.01))
    with in_org(org_a):
        reminders = MilestoneRun.objects.filter(
            run__template=template, kind="improvement_plan_review"
        )
        assert sorted(reminders.values_list("occasion", flat=True)) == sorted(
            f"{kind}:{day.isoformat()}"
            for kind in ("review-before", "review-day")
            for day in (first, second)
        )

    before_first = anchor_on(first - datetime.timedelta(days=2), zone) + days(0.01)
    tick(before_first)
    tick(before_first + days(0.001))  # a second tick sends nothing twice
    with in_org(org_a):
        told = list(Notification.objects.filter(occasion=f"review-before:{first.isoformat()}"))
    assert {n.recipient_id for n in told} == {
        employee.user.pk,
        manager.user.pk,
        hr.user.pk,
    }
    assert len(told) == 3
    assert all(n.link == reverse("learning:plan_detail", args=[plan.uuid]) for n in told)
    assert all("Back" not in n.title and employee.employee.full_name in n.title for n in told)

    tick(anchor_on(first, zone) + days(0.01))
    with in_org(org_a):
        assert Notification.objects.filter(occasion=f"review-day:{first.isoformat()}").count() == 3
        # Completed, the plan's remaining review reminders are cancelled.
        plan_services.plan_complete(
            actor=actor_for(manager), plan=plan, outcome="met", note="Back at 86 %."
        )
    tick(anchor_on(first, zone) + days(1))
    with in_org(org_a):
        left = MilestoneRun.objects.filter(
            run__template=template, occasion__endswith=second.isoformat()
        )
        assert set(left.values_list("state", flat=True)) == {MilestoneRun.State.CANCELLED}
    tick(anchor_on(second, zone) + days(0.01))
    with in_org(org_a):
        assert not Notification.objects.filter(occasion__endswith=second.isoformat()).exists()
