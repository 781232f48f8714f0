"""The RAG rule in SQL (`goals.selectors.goal_rag_expression`) and its Python twin
(`goals.kpi.rag_status`, through `goals.judgement`) judge every goal alike, on every boundary:
progress exactly on a threshold for thirds, sevenths and ninths of the goal's time, a step of
the smallest unit either side, the goal's own thresholds, ranges on the edges of their band,
targets behind the baseline, goals not started, overdue or undated, and the largest values a
KPI holds."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal as D

from goals import kpi as kpi_math
from goals import selectors
from goals.judgement import judge_goal
from goals.models import Goal
from tests.conftest import in_org
from tests.goals.factories import GoalFactory, GoalSettingsFactory

START = datetime.date(2027, 1, 1)
STEP = D("0.0001")  # the smallest step of a KPI value
NO_KPI = {"baseline": None, "target": None, "range_low": None, "range_high": None}


def _kpi_goal(org, owner, **fields) -> Goal:
    return GoalFactory.build(
        organization=org, owner_employee=owner, **{**NO_KPI, "start_date": None, **fields}
    )


def _on_thresholds(org, owner) -> list[Goal]:
    """Increase and decrease goals whose progress is exactly on a threshold (and a step either
    side) for `part` of `days` days gone: the way is 100 x days long and `threshold` x part
    of it is done, so progress / time passed x 100 is the threshold itself."""
    goals = []
    shares = ((1, 3), (2, 3), (1, 7), (3, 7), (6, 7), (4, 9), (1, 89), (45, 89))
    thresholds = ((None, None), (D("95"), None), (D("82.5"), D("33.33")), (None, D("50")))
    for (part, days), (green_at, amber_at) in itertools.product(shares, thresholds):
        way = D(100 * days)
        for threshold in (green_at or D(90), amber_at or D(70)):
            done = threshold * part
            for step in (-STEP, 0, STEP):
                common = {
                    "start_date": START,
                    "due_date": START + datetime.timedelta(days=days),
                    "rag_green_at": green_at,
                    "rag_amber_at": amber_at,
                    "title": f"{part}/{days} of the time, {threshold} {step}",
                }
                goals.append(
                    _kpi_goal(
                        org,
                        owner,
                        direction="increase",
                        baseline=D(0),
                        target=way,
                        current=done + step,
                        **common,
                    )
                )
                goals.append(
                    _kpi_goal(
                        org,
                        owner,
                        direction="decrease",
                        baseline=way + D(7),
                        target=D(7),
                        current=way + D(7) - done - step,
                        **common,
                    )
                )
    return goals


def _ranges(org, owner) -> list[Goal]:
    """Ranges on the edges of the range and of its band (and a step either side), on the
    organisation's tolerance and on the goal's own."""
    goals = []
    for low, high, tolerance in (
        (D(10), D(20), None),
        (D(10), D(20), D("33.33")),
        (D("-5.5"), D("7.25"), D("12.5")),
        (D(15), D(15), D(10)),  # a range of one value: no band
        (D(20), D(10), None),  # bounds the wrong way round
    ):
        band = (high - low) * (tolerance if tolerance is not None else D(10)) / 100
        for edge in (low, high, low - band, high + band):
            for step in (-STEP, 0, STEP):
                goals.append(
                    _kpi_goal(
                        org,
                        owner,
                        direction="range",
                        range_low=low,
                        range_high=high,
                        range_tolerance_percent=tolerance,
                        current=edge + step,
                    )
                )
    goals.append(_kpi_goal(org, owner, direction="range", range_low=D(10), current=D(3)))
    return goals


def _others(org, owner) -> list[Goal]:
    """Targets at or behind the baseline, missing values, dates that say nothing or all, the
    largest values."""
    goals = []
    dates = (
        (START, START + datetime.timedelta(days=30)),
        (START + datetime.timedelta(days=10), START + datetime.timedelta(days=40)),  # not begun
        (START - datetime.timedelta(days=60), START - datetime.timedelta(days=1)),  # overdue
        (START, START),  # due on its start
        (None, START),
        (START, None),
    )
    big = D("999999999999.9999")
    kpis = (
        {"direction": "increase", "baseline": D(50), "target": D(40)},
        {"direction": "decrease", "baseline": D(20), "target": D(30)},
        {"direction": "increase", "baseline": D(33), "target": D(33)},
        {"direction": "decrease", "baseline": D(33), "target": D(33)},
        {"direction": "increase", "baseline": D(0)},
        {"direction": "increase", "target": D(100)},
        {"direction": "increase", "baseline": -big, "target": big},
        {"direction": "decrease", "baseline": big, "target": D("0.0001")},
    )
    currents = (None, D(0), D(33), D(35), D(45), D(70), big, -big, D("0.0003"))
    for (start, due), kpi, current in itertools.product(dates, kpis, currents):
        goals.append(_kpi_goal(org, owner, start_date=start, due_date=due, current=current, **kpi))
    return goals


def _judged_both_ways(goals, *, today):
    Goal.objects.bulk_create(goals)
    settings = selectors.goal_settings_get()
    in_sql = dict(
        Goal.objects.annotate(sql_rag=selectors.goal_rag_expression(settings=settings, today=today))
        .filter(pk__in=[goal.pk for goal in goals])
        .values_list("pk", "sql_rag")
    )
    defaults = settings.thresholds
    stored = Goal.objects.filter(pk__in=[goal.pk for goal in goals])  # as the columns hold them
    in_python = {goal.pk: judge_goal(goal, defaults=defaults, today=today).rag for goal in stored}
    return in_sql, in_python


def test_sql_and_python_agree_on_every_boundary(org_a, employee):
    owner = employee.employee
    today = START + datetime.timedelta(days=1)
    with in_org(org_a):
        goals = _on_thresholds(org_a, owner) + _ranges(org_a, owner) + _others(org_a, owner)
        # The days gone differ per goal: judged on each goal's own `part` of its time.
        by_today: dict[datetime.date, list[Goal]] = {}
        for goal in goals:
            day = today
            if goal.title.partition(" of the time")[1]:
                part = int(goal.title.split("/")[0])
                day = START + datetime.timedelta(days=part)
            by_today.setdefault(day, []).append(goal)
        seen = set()
        for day, group in by_today.items():
            in_sql, in_python = _judged_both_ways(group, today=day)
            assert in_sql == in_python, day
            seen |= set(in_python.values())
    assert seen == {kpi_math.GREEN, kpi_math.AMBER, kpi_math.RED, None}


def test_a_goal_exactly_on_a_threshold_takes_the_better_status(org_a, employee):
    """A seventh of the time gone and 90 % (70 %) of a seventh of the way done is green (amber):
    the boundaries are inclusive. Divided in `Decimal`, the score came to 89.99…9 (69.99…98)
    and the goal was judged amber (red)."""
    owner = employee.employee
    today = START + datetime.timedelta(days=1)
    due = START + datetime.timedelta(days=7)
    with in_org(org_a):
        GoalSettingsFactory(organization=org_a)
        goals = [
            _kpi_goal(
                org_a,
                owner,
                direction="increase",
                baseline=D(0),
                target=D(700),
                current=current,
                start_date=START,
                due_date=due,
            )
            for current in (D(90), D(90) - STEP, D(70), D(70) - STEP)
        ]
        in_sql, in_python = _judged_both_ways(goals, today=today)
    expected = [kpi_math.GREEN, kpi_math.AMBER, kpi_math.AMBER, kpi_math.RED]
    assert [in_sql[goal.pk] for goal in goals] == expected
    assert [in_python[goal.pk] for goal in goals] == expected
