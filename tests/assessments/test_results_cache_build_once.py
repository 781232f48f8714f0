"""Requests that find a cycle report missing from the cache at once build it once
(`assessments.results_cache.cached_report` through `plms.common.build_once`): the department
heatmap, the team heatmap, the gap report and the 9-box were built cold by each of a web
worker's threads. Real threads, each with its own connection, and real Redis."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from assessments.results_cache import cached_report
from tests.assessments.conftest import closed_cycle
from tests.conftest import in_org

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

CALLERS = 4


def test_a_cold_report_asked_for_at_once_is_built_once(world):
    cycle = closed_cycle(world, "Built once")
    builds: list[int] = []
    lock = threading.Lock()

    def build() -> dict:
        with lock:
            builds.append(1)
        time.sleep(0.5)  # the others' requests arrive meanwhile
        return {"cells": list(range(1000))}

    barrier = threading.Barrier(CALLERS)
    results: list = [None] * CALLERS

    def read(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            with in_org(world.org):
                results[index] = cached_report(cycle=cycle, name="built-once", build=build)
        except Exception as exc:  # what each caller got, failures too
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(index,)) for index in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert builds == [1]
    assert results == [{"cells": list(range(1000))}] * CALLERS
