"""Rate limits per API key and per signed-in user, counted atomically.

A fixed one-minute window: `INCR` + `EXPIRE` in one MULTI/EXEC on Redis (DRF's default
throttles read, modify and write a list in the cache, which races under concurrency). Without
Redis (embedded default) the process-local cache's atomic `incr` is used.
"""

from __future__ import annotations

import time
from functools import cache

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import BaseThrottle

WINDOW_SECONDS = 60


@cache
def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2)


def hit(key: str, *, ttl: int) -> int:
    """Count one hit on `key` and return the count in its window."""
    if settings.REDIS_URL:
        pipe = _redis().pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, ttl + 1)
        count, _ = pipe.execute()
        return int(count)
    local = caches["default"]
    local.add(key, 0, ttl + 1)
    try:
        return local.incr(key)
    except ValueError:  # expired between add and incr
        local.add(key, 1, ttl + 1)
        return 1


def peek(key: str) -> int:
    """The count of `key` in its window, without counting a hit."""
    if settings.REDIS_URL:
        return int(_redis().get(key) or 0)
    return int(caches["default"].get(key) or 0)


class RateLimit(BaseThrottle):
    """`PLMS_RATE_LIMITS["api_key"]` requests a minute per key, `["user"]` per user."""

    def allow_request(self, request, view) -> bool:
        django_request = request._request
        limits = settings.PLMS_RATE_LIMITS
        if getattr(django_request, "api_key", None) is not None:
            identity, limit = f"key:{django_request.api_key.pk}", limits["api_key"]
        elif request.user and request.user.is_authenticated:
            identity, limit = f"user:{request.user.pk}", limits["user"]
        else:
            return True
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        count = hit(f"plms:rate:{identity}:{window}", ttl=WINDOW_SECONDS)
        self._wait = WINDOW_SECONDS - (now % WINDOW_SECONDS)
        return count <= limit

    def wait(self) -> float:
        return self._wait
