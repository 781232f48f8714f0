"""The content gap report from the cache (`learning.selectors.content_gap_report_cached`):
served again while nothing it reads has changed, built anew after every write that changes it
(the levels of the latest closed cycle, which cycle that is, the items and the levels they
develop, the scale's levels, the capabilities' names), and never another organisation's."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import AssessmentCycle, ConsolidatedLevel
from assessments.results_cache import results_changed
from capabilities.models import Capability, ScaleLevel
from learning import selectors
from learning.models import ItemCapability, LearningItem
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.learning.factories import ItemCapabilityFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """One entry per time the report is built (a read the cache did not serve)."""
    calls: list[int] = []
    build = selectors.content_gap_report

    def counted(**kwargs):
        calls.append(1)
        return build(**kwargs)

    monkeypatch.setattr(selectors, "content_gap_report", counted)
    return calls


def _report(world) -> list[dict]:
    with in_org(world.org):
        return selectors.content_gap_report_cached()


def _rebuilt(world, builds) -> bool:
    before = len(builds)
    _report(world)
    return len(builds) > before


# The employee's gaps in the world's closed cycle: negotiation 1 -> 3 has no content at all.


def _assess_higher(world):
    ConsolidatedLevel.objects.filter(
        cycle=world.cycle, capability=world.capabilities["negotiation"]
    ).update(level=Decimal("2"))
    results_changed(cycle_ids=[world.cycle.pk])  # what every write of levels calls


def _add_content(world):
    ItemCapabilityFactory(
        organization=world.org,
        item=world.items["course"],
        capability=world.capabilities["negotiation"],
        level_from=1,
        level_to=3,
    )


def _widen_content(world):
    ItemCapability.objects.filter(
        item=world.items["course"], capability=world.capabilities["complaints"]
    ).update(capability=world.capabilities["negotiation"], level_from=1)


def _remove_content(world):
    ItemCapability.objects.filter(item=world.items["shadowing"]).delete()
    ItemCapability.objects.filter(item=world.items["mentoring"]).delete()


def _retire_an_item(world):
    LearningItem.objects.filter(
        pk__in=[world.items["shadowing"].pk, world.items["mentoring"].pk]
    ).update(active=False)


def _rename_the_capability(world):
    Capability.objects.filter(pk=world.capabilities["negotiation"].pk).update(name="Deal making")


def _drop_a_scale_level(world):
    ScaleLevel.objects.filter(number=3).update(number=6)


WRITES = [
    _assess_higher,
    _add_content,
    _widen_content,
    _remove_content,
    _retire_an_item,
    _rename_the_capability,
    _drop_a_scale_level,
]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_every_write_the_report_reads_builds_it_anew(world, builds, write):
    first = _report(world)
    assert not _rebuilt(world, builds), "an unchanged report is served from the cache"
    with in_org(world.org):
        write(world)
    assert _rebuilt(world, builds)
    with in_org(world.org):
        fresh = selectors.content_gap_report()
    assert _report(world) == fresh, "the cache holds what the report computes now"
    assert fresh != first, "the write changed what the report shows"


def test_closing_a_newer_cycle_builds_it_anew(world, builds):
    newer = AssessmentCycleFactory(
        organization=world.org,
        name="Q1 2027",
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 3, 31),
        status=AssessmentCycle.Status.OPEN,
    )
    world.assess(world.employee, {"negotiation": 3}, cycle=newer)
    first = _report(world)
    assert not _rebuilt(world, builds)
    with in_org(world.org):
        AssessmentCycle.objects.filter(pk=newer.pk).update(status=AssessmentCycle.Status.CLOSED)
    assert _rebuilt(world, builds)
    assert first and _report(world) == [], "the newer cycle's levels leave no gap"


def test_another_organisation_has_its_own_report(world, builds, org_b):
    assert _report(world)
    with in_org(org_b):
        assert selectors.content_gap_report_cached() == []
        ItemCapabilityFactory(organization=org_b)  # a write there
    assert not _rebuilt(world, builds), "another organisation's writes leave this report be"


def test_the_page_shows_new_content_at_once(world, login_client):
    client = login_client(world.hr)
    page = reverse("learning:content_gaps")
    assert "Negotiation" in client.get(page).content.decode()
    with in_org(world.org):
        _add_content(world)
    assert "Negotiation" not in client.get(page).content.decode()
