"""Learning impact on a constructed history: before/after levels, gains, cost, proficiency."""

from __future__ import annotations

import datetime
from datetime import UTC, date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import impact
from learning.impact import Completed, measure, summarise
from learning.models import DevelopmentPlan, PlanItem
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory


def done(plan_id, item_id, capability_id, employee_id, on, cost="100", start=date(2027, 1, 1)):
    return Completed(
        plan_id=plan_id,
        item_id=item_id,
        item_title=f"Item {item_id}",
        capability_id=capability_id,
        capability_name=f"Capability {capability_id}",
        employee_id=employee_id,
        completed_on=on,
        plan_start=start,
        cost=Decimal(cost),
    )


HISTORY = {
    # (employee, capability): [(period end, level)]
    (1, 10): [(date(2026, 12, 31), Decimal("2")), (date(2027, 3, 31), Decimal("3.5"))],
    (2, 10): [(date(2026, 12, 31), Decimal("2")), (date(2027, 3, 31), Decimal("2"))],
    (3, 10): [(date(2026, 12, 31), Decimal("3"))],  # not re-assessed yet
    (1, 20): [(date(2026, 12, 31), Decimal("1")), (date(2027, 6, 30), Decimal("3"))],
}


def test_before_is_the_last_assessment_up_to_completion_and_after_the_next_one():
    measured = measure(done(1, 100, 10, 1, date(2027, 2, 1)), HISTORY)
    assert (measured.before, measured.after, measured.change) == (2, Decimal("3.5"), Decimal("1.5"))
    on_period_end = measure(done(1, 100, 10, 1, date(2027, 3, 31)), HISTORY)
    assert (on_period_end.before, on_period_end.after) == (Decimal("3.5"), None)
    unmeasured = measure(done(1, 100, 10, 3, date(2027, 2, 1)), HISTORY)
    assert (unmeasured.before, unmeasured.after, unmeasured.change) == (3, None, None)


def test_summary_per_item_capability_and_plan():
    completed = [
        done(1, 100, 10, 1, date(2027, 2, 1), cost="300"),  # +1.5
        done(2, 100, 10, 2, date(2027, 2, 1), cost="300"),  # 0
        done(3, 100, 10, 3, date(2027, 2, 1), cost="300"),  # not measured
        done(1, 200, 20, 1, date(2027, 4, 1), cost="50"),  # +2
    ]
    report = summarise(completed, HISTORY, proficient=3)
    items = {row["item_id"]: row for row in report["items"]}
    assert items[100] == {
        "item_id": 100,
        "item": "Item 100",
        "completions": 3,
        "measured": 2,
        "mean_change": Decimal("0.75"),
        "levels_gained": Decimal("1.50"),
        "cost": Decimal("900.00"),
        "cost_per_level": Decimal("400.00"),  # 600 spent on the measured two / 1.5 levels
    }
    assert items[200]["cost_per_level"] == Decimal("25.00")
    assert [row["item_id"] for row in report["items"]] == [200, 100]  # biggest change first
    capabilities = {row["capability_id"]: row for row in report["capabilities"]}
    # Employee 1 reached 3 in capability 10 at the end of March: 89 days after the plan start;
    # employee 3 was there before the plan started, employee 2 never.
    assert capabilities[10]["reached_proficiency"] == 1
    assert capabilities[10]["mean_days_to_proficiency"] == 89
    assert capabilities[20]["mean_days_to_proficiency"] == 180
    plans = {row["plan_id"]: row for row in report["plans"]}
    assert plans[1]["mean_change"] == Decimal("1.75")
    assert report["overall"]["measured"] == 3
    assert report["overall"]["levels_gained"] == Decimal("3.50")


def test_no_gain_no_cost_per_level():
    report = summarise([done(2, 100, 10, 2, date(2027, 2, 1))], HISTORY, proficient=4)
    assert report["items"][0]["cost_per_level"] is None
    assert report["capabilities"][0]["mean_days_to_proficiency"] is None


def _plan_with_done_items(org, count):
    employee = factories.EmployeeFactory(organization=org)
    plan = DevelopmentPlanFactory(
        organization=org, employee=employee, status=DevelopmentPlan.Status.ACTIVE
    )
    for _ in range(count):
        PlanItemFactory(
            organization=org,
            plan=plan,
            status=PlanItem.Status.DONE,
            completed_at=datetime.datetime(2027, 2, 1, tzinfo=UTC),
        )
    return plan


def test_the_report_reads_a_constant_number_of_queries(org_a):
    cycle = AssessmentCycleFactory(organization=org_a)
    _plan_with_done_items(org_a, 2)
    with in_org(org_a), CaptureQueriesContext(connection) as few:
        impact.impact_report()
    for _ in range(3):
        _plan_with_done_items(org_a, 3)
    assert cycle.pk
    with in_org(org_a), CaptureQueriesContext(connection) as many:
        report = impact.impact_report()
    assert report["overall"]["completions"] == 11
    assert report["rates"]["items_done"] == 11
    assert "association, not proof" in report["caveat"]
    assert len(many.captured_queries) == len(few.captured_queries)
