"""Batch jobs timed in-process (seconds and rows/s), one provider per domain.

A job runs inside a transaction that the runner rolls back afterwards, so the benchmark
organisations stay as generated and every run measures the same work. A provider takes the
`BenchContext` and returns `Job`s. To add a domain: write `<domain>_jobs(ctx)` and add it to
`job_providers()`.
"""

from __future__ import annotations

import csv
import gc
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from bench.context import BenchContext
from bench.generators import Sizes, generate_organization
from bench.generators.people import FIRST_NAMES, LAST_NAMES, _matrix_lines, _reporting_tree
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_context, organization_scope
from plms.tenancy.models import Organization

# Issue 10: "tick >= 2,000 milestones/s". Dispatch is timed over a sample of this many steps
# (per 10,000 employees).
TICK_MIN_PER_SECOND = 2000.0
DISPATCH_SAMPLE = 1000


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
        return result.created + result.updated + result.unchanged

    def generate() -> int:
        generated = generate_organization(
            slug=f"bench-generate-{ctx.run_token}", sizes=Sizes(employees=rows)
        )
        return generated.counts["employees"]

    def create_and_import() -> None:
        create_organization()
        run_import()

    def run_changed_import() -> int:
        organization = state["organization"]
        with organization_scope(organization):
            result = people_import(actor=system_actor(organization), text=changed)
        if result.updated != changed_rows:
            raise RuntimeError(f"{result.updated} rows updated, {changed_rows} changed")
        return result.updated + result.unchanged

    # Every row but the managers' gets a new title: the update path at full size.
    changed = text.replace(",Advisor,", ",Senior advisor,")
    changed_rows = text.count(",Advisor,")

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
        Job(
            f"people import, {rows:,} rows, 8 in 9 changed",
            "rows",
            run_changed_import,
            create_and_import,
            max_seconds=10.0,
        ),
        # "Generating it takes minutes, not hours" (issue 10): one organisation of this size.
        Job(f"generate_org, {rows:,} employees", "employees", generate, max_seconds=600.0),
    ]


def everyone_in_one_role(organization_id: int, token: str) -> int:
    """Give every employee of the active organisation the same new job role (ending the
    ones they hold): what a cycle's scope and a plan's gaps start from. Returns the role id."""
    from capabilities.models import JobRole, RoleAssignment
    from plms.people.models import Employee

    role = JobRole.objects.create(name=f"Bench {token}", key=f"bench-{token}")
    employee_ids = list(Employee.objects.values_list("id", flat=True))
    RoleAssignment.objects.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    RoleAssignment.objects.bulk_create(
        (
            RoleAssignment(organization_id=organization_id, employee_id=employee, role=role)
            for employee in employee_ids
        ),
        batch_size=5000,
    )
    return role.pk


def assessments_jobs(ctx: BenchContext) -> list[Job]:
    """Launch a cycle over the whole organisation: self and manager assessments for everyone.

    Untimed: a role for everyone and `cycle_launch` (the HR admin's click, which opens the
    cycle and counts its scope). Timed: `cycle_launch_run`, the background job it enqueues.
    """
    from assessments.models import AssessmentCycle
    from assessments.services.cycles import cycle_create, cycle_launch, cycle_launch_run

    organization = ctx.organization
    state: dict[str, int] = {}

    def prepare() -> None:
        with ctx.in_scope():
            everyone_in_one_role(organization.pk, f"launch-{ctx.run_token}")
            actor = system_actor(organization)
            cycle = cycle_create(
                actor=actor,
                name=f"Bench launch {ctx.run_token}",
                period_start=date(2027, 1, 1),
                period_end=date(2027, 3, 31),
                scope=AssessmentCycle.Scope.ORGANIZATION,
            )
            state["cycle"] = cycle_launch(actor=actor, cycle=cycle).pk

    def launch() -> int:
        created = cycle_launch_run(cycle_id=state["cycle"], organization_id=organization.pk)
        with ctx.in_scope():
            launched = AssessmentCycle.objects.get(pk=state["cycle"])
        if launched.launch_state != AssessmentCycle.LaunchState.DONE or not created:
            raise RuntimeError(f"cycle launch: {launched.launch_state}, {created} assessments")
        return launched.launch_total

    return [
        Job(
            f"cycle launch, {ctx.sizes.employees:,} employees",
            "employees",
            launch,
            prepare,
            max_seconds=5.0,
        )
    ]


CONSOLIDATION_CAPABILITIES = 10


