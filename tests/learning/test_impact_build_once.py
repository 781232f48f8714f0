"""Requests that find learning's reports missing from the cache at once build each once
(`plms.common.build_once` under `learning.impact.impact_report_cached`): the web worker's
threads no longer each hold the whole report. Real threads, each with its own connection."""

from __future__ import annotations

import datetime
import threading
import time
from datetime import UTC

import pytest
from django.db import connection

from assessments.models import AssessmentCycle
from learning import impact, selectors
from learning.models import PlanItem
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

CALLERS = 4


@pytest.fixture
def learned(world):
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
    PlanItemFactory(
        organization=world.org,
        plan=plan,
        item=world.items["course"],
        capability=world.capabilities["complaints"],
        status=PlanItem.Status.DONE,
        completed_at=datetime.datetime(2027, 2, 1, tzinfo=UTC),
    )
    return plan


def _slow_and_counted(monkeypatch, module, name: str) -> list[int]:
    """`module.name` takes half a second longer (the others' requests arrive meanwhile) and
    counts its calls."""
    calls: list[int] = []
    lock = threading.Lock()
    build = getattr(module, name)

    def slow(**kwargs):
        with lock:
            calls.append(1)
        time.sleep(0.5)
        return build(**kwargs)

    monkeypatch.setattr(module, name, slow)
    return calls


def _at_once(call) -> list:
    barrier = threading.Barrier(CALLERS)
    results: list = [None] * CALLERS

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # what each caller got, failures too
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_api_requests_at_once_build_the_report_once(world, learned, make_key_client, monkeypatch):
    builds = _slow_and_counted(monkeypatch, impact, "impact_report")
    clients = [make_key_client(world.org, ["learning:read"]) for _ in range(CALLERS)]
    calls = iter(clients)
    lock = threading.Lock()

    def get():
        with lock:
            client = next(calls)
        response = client.get("/api/v1/learning-impact/plans")
        return response.status_code, response.json()

    results = _at_once(get)
    assert builds == [1]
    assert [status for status, _ in results] == [200] * CALLERS
    assert all(body == results[0][1] for _, body in results)
    assert results[0][1]["count"] == 1
    assert results[0][1]["results"][0]["plan_id"] == str(learned.uuid)


def test_the_content_gap_report_at_once_is_built_once(world, learned, monkeypatch):
    builds = _slow_and_counted(monkeypatch, selectors, "content_gap_report")

    def read():
        with in_org(world.org):
            return selectors.content_gap_report_cached()

    results = _at_once(read)
    assert builds == [1]
    assert all(result == results[0] for result in results)
    assert isinstance(results[0], list)
    with in_org(world.org):
        assert results[0] == selectors.content_gap_report()
