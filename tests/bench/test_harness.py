"""The benchmark's own parts without a database: the load generator against a tiny local server,
and the report's verdicts."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.load import _run
from bench.report import render_table
from bench.run import peak_raisers


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    bodies: list[bytes] = []

    def do_POST(self):
        self.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
        payload = b'{"ok": true}'
        self.send_response(201)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_the_load_generator_measures_and_makes_every_write_unique(server):
    _Handler.bodies = []
    spec = {
        "host": "127.0.0.1",
        "port": server,
        "method": "POST",
        "path": "/x",
        "headers": {"Content-Type": "application/json"},
        "body": '{"email": "w-{n}@x.example"}',
        "concurrency": 3,
        "warmup": 0.1,
        "duration": 0.4,
    }
    # A fresh thread: another test in this process may hold a running event loop (Playwright).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(asyncio.run, _run(spec)).result(timeout=120)
    assert result["requests"] > 10
    assert result["statuses"] == {"201": result["requests"]}
    assert result["errors"] == 0
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["p99_ms"]
    assert len(set(_Handler.bodies)) == len(_Handler.bodies)


def _report(*, rps: float, p95: float, status: int = 200) -> dict:
    def load(rps, p95, status="200"):
        return {
            "rps": rps,
            "p50_ms": 1.0,
            "p95_ms": p95,
            "p99_ms": p95,
            "errors": 0,
            "statuses": {status: 10},
        }

    return {
        "items": [
            {
                "name": "ping",
                "kind": "baseline",
                "expect": 200,
                "queries": 3,
                "status_in_process": 200,
                "min_ratio": None,
                "max_p95_ms": None,
                "load": load(100.0, 5.0),
            },
            {
                "name": "list",
                "kind": "read",
                "expect": 200,
                "queries": 5,
                "status_in_process": status,
                "min_ratio": 0.4,
                "max_p95_ms": 50.0,
                "load": load(rps, p95, str(status)),
            },
        ],
        "baseline_again": None,
        "jobs": [
            {
                "name": "import",
                "unit": "rows",
                "rows": 10,
                "seconds": 12.0,
                "rows_per_second": 0.8,
                "max_seconds": 10.0,
                "min_rows_per_second": None,
            }
        ],
        "memory": {
            "web": {"rss_mb": 90.0, "peak_rss_mb": 100.0},
            "celery": None,
            "web_target_mb": 250.0,
            "celery_target_mb": 300.0,
        },
    }


def test_the_report_says_pass_and_miss_plainly():
    table, misses, failures = render_table(_report(rps=50.0, p95=20.0))
    assert "0.50" in table and "PASS" in table
    assert misses == ["import: MISS 12.0 s > 10 s"]
    assert failures == []

    table, misses, failures = render_table(_report(rps=30.0, p95=80.0))
    assert "list: MISS 0.30x < 0.40x of baseline" in misses
    assert "list: MISS p95 80 > 50 ms" in misses

    _, _, failures = render_table(_report(rps=50.0, p95=20.0, status=403))
    assert failures and failures[0].startswith("list: FAILURE")


def test_an_item_that_completed_no_request_is_a_miss_and_listed_first():
    report = _report(rps=50.0, p95=20.0)
    slow = {**report["items"][1], "name": "stuck", "group": "crawl"}
    slow["load"] = {**slow["load"], "requests": 0, "rps": 0.0, "p95_ms": None, "seconds": 3.0}
    slow["load"]["statuses"] = {}
    fast = {**report["items"][1], "name": "quick", "group": "crawl"}
    report["items"] += [fast, slow]
    table, misses, _ = render_table(report)
    assert "stuck: MISS no request completed in 3 s" in misses
    rows = [line for line in table.splitlines() if line.startswith(("stuck", "quick"))]
    assert rows[0].startswith("stuck")


def test_the_report_names_the_items_that_raised_the_web_workers_peak_memory():
    results = {
        "ping": {"web_peak_rss_mb": 120.0},
        "home": {"web_peak_rss_mb": 130.0},
        "big report": {"web_peak_rss_mb": 290.0},
        "small page": {"web_peak_rss_mb": 290.0},
        "list": {"web_peak_rss_mb": 300.5},
    }
    raised = peak_raisers(results)
    assert raised == [
        {"item": "big report", "mb": 160.0},
        {"item": "list", "mb": 10.5},
        {"item": "home", "mb": 10.0},
    ]
    report = _report(rps=50.0, p95=20.0)
    report["memory"]["web"] = {"rss_mb": 200.0, "peak_rss_mb": 300.5, "raised_by": raised}
    table, misses, _ = render_table(report)
    assert "raised most by big report +160, list +10, home +10" in table
    assert "web worker peak RSS: MISS 300 MB > 250 MB" in misses


@pytest.mark.django_db
def test_queries_are_counted_for_every_item_however_many_came_before(org_a, hr_admin):
    from django.db import connection

    from bench.context import BenchContext
    from bench.generators import Sizes
    from bench.items import Item
    from bench.run import count_queries

    context = BenchContext(
        organization=org_a, neighbour=org_a, sizes=Sizes(), api_key="", run_token="t"
    )
    item = Item("home", "GET", "/", context.session_headers(hr_admin.user.email))
    first, status, size = count_queries(item, context)
    assert status == 200 and first > 0 and size > 0
    connection.queries_log.extend({"sql": "x", "time": "0"} for _ in range(9000))  # full
    assert count_queries(item, context)[0] == first
