"""Building development plans from gaps: one person's plan, and every plan of a closed cycle in
the background (queued, chunked, requeued after a failure).
"""

from __future__ import annotations

import calendar
import uuid
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessments.gaps import employee_gaps
from assessments.models import AssessmentCycle, ConsolidatedLevel
from assessments.selectors.requirements import current_requirements_for
from capabilities.models import Capability
from learning import selectors
from learning.builder import BuildSettings, GapInput, PlanDraft, build_plan
from learning.error_codes import BUILD_IN_PROGRESS, INVALID_TRANSITION, PLAN_EXISTS
from learning.events import (
    DevelopmentPlanCreated,
    PlanBuildFinished,
)
from learning.models import (
    DevelopmentPlan,
    LearningSettings,
    PlanBuild,
    PlanItem,
)
from plms.audit.services import audit_record
from plms.common.db import insert_rows
from plms.common.errors import ApplicationError, NotFound
from plms.events.bus import publish
from plms.people.models import Employee
from plms.people.selectors import is_manager_of
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.context import with_organization
from plms.tenancy.models import Organization

Status = DevelopmentPlan.Status


# --- Building plans -----------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def build_settings(*, settings: LearningSettings, start: date) -> BuildSettings:
    end = _add_months(start, settings.plan_months) - timedelta(days=1)
    return BuildSettings(
        period_start=start,
        period_end=end,
        hours_per_quarter=settings.hours_per_quarter,
        max_items_per_capability=settings.max_items_per_capability,
    )


def _check_may_plan_for(actor: Actor, employee: Employee) -> None:
    same_organization(actor, employee)
    if actor.is_admin or (actor.employee is not None and actor.employee.pk == employee.pk):
        return
    if actor.employee is None or not is_manager_of(manager=actor.employee, employee=employee):
        raise NotFound()


def _plan_title(settings: BuildSettings, for_role: str = "") -> str:
    towards = f" for {for_role}" if for_role else ""
    return f"Development plan{towards} {settings.period_start:%b %Y} to {settings.period_end:%b %Y}"


def _new_plan(
    *,
    organization_id: int,
    employee: Employee,
    draft: PlanDraft,
    settings: BuildSettings,
    cycle: AssessmentCycle | None,
    for_role: str = "",
) -> tuple[DevelopmentPlan, list[PlanItem]]:
    plan = DevelopmentPlan(
        organization_id=organization_id,
        employee=employee,
        title=_plan_title(settings, for_role),
        period_start=settings.period_start,
        period_end=settings.period_end,
        built_from=cycle,
        content_gaps=[gap.as_dict() for gap in draft.content_gaps],
        budget_hours=draft.budget_hours,
    )
    items = [
        PlanItem(
            organization_id=organization_id,
            plan=plan,
            item_id=planned.item_id,
            capability_id=planned.capability_id,
            reason=planned.reason,
            due_date=planned.due_date,
            order=planned.order,
        )
        for planned in draft.items
    ]
    return plan, items


@transaction.atomic
def plan_build(
    *,
    actor: Actor,
    employee: Employee,
    start: date | None = None,
    cycle: AssessmentCycle | None = None,
    gaps: list[GapInput] | None = None,
    for_role: str = "",
) -> DevelopmentPlan:
    """Build a draft development plan from the employee's current gaps (on demand), or from
    `gaps` measured against another role, `for_role` (a role they aspire to)."""
    _check_may_plan_for(actor, employee)
    same_organization(actor, cycle)
    if (
        cycle is not None
        and DevelopmentPlan.objects.filter(employee=employee, built_from=cycle).exists()
    ):
        raise ApplicationError(
            PLAN_EXISTS, f"{employee} has a plan built from {cycle.name} already.", status=409
        )
    if gaps is None:
        gaps = [
            GapInput(g.capability.pk, g.capability.name, g.target, g.current, g.weight)
            for g in employee_gaps(employee=employee)
        ]
    settings = build_settings(
        settings=selectors.learning_settings_get(), start=start or timezone.localdate()
    )
    draft = build_plan(
        gaps=gaps,
        catalogue=selectors.catalogue_entries(capability_ids=[g.capability_id for g in gaps]),
        settings=settings,
        for_role=for_role,
    )
    plan, items = _new_plan(
        organization_id=actor.organization.pk,
        employee=employee,
        draft=draft,
        settings=settings,
        cycle=cycle,
        for_role=for_role,
    )
    plan.save()
    PlanItem.objects.bulk_create(items)
    audit_record(
        actor=actor,
        action="development_plan.created",
        obj=plan,
        changes={"items": len(items), "content_gaps": plan.content_gaps},
    )
    publish(actor_or_organization=actor, events=[DevelopmentPlanCreated.of(plan)])
    return plan


