"""The benchmark's page crawl on a tiny organisation: it finds pages by following links (so a page
added later is measured without editing the benchmark), stops two links deep, lists the API's
parameterless reads, and reports a slow page first, with its miss."""

from __future__ import annotations

import asyncio
import concurrent.futures
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import override_settings

from bench.context import BenchContext
from bench.crawl import (
    CRAWL,
    HOME_MAX_P95_MS,
    PAGE_MAX_P95_MS,
    Page,
    api_read_paths,
    crawl_items,
    links_in,
    page_items,
    url_pattern,
)
from bench.generators import Sizes, generate_organization
from bench.load import _run
from bench.report import render_table
from tests.bench.crawl_urls import DEEPER_PATH, NEW_PATH, SLOW_PATH, TOO_DEEP_PATH

MAIN = '<main id="main" tabindex="-1">'


def _templates_linking_the_added_page() -> list[dict]:
    """The project's templates, with a link to the added page on every signed-in page."""
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    assert MAIN in base
    patched = base.replace(MAIN, f'{MAIN}<a href="{NEW_PATH}">Added report</a>', 1)
    options = {k: v for k, v in settings.TEMPLATES[0]["OPTIONS"].items() if k != "loaders"}
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", {"base.html": patched}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return [{**settings.TEMPLATES[0], "APP_DIRS": False, "OPTIONS": options}]


def _context(slug: str) -> BenchContext:
    sizes = Sizes(employees=60, departments=6)
    generated = generate_organization(slug=slug, sizes=sizes)
    return BenchContext(
        organization=generated.organization,
        neighbour=generated.organization,
        sizes=sizes,
        api_key=generated.api_key,
        run_token="t1",
    )


def test_url_patterns_keep_one_page_per_shape_and_links_stay_local():
    assert url_pattern("/goals/3f1c0e1a-6d1b-4a43-9a55-0d5c1f0e2b77/?page=2&sort=x") == (
        "/goals/{id}/?page&sort"
    )
    assert url_pattern("/people/12/") == "/people/{id}/"
    html = (
        '<a href="/goals/">g</a><a href="https://elsewhere.example/">x</a>'
        '<a href="/api/v1/goals">api</a><a href="/static/app.css">s</a>'
        '<a href="/accounts/logout/">out</a><a href="export.csv" download>csv</a>'
        '<a href="#top">top</a><div hx-get="/home/sections/team/"></div><a href="/goals/">g</a>'
    )
    assert links_in(html, "/") == ["/goals/", "/home/sections/team/"]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.bench.crawl_urls")
def test_the_crawl_finds_a_page_added_later_two_links_deep_and_no_deeper():
    with override_settings(TEMPLATES=_templates_linking_the_added_page()):
        context = _context("crawl-finds")
        items = crawl_items(context, roles=("hr",))  # one person: the test stays short

    paths = {
        (item.name.rsplit("(", 1)[1].rstrip(")"), item.path)
        for item in items
        if item.name.startswith("page ")
    }
    assert ("hr", "/") in paths
    assert ("hr", NEW_PATH) in paths  # linked from every page: one link deep
    assert ("hr", DEEPER_PATH) in paths  # linked from the added page only: two deep
    assert ("hr", SLOW_PATH) in paths
    assert ("hr", TOO_DEEP_PATH) not in paths  # three deep
    # The menu's pages are found without being listed anywhere in the benchmark.
    assert {("hr", "/people/"), ("hr", "/goals/")} <= paths
    assert all(item.group == CRAWL for item in items)
    homes = [item for item in items if item.path == "/"]
    assert {item.max_p95_ms for item in homes} == {HOME_MAX_P95_MS}
    pages = [item for item in items if item.name.startswith("page ") and item.path != "/"]
    assert {item.max_p95_ms for item in pages} == {PAGE_MAX_P95_MS}
    assert all(item.max_kb == 300 for item in pages)
    # The API's parameterless reads, with the organisation's key.
    api = [item for item in items if item.path.startswith("/api/v1/")]
    assert {"/api/v1/goals", "/api/v1/employees", "/api/v1/ping"} <= {i.path for i in api}
    assert all("{" not in item.path for item in api)
    assert all(item.min_ratio == 0.40 and item.max_p95_ms == 50 for item in api)


def test_the_api_reads_include_a_newly_routed_list():
    with override_settings(ROOT_URLCONF="tests.bench.crawl_urls"):
        assert "/api/v1/departments" in api_read_paths()


def test_the_api_reads_leave_out_a_read_that_needs_a_query_parameter():
    paths = api_read_paths()
    assert "/api/v1/employees" in paths
    assert "/api/v1/survey-results" not in paths  # `survey` is required
    assert "/api/v1/review-answers" not in paths  # `employee` is required


def _measure(port: int, item) -> dict:
    spec = {
        "host": "127.0.0.1",
        "port": port,
        "method": item.method,
        "path": item.path,
        "headers": item.headers,
        "concurrency": 4,
        "warmup": 0.2,
        "duration": 1.0,
    }
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _run(spec)).result(timeout=120)


@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF="tests.bench.crawl_urls")
def test_the_crawl_reports_a_slow_page_first_with_its_miss(live_server, org_a, hr_admin):
    context = BenchContext(
        organization=org_a, neighbour=org_a, sizes=Sizes(), api_key="", run_token="t2"
    )
    headers = {"hr": context.session_headers(hr_admin.user.email)}
    items = page_items([Page("hr", NEW_PATH, 1), Page("hr", SLOW_PATH, 2)], headers)
    port = urlsplit(live_server.url).port
    report_items = []
    for item in items:
        load = _measure(port, item)
        assert load["statuses"] == {"200": load["requests"]}
        report_items.append(
            {
                "name": item.name,
                "kind": item.kind,
                "group": item.group,
                "expect": 200,
                "queries": 0,
                "status_in_process": 200,
                "bytes": 1000,
                "min_ratio": item.min_ratio,
                "max_p95_ms": item.max_p95_ms,
                "max_kb": item.max_kb,
                "load": load,
            }
        )
    baseline = {**report_items[0], "name": "baseline", "kind": "baseline", "group": ""}
    report = {
        "items": [baseline, *report_items],
        "baseline_again": None,
        "jobs": [],
        "memory": {"web_target_mb": 250.0, "celery_target_mb": 300.0},
    }

    table, misses, failures = render_table(report)

    assert failures == []
    slow_name = f"page {SLOW_PATH} (hr)"
    assert [m for m in misses if m.startswith(slow_name)], misses
    lines = table.splitlines()
    crawl_rows = [line for line in lines if line.startswith("page /")]
    assert crawl_rows[0].startswith(slow_name)  # worst first
    assert "MISS p95" in crawl_rows[0]
