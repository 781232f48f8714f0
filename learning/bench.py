"""`make bench` job of learning: build development plans for every employee of a closed cycle.

`learning_jobs(ctx)` is a provider for `bench.jobs.job_providers()`. Its untimed preparation
gives the measured organisation a role of eight capabilities for everyone, a catalogue (four
items for six of them, none for two: content gaps), and a closed cycle with a consolidated
level per employee and capability; the timed part is `plans_build_for_cycle`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

CAPABILITIES = 8
WITH_CONTENT = 6
# kind, level from, level to
ITEMS = (("on_the_job", 1, 3), ("mentoring", 2, 4), ("course", 3, 4), ("e_learning", 1, 2))


def _prepare(organization_id: int, token: str) -> int:
    from assessments.models import AssessmentCycle, ConsolidatedLevel
    from capabilities.models import (
        Capability,
        CapabilityCategory,
        JobRole,
        RoleAssignment,
        RoleRequirement,
    )
    from capabilities.services import scale_ensure
    from learning.models import ItemCapability, LearningItem
    from plms.people.models import Employee

    scale_ensure()
    category = CapabilityCategory.objects.create(name=f"Bench learning {token}")
    capabilities = Capability.objects.bulk_create(
        Capability(
            organization_id=organization_id,
            key=f"bench-learning-{token}-{n}",
            name=f"Bench learning {token} {n}",
            category=category,
        )
        for n in range(CAPABILITIES)
    )
    role = JobRole.objects.create(name=f"Bench learning {token}", key=f"bench-learning-{token}")
    RoleRequirement.objects.bulk_create(
        RoleRequirement(
            organization_id=organization_id,
            role=role,
            capability=capability,
            target_level=4,
            weight=n % 3 + 1,
        )
        for n, capability in enumerate(capabilities)
    )
    for n, capability in enumerate(capabilities[:WITH_CONTENT]):
        for k, (kind, low, high) in enumerate(ITEMS):
            item = LearningItem.objects.create(
                title=f"{capability.name} {kind}",
                kind=kind,
                duration_hours=Decimal(3 + k),
                external_id=f"bench-{token}-{n}-{k}",
            )
            ItemCapability.objects.create(
                item=item, capability=capability, level_from=low, level_to=high
            )
    cycle = AssessmentCycle.objects.create(
        name=f"Bench learning {token}",
        period_start=datetime.date(2026, 10, 1),
        period_end=datetime.date(2026, 12, 31),
        status=AssessmentCycle.Status.CLOSED,
    )
    employee_ids = list(Employee.objects.values_list("id", flat=True))
    RoleAssignment.objects.filter(employee_id__in=employee_ids, ended_at__isnull=True).update(
        ended_at=datetime.datetime(2026, 9, 30, tzinfo=datetime.UTC)
    )
    RoleAssignment.objects.bulk_create(
        (
            RoleAssignment(organization_id=organization_id, employee_id=e, role=role)
            for e in employee_ids
        ),
        batch_size=5000,
    )
    ConsolidatedLevel.objects.bulk_create(
        (
            ConsolidatedLevel(
                organization_id=organization_id,
                cycle=cycle,
                employee_id=employee_id,
                capability=capability,
                level=Decimal((i + n) % 4 + 1),
                target_level=4,
                requirement_weight=n % 3 + 1,
            )
            for i, employee_id in enumerate(employee_ids)
            for n, capability in enumerate(capabilities)
        ),
        batch_size=5000,
    )
    return cycle.pk


def learning_jobs(ctx) -> list:
    from bench.jobs import Job
    from learning.services import plans_build_for_cycle

    state: dict[str, int] = {}
    organization_id = ctx.organization.pk

    def prepare() -> None:
        with ctx.in_scope():
            state["cycle"] = _prepare(organization_id, ctx.run_token)

    def build() -> int:
        return plans_build_for_cycle(cycle_id=state["cycle"], organization_id=organization_id)

    return [
        Job(
            f"build development plans, {ctx.sizes.employees:,} employees",
            "employees",
            build,
            prepare,
            max_seconds=20.0,
        )
    ]
