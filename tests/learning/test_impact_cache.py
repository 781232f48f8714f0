"""The learning impact report from the cache (`learning.impact.impact_report_cached`): served
again while nothing it shows has changed, built anew after every kind of write that changes it
(whichever code writes: services, bulk updates, deletions), and never another organisation's."""

from __future__ import annotations

import datetime
from datetime import UTC
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentCycle, ConsolidatedLevel
from assessments.results_cache import results_changed
from capabilities.models import Capability
from capabilities.services import library as library_services
from capabilities.services import scales as scale_services
from learning import impact
from learning.models import DevelopmentPlan, LearningItem, PlanItem
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.learning.factories import (
    DevelopmentPlanFactory,
    LearningFeedbackFactory,
    PlanItemFactory,
)

pytestmark = pytest.mark.postgres

COMPLETED = datetime.datetime(2027, 2, 1, tzinfo=UTC)


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """One entry per time the report is built (a read the cache did not serve)."""
    calls: list[int] = []
    build = impact.impact_report

    def counted(**kwargs):
        calls.append(1)
        return build(**kwargs)

    monkeypatch.setattr(impact, "impact_report", counted)
    return calls


@pytest.fixture
def learned(world):
    """The employee completed the course in February: assessed 2 before (the world's Q4 2026)
    and 3.5 after (Q1 2027)."""
    after = AssessmentCycleFactory(
        organization=world.org,
        name="Q1 2027",
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 3, 31),
        status=AssessmentCycle.Status.CLOSED,
    )
    world.assess(world.employee, {"complaints": 3.5}, cycle=after)
    plan = DevelopmentPlanFactory(
        organization=world.org, employee=world.employee.employee, status="active"
    )
    item = PlanItemFactory(
        organization=world.org,
        plan=plan,
        item=world.items["course"],
        capability=world.capabilities["complaints"],
        status=PlanItem.Status.DONE,
        completed_at=COMPLETED,
    )
    return plan, item, after


def _report(world) -> dict:
    with in_org(world.org):
        return impact.impact_page_report()


def _rebuilt(world, builds) -> bool:
    before = len(builds)
    _report(world)
    return len(builds) > before


def _complete_another(world, plan, item, after):
    PlanItemFactory(
        organization=world.org,
        plan=plan,
        item=world.items["shadowing"],
        capability=world.capabilities["communication"],
        status=PlanItem.Status.DONE,
        completed_at=COMPLETED,
    )


def _reopen_in_bulk(world, plan, item, after):
    PlanItem.objects.filter(pk=item.pk).update(status=PlanItem.Status.IN_PROGRESS)


def _move_completion(world, plan, item, after):
    PlanItem.objects.filter(pk=item.pk).update(completed_at=COMPLETED.replace(month=5))


def _complete_the_plan(world, plan, item, after):
    DevelopmentPlan.objects.filter(pk=plan.pk).update(status=DevelopmentPlan.Status.COMPLETED)


def _move_the_plan_start(world, plan, item, after):
    DevelopmentPlan.objects.filter(pk=plan.pk).update(period_start=datetime.date(2026, 12, 1))


def _delete_the_plan(world, plan, item, after):
    PlanItem.objects.filter(plan=plan).delete()
    DevelopmentPlan.objects.filter(pk=plan.pk).delete()


def _rename_the_item(world, plan, item, after):
    LearningItem.objects.filter(pk=item.item_id).update(title="Handling complaints")


def _change_the_cost(world, plan, item, after):
    LearningItem.objects.filter(pk=item.item_id).update(cost=Decimal("450"))


def _rate_the_item(world, plan, item, after):
    LearningFeedbackFactory(
        organization=world.org, employee=world.employee.employee, item=item.item, rating=5
    )


def _calibrate_a_level(world, plan, item, after):
    ConsolidatedLevel.objects.filter(cycle=after).update(adjusted_level=Decimal("4"))
    results_changed(cycle_ids=[after.pk])  # what every write of levels calls


