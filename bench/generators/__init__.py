"""Synthetic organisations at benchmark scale, one step per domain.

`generate_organization()` creates an organisation and runs every step of `GENERATOR_STEPS` in
order inside its `organization_scope()` (so row-level security's WITH CHECK sees the right
organisation) and inside one transaction (a failure leaves nothing behind). A step is

    def step(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]

It writes its rows in bulk (`plms.common.db.insert_rows`, the product's own bulk insert, or
`bulk_create` with large batches, never one ORM save per row), reads what earlier steps made
from the database, and returns the counts it created for the report. Each step gets its own
random generator seeded from the run's seed and the step's name, so adding a step never changes
the data of the others.

To add a domain: write `bench/generators/<domain>.py` with its step and append it to
`GENERATOR_STEPS` below, after the steps whose rows it needs (see docs/performance.md).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from plms.tenancy.actors import Actor, system_actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create

DEFAULT_PASSWORD = "plms-bench"
NEIGHBOUR_SUFFIX = "-neighbour"
REFERENCE_EMPLOYEES = 10_000


@dataclass(frozen=True)
class Sizes:
    """How big the organisation is. The defaults are the organisation of issue 10.

    Each step reads the fields of its domain.
    `scaled()` turns a figure given for 10,000 employees into one for this organisation.
    """

    employees: int = REFERENCE_EMPLOYEES
    departments: int = 60
    min_reports: int = 5
    max_reports: int = 12
    matrix_share: float = 0.05
    # One manager with this many direct reports, for the manager's home page.
    wide_manager_reports: int = 20
    # Employees (besides every manager) who get a sign-in and a membership.
    sampled_members: int = 50
    password: str = DEFAULT_PASSWORD
    # The other domains (issue 10): figures for 10,000 employees.
    capabilities: int = 150
    scale_levels: int = 5
    job_roles: int = 200
    role_requirements: tuple[int, int] = (8, 12)
    closed_cycles: int = 4
    peer_raters: int = 2
    goals: int = 30_000
    learning_items: int = 2_000
    checkin_months: int = 12
    momentum_months: int = 12
    critical_roles: int = 200

    def scaled(self, count: int) -> int:
        """`count` (given for 10,000 employees) in proportion to this organisation, at least 1."""
        return max(1, round(count * self.employees / REFERENCE_EMPLOYEES))


Step = Callable[[Actor, random.Random, Sizes], "dict[str, int] | None"]


@dataclass
class StepReport:
    name: str
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Generated:
    organization: Organization
    api_key: str
    seconds: float
    steps: list[StepReport]

    @property
    def counts(self) -> dict[str, int]:
        merged: dict[str, int] = {}
        for step in self.steps:
            merged.update(step.counts)
        return merged


class OrganizationExists(Exception):
    """generate_org never touches an existing organisation: pick another slug."""


def _steps() -> list[Step]:
    from bench.generators import (
        assessments,
        capabilities,
        goals,
        learning,
        people,
        talent,
        workflows,
    )

    return [
        people.generate,
        capabilities.generate,
        assessments.generate,
        goals.generate,
        learning.generate,
        talent.generate,
        workflows.generate,
    ]


GENERATOR_STEPS: list[Step] = []


def generator_steps() -> list[Step]:
    if not GENERATOR_STEPS:
        GENERATOR_STEPS.extend(_steps())
    return GENERATOR_STEPS


def step_name(step: Step) -> str:
    module = step.__module__.rsplit(".", 1)[-1]
    return module if step.__name__ == "generate" else f"{module}.{step.__name__}"


def generate_organization(
    *, slug: str, name: str | None = None, sizes: Sizes | None = None, seed: int = 1
) -> Generated:
    """Create organisation `slug` and fill it; raises OrganizationExists if the slug is taken."""
    sizes = sizes or Sizes()
    started = time.perf_counter()
    with transaction.atomic():
        if Organization.objects.filter(slug=slug).exists():
            raise OrganizationExists(f"Organization {slug!r} exists already.")
        organization = Organization.objects.create(slug=slug, name=name or slug.title())
        actor = system_actor(organization)
        reports = []
        with organization_scope(organization):
            for step in generator_steps():
                label = step_name(step)
                rng = random.Random(f"{seed}:{step.__module__}.{step.__qualname__}")
                step_started = time.perf_counter()
                counts = step(actor, rng, sizes) or {}
                reports.append(StepReport(label, time.perf_counter() - step_started, counts))
        _, secret = api_key_create(organization=organization, name="bench", scopes=ALL_SCOPES)
    return Generated(organization, secret, time.perf_counter() - started, reports)
