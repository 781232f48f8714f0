"""One build per key: a large cached report built by one request while the others wait for it.

A report that is missing from the cache (cold, or its key just changed) would otherwise be
built by every request that asks for it before the first build lands: four threads of a web
worker each holding the same 10,000 rows and their JSON. `build_once` lets the first request
build; the others poll the cache for its result, a few seconds at most.

The lock is a cache entry of its own, taken with `cache.add` (Redis `SET NX`) for
`lock_seconds`: a builder that fails deletes it (the next request builds), and one whose
process died holds it only until it expires. A request that has waited `wait_seconds`
without a result builds the report itself, as every request did before.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

# Longer than a build takes under load (a few seconds): past it a dead builder's lock expires.
LOCK_SECONDS = 120
# How long a request waits for another's build before building the report itself.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05

_MISSING = object()


def lock_key(key: str) -> str:
    return f"{key}:building"


def build_once(
    key: str,
    build: Callable[[], T],
    *,
    seconds: int,
    keep: Callable[[], bool] = lambda: True,
    lock_seconds: int = LOCK_SECONDS,
    wait_seconds: float = WAIT_SECONDS,
    poll_seconds: float = POLL_SECONDS,
) -> T:
    """The cached value of `key`, or `build()` kept there for `seconds` if `keep()` says so
    once it is built (a report whose inputs changed while it was built is returned but not
    kept). Of the requests that miss the cache at once, one builds and the others wait."""
    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value
    lock = lock_key(key)
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait_seconds
    while not cache.add(lock, token, lock_seconds):
        if time.monotonic() >= deadline:
            return _build(key, build, seconds=seconds, keep=keep)
        time.sleep(poll_seconds)
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            return value
    try:
        # The previous builder may have kept its report between this request's read and its lock.
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            return value
        return _build(key, build, seconds=seconds, keep=keep)
    finally:
        # Only this request's lock: past `lock_seconds` another request may hold the key's.
        # (Read, then delete: a lock taken in between would be lost, and its key built twice.)
        if cache.get(lock) == token:
            cache.delete(lock)


def _build(key: str, build: Callable[[], T], *, seconds: int, keep: Callable[[], bool]) -> T:
    value = build()
    if keep():
        cache.set(key, value, seconds)
    return value
