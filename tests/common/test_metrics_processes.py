"""`/metrics` under gunicorn with two worker processes (as in production): the request
counters and latency histograms of both processes are added up (Prometheus multiprocess mode,
PROMETHEUS_MULTIPROC_DIR), so every scrape, whichever process answers it, reports every
request."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.web.test_rolling_restart import Instance

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TOKEN = "metrics-token-for-the-test"
REQUESTS = 60
COUNTED = re.compile(
    r'^plms_http_requests_total\{(?=[^}]*route="healthz")(?=[^}]*status="200")[^}]*\} (\S+)$',
    re.MULTILINE,
)
OBSERVED = re.compile(
    r'^plms_http_request_duration_seconds_count\{(?=[^}]*route="healthz")[^}]*\} (\S+)$',
    re.MULTILINE,
)


def _figures(address: str) -> tuple[float, float]:
    text = httpx.get(
        f"http://{address}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    ).text
    counted, observed = COUNTED.findall(text), OBSERVED.findall(text)
    assert len(counted) == 1 and len(observed) == 1, text[:2000]
    return float(counted[0]), float(observed[0])


def test_the_figures_of_every_worker_process_are_added_up(tmp_path):
    directory = tmp_path / "prometheus"
    web = Instance(
        "metrics",
        tmp_path,
        PROMETHEUS_MULTIPROC_DIR=str(directory),
        PLMS_METRICS_TOKEN=TOKEN,
    ).start()
    try:
        # Concurrent requests: a sync worker answers one at a time, so both processes serve.
        def hit(_: int) -> int:
            return httpx.get(f"http://{web.address}/healthz", timeout=10).status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert set(pool.map(hit, range(REQUESTS))) == {200}
        processes = {path.stem.rsplit("_", 1)[-1] for path in directory.glob("counter_*.db")}
        assert len(processes) >= 2, f"both worker processes counted: {sorted(processes)}"
        # Every scrape (answered by one process or the other) reports all of them.
        scrapes = {_figures(web.address) for _ in range(8)}
        assert scrapes == {(REQUESTS, REQUESTS)}, scrapes
    finally:
        web.stop()
    print(f"\nmetrics over {len(processes)} worker processes: {scrapes}")
