"""`GET /api/v1/learning-impact` (the organisation's figures) and its collections of rows
(`/items`, `/capabilities`, `/plans`) page the report the API sent whole before
(`learning.impact_api._impact_with_public_ids`): the pages put together are its rows in its order,
the figures are its own, every row is what the documented serializer writes, and a page reads
a constant number of queries whatever the report's size."""

from __future__ import annotations

import datetime
from datetime import UTC

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from assessments.models import AssessmentCycle
from learning import impact, impact_api
from learning.impact_api import (
    IMPACT_FIGURES,
    ImpactCapabilitySerializer,
    ImpactItemSerializer,
    ImpactPlanSerializer,
    _impact_with_public_ids,
)
from learning.models import PlanItem
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.learning.factories import (
    DevelopmentPlanFactory,
    LearningFeedbackFactory,
    LearningItemFactory,
    PlanItemFactory,
)

pytestmark = pytest.mark.postgres

URL = "/api/v1/learning-impact"
ITEMS = f"{URL}/items"
PARTS = {
    ITEMS: ("items", ImpactItemSerializer),
    f"{URL}/capabilities": ("capabilities", ImpactCapabilitySerializer),
    f"{URL}/plans": ("plans", ImpactPlanSerializer),
}


@pytest.fixture
def learn(world):
    """`learn(n)`: n more plans, each with a done item of its own (some with a level before
    and after, some without; some rated by their learners) and one left open."""
    after = AssessmentCycleFactory(
        organization=world.org,
        name="Q1 2027",
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 3, 31),
        status=AssessmentCycle.Status.CLOSED,
    )
    world.assess(world.employee, {"complaints": 3.5, "communication": 2}, cycle=after)
    counter = iter(range(1000))

    def learn(n: int) -> None:
        with in_org(world.org):
            for _ in range(n):
                i = next(counter)
                key = ("complaints", "communication", "data")[i % 3]
                item = LearningItemFactory(organization=world.org, title=f"Item {i:03}", cost=i)
                plan = DevelopmentPlanFactory(
                    organization=world.org, employee=world.employee.employee, status="active"
                )
                for status in (PlanItem.Status.DONE, PlanItem.Status.NOT_STARTED):
                    PlanItemFactory(
                        organization=world.org,
                        plan=plan,
                        item=item,
                        capability=world.capabilities[key],
                        status=status,
                        completed_at=datetime.datetime(2027, 2, 1 + i % 20, tzinfo=UTC)
                        if status == PlanItem.Status.DONE
                        else None,
                    )
                if i % 2:
                    LearningFeedbackFactory(
                        organization=world.org, item=item, employee=world.employee.employee
                    )

    return learn


def _render(data) -> bytes:
    return JSONRenderer().render(data)


def _pages(client, url: str, page_size: int) -> tuple[list, dict]:
    rows, page = [], 1
    while True:
        body = client.get(url, {"page": page, "page_size": page_size}).json()
        rows += body.pop("results")
        if body.pop("next") is None:
            return rows, body
        page += 1


@pytest.mark.parametrize("page_size", [2, 50])
def test_the_pages_put_together_are_the_whole_report(world, learn, key_client_a, page_size):
    learn(7)
    with in_org(world.org):
        report = _impact_with_public_ids()
    assert len(report["items"]) == 7 and len(report["plans"]) == 7
    for url, (part, serializer) in PARTS.items():
        rows, rest = _pages(key_client_a, url, page_size)
        assert _render(rows) == _render(report[part]), url
        assert rest["count"] == len(report[part])
        # Every row is what the schema's serializer writes of it.
        assert _render(serializer(report[part], many=True).data) == _render(report[part])
    figures = key_client_a.get(URL).json()
    assert _render(figures) == _render({name: report[name] for name in IMPACT_FIGURES})
    assert figures["overall"]["completions"] == 7
    assert key_client_a.get(ITEMS).json()["results"][0]["item_id"] is not None


def test_fifty_items_a_page(world, learn, key_client_a):
    learn(52)
    first = key_client_a.get(ITEMS).json()
    assert (first["count"], len(first["results"])) == (52, 50)
    assert len(key_client_a.get(first["next"]).json()["results"]) == 2


@pytest.mark.parametrize("url", [URL, *PARTS])
def test_a_page_reads_a_constant_number_of_queries(world, learn, key_client_a, settings, url):
    settings.PLMS_RESULTS_CACHE_SECONDS = 0  # every request builds the report
    learn(2)
    key_client_a.get(url)  # the key's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get(url).status_code == 200
    learn(8)
    with CaptureQueriesContext(connection) as many:
        assert key_client_a.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_page_from_the_cache_reads_only_the_key(world, learn, key_client_a, monkeypatch):
    learn(3)
    key_client_a.get(URL)
    built = []
    monkeypatch.setattr(impact, "impact_report", lambda **kw: built.append(1))
    for url in PARTS:
        key_client_a.get(url)  # each part read once from the whole report's cache
    for url in [URL, *PARTS]:
        with CaptureQueriesContext(connection) as cached:
            assert key_client_a.get(url).status_code == 200
        assert sum("learning_impactversion" in q["sql"] for q in cached.captured_queries) == 1
    assert built == []


@pytest.mark.parametrize("page_size", [1, 2, 5])
def test_pages_across_chunks_are_the_whole_report(
    world, learn, key_client_a, monkeypatch, page_size
):
    """The rows are cached in chunks; pages that start and end inside them, or span two."""
    monkeypatch.setattr(impact_api, "CHUNK_ROWS", 3)
    learn(8)
    with in_org(world.org):
        report = _impact_with_public_ids()
    for url, (part, _) in PARTS.items():
        rows, rest = _pages(key_client_a, url, page_size)
        assert _render(rows) == _render(report[part]), url
        assert rest["count"] == len(report[part])
    assert len(report["plans"]) == len(report["items"]) == 8


def test_a_page_reads_only_its_chunks(world, learn, key_client_a, monkeypatch):
    monkeypatch.setattr(impact_api, "CHUNK_ROWS", 3)
    learn(8)
    key_client_a.get(f"{URL}/plans")  # built and cached
    read: list[str] = []
    get_many = cache.get_many

    def recorded(keys, *args, **kwargs):
        read.extend(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", recorded)
    body = key_client_a.get(f"{URL}/plans", {"page": 2, "page_size": 2}).json()
    assert len(body["results"]) == 2
    assert [key.rsplit(":", 2)[1:] for key in read] == [["plans", "0"], ["plans", "1"]]


def test_a_chunk_missing_from_the_cache_is_read_from_the_report(world, learn, key_client_a):
    learn(3)
    first = key_client_a.get(f"{URL}/plans").json()
    with in_org(world.org):
        parts = impact.impact_report_cached(name="api-parts", build=lambda: None)
    cache.delete(impact_api._chunk_key(parts["plans"]["token"], "plans", 0))  # evicted
    assert key_client_a.get(f"{URL}/plans").json() == first