BUILD_CHUNK = 1000


# The columns `_build_chunk` writes; the others get their defaults (draft development plans,
# items not started).
PLAN_ROW_FIELDS = (
    "uuid",
    "employee_id",
    "title",
    "period_start",
    "period_end",
    "built_from_id",
    "content_gaps",
    "budget_hours",
)
PLAN_ITEM_ROW_FIELDS = ("plan_id", "item_id", "capability_id", "reason", "due_date", "order")


@with_organization
def plan_build_queue(*, cycle_id: int, organization_id: int) -> PlanBuild | None:
    """Queue building the draft plans of a closed cycle (when the cycle closes, and again
    when it closes after a reopen). The build runs in the background once this commits;
    returns its progress record, or None when the cycle is gone or not closed."""
    from learning.tasks import build_plans_for_cycle

    cycle = AssessmentCycle.objects.filter(pk=cycle_id).first()
    if cycle is None or cycle.status != AssessmentCycle.Status.CLOSED:
        return None
    build = PlanBuild.objects.select_for_update().filter(cycle=cycle).first() or PlanBuild(
        cycle=cycle
    )
    build.state = PlanBuild.State.QUEUED
    build.total = build.done = build.created = 0
    build.queued_at = timezone.now()
    build.started_at = build.finished_at = None
    build.save()

    # Robust: when tasks run in-process, a failing build is logged (and recorded on the
    # build) instead of breaking whatever committed the queueing.
    def enqueue() -> None:
        build_plans_for_cycle.delay(cycle_id, organization_id=organization_id)

    transaction.on_commit(enqueue, robust=True)
    return build


@transaction.atomic
def plan_build_requeue(*, actor: Actor, build: PlanBuild) -> PlanBuild:
    """HR builds a finished (or failed) cycle's plans again: whoever has no plan from the cycle
    yet gets one; nobody gets a second."""
    actor.require_admin()
    same_organization(actor, build)
    if build.in_progress:
        raise ApplicationError(
            BUILD_IN_PROGRESS, "The plans of this cycle are being built already.", status=409
        )
    queued = plan_build_queue(cycle_id=build.cycle_id, organization_id=build.organization_id)
    if queued is None:
        raise ApplicationError(
            INVALID_TRANSITION, "Plans are built from closed cycles only.", status=409
        )
    audit_record(actor=actor, action="plan_build.queued", obj=queued, changes={"runs": build.runs})
    return queued


def plans_build_for_cycle(
    *, cycle_id: int, organization_id: int, start: date | None = None, chunk: int = BUILD_CHUNK
) -> int:
    """Build a draft plan for every employee consolidated in a closed cycle who has a gap and
    no plan from that cycle yet. Idempotent (run it twice: the second run creates nothing);
    one transaction per chunk of employees, a constant number of queries per chunk, progress
    recorded on the cycle's `PlanBuild` (when there is one) after each. Returns the number of
    plans created."""
    employee_ids = _cycle_employee_ids(cycle_id=cycle_id, organization_id=organization_id)
    _plan_build_update(
        cycle_id,
        organization_id=organization_id,
        state=PlanBuild.State.RUNNING,
        total=len(employee_ids),
        done=0,
        created=0,
        runs=F("runs") + 1,
        started_at=timezone.now(),
        finished_at=None,
    )
    created = 0
    for offset in range(0, len(employee_ids), chunk):
        created += _build_chunk(
            cycle_id,
            employee_ids[offset : offset + chunk],
            start=start,
            organization_id=organization_id,
        )
    _plan_build_finished(
        cycle_id, organization_id=organization_id, considered=len(employee_ids), created=created
    )
    return created


@with_organization
def _plan_build_finished(
    cycle_id: int, *, organization_id: int, considered: int, created: int
) -> None:
    """Record the build as done and announce it (`plan_build.finished`, with the counts)."""
    with transaction.atomic():
        _plan_build_update(
            cycle_id,
            organization_id=organization_id,
            state=PlanBuild.State.DONE,
            done=considered,
            finished_at=timezone.now(),
        )
        build = PlanBuild.objects.select_related("cycle").filter(cycle_id=cycle_id).first()
        if build is not None:
            publish(
                actor_or_organization=Organization.objects.get(pk=organization_id),
                events=[PlanBuildFinished.of(build, considered=considered, created=created)],
            )


def plan_build_failed(*, cycle_id: int, organization_id: int) -> None:
    """Record that the cycle's plan build stopped on an error (HR sees it on the page)."""
    _plan_build_update(
        cycle_id,
        organization_id=organization_id,
        state=PlanBuild.State.FAILED,
        finished_at=timezone.now(),
    )


