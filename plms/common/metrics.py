"""Prometheus metrics at `/metrics`, for a scraper holding `PLMS_METRICS_TOKEN`.

Two kinds:
- counted in the web processes: requests by route, method and status, and their latency
  (histograms). Under gunicorn set `PROMETHEUS_MULTIPROC_DIR` (an empty directory per start,
  as `gunicorn.conf.py` does) so every worker process's counts are added up;
- read at scrape time from where the truth is, so any process answers the same: the broker's
  queue depth, and what apps register with `register_source()` (Momentum's due and overdue
  milestones, e-mail states, webhook failures).

Without a token configured the endpoint is a 404; without or with a wrong bearer token a 401.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "plms_http_requests",
    "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "plms_http_request_duration_seconds",
    "Time to answer an HTTP request, by route and method.",
    ["route", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

Source = Callable[[], Iterable[Metric]]
_sources: list[Source] = []


def observe_request(*, route: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(route, method, str(status)).inc()
    LATENCY.labels(route, method).observe(seconds)


def register_source(source: Source) -> Source:
    """Register a function that yields gauges read at scrape time (an app's `ready()`)."""
    if source not in _sources:
        _sources.append(source)
    return source


def gauge(name: str, documentation: str, labels: list[str], values: dict) -> GaugeMetricFamily:
    """A gauge family from `{label values tuple: value}`."""
    family = GaugeMetricFamily(name, documentation, labels=labels)
    for key, value in values.items():
        family.add_metric(list(key), value)
    return family


def queue_depth() -> Iterable[Metric]:
    """Messages waiting in the broker (Redis lists), and messages taken but not acknowledged."""
    if not settings.REDIS_URL:
        return
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)
    queues = getattr(settings, "PLMS_METRICS_QUEUES", ["celery"])
    depth = {(queue,): client.llen(queue) for queue in queues}
    yield gauge("plms_queue_depth", "Messages waiting in the broker, by queue.", ["queue"], depth)
    yield gauge(
        "plms_queue_unacked",
        "Messages a worker took and has not acknowledged yet.",
        [],
        {(): client.hlen("unacked")},
    )


class _Sources:
    def collect(self) -> Iterable[Metric]:
        failures = 0
        for source in (queue_depth, *_sources):
            try:
                yield from source()
            except Exception:  # one broken source must not hide the others
                failures += 1
                logger.exception("metrics source %s failed", getattr(source, "__name__", source))
        yield gauge(
            "plms_metrics_source_errors",
            "Metric sources that failed during this scrape.",
            [],
            {(): failures},
        )


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    read = CollectorRegistry(auto_describe=False)
    read.register(_Sources())
    return generate_latest(counted) + generate_latest(read)


@transaction.non_atomic_requests  # a refused scrape touches no database; sources open their own
def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.PLMS_METRICS_TOKEN
    if not token:
        return HttpResponse(status=404)
    offered = request.headers.get("Authorization", "")
    scheme, _, credential = offered.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        credential.strip().encode(), token.encode()
    ):
        response = HttpResponse("A bearer token is required.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
