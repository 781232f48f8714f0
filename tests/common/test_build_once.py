"""One build per key (`plms.common.build_once`), on Redis with real threads: requests that miss
the cache at once cause one build and all get its result; a builder that fails frees the key
for the next request; a lock left by a builder that died blocks no longer than its timeout."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.core.cache import cache

from plms.common.build_once import build_once, lock_key

pytestmark = pytest.mark.redis


@pytest.fixture
def key():
    name = f"plms:test:build-once:{uuid.uuid4().hex}"
    yield name
    cache.delete_many([name, lock_key(name)])


class Builds:
    """A report that takes `seconds` to build and counts its builds (and fails if told to)."""

    def __init__(self, seconds: float = 0.3, fail_first: bool = False):
        self.seconds = seconds
        self.fail_first = fail_first
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self) -> dict:
        with self._lock:
            self.count += 1
            number = self.count
        time.sleep(self.seconds)
        if self.fail_first and number == 1:
            raise RuntimeError("the build failed")
        return {"rows": list(range(1000)), "build": number}


def _at_once(callers: int, call) -> list:
    """`call()` from `callers` threads started together: their results (or exceptions)."""
    barrier = threading.Barrier(callers)
    results: list = [None] * callers

    def run(index: int) -> None:
        barrier.wait(timeout=10)
        try:
            results[index] = call()
        except Exception as exc:  # what each caller got, failures too
            results[index] = exc

    threads = [threading.Thread(target=run, args=(index,)) for index in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_callers_at_once_cause_one_build_and_all_get_its_result(key):
    build = Builds()
    results = _at_once(8, lambda: build_once(key, build, seconds=60))
    assert build.count == 1
    assert results == [{"rows": list(range(1000)), "build": 1}] * 8
    assert cache.get(key) == results[0]
    assert cache.get(lock_key(key)) is None
    build_once(key, build, seconds=60)
    assert build.count == 1


def test_a_builder_that_fails_frees_the_key_and_the_next_caller_builds(key):
    build = Builds(fail_first=True)
    with pytest.raises(RuntimeError):
        build_once(key, build, seconds=60)
    assert cache.get(lock_key(key)) is None
    assert build_once(key, build, seconds=60)["build"] == 2
    assert build.count == 2


def test_when_the_builder_fails_one_waiting_caller_builds_for_the_others(key):
    build = Builds(fail_first=True)
    results = _at_once(5, lambda: build_once(key, build, seconds=60))
    failed = [r for r in results if isinstance(r, RuntimeError)]
    assert len(failed) == 1
    assert build.count == 2
    assert [r for r in results if not isinstance(r, Exception)] == [
        {"rows": list(range(1000)), "build": 2}
    ] * 4


def test_a_lock_past_its_timeout_blocks_no_longer(key):
    """A builder that died (its lock never deleted) holds the key until the lock expires."""
    assert cache.add(lock_key(key), "a builder that died", 1)
    build = Builds(seconds=0)
    started = time.monotonic()
    assert build_once(key, build, seconds=60, wait_seconds=10)["build"] == 1
    assert 0.5 < time.monotonic() - started < 5
    assert cache.get(key)["build"] == 1


def test_a_caller_that_waited_long_enough_builds_itself(key):
    cache.add(lock_key(key), "a slow builder", 60)
    build = Builds(seconds=0)
    started = time.monotonic()
    assert build_once(key, build, seconds=60, wait_seconds=0.3)["build"] == 1
    assert time.monotonic() - started < 3
    assert cache.get(lock_key(key)) == "a slow builder"  # not another's to delete


def test_a_report_not_to_keep_is_returned_and_not_cached(key):
    build = Builds(seconds=0)
    assert build_once(key, build, seconds=60, keep=lambda: False)["build"] == 1
    assert cache.get(key) is None and cache.get(lock_key(key)) is None
    assert build_once(key, build, seconds=60)["build"] == 2


def test_an_empty_report_is_a_hit(key):
    calls: list[int] = []

    def empty() -> list:
        calls.append(1)
        return []

    assert build_once(key, empty, seconds=60) == []
    assert build_once(key, empty, seconds=60) == []
    assert len(calls) == 1