def _submitted_cycle(organization_id: int, token: str) -> int:
    """An open cycle in which everyone's self and manager assessments are submitted with a
    rating of each of the ten capabilities their (new, common) role requires. Returns its id."""
    from assessments.models import Assessment, AssessmentCycle, Rating
    from capabilities.models import Capability, CapabilityCategory, RoleRequirement
    from capabilities.services.scales import scale_ensure
    from plms.common.db import insert_rows
    from plms.people.models import Employee

    scale_ensure()
    role_id = everyone_in_one_role(organization_id, f"consolidate-{token}")
    category = CapabilityCategory.objects.create(name=f"Bench consolidation {token}")
    capabilities = Capability.objects.bulk_create(
        Capability(
            organization_id=organization_id,
            key=f"bench-consolidate-{token}-{n}",
            name=f"Bench consolidation {token} {n}",
            category=category,
        )
        for n in range(CONSOLIDATION_CAPABILITIES)
    )
    RoleRequirement.objects.bulk_create(
        RoleRequirement(
            organization_id=organization_id,
            role_id=role_id,
            capability=capability,
            target_level=3 + n % 2,
            weight=n % 3 + 1,
        )
        for n, capability in enumerate(capabilities)
    )
    cycle = AssessmentCycle.objects.create(
        name=f"Bench consolidation {token}",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 3, 31),
        status=AssessmentCycle.Status.OPEN,
        weight_self=30,
        weight_manager=70,
        launch_state=AssessmentCycle.LaunchState.DONE,
    )
    now = timezone.now()
    people = list(Employee.objects.values_list("id", "manager_id"))
    raters = [(employee, employee, "self") for employee, _ in people] + [
        (employee, manager, "manager") for employee, manager in people if manager is not None
    ]
    assessment_ids = insert_rows(
        Assessment,
        ["cycle_id", "employee_id", "rater_id", "kind", "status", "submitted_at"],
        (
            (cycle.pk, employee, rater, kind, Assessment.Status.SUBMITTED, now)
            for employee, rater, kind in raters
        ),
        returning_ids=True,
    )
    insert_rows(
        Rating,
        ["assessment_id", "capability_id", "level"],
        (
            (assessment_id, capability.pk, (index + n) % 5 + 1)
            for index, assessment_id in enumerate(assessment_ids)
            for n, capability in enumerate(capabilities)
        ),
    )
    return cycle.pk


def consolidation_jobs(ctx: BenchContext) -> list[Job]:
    """Close a cycle of 10,000 people (self and manager ratings of ten capabilities each,
    about 200,000 ratings) and read the organisation's gaps.

    Untimed: the submitted cycle (`_submitted_cycle`). Timed: `cycle_close` (the HR admin's
    click: consolidation in one aggregate query and one bulk upsert) and then the gap
    analysis HR reads on the cycle page — the capability report, training needs and the
    departments x capabilities heatmap, each one aggregate over the cycle's levels.
    """
    from assessments import gaps
    from assessments.models import AssessmentCycle
    from assessments.services.cycles import cycle_close

    organization = ctx.organization
    state: dict[str, int] = {}

    def prepare() -> None:
        with ctx.in_scope():
            state["cycle"] = _submitted_cycle(organization.pk, ctx.run_token)

    def close_and_analyse() -> int:
        with ctx.in_scope():
            cycle = AssessmentCycle.objects.get(pk=state["cycle"])
            cycle_close(actor=system_actor(organization), cycle=cycle)
            levels = gaps.group_levels(cycle=cycle)
            report = gaps.capability_report(levels=levels)
            needs = gaps.training_needs(levels=levels)
            heatmap = gaps.department_heatmap(levels=levels)
            people = levels.values("employee_id").distinct().count()
        if len(report) != CONSOLIDATION_CAPABILITIES or not needs or not heatmap["rows"]:
            raise RuntimeError(f"gap analysis: {len(report)} capabilities, {len(needs)} needs")
        return people

    return [
        Job(
            f"consolidation + gaps, {ctx.sizes.employees:,} employees",
            "employees",
            close_and_analyse,
            prepare,
            max_seconds=10.0,
        )
    ]


