"""Team goals at risk picked by the database: the same goals, in the same order and with the
same figures, as judging every active goal of the team one by one in Python."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals import kpi as kpi_math
from goals import selectors, services
from goals.models import Goal, GoalUpdate
from tests import factories
from tests.conftest import in_org
from tests.goals.conftest import actor_for
from tests.goals.factories import GoalFactory

START, TODAY = datetime.date(2027, 1, 1), datetime.date(2027, 2, 15)

KPIS = (
    {"direction": "increase", "baseline": D(0), "target": D(100)},
    {"direction": "decrease", "baseline": D(100), "target": D(0)},
    {"direction": "increase", "baseline": D(50), "target": D(40)},  # target behind baseline
    {"direction": "decrease", "baseline": D(20), "target": D(30)},
    {
        "direction": "range",
        "baseline": None,
        "target": None,
        "range_low": D(10),
        "range_high": D(20),
    },
    {
        "direction": "range",
        "baseline": D(15),
        "target": None,
        "range_low": D(10),
        "range_high": None,
    },
    {"direction": "increase", "baseline": D(0), "target": None},  # no target: nothing to judge
    {"direction": "increase", "baseline": None, "target": D(100)},  # no baseline
)
CURRENTS = (None, D(0), D(12), D(15), D(21), D(33), D(45), D(55), D(90), D(100))
# Start 1 January, today 15 February: due at the end of March (45 of 89 days gone), already
# past, on the start date, or never.
DUES = (datetime.date(2027, 3, 31), None, datetime.date(2027, 2, 1), START)
# (days after the start, value) of the updates: none, one, one day twice, rising, falling,
# flat inside a range.
HISTORIES = (
    (),
    ((10, "5"),),
    ((5, "10"), (5, "12")),
    ((5, "10"), (30, "20"), (40, "25")),
    ((5, "80"), (20, "60"), (40, "30")),
    ((3, "15"), (20, "16"), (44, "14")),
    ((0, "12"), (44, "19")),
)


def previous_team_goals_at_risk(*, manager, today):
    """Every active goal of the team judged in Python, kept when at risk, worst first."""
    goals = selectors.team_goals(manager=manager).filter(status=Goal.Status.ACTIVE)
    order = {kpi_math.RED: 0, kpi_math.AMBER: 1}
    at_risk = [g for g in selectors.goal_list_for_display(goals, today=today) if g.at_risk]
    return sorted(
        at_risk, key=lambda g: (order.get(g.rag, 2), g.due_date or datetime.date.max, g.pk)
    )


def _figures(goals):
    return [(g.pk, g.rag, g.progress, g.forecast, g.sparkline, g.at_risk) for g in goals]


def _at(days: int) -> datetime.datetime:
    return datetime.datetime.combine(
        START + datetime.timedelta(days=days), datetime.time(12), tzinfo=datetime.UTC
    )


def _team(org, manager, employee):
    """A direct report, one below them, a matrix report; a peer outside the team."""
    indirect = factories.member(org, email="indirect@a.example", manager=employee.employee)
    matrix = factories.member(org, email="matrix@a.example")
    factories.SecondaryManagerFactory(
        organization=org, employee=matrix.employee, manager=manager.employee, weight=30
    )
    peer = factories.member(org, email="peer@a.example")
    return [employee.employee, indirect.employee, matrix.employee, peer.employee]


def _varied_goals(org, owners) -> list[Goal]:
    goals, histories = [], []
    combos = itertools.product(KPIS, CURRENTS, HISTORIES)
    for index, (kpi, current, history) in enumerate(combos):
        fields = {
            "organization": org,
            "owner_employee": owners[index % len(owners)],
            "current": current,
            "start_date": None if index % 11 == 10 else START,
            "due_date": DUES[index % len(DUES)],
            "status": "completed" if index % 13 == 12 else "active",
            "range_low": None,
            "range_high": None,
            **kpi,
        }
        if index % 5 == 0:
            fields["rag_green_at"] = D(95)
        if index % 7 == 0:
            fields["range_tolerance_percent"] = D(50)
        goals.append(GoalFactory.build(**fields))
        histories.append(history)
    Goal.objects.bulk_create(goals)
    GoalUpdate.objects.bulk_create(
        GoalUpdate(organization=org, goal=goal, value=D(value), recorded_at=_at(days))
        for goal, history in zip(goals, histories, strict=True)
        for days, value in history
    )
    # Written around the services, as a bulk load is: the stored forecasts are computed after.
    assert services.goal_forecasts_refresh(goal_ids=[goal.pk for goal in goals]) > 0
    return goals


def test_the_database_picks_the_same_goals_at_risk_as_python(org_a, manager, employee):
    with in_org(org_a):
        owners = _team(org_a, manager, employee)
        goals = _varied_goals(org_a, owners)
        new = selectors.goals_for_risks(
            selectors.team_goal_risks(manager=manager.employee, today=TODAY), today=TODAY
        )
        old = previous_team_goals_at_risk(manager=manager.employee, today=TODAY)

    assert _figures(new) == _figures(old)
    # The set exercises every way in and out: red, amber, forecast to miss while green or
    # without a status, and the peer's goals left out.
    rags = {g.rag for g in new}
    assert {kpi_math.RED, kpi_math.AMBER} <= rags
    forecast_only = [g for g in new if g.rag in (kpi_math.GREEN, None)]
    assert {g.rag for g in forecast_only} == {kpi_math.GREEN, None}
    assert all(g.forecast.likely_to_miss for g in forecast_only)
    assert {g.direction for g in forecast_only} >= {"increase", "decrease", "range"}
    assert owners[3].pk not in {g.owner_employee_id for g in new}
    assert {g.owner_employee_id for g in new} == {o.pk for o in owners[:3]}
    assert len(new) < sum(1 for g in goals if g.status == "active")


def test_goals_on_the_green_edge_agree_with_python(org_a, manager, employee):
    """Thirds and sevenths of progress and of time, either side of each threshold."""
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
                )
        today = START + datetime.timedelta(days=2)
        new = selectors.goals_for_risks(
            selectors.team_goal_risks(manager=manager.employee, today=today), today=today
        )
        old = previous_team_goals_at_risk(manager=manager.employee, today=today)
    assert new
    assert _figures(new) == _figures(old)


def test_a_green_goal_forecast_to_miss_is_at_risk(org_a, manager, employee):
    with in_org(org_a):
        # 0 → 100 by 31 March: 45 of 89 days gone and 51 reached, on pace (green).
        goal = GoalFactory(
            organization=org_a,
            owner_employee=employee.employee,
            baseline=D(0),
            target=D(100),
            current=D(51),
            start_date=START,
            due_date=datetime.date(2027, 3, 31),
        )
        # A burst in the first week, then hardly anything: the line ends far below 100.
        owner = actor_for(employee)
        for days, value in ((5, "40"), (20, "48"), (44, "51")):
            services.goal_progress_record(
                actor=owner, goal=goal, value=D(value), recorded_at=_at(days)
            )
        GoalFactory(  # on pace and trending there: not at risk
            organization=org_a,
            owner_employee=employee.employee,
            baseline=D(0),
            target=D(100),
            current=D(51),
            start_date=START,
            due_date=datetime.date(2027, 3, 31),
        )
        at_risk = selectors.goals_for_risks(
            selectors.team_goal_risks(manager=manager.employee, today=TODAY), today=TODAY
        )
    assert [g.pk for g in at_risk] == [goal.pk]
    assert at_risk[0].rag == kpi_math.GREEN
    assert at_risk[0].forecast.likely_to_miss


def _add_red_goals(org, employee, count: int) -> None:
    for index in range(count):
        goal = GoalFactory(
            organization=org,
            owner_employee=employee.employee,
            current=D(10 + index),
            start_date=START,
            due_date=datetime.date(2027, 3, 31),
        )
        for days, value in ((5, "41"), (30, "42")):
            GoalUpdate.objects.create(
                organization=org, goal=goal, value=D(value), recorded_at=_at(days)
            )


def test_the_number_of_queries_does_not_grow_with_the_team_goals(org_a, manager, employee):
    counts = []
    with in_org(org_a):
        for added in (2, 8):
            _add_red_goals(org_a, employee, added)
            with CaptureQueriesContext(connection) as queries:
                found = selectors.goals_for_risks(
                    selectors.team_goal_risks(manager=manager.employee, today=TODAY), today=TODAY
                )
            assert len(found) == Goal.objects.count()
            counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_database_orders_and_pages_the_goals_at_risk(org_a, manager, employee):
    """The rows are counted and sliced by the database in the order Python sorts them by
    (red, amber, then forecast only; due date, the undated last; id), the page expected and
    the count in one query."""
    with in_org(org_a):
        owners = _team(org_a, manager, employee)
        _varied_goals(org_a, owners)
        every = selectors.team_goal_risks(manager=manager.employee, today=TODAY)
        assert every == sorted(every, key=lambda risk: risk.order)
        assert len(every) > 15
        top = selectors.team_goal_risks(manager=manager.employee, today=TODAY, limit=5)
        assert top == every[:5]

        def rows(window):
            return selectors.team_goal_risk_rows(
                manager=manager.employee, window=window, today=TODAY
            )

        page = rows((5, 10))
        with CaptureQueriesContext(connection) as queries:
            assert page.count() == len(every)
            assert page[5:10] == every[5:10]
        assert len(queries) == 2  # the settings, and the page with the count
        assert rows((5, 10))[10:15] == every[10:15]  # another slice is read on its own
        last = len(every) - len(every) % 5
        assert rows((last, last + 5))[last : len(every)] == every[last:]
        past = rows((len(every) + 100, len(every) + 105))
        assert past.count() == len(every)
