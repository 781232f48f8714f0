"""Check-ins: recurrence, pre-filled review, action items carried over, private notes,
escalation, completion rate; and feedback rules."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from goals.checkins import selectors as checkin_selectors
from goals.checkins import services as checkin_services
from goals.feedback import selectors as feedback_selectors
from goals.feedback import services as feedback_services
from goals.models import CheckIn
from plms.common.errors import ApplicationError
from tests.goals.conftest import actor_for
from tests.goals.factories import CheckInFactory, CheckInSeriesFactory, GoalFactory

pytestmark = pytest.mark.usefixtures("in_a")


@pytest.fixture
def series(cast):
    return checkin_services.check_in_series_create(
        actor=actor_for(cast.manager),
        report=cast.owner.employee,
        cadence="fortnightly",
        first_date=date.today(),
    )


def test_only_a_manager_starts_check_ins_with_a_report(cast):
    with pytest.raises(ApplicationError):
        checkin_services.check_in_series_create(
            actor=actor_for(cast.peer), report=cast.owner.employee
        )
    with pytest.raises(ApplicationError):
        checkin_services.check_in_series_create(
            actor=actor_for(cast.manager), report=cast.contributor.employee
        )


def test_the_review_is_prefilled_with_goals_due_or_at_risk(org_a, cast):
    today = date.today()
    owner = cast.owner.employee
    due_soon = GoalFactory(
        organization=org_a,
        owner_employee=owner,
        start_date=today - timedelta(days=30),
        due_date=today + timedelta(days=10),
    )
    at_risk = GoalFactory(
        organization=org_a,
        owner_employee=owner,
        start_date=today - timedelta(days=30),
        due_date=today + timedelta(days=30),
        current=D(40),
    )
    GoalFactory(
        organization=org_a,
        owner_employee=owner,
        start_date=today,
        due_date=today + timedelta(days=90),
    )  # fine
    GoalFactory(organization=org_a, owner_employee=owner, status="draft", due_date=today)  # draft
    series = checkin_services.check_in_series_create(
        actor=actor_for(cast.manager), report=owner, cadence="fortnightly", first_date=today
    )
    check_in = series.check_ins.get()
    reviewed = {r.goal: r.rag for r in checkin_selectors.check_in_goal_reviews(check_in=check_in)}
    assert reviewed == {due_soon: "", at_risk: "red"}


def test_completing_schedules_the_next_and_open_actions_carry_over(cast, series):
    manager = actor_for(cast.manager)
    first = series.check_ins.get()
    kept = checkin_services.action_item_add(actor=manager, check_in=first, text="Finish the course")
    done = checkin_services.action_item_add(
        actor=actor_for(cast.owner), check_in=first, text="Share notes"
    )
    checkin_services.action_item_set_done(actor=manager, item=done)
    checkin_services.check_in_complete(actor=manager, check_in=first)
    second = CheckIn.objects.exclude(pk=first.pk).get()
    assert second.scheduled_for == first.scheduled_for + timedelta(days=14)
    assert list(checkin_selectors.check_in_open_actions(check_in=second)) == [kept]
    checkin_services.action_item_set_done(actor=manager, item=kept)
    assert list(checkin_selectors.check_in_open_actions(check_in=second)) == []
    with pytest.raises(ApplicationError):
        checkin_services.check_in_complete(actor=manager, check_in=first)


def test_the_report_cannot_write_or_read_private_notes(cast, series):
    check_in = series.check_ins.get()
    report = actor_for(cast.owner)
    checkin_services.check_in_update(actor=report, check_in=check_in, obstacles="No test data")
    with pytest.raises(ApplicationError):
        checkin_services.check_in_update(actor=report, check_in=check_in, private_manager_notes="x")
    with pytest.raises(ApplicationError):
        checkin_services.check_in_complete(actor=report, check_in=check_in)
    assert not checkin_selectors.sees_private_notes(actor=report, check_in=check_in)
    assert checkin_selectors.sees_private_notes(actor=actor_for(cast.manager), check_in=check_in)
    assert checkin_selectors.sees_private_notes(
        actor=actor_for(cast.hr), check_in=check_in
    )  # HR, and the manager's manager
    assert not checkin_selectors.sees_private_notes(actor=actor_for(cast.peer), check_in=check_in)
    with pytest.raises(ApplicationError):
        checkin_services.check_in_update(
            actor=actor_for(cast.peer), check_in=check_in, obstacles="x"
        )


def test_escalation_goes_to_the_managers_manager(cast, series):
    check_in = series.check_ins.get()
    checkin_services.check_in_update(
        actor=actor_for(cast.owner), check_in=check_in, obstacles="No budget"
    )
    escalation = checkin_services.check_in_escalate(
        actor=actor_for(cast.owner), check_in=check_in, part="obstacles"
    )
    assert escalation.escalated_to == cast.hr.employee and escalation.text == "No budget"
    with pytest.raises(ApplicationError) as caught:
        checkin_services.check_in_escalate(
            actor=actor_for(cast.owner), check_in=check_in, part="priorities"
        )
    assert caught.value.code == "invalid"  # nothing written there yet


def test_completion_rate_per_manager(org_a, cast):
    series = CheckInSeriesFactory(
        organization=org_a, manager=cast.manager.employee, report=cast.owner.employee
    )
    past = date.today() - timedelta(days=30)
    for offset, status in enumerate(["completed", "completed", "scheduled", "cancelled"]):
        CheckInFactory(
            organization=org_a,
            series=series,
            scheduled_for=past + timedelta(days=offset),
            status=status,
        )
    CheckInFactory(
        organization=org_a, series=series, scheduled_for=date.today() + timedelta(days=5)
    )
    other = CheckInSeriesFactory(
        organization=org_a, manager=cast.peer.employee, report=cast.owner.employee
    )
    CheckInFactory(organization=org_a, series=other, scheduled_for=past, status="completed")
    (rate,) = checkin_selectors.check_in_completion_rates(actor=actor_for(cast.manager))
    assert (rate.manager, rate.due, rate.completed, rate.rate) == (
        cast.manager.employee,
        3,
        2,
        D("66.7"),
    )
    everyone = checkin_selectors.check_in_completion_rates(actor=actor_for(cast.hr))
    assert {(r.manager, r.due) for r in everyone} == {
        (cast.manager.employee, 3),
        (cast.peer.employee, 1),
    }
    assert checkin_selectors.check_in_completion_rates(actor=actor_for(cast.owner)) == []


# --- Feedback --------------------------------------------------------------------------------


def test_feedback_is_structured_and_corrective_feedback_is_private(cast, goal):
    manager = actor_for(cast.manager)
    with pytest.raises(ApplicationError) as caught:
        feedback_services.feedback_give(
            actor=manager,
            receiver=cast.owner.employee,
            kind="corrective",
            observation="Late twice",
            visibility="public",
        )
    assert set(caught.value.fields) == {"visibility", "expectation"}
    feedback = feedback_services.feedback_give(
        actor=manager,
        receiver=cast.owner.employee,
        kind="corrective",
        observation="Late twice",
        impact="The team waited",
        expectation="On time",
        support_offered="Later shift",
        follow_up_date=date.today() + timedelta(days=7),
        goal=goal,
    )
    assert feedback.giver == cast.manager.employee and feedback.goal == goal
    with pytest.raises(ApplicationError):
        feedback_services.feedback_give(
            actor=manager, receiver=cast.manager.employee, observation="Me"
        )


def test_private_feedback_reaches_the_receiver_and_their_managers_only(cast):
    private = feedback_services.feedback_give(
        actor=actor_for(cast.peer), receiver=cast.owner.employee, observation="Great handover"
    )
    public = feedback_services.feedback_give(
        actor=actor_for(cast.peer),
        receiver=cast.owner.employee,
        observation="Saved the demo",
        visibility="public",
    )

    def seen(member):
        return set(feedback_selectors.feedback_list(actor=actor_for(member)))

    for member in (cast.owner, cast.peer, cast.manager, cast.matrix, cast.hr):
        assert seen(member) == {private, public}
    assert seen(cast.contributor) == {public}


def test_feedback_requests_are_answered_by_the_person_asked(cast):
    request = feedback_services.feedback_request_create(
        actor=actor_for(cast.owner), asked=cast.peer.employee, message="My demo?"
    )
    assert list(feedback_selectors.feedback_requests_for(employee=cast.peer.employee)) == [request]
    with pytest.raises(ApplicationError):
        feedback_services.feedback_give(
            actor=actor_for(cast.contributor),
            receiver=cast.owner.employee,
            observation="x",
            request=request,
        )
    feedback_services.feedback_give(
        actor=actor_for(cast.peer),
        receiver=cast.owner.employee,
        observation="Clear",
        request=request,
    )
    request.refresh_from_db()
    assert request.status == "answered"
    assert list(feedback_selectors.feedback_requests_for(employee=cast.peer.employee)) == []
