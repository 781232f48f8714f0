"""Momentum runs surveys and follows up action plans, through real ticks: rounds open on the
recurrence, the audience is invited, reminders chase only those who have not answered; an
action's owner is reminded on its due date and HR told when it is overdue."""

from __future__ import annotations

import datetime

from surveys import actions, services
from surveys.models import SurveyRound
from tests import factories
from tests.conftest import in_org
from tests.surveys.conftest import T0, actor_of, keys
from workflows.models import Notification, WorkflowRun


def days(n: float) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _notes(event: str, **filters) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(event=event, **filters).values_list(
            "recipient__email", "occasion"
        )
    )


def test_the_recurrence_opens_a_round_each_month_and_chases_only_non_respondents(
    org_a, hr_admin, manager, employee, pulse, tick
):
    with in_org(org_a):
        pulse.starts_on = T0.date()
        pulse.save(update_fields=["starts_on"])
        services.survey_schedule(actor=actor_of(hr_admin), survey=pulse, now=T0 - days(3))
        assert not SurveyRound.objects.exists()

    tick(T0)
    with in_org(org_a):
        first = SurveyRound.objects.get()
        assert (first.number, first.opens_at, first.closes_at) == (1, T0, T0 + days(7))
        assert first.invited == 3
        assert WorkflowRun.objects.count() == 3
        invited = _notes(services.INVITATION)
    assert [email for email, _ in invited] == [
        "employee@a.example",
        "hr@a.example",
        "manager@a.example",
    ]

    ids = keys(pulse)
    with in_org(org_a):
        services.response_submit(
            actor=actor_of(employee),
            survey=pulse,
            answers={ids["enps"]: 10, ids["engagement_proud"]: 5},
            now=T0 + days(1),
        )
    tick(T0 + days(1))  # the engine sees the answer
    tick(T0 + days(5))  # two days before the round closes
    with in_org(org_a):
        reminded = _notes("workflow.reminder")
    assert reminded == [
        ("hr@a.example", "reminder-before"),
        ("manager@a.example", "reminder-before"),
    ]

    tick(datetime.datetime(2027, 2, 4, 9, 0, tzinfo=datetime.UTC))
    with in_org(org_a):
        rounds = list(SurveyRound.objects.order_by("number").values_list("number", "opens_at"))
        second_invites = Notification.objects.filter(event=services.INVITATION).count()
    assert rounds == [
        (1, T0),
        (2, datetime.datetime(2027, 2, 4, 9, 0, tzinfo=datetime.UTC)),
    ]
    assert second_invites == 6  # everyone again, for the new round


def test_closing_a_survey_stops_its_rounds(org_a, hr_admin, employee, pulse, tick):
    with in_org(org_a):
        pulse.starts_on = T0.date()
        pulse.save(update_fields=["starts_on"])
        survey = services.survey_schedule(actor=actor_of(hr_admin), survey=pulse, now=T0 - days(3))
        services.survey_close(actor=actor_of(hr_admin), survey=survey, now=T0 - days(1))
    tick(T0)
    with in_org(org_a):
        assert not SurveyRound.objects.exists()
        assert not Notification.objects.filter(event=services.INVITATION).exists()


def test_an_action_owner_is_reminded_when_due_and_hr_told_when_overdue(
    org_a, hr_admin, manager, employee, pulse, tick
):
    sales = factories.DepartmentFactory(organization=org_a, name="Sales")
    due = T0.date() + days(10)
    with in_org(org_a):
        plan = actions.action_plan_ensure(actor=actor_of(hr_admin), survey=pulse, department=sales)
        late = actions.action_add(
            actor=actor_of(hr_admin),
            plan=plan,
            title="Hold a team retro on workload",
            owner=manager.employee,
            due_on=due,
        )
        done = actions.action_add(
            actor=actor_of(hr_admin),
            plan=plan,
            title="Publish the promotion criteria",
            owner=employee.employee,
            due_on=due,
        )
        actions.action_complete(actor=actor_of(employee), action=done)

    tick(T0)  # a run starts for the open action, anchored at its due date
    with in_org(org_a):
        runs = WorkflowRun.objects.filter(occurrence__startswith="survey-action:")
        assert [run.employee_id for run in runs] == [manager.employee.pk]
        assert not _notes("workflow.reminder")

    due_at = datetime.datetime.combine(due, datetime.time(9), tzinfo=datetime.UTC)
    tick(due_at)
    with in_org(org_a):
        reminders = list(
            Notification.objects.filter(event="workflow.reminder").values_list(
                "recipient__email", "title"
            )
        )
    assert reminders == [("manager@a.example", "Survey action due: Hold a team retro on workload")]

    tick(due_at + days(1))
    tick(due_at + days(1) + datetime.timedelta(minutes=5))
    with in_org(org_a):
        escalations = _notes("workflow.escalation")
    assert [email for email, _ in escalations] == ["hr@a.example"]

    with in_org(org_a):
        actions.action_complete(actor=actor_of(manager), action=late)
    tick(due_at + days(3))
    with in_org(org_a):
        assert len(_notes("workflow.escalation")) == 1
