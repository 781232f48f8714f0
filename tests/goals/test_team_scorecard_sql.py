"""The team scorecard's summary summed by the database: the same figures, part for part, as the
balanced scorecard of every active goal of the team judged one by one in Python."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals import scorecards, selectors
from goals.models import Goal, Indicator, Perspective
from plms.people.selectors import all_reports
from tests.conftest import in_org
from tests.goals.factories import GoalFactory
from tests.goals.test_at_risk_sql import START, TODAY, _team, _varied_goals

WEIGHTS = (D(1), D("2.5"), D(0), D("0.75"), D(3))


def previous_team_scorecard(*, manager, today) -> scorecards.BalancedScorecard:
    """What the page computed before: every active goal of the active team, loaded and judged."""
    people = all_reports(manager=manager, include_matrix=True).filter(active=True)
    goals = selectors.goal_queryset().filter(owner_employee__in=people, status=Goal.Status.ACTIVE)
    return scorecards.balanced_scorecard(selectors.goal_list_judged(goals, today=today))


def _parts(parts) -> list[tuple]:
    return [
        (p.key, p.label, p.count, p.weight, p.score, p.weight_share, p.rag, p.rag_counts)
        for p in parts
    ]


def _figures(card) -> tuple:
    return (
        card.count,
        card.overall,
        card.at_risk,
        card.rag,
        _parts(card.perspectives),
        _parts(card.indicators),
    )


def _spread(goals: list[Goal]) -> None:
    """Perspectives, indicators and weights (zero included) spread over the goals."""
    perspectives, indicators = Perspective.values, Indicator.values
    for index, goal in enumerate(goals):
        goal.perspective = perspectives[index % len(perspectives)]
        goal.indicator = indicators[(index // 3) % len(indicators)]
        goal.weight = WEIGHTS[(index // 2) % len(WEIGHTS)]
    Goal.objects.bulk_update(goals, ["perspective", "indicator", "weight"])


def test_the_summary_equals_the_scorecard_of_every_goal_judged_in_python(org_a, manager, employee):
    with in_org(org_a):
        owners = _team(org_a, manager, employee)
        _spread(_varied_goals(org_a, owners))
        new = scorecards.team_summary(
            people=scorecards.team_ids(manager=manager.employee), today=TODAY
        )
        old = previous_team_scorecard(manager=manager.employee, today=TODAY)

    assert _figures(new) == _figures(old)
    # The set exercises every status, goals without one, and at risk only by forecast.
    assert all(old.perspectives[0].rag_counts.values())
    assert 0 < old.at_risk < old.count
    assert sum(1 for g in old.goals if g.rag is None) > 0


def test_goals_on_the_edges_agree_with_python(org_a, manager, employee):
    """Thirds and sevenths of progress and of time either side of each threshold; ranges
    just outside their band; a perspective whose goals all weigh nothing (a plain mean)."""
    with in_org(org_a):
        for index, current in enumerate(range(0, 101, 3)):
            for days in (3, 7, 9, 21):
                GoalFactory(
                    organization=org_a,
                    owner_employee=employee.employee,
                    current=D(current),
                    baseline=D(0) if index % 2 == 0 else D(100),
                    target=D(100) if index % 2 == 0 else D(0),
                    direction=("increase", "decrease")[index % 2],
                    start_date=START,
                    due_date=START + datetime.timedelta(days=days),
                    perspective="financial",
                    weight=D(index % 3),
                )
        for current in ("9", "9.5", "9.0001", "20.5", "21", "21.0001", "35"):
            GoalFactory(
                organization=org_a,
                owner_employee=employee.employee,
                direction="range",
                baseline=None,
                target=None,
                range_low=D(10),
                range_high=D(20),
                current=D(current),
                perspective="learning",
                weight=D(0),
            )
        today = START + datetime.timedelta(days=2)
        new = scorecards.team_summary(
            people=scorecards.team_ids(manager=manager.employee), today=today
        )
        old = previous_team_scorecard(manager=manager.employee, today=today)

    assert _figures(new) == _figures(old)
    assert old.perspectives[3].score is not None and old.perspectives[3].weight == 0


def test_the_summary_takes_two_queries_and_a_team_without_goals_is_empty(org_a, manager, employee):
    with in_org(org_a):
        empty = scorecards.team_summary(
            people=scorecards.team_ids(manager=manager.employee), today=TODAY
        )
        assert (empty.count, empty.overall, empty.at_risk, empty.rag) == (0, None, 0, None)
        assert all(p.weight_share is None and p.rag is None for p in empty.perspectives)
        _varied_goals(org_a, _team(org_a, manager, employee))
        people = scorecards.team_ids(manager=manager.employee)
        scorecards.team_summary(people=people, today=TODAY)
        with CaptureQueriesContext(connection) as captured:
            scorecards.team_summary(people=people, today=TODAY)
    # The settings, the sums, the goals that may be amber or red.
    assert len(captured) <= 3