def _move_a_cycle_end(world, plan, item, after):
    AssessmentCycle.objects.filter(pk=after.pk).update(period_end=datetime.date(2027, 1, 31))


def _rename_the_capability(world, plan, item, after):
    library_services.capability_update(
        actor=world.system,
        capability=Capability.objects.get(pk=item.capability_id),
        name="Resolving complaints",
    )


def _change_the_proficient_level(world, plan, item, after):
    scale_services.scale_update(
        actor=world.system, scale=scale_services.scale_ensure(), proficient_level=4
    )


WRITES = [
    _complete_another,
    _reopen_in_bulk,
    _move_completion,
    _complete_the_plan,
    _move_the_plan_start,
    _delete_the_plan,
    _rename_the_item,
    _change_the_cost,
    _rate_the_item,
    _calibrate_a_level,
    _move_a_cycle_end,
    _rename_the_capability,
    _change_the_proficient_level,
]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_every_write_the_report_reads_builds_it_anew(world, learned, builds, write):
    first = _report(world)
    assert not _rebuilt(world, builds), "an unchanged report is served from the cache"
    with in_org(world.org):
        write(world, *learned)
    assert _rebuilt(world, builds)
    with in_org(world.org):
        fresh = impact.impact_report()
    fresh.pop("measurements"), fresh.pop("plans")
    assert _report(world) == fresh, "the cache holds what the report computes now"
    assert fresh != first, "the write changed what the report shows"


def test_a_cached_report_is_the_computed_one(world, learned, builds):
    _report(world)
    cached = _report(world)
    with in_org(world.org):
        computed = impact.impact_report()
    computed.pop("measurements"), computed.pop("plans")
    assert cached == computed
    (row,) = cached["items"]
    assert (row["item"], row["mean_change"], row["cost_per_level"]) == (
        "Course",
        Decimal("1.50"),
        Decimal("200.00"),
    )


def test_another_organisation_has_its_own_report(world, learned, builds, org_b):
    _report(world)
    with in_org(org_b):
        other = impact.impact_page_report()
    assert other["items"] == [] and other["overall"]["completions"] == 0
    with in_org(org_b):
        DevelopmentPlanFactory(organization=org_b)  # a write there
    assert not _rebuilt(world, builds), "another organisation's writes leave this report be"


def _report_html(response) -> str:
    return response.content.decode().split("<h1>")[1].split("</main>")[0]


def test_the_page_serves_the_cached_report_in_fewer_queries(world, learned, login_client):
    client = login_client(world.hr)
    url = reverse("learning:impact")
    with CaptureQueriesContext(connection) as built:
        first = client.get(url)
    with CaptureQueriesContext(connection) as served:
        again = client.get(url)
    assert _report_html(first) == _report_html(again)
    assert "Course" in again.content.decode()
    assert len(served.captured_queries) < len(built.captured_queries)


def test_the_page_shows_a_write_at_once(world, learned, login_client):
    client = login_client(world.hr)
    url = reverse("learning:impact")
    assert "Course" in _report_html(client.get(url))
    with in_org(world.org):
        _rename_the_item(world, *learned)
    html = _report_html(client.get(url))
    assert "Handling complaints" in html and "Course" not in html


def test_the_items_are_listed_fifty_a_page(world, login_client):
    plan = DevelopmentPlanFactory(organization=world.org, employee=world.employee.employee)
    for _ in range(51):
        PlanItemFactory(
            organization=world.org, plan=plan, status=PlanItem.Status.DONE, completed_at=COMPLETED
        )
    client = login_client(world.hr)
    first = client.get(reverse("learning:impact")).content.decode()
    assert "Items 1 to 50 of 51" in first and "Page 1 of 2" in first
    second = client.get(reverse("learning:impact"), {"page": 2}).content.decode()
    assert "Items 51 to 51 of 51" in second and 'rel="prev"' in second
