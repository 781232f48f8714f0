"""The forecast verdict stored on each goal (`Goal.forecast_misses`): every service that writes
what the forecast reads keeps it equal to the forecast computed from the updates, and the
team's goals at risk are picked by it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal as D

import pytest

from goals import scorecards as scorecard_selectors
from goals import selectors, services
from goals.models import Goal, GoalUpdate
from tests.goals.conftest import actor_for
from tests.goals.factories import GoalFactory

pytestmark = pytest.mark.usefixtures("in_a")

TODAY = date.today()


def _at(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(12), tzinfo=UTC)


def _computed(goal: Goal) -> bool | None:
    """The verdict as the goal pages compute it, from every update."""
    shown = selectors.goal_list_for_display([Goal.objects.get(pk=goal.pk)])[0]
    return None if shown.forecast is None else shown.forecast.likely_to_miss


def _stored(goal: Goal) -> bool | None:
    return Goal.objects.values_list("forecast_misses", flat=True).get(pk=goal.pk)


def _slow_goal(org, owner) -> Goal:
    """40 → 60 over 120 days, 90 gone: one point a month makes the line end near 43."""
    return GoalFactory(
        organization=org,
        owner_employee=owner,
        start_date=TODAY - timedelta(days=90),
        due_date=TODAY + timedelta(days=30),
    )


def _record_slow_progress(goal: Goal, owner) -> None:
    """41 and 42 a month apart: the line ends near 43, short of 60."""
    for days_ago, value in ((60, "41"), (30, "42")):
        services.goal_progress_record(
            actor=owner, goal=goal, value=D(value), recorded_at=_at(days_ago)
        )


def test_recording_progress_keeps_the_stored_forecast(org_a, cast):
    goal = _slow_goal(org_a, cast.owner.employee)
    owner = actor_for(cast.owner)
    assert _stored(goal) is None  # only the baseline: no line yet

    _record_slow_progress(goal, owner)
    assert _stored(goal) is True and _computed(goal) is True

    services.goal_progress_record(actor=owner, goal=goal, value=D(80), recorded_at=_at(0))
    assert _stored(goal) is False and _computed(goal) is False


def test_an_approved_change_of_target_recomputes_it(org_a, cast):
    goal = _slow_goal(org_a, cast.owner.employee)
    owner = actor_for(cast.owner)
    _record_slow_progress(goal, owner)
    assert _stored(goal) is True
    goal.refresh_from_db()
    services.goal_update(
        actor=owner,
        goal=goal,
        version=goal.version,
        target=D(43),
        justification="The target was set before the merger.",
    )
    assert _stored(goal) is True  # waiting for a decision: nothing changed yet
    pending = selectors.goal_pending_change(goal=goal)
    services.goal_change_request_decide(
        actor=actor_for(cast.manager), change_request=pending, approve=True
    )
    assert _stored(goal) is False and _computed(goal) is False


def test_a_free_change_of_the_start_date_recomputes_it(org_a, cast):
    goal = _slow_goal(org_a, cast.owner.employee)
    owner = actor_for(cast.owner)
    services.goal_progress_record(actor=owner, goal=goal, value=D(58), recorded_at=_at(10))
    assert _stored(goal) is False  # from 40 at the start to 58 within 80 days: on course
    goal.refresh_from_db()
    # Started a year earlier: 18 points in a year and ten months is far too slow.
    services.goal_update(
        actor=owner, goal=goal, version=goal.version, start_date=TODAY - timedelta(days=455)
    )
    assert _stored(goal) is True and _computed(goal) is True


def test_refresh_puts_right_what_was_written_around_the_services(org_a, cast):
    goal = _slow_goal(org_a, cast.owner.employee)
    owner = actor_for(cast.owner)
    _record_slow_progress(goal, owner)
    assert _stored(goal) is True
    GoalUpdate.objects.filter(goal=goal).delete()
    assert _stored(goal) is True and _computed(goal) is None  # stale until refreshed

    assert services.goal_forecasts_refresh(goal_ids=[goal.pk]) == 1
    assert _stored(goal) is None
    assert services.goal_forecasts_refresh(goal_ids=[goal.pk]) == 0


def test_the_team_at_risk_list_reads_the_stored_verdict(org_a, cast):
    # Well ahead of its pace (green), but the values of the months before it started climb too
    # slowly to reach 60 by the due date: forecast to miss.
    goal = GoalFactory(
        organization=org_a,
        owner_employee=cast.owner.employee,
        start_date=TODAY - timedelta(days=20),
        due_date=TODAY + timedelta(days=100),
        current=D(56),
    )
    for days_ago, value in ((80, "54"), (40, "55"), (1, "56")):
        GoalUpdate.objects.create(
            organization=org_a, goal=goal, value=D(value), recorded_at=_at(days_ago)
        )
    manager = cast.manager.employee
    assert selectors.goal_list_for_display([goal])[0].rag == "green"
    assert _computed(goal) is True
    assert selectors.team_goal_risks(manager=manager) == []  # written around the services

    services.goal_forecasts_refresh(goal_ids=[goal.pk])
    assert [risk.goal_id for risk in selectors.team_goal_risks(manager=manager)] == [goal.pk]


def test_lists_judged_from_the_stored_verdict_flag_what_the_pages_flag(org_a, cast):
    goal = _slow_goal(org_a, cast.owner.employee)
    _record_slow_progress(goal, actor_for(cast.owner))

    (judged,) = selectors.goal_list_judged([Goal.objects.get(pk=goal.pk)])
    (shown,) = selectors.goal_list_for_display([Goal.objects.get(pk=goal.pk)])
    assert (judged.rag, judged.likely_to_miss, judged.at_risk) == (
        shown.rag,
        shown.likely_to_miss,
        shown.at_risk,
    )
    assert judged.at_risk and judged.likely_to_miss
    # The team scorecard judges its goals so and counts this one at risk.
    team = scorecard_selectors.team_summary(
        people=scorecard_selectors.team_ids(manager=cast.manager.employee)
    )
    assert team.at_risk == 1