def workflows_jobs(ctx: BenchContext) -> list[Job]:
    """Momentum: the tick claiming every employee's due milestone, then dispatching them.

    Untimed: an active template whose one milestone sends the manager a message, started for
    every employee an hour ago (`runs_start`), so one step per employee is due. The tick job
    is `organization_tick` (claims in batches, enqueues on commit: nothing is sent, the
    transaction is rolled back). The dispatch job runs `dispatch_milestones` in-process, as
    one Celery worker process would, over a sample of the claimed steps (one transaction per
    chunk of PLMS_WORKFLOW_DISPATCH_CHUNK steps, so a sample gives the rate).
    """
    from workflows import tasks
    from workflows.engine.runs import runs_start
    from workflows.engine.steps import steps_claim
    from workflows.engine.tick import organization_tick
    from workflows.models import WorkflowMilestone, WorkflowTemplate

    organization = ctx.organization
    now = timezone.now()
    state: dict[str, list[int]] = {}
    sample = ctx.sizes.scaled(DISPATCH_SAMPLE)

    def prepare() -> None:
        from plms.people.models import Employee

        with ctx.in_scope():
            template = WorkflowTemplate.objects.create(
                name=f"Bench Momentum {ctx.run_token}",
                status=WorkflowTemplate.Status.ACTIVE,
                trigger=WorkflowTemplate.Trigger.DATE,
                activated_at=now,
            )
            WorkflowMilestone.objects.create(
                template=template,
                position=1,
                name="Prepare your check-in",
                kind="send_message",
                recipients=WorkflowMilestone.Recipients.MANAGER,
                message="Time to prepare the check-in with {employee}.",
            )
            runs_start(
                template=template,
                employees=Employee.objects.filter(active=True).only("id"),
                occurrence=f"bench-{ctx.run_token}",
                anchor_at=now - timedelta(hours=1),
                now=now,
            )

    def tick() -> int:
        with organization_context(organization):  # as the tick task enters it
            return organization_tick(now=now).steps_claimed

    def prepare_claimed() -> None:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - loaded once per worker process, not per task
        prepare()
        with ctx.in_scope():
            state["claimed"] = steps_claim(now=now, limit=sample)
        # A worker process freezes what it holds at start (plms.celery), so its full
        # collections scan only what tasks allocate; this process holds the other jobs' objects
        # besides, which a worker never has. Frozen here, they are left out the same way.
        gc.collect()
        gc.freeze()

    def dispatch() -> int:
        steps = state["claimed"]
        chunk = settings.PLMS_WORKFLOW_DISPATCH_CHUNK
        outcomes: dict[str, int] = {}
        for start in range(0, len(steps), chunk):
            for name, count in tasks.dispatch_milestones(
                steps[start : start + chunk], organization_id=organization.pk, now=now.isoformat()
            ).items():
                outcomes[name] = outcomes.get(name, 0) + count
        gc.unfreeze()
        # Done, or skipped for a top manager (nobody above them to notify).
        finished = outcomes.get("done", 0) + outcomes.get("skipped", 0)
        if finished != len(steps):
            raise RuntimeError(f"Momentum dispatch outcomes: {outcomes}")
        return finished

    employees = ctx.sizes.employees
    return [
        Job(
            f"Momentum tick, {employees:,} due milestones",
            "milestones",
            tick,
            prepare,
            min_rows_per_second=TICK_MIN_PER_SECOND,
        ),
        Job(
            f"Momentum dispatch, {sample:,} claimed milestones",
            "milestones",
            dispatch,
            prepare_claimed,
            min_rows_per_second=TICK_MIN_PER_SECOND,
        ),
    ]


# --- Learning: development plans for a closed cycle ------------------------------------------

PLAN_CAPABILITIES = 8
PLAN_WITH_CONTENT = 6
# kind, level from, level to
PLAN_ITEMS = (("on_the_job", 1, 3), ("mentoring", 2, 4), ("course", 3, 4), ("e_learning", 1, 2))


