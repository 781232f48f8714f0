"""A goal's progress and RAG status: goals as model instances (`goal_list_judged`) and as plain
rows (`goal_rows`, the API's list) are judged alike, and as the rule was written before both
went through `goals.judgement`, over every kind of KPI, target, date and threshold."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal as D

import pytest

from goals import kpi as kpi_math
from goals import selectors
from goals.models import Goal
from goals.rows import goal_rows
from tests.conftest import in_org
from tests.goals.factories import GoalFactory, GoalSettingsFactory

START, TODAY = datetime.date(2027, 1, 1), datetime.date(2027, 2, 15)
END_OF_MARCH = datetime.date(2027, 3, 31)

NO_KPI = {"baseline": None, "target": None, "range_low": None, "range_high": None}
KPIS = (
    {"direction": "increase", "baseline": D(0), "target": D(100)},
    {"direction": "decrease", "baseline": D(100), "target": D(0)},
    {"direction": "increase", "baseline": D(50), "target": D(40)},  # target behind baseline
    {"direction": "decrease", "baseline": D(20), "target": D(30)},
    {"direction": "increase", "baseline": D(33), "target": D(33)},  # target at the baseline
    {"direction": "range", "range_low": D(10), "range_high": D(20)},
    {"direction": "range", "range_low": D(15), "range_high": D(15)},  # a range of one value
    {"direction": "range", "baseline": D(15), "range_low": D(10)},  # no upper bound
    {"direction": "increase", "baseline": D(0)},  # no target: nothing to judge
    {"direction": "increase", "target": D(100)},  # no baseline
)
CURRENTS = (None, D(0), D(12), D(15), D(21), D("33.3333"), D(45), D(55), D(90), D(100))
# (start, due): under way (45 of 89 days gone), overdue, due on its start date, without a
# start, without a due date, not started yet.
DATES = (
    (START, END_OF_MARCH),
    (START, datetime.date(2027, 2, 1)),
    (START, START),
    (None, END_OF_MARCH),
    (START, None),
    (datetime.date(2027, 3, 1), END_OF_MARCH),
)
# The goal's own thresholds, when it sets any: (green at, amber at, range tolerance).
OWN_THRESHOLDS = ((None, None, None), (D(95), None, None), (None, D(50), None), (None, None, D(50)))
STATUSES = (("active", True), ("active", False), ("active", None), ("completed", True))


def previous_judgement(goal: Goal, *, settings, today) -> tuple:
    """The rule as the model path wrote it before `goals.judgement`: progress of the KPI, RAG
    on the goal's thresholds over the organisation's, the stored verdict of active goals."""
    defaults = settings.thresholds
    thresholds = kpi_math.Thresholds(
        green_at=goal.rag_green_at if goal.rag_green_at is not None else defaults.green_at,
        amber_at=goal.rag_amber_at if goal.rag_amber_at is not None else defaults.amber_at,
        range_tolerance=(
            goal.range_tolerance_percent
            if goal.range_tolerance_percent is not None
            else defaults.range_tolerance
        ),
    )
    expected = kpi_math.expected_percent(goal.start_date, goal.due_date, today)
    return (
        kpi_math.progress_percent(goal.kpi),
        kpi_math.rag_status(goal.kpi, thresholds, expected=expected),
        goal.forecast_misses if goal.status == Goal.Status.ACTIVE else None,
    )


def _varied_goals(org, owner) -> list[Goal]:
    goals = []
    for index, (kpi, current, (start, due)) in enumerate(itertools.product(KPIS, CURRENTS, DATES)):
        green_at, amber_at, tolerance = OWN_THRESHOLDS[index % len(OWN_THRESHOLDS)]
        status, misses = STATUSES[index % len(STATUSES)]
        goals.append(
            GoalFactory.build(
                organization=org,
                owner_employee=owner,
                **(NO_KPI | kpi),
                current=current,
                start_date=start,
                due_date=due,
                rag_green_at=green_at,
                rag_amber_at=amber_at,
                range_tolerance_percent=tolerance,
                status=status,
                forecast_misses=misses,
            )
        )
    return Goal.objects.bulk_create(goals)


def test_goals_and_rows_are_judged_alike_and_as_before(org_a, employee):
    with in_org(org_a):
        # The organisation's own thresholds, so that defaults are seen to come from them.
        GoalSettingsFactory(
            organization=org_a,
            rag_green_at=D(80),
            rag_amber_at=D(60),
            range_tolerance_percent=D(20),
        )
        ids = [goal.pk for goal in _varied_goals(org_a, employee.employee)]
        settings = selectors.goal_settings_get()
        goals = selectors.goal_list_judged(Goal.objects.filter(pk__in=ids), today=TODAY)
        rows = {row["id"]: row for row in goal_rows(ids=ids, today=TODAY)}

    assert len(goals) == len(rows) == len(KPIS) * len(CURRENTS) * len(DATES)
    for goal in goals:
        row = rows[goal.pk]
        as_row = (row["progress"], row["rag"], row["likely_to_miss"])
        as_goal = (goal.progress, goal.rag, goal.likely_to_miss)
        assert as_row == as_goal == previous_judgement(goal, settings=settings, today=TODAY), (
            goal.direction,
            goal.baseline,
            goal.target,
            goal.range_low,
            goal.range_high,
            goal.current,
            goal.start_date,
            goal.due_date,
        )
    # The cases reach every outcome.
    judged = [(goal.progress, goal.rag, goal.likely_to_miss) for goal in goals]
    assert {rag for _, rag, _ in judged} == {kpi_math.GREEN, kpi_math.AMBER, kpi_math.RED, None}
    assert {progress for progress, _, _ in judged} >= {None, kpi_math.ZERO, kpi_math.HUNDRED}
    assert {misses for _, _, misses in judged} == {True, False, None}


@pytest.mark.parametrize(
    ("kpi", "current", "dates", "own", "expected"),
    [
        # 45 of 100 at the due date (passed): 45 % of what is expected, red below 60.
        (KPIS[0], D(45), DATES[1], OWN_THRESHOLDS[0], (D(45), "red")),
        # 45 of 100 with 45 of 89 days gone: 89 % of the pace, green from the organisation's 80.
        (KPIS[0], D(45), DATES[0], OWN_THRESHOLDS[0], (D(45), "green")),
        # ... and amber on the goal's own 95.
        (KPIS[0], D(45), DATES[0], OWN_THRESHOLDS[1], (D(45), "amber")),
        # Nothing recorded yet: nothing to judge.
        (KPIS[0], None, DATES[1], OWN_THRESHOLDS[0], (None, None)),
        # Down from 100 to 55 of a way to 0, overdue: red.
        (KPIS[1], D(55), DATES[1], OWN_THRESHOLDS[0], (D(45), "red")),
        # Not started yet: nothing is expected, so green.
        (KPIS[0], D(0), DATES[5], OWN_THRESHOLDS[0], (D(0), "green")),
        # A target behind the baseline is done once the value is at the target.
        (KPIS[2], D(45), DATES[1], OWN_THRESHOLDS[0], (D(100), "green")),
        # One above a range of 10 to 20: within the organisation's 20 % band, amber.
        (KPIS[5], D(21), DATES[1], OWN_THRESHOLDS[0], (D(90), "amber")),
        # Three above it, beyond the band: red; inside the range, green whatever the dates.
        (KPIS[5], D(23), DATES[1], OWN_THRESHOLDS[0], (D(70), "red")),
        (KPIS[5], D(15), DATES[5], OWN_THRESHOLDS[0], (D(100), "green")),
        # A range without an upper bound cannot be judged.
        (KPIS[7], D(15), DATES[0], OWN_THRESHOLDS[0], (None, None)),
    ],
)
def test_the_rule_on_both_paths(org_a, employee, kpi, current, dates, own, expected):
    with in_org(org_a):
        GoalSettingsFactory(
            organization=org_a,
            rag_green_at=D(80),
            rag_amber_at=D(60),
            range_tolerance_percent=D(20),
        )
        goal = GoalFactory(
            organization=org_a,
            owner_employee=employee.employee,
            **(NO_KPI | kpi),
            current=current,
            start_date=dates[0],
            due_date=dates[1],
            rag_green_at=own[0],
            rag_amber_at=own[1],
            range_tolerance_percent=own[2],
        )
        (judged,) = selectors.goal_list_judged([Goal.objects.get(pk=goal.pk)], today=TODAY)
        (row,) = goal_rows(ids=[goal.pk], today=TODAY)
        assert (
            selectors.goal_rag(judged, settings=selectors.goal_settings_get(), today=TODAY)
            == (expected[1])
        )
    assert (judged.progress, judged.rag) == (row["progress"], row["rag"]) == expected
