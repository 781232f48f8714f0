"""Batch jobs timed in-process (seconds and rows/s), one provider per domain.

A job runs inside a transaction that the runner rolls back afterwards, so the benchmark
organisations stay as generated and every run measures the same work. A provider takes the
`BenchContext` and returns `Job`s. To add a domain: write `<domain>_jobs(ctx)` and add it to
`job_providers()`.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from bench.context import BenchContext
from bench.generators import Sizes, generate_organization
from bench.generators.people import FIRST_NAMES, LAST_NAMES, _matrix_lines, _reporting_tree
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization


@dataclass
class Job:
    name: str
    unit: str  # what a row is: "rows", "employees", "milestones"
    run: Callable[[], int]  # does the work, returns the rows processed
    prepare: Callable[[], None] | None = None  # untimed set-up inside the same transaction
    max_seconds: float | None = None
    min_rows_per_second: float | None = None


def people_csv(rows: int, *, domain: str, seed: int = 1) -> str:
    """A CSV file of `rows` people with a reporting tree and matrix lines, as an HRIS exports."""
    rng = random.Random(seed)
    sizes = Sizes(employees=rows)
    manager, depth, _ = _reporting_tree(rng, sizes)
    matrix = _matrix_lines(rng, sizes, manager, depth)
    emails = [f"person{index}@{domain}" for index in range(rows)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "email",
            "first_name",
            "last_name",
            "title",
            "department",
            "manager_email",
            "manager_weight",
            "matrix_managers",
            "start_date",
            "external_id",
        ]
    )
    for index in range(rows):
        lines = matrix.get(index, [])
        boss = manager[index]
        writer.writerow(
            [
                emails[index],
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                "Team Manager" if index < rows // 9 else "Advisor",
                f"Department {depth[index] * 7 + index % 7}",
                "" if boss is None else emails[boss],
                100 - sum(w for _, w in lines) if lines else "",
                ";".join(f"{emails[m]}:{w}" for m, w in lines),
                f"20{15 + index % 10}-0{1 + index % 9}-1{index % 10}",
                f"HR{index:06d}",
            ]
        )
    return out.getvalue()


def people_jobs(ctx: BenchContext) -> list[Job]:
    from plms.people.imports import people_import

    rows = ctx.sizes.employees
    slug = f"bench-import-{ctx.run_token}"
    text = people_csv(rows, domain=f"{slug}.example")
    state: dict[str, Organization] = {}

    def create_organization() -> None:
        state["organization"] = Organization.objects.create(slug=slug, name="Import")

    def run_import() -> int:
        organization = state["organization"]
        with organization_scope(organization):
            result = people_import(actor=system_actor(organization), text=text)
        return result.created + result.updated

    def generate() -> int:
        generated = generate_organization(
            slug=f"bench-generate-{ctx.run_token}", sizes=Sizes(employees=rows)
        )
        return generated.counts["employees"]

    def create_and_import() -> None:
        create_organization()
        run_import()

    return [
        Job(
            f"people import, {rows:,} new rows",
            "rows",
            run_import,
            create_organization,
            max_seconds=10.0,
        ),
        Job(
            f"people import, {rows:,} rows again (updates)",
            "rows",
            run_import,
            create_and_import,
            max_seconds=10.0,
        ),
        # "Generating it takes minutes, not hours" (issue 10): one organisation of this size.
        Job(f"generate_org, {rows:,} employees", "employees", generate, max_seconds=600.0),
    ]


def job_providers() -> list[Callable[[BenchContext], list[Job]]]:
    return [
        people_jobs,
        # capabilities_jobs, assessments_jobs (cycle launch, consolidation + gaps),
        # learning_jobs (plan build), workflows_jobs (Momentum tick), ...
    ]