def _plan_build_cycle(organization_id: int, token: str) -> int:
    """A role of eight capabilities for everyone, a catalogue (four items for six of them,
    none for two: content gaps), and a closed cycle with a consolidated level per employee and
    capability."""
    from assessments.models import AssessmentCycle, ConsolidatedLevel
    from capabilities.models import (
        Capability,
        CapabilityCategory,
        JobRole,
        RoleAssignment,
        RoleRequirement,
    )
    from capabilities.services.scales import scale_ensure
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
        for n in range(PLAN_CAPABILITIES)
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
    for n, capability in enumerate(capabilities[:PLAN_WITH_CONTENT]):
        for k, (kind, low, high) in enumerate(PLAN_ITEMS):
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
        period_start=date(2026, 10, 1),
        period_end=date(2026, 12, 31),
        status=AssessmentCycle.Status.CLOSED,
    )
    employee_ids = list(Employee.objects.values_list("id", flat=True))
    RoleAssignment.objects.filter(employee_id__in=employee_ids, ended_at__isnull=True).update(
        ended_at=datetime(2026, 9, 30, tzinfo=UTC)
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


def learning_jobs(ctx: BenchContext) -> list[Job]:
    """Build development plans for every employee of a closed cycle
    (`plans_build_for_cycle`)."""
    from learning.services.builds import plans_build_for_cycle

    state: dict[str, int] = {}
    organization_id = ctx.organization.pk

    def prepare() -> None:
        with ctx.in_scope():
            state["cycle"] = _plan_build_cycle(organization_id, ctx.run_token)

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


PROPOSAL_SAMPLE = 200


def reward_jobs(ctx: BenchContext) -> list[Job]:
    """Issue 25: a compensation review of every employee (proposing a sample through the
    service, then finalising everyone's approved proposal into new pay: at most 10 s for
    10,000) and the calibration page's live distribution of everyone's overall rating (at
    most 300 ms for 10,000)."""
    from assessments.models import AssessmentCycle
    from plms.people.models import Department, Employee
    from reward import compensation, distribution, selectors, services
    from reward.models import (
        CompensationProposal,
        PayGrade,
        PayRecord,
        PerformanceRating,
        ReviewBudget,
    )

    organization = ctx.organization
    state: dict = {}

    def prepare() -> None:
        rng = random.Random(25)
        with ctx.in_scope():
            actor = system_actor(organization)
            services.rating_scale_ensure(actor=actor)
            grade = PayGrade.objects.create(
                name=f"Bench {ctx.run_token}",
                minimum=Decimal(30000),
                midpoint=Decimal(40000),
                maximum=Decimal(50000),
            )
            people = list(Employee.objects.filter(active=True).values_list("pk", flat=True))
            with_pay = set(PayRecord.objects.values_list("employee_id", flat=True))
            PayRecord.objects.bulk_create(
                [
                    PayRecord(
                        organization_id=organization.pk,
                        employee_id=pk,
                        grade=grade,
                        base_pay=Decimal(rng.randrange(30000, 50000)),
                        effective_date=date(2026, 4, 1),
                    )
                    for pk in people
                    if pk not in with_pay
                ],
                batch_size=2000,
            )
            cycle = AssessmentCycle.objects.create(
                name=f"Bench ratings {ctx.run_token}",
                period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31),
                status=AssessmentCycle.Status.CLOSED,
            )
            PerformanceRating.objects.bulk_create(
                [
                    PerformanceRating(
                        organization_id=organization.pk,
                        cycle=cycle,
                        employee_id=pk,
                        proposed_level=rng.choice((1, 2, 3, 3, 3, 4, 4, 5)),
                    )
                    for pk in people
                ],
                batch_size=2000,
            )
            review = compensation.review_open(
                actor=actor,
                name=f"Bench review {ctx.run_token}",
                effective_date=date(2027, 4, 1),
                proposal_deadline=date(2027, 3, 1),
                cycle=cycle,
                budgets=[
                    compensation.BudgetSpec(d, percent_of_payroll=Decimal(100))
                    for d in Department.objects.all()
                ],
                matrix=compensation.default_matrix(),
                hard_budget=False,
            )
            pay = dict(PayRecord.objects.values_list("employee_id", "base_pay"))
            departments = dict(Employee.objects.values_list("pk", "department_id"))
            CompensationProposal.objects.bulk_create(
                [
                    CompensationProposal(
                        organization_id=organization.pk,
                        review=review,
                        employee_id=pk,
                        department_id=departments.get(pk),
                        current_pay=pay[pk],
                        increase_percent=Decimal(3),
                        increase_amount=(pay[pk] * 3 / 100).quantize(Decimal("0.01")),
                        reason="Bench",
                    )
                    for pk in people[PROPOSAL_SAMPLE:]
                ],
                batch_size=2000,
            )
            state.update(review=review, cycle=cycle, sample=people[:PROPOSAL_SAMPLE])

    def propose_and_finalise() -> int:
        with ctx.in_scope():
            actor = system_actor(organization)
            review = state["review"]
            for employee in Employee.objects.filter(pk__in=state["sample"]):
                compensation.proposal_submit(
                    actor=actor,
                    review=review,
                    employee=employee,
                    increase_percent=Decimal(3),
                    reason="Bench",
                )
            CompensationProposal.objects.filter(review=review).update(
                status=CompensationProposal.Status.APPROVED
            )
            changed = compensation.review_finalise(actor=actor, review=review)
            if not ReviewBudget.objects.filter(review=review).exists():
                raise RuntimeError("no budgets")
        return changed

    def live_distribution() -> int:
        with ctx.in_scope():
            levels = [(level.value, level.name) for level in selectors.rating_levels()]
            organisation, _ = distribution.rating_distribution(
                cycle=state["cycle"], levels=levels, settings=selectors.settings_get()
            )
        return organisation.total

    return [
        Job(
            f"compensation review: propose {PROPOSAL_SAMPLE} and finalise "
            f"{ctx.sizes.employees:,} employees",
            "employees",
            propose_and_finalise,
            prepare,
            max_seconds=10.0,
        ),
        Job(
            f"rating calibration: live distribution of {ctx.sizes.employees:,} ratings",
            "ratings",
            live_distribution,
            prepare,
            max_seconds=0.3,
        ),
    ]


def job_providers() -> list[Callable[[BenchContext], list[Job]]]:
    return [
        people_jobs,
        assessments_jobs,
        consolidation_jobs,
        learning_jobs,
        workflows_jobs,
        reward_jobs,
    ]