@with_organization
def _plan_build_update(cycle_id: int, *, organization_id: int, **fields) -> None:
    PlanBuild.objects.filter(cycle_id=cycle_id).update(**fields)


@with_organization
def _cycle_employee_ids(*, cycle_id: int, organization_id: int) -> list[int]:
    planned = DevelopmentPlan.objects.filter(built_from_id=cycle_id).values("employee_id")
    return list(
        ConsolidatedLevel.objects.filter(cycle_id=cycle_id, target_level__isnull=False)
        .exclude(employee_id__in=planned)
        .order_by("employee_id")
        .values_list("employee_id", flat=True)
        .distinct()
    )


@with_organization
def _build_chunk(
    cycle_id: int, employee_ids: list[int], *, start: date | None, organization_id: int
) -> int:
    # The build's row lock makes two runs for one cycle take turns, chunk by chunk; each
    # chunk then leaves out whoever the other run gave a plan meanwhile.
    list(PlanBuild.objects.select_for_update().filter(cycle_id=cycle_id).only("id"))
    cycle = AssessmentCycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        return 0
    planned = DevelopmentPlan.objects.filter(built_from=cycle).values("employee_id")
    levels = (
        ConsolidatedLevel.objects.filter(
            cycle=cycle, employee_id__in=employee_ids, target_level__isnull=False
        )
        .exclude(employee_id__in=planned)
        .values_list(
            "employee_id",
            "capability_id",
            "level",
            "adjusted_level",
            "target_level",
            "requirement_weight",
        )
    )
    requirements = current_requirements_for(employee_ids=employee_ids)
    gaps_of: dict[int, list[GapInput]] = {}
    capability_ids: set[int] = set()
    rows = list(levels)
    names = dict(
        Capability.objects.filter(id__in={row[1] for row in rows}).values_list("id", "name")
    )
    for employee_id, capability_id, level, adjusted, target, weight in rows:
        requirement = requirements.get((employee_id, capability_id))
        if requirement is not None:  # the role now asks for this: use today's target
            target, weight = requirement["target_level"], requirement["weight"]
        current = adjusted if adjusted is not None else level
        gaps_of.setdefault(employee_id, []).append(
            GapInput(capability_id, names.get(capability_id, ""), target, current, weight)  # type: ignore[arg-type]
        )
        capability_ids.add(capability_id)
    catalogue = selectors.catalogue_entries(capability_ids=capability_ids)
    settings = build_settings(
        settings=selectors.learning_settings_get(), start=start or timezone.localdate()
    )
    employee_uuids = dict(Employee.objects.filter(id__in=list(gaps_of)).values_list("id", "uuid"))
    # Plain rows for `insert_rows` (thousands per chunk: no model instances, no full_clean;
    # the builder's output is valid by construction).
    title = _plan_title(settings)
    plan_rows, drafts = [], []
    for employee_id in sorted(gaps_of):
        draft = build_plan(gaps=gaps_of[employee_id], catalogue=catalogue, settings=settings)
        if not draft.items and not draft.content_gaps:
            continue  # at or above target everywhere
        plan_rows.append(
            (
                uuid.uuid4(),
                employee_id,
                title,
                settings.period_start,
                settings.period_end,
                cycle.pk,
                [gap.as_dict() for gap in draft.content_gaps],
                draft.budget_hours,
            )
        )
        drafts.append(draft)
    plan_ids = insert_rows(DevelopmentPlan, PLAN_ROW_FIELDS, plan_rows, returning_ids=True)
    insert_rows(
        PlanItem,
        PLAN_ITEM_ROW_FIELDS,
        (
            (
                plan_id,
                planned.item_id,
                planned.capability_id,
                planned.reason,
                planned.due_date,
                planned.order,
            )
            for plan_id, draft in zip(plan_ids, drafts, strict=True)
            for planned in draft.items
        ),
        page_size=2000,
    )
    organization = Organization.objects.get(pk=organization_id)
    publish(
        actor_or_organization=organization,
        events=[
            DevelopmentPlanCreated(
                subject=str(employee_uuids[employee_id]),
                data={
                    "id": str(plan_uuid),
                    "employee": str(employee_uuids[employee_id]),
                    "kind": DevelopmentPlan.Kind.DEVELOPMENT.value,
                    "status": Status.DRAFT.value,
                    "period_start": period_start,
                    "period_end": period_end,
                },
            )
            for plan_uuid, employee_id, _, period_start, period_end, *_ in plan_rows
        ],
    )
    PlanBuild.objects.filter(cycle=cycle).update(
        done=F("done") + len(employee_ids), created=F("created") + len(plan_rows)
    )
    return len(plan_rows)
