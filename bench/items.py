"""The HTTP items measured under load, one provider per domain.

A provider takes the `BenchContext` and returns `Item`s (an empty list when its domain has
nothing to measure yet). Targets come from the item's kind (issue 10): reads at least 40 % of
the baseline's throughput with p95 at most 50 ms at concurrency 8, writes at least 25 %.
To add a domain: write `<domain>_items(ctx)` here or in `bench/items_<domain>.py` and add it
to `item_providers()`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.context import BenchContext

BASELINE, READ, WRITE = "baseline", "read", "write"
READ_MIN_RATIO, WRITE_MIN_RATIO, READ_MAX_P95_MS = 0.40, 0.25, 50.0
WRITE_EMAIL_PREFIX = "bench-write-"


@dataclass
class Item:
    name: str
    method: str
    path: str
    headers: dict[str, str]
    kind: str = READ
    body: str | None = None  # `{n}` is replaced by a value unique within the run
    expect: int = 200
    max_p95_ms: float | None = None
    min_ratio: float | None = None  # 0: no throughput target (the crawl's pages)
    max_kb: float | None = None  # the response body's size
    group: str = ""  # "crawl": found by the page crawl, listed worst first
    # Undo what the item wrote (runs once after the item, in-process).
    cleanup: Callable[[BenchContext], None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.min_ratio is None and self.kind != BASELINE:
            self.min_ratio = READ_MIN_RATIO if self.kind == READ else WRITE_MIN_RATIO
        if self.max_p95_ms is None and self.kind == READ:
            self.max_p95_ms = READ_MAX_P95_MS


def baseline(ctx: BenchContext) -> Item:
    """An authenticated DRF endpoint that returns a constant: the stack's own ceiling."""
    return Item("GET /api/v1/ping (baseline)", "GET", "/api/v1/ping", ctx.key_headers(), BASELINE)


def people_items(ctx: BenchContext) -> list[Item]:
    from plms.people.models import Employee

    with ctx.in_scope():
        employees = Employee.objects.count()
        sample = Employee.objects.filter(manager__isnull=False).order_by("id")[employees // 2]
    page = max(1, min(50, math.ceil(employees / 50)))
    body = json.dumps(
        {
            "email": f"{WRITE_EMAIL_PREFIX}{{n}}@{ctx.organization.slug}.example",
            "first_name": "Bench",
            "last_name": "Writer",
            "title": "Load test",
        }
    )
    return [
        Item("GET /api/v1/me", "GET", "/api/v1/me", ctx.key_headers()),
        Item(
            f"GET /api/v1/employees page {page}",
            "GET",
            f"/api/v1/employees?page={page}&page_size=50",
            ctx.key_headers(),
        ),
        Item(
            "GET /api/v1/employees?search=",
            "GET",
            f"/api/v1/employees?search={sample.last_name}",
            ctx.key_headers(),
        ),
        Item(
            "GET /api/v1/employees/{id}",
            "GET",
            f"/api/v1/employees/{sample.uuid}",
            ctx.key_headers(),
        ),
        Item("page /people/ (HR admin)", "GET", "/people/", ctx.session_headers(ctx.email("hr"))),
        Item(
            "page /people/?q= (HR admin)",
            "GET",
            f"/people/?q={sample.last_name}",
            ctx.session_headers(ctx.email("hr")),
        ),
        Item(
            "POST /api/v1/employees",
            "POST",
            "/api/v1/employees",
            ctx.key_headers(json_body=True),
            WRITE,
            body=body,
            expect=201,
            cleanup=_delete_written_employees,
        ),
    ]


def _delete_written_employees(ctx: BenchContext) -> None:
    from plms.people.models import Employee

    with ctx.in_scope():
        Employee.objects.filter(email__startswith=WRITE_EMAIL_PREFIX).delete()


HR_HOME_MAX_P95_MS = 300.0  # the organisation's gap heatmap is part of it (issue 10's target)


def home_items(ctx: BenchContext) -> list[Item]:
    """The home dashboard of each role, signed in: an employee's own work; a manager's team
    (the generated manager has 20 direct reports) besides their own; HR's organisation
    (gap heatmap, cycle funnel, goal RAG, decision latency, learning impact, adoption)."""
    manager, hr = ctx.session_headers(ctx.email("manager")), ctx.session_headers(ctx.email("hr"))
    return [
        Item("page / (employee home)", "GET", "/", ctx.session_headers(ctx.email("employee"))),
        Item("page / (manager home)", "GET", "/", manager),
        Item("page / (HR home)", "GET", "/", hr, max_p95_ms=HR_HOME_MAX_P95_MS),
        # The sections the homes load after the page (htmx).
        Item(
            "section /home/me/ (employee)",
            "GET",
            "/home/me/",
            {**ctx.session_headers(ctx.email("employee")), "HX-Request": "true"},
            max_p95_ms=HR_HOME_MAX_P95_MS,
        ),
        Item(
            "section /home/team/ (manager)",
            "GET",
            "/home/team/",
            {**manager, "HX-Request": "true"},
            max_p95_ms=HR_HOME_MAX_P95_MS,
        ),
        Item(
            "section /home/organisation/ (HR)",
            "GET",
            "/home/organisation/",
            {**hr, "HX-Request": "true"},
            max_p95_ms=HR_HOME_MAX_P95_MS,
        ),
    ]


def item_providers() -> list[Callable[[BenchContext], list[Item]]]:
    from bench.items_domains import domain_items

    return [people_items, home_items, domain_items]


def crawl_providers() -> list[Callable[[BenchContext], list[Item]]]:
    """Items found rather than listed: every page two links deep from the homes and every
    parameterless API read (`bench/crawl.py`)."""
    from bench.crawl import crawl_items

    return [crawl_items]
