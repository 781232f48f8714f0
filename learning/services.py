"""Writes of learning: the catalogue, building and running development plans, completions.

Every function takes the acting `Actor`, checks it may act, keeps related objects inside the
organization, runs in one transaction and records history in the audit trail.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from assessments.gaps import employee_gaps
from assessments.models import AssessmentCycle, ConsolidatedLevel
from assessments.selectors import current_requirements_for
from assessments.services import attested_rating_record
from capabilities.models import Capability
from learning import selectors
from learning.builder import BuildSettings, GapInput, PlanDraft, build_plan
from learning.events import (
    DevelopmentPlanCompleted,
    DevelopmentPlanCreated,
    LearningCompleted,
    PlanBuildFinished,
    plan_data,
)
from learning.models import (
    CapabilityEvidence,
    DevelopmentPlan,
    ItemCapability,
    LearningCompletion,
    LearningItem,
    LearningSettings,
    PlanBuild,
    PlanItem,
    ReassessmentRequest,
)
from plms.audit.services import audit_record, diff, snapshot
from plms.common.db import insert_rows
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from plms.events.bus import publish
from plms.people.models import Employee
from plms.people.selectors import is_manager_of
from plms.tenancy.actors import Actor
from plms.tenancy.context import with_organization
from plms.tenancy.models import Organization

INVALID = "invalid"
DUPLICATE_EXTERNAL_ID = "duplicate_external_id"
INVALID_TRANSITION = "invalid_transition"
PLAN_EXISTS = "plan_exists"
BUILD_IN_PROGRESS = "build_in_progress"
ITEM_FIELDS = (
    "title",
    "description",
    "kind",
    "provider",
    "url",
    "duration_hours",
    "cost",
    "language",
    "tags",
    "external_id",
    "completion_outcome",
    "active",
)
SETTINGS_FIELDS = ("hours_per_quarter", "plan_months", "max_items_per_capability")
Status = DevelopmentPlan.Status


@dataclass(frozen=True)
class LevelLink:
    """The item develops `capability` from `level_from` to `level_to`."""

    capability: Capability
    level_from: int
    level_to: int


def _check_same_organization(actor: Actor, *objects: object) -> None:
    for obj in objects:
        if obj is not None and getattr(obj, "organization_id", None) != actor.organization.pk:
            raise NotFound()


def _full_clean(obj, *, exclude: Sequence[str] = ()) -> None:
    try:
        obj.full_clean(exclude=["organization", *exclude], validate_constraints=False)
    except ValidationError as exc:
        raise ApplicationError(
            INVALID, f"The {obj._meta.verbose_name} is invalid.", fields=exc.message_dict
        ) from exc


# --- Settings -----------------------------------------------------------------------------------


@transaction.atomic
def learning_settings_update(*, actor: Actor, **changes: int) -> LearningSettings:
    actor.require_admin()
    settings = LearningSettings.objects.select_for_update().first() or LearningSettings()
    before = snapshot(settings, SETTINGS_FIELDS)
    for name, value in changes.items():
        if name not in SETTINGS_FIELDS:
            raise TypeError(f"Unknown learning setting {name!r}.")
        setattr(settings, name, value)
    _full_clean(settings)
    settings.updated_at = timezone.now()
    settings.save()
    audit_record(
        actor=actor,
        action="learning_settings.updated",
        obj=settings,
        changes=diff(before, snapshot(settings, SETTINGS_FIELDS)),
    )
    return settings


# --- Catalogue ----------------------------------------------------------------------------------


def _clean_links(actor: Actor, links: Iterable[LevelLink]) -> list[LevelLink]:
    links = list(links)
    seen: set[int] = set()
    for link in links:
        _check_same_organization(actor, link.capability)
        if link.capability.pk in seen:
            raise ApplicationError(
                INVALID,
                f"{link.capability.name} is named twice.",
                fields={"capabilities": "Each capability once."},
            )
        seen.add(link.capability.pk)
        if not (1 <= link.level_from < link.level_to):
            raise ApplicationError(
                INVALID,
                f"{link.capability.name}: the item must raise the level (from < to).",
                fields={"capabilities": "level_from must be below level_to."},
            )
    return links


def _check_external_id(item: LearningItem) -> None:
    if item.external_id and (
        LearningItem.objects.filter(external_id=item.external_id).exclude(pk=item.pk).exists()
    ):
        raise ApplicationError(
            DUPLICATE_EXTERNAL_ID,
            f"An item with external id {item.external_id!r} exists.",
            fields={"external_id": "Already used by another item."},
        )


def _set_links(item: LearningItem, links: list[LevelLink]) -> None:
    ItemCapability.objects.filter(item=item).delete()
    ItemCapability.objects.bulk_create(
        ItemCapability(
            organization_id=item.organization_id,
            item=item,
            capability=link.capability,
            level_from=link.level_from,
            level_to=link.level_to,
        )
        for link in links
    )


@transaction.atomic
def learning_item_create(
    *, actor: Actor, title: str, kind: str, capabilities: Iterable[LevelLink] = (), **fields
) -> LearningItem:
    actor.require_admin()
    links = _clean_links(actor, capabilities)
    item = LearningItem(title=(title or "").strip(), kind=kind)
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise TypeError(f"Unknown learning item field {name!r}.")
        setattr(item, name, value)
    item.external_id = (item.external_id or "").strip()
    _full_clean(item)
    _check_external_id(item)
    item.save()
    _set_links(item, links)
    audit_record(
        actor=actor, action="learning_item.created", obj=item, changes=snapshot(item, ITEM_FIELDS)
    )
    return item


@transaction.atomic
def learning_item_update(
    *,
    actor: Actor,
    item: LearningItem,
    capabilities: Iterable[LevelLink] | None = None,
    **changes,
) -> LearningItem:
    actor.require_admin()
    _check_same_organization(actor, item)
    before = snapshot(item, ITEM_FIELDS)
    for name, value in changes.items():
        if name not in ITEM_FIELDS:
            raise TypeError(f"Unknown learning item field {name!r}.")
        setattr(item, name, value)
    _full_clean(item)
    _check_external_id(item)
    item.updated_at = timezone.now()
    item.save()
    if capabilities is not None:
        _set_links(item, _clean_links(actor, capabilities))
    audit_record(
        actor=actor,
        action="learning_item.updated",
        obj=item,
        changes=diff(before, snapshot(item, ITEM_FIELDS)),
    )
    return item


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
    _check_same_organization(actor, employee)
    if actor.is_admin or (actor.employee is not None and actor.employee.pk == employee.pk):
        return
    if actor.employee is None or not is_manager_of(manager=actor.employee, employee=employee):
        raise NotFound()


def _plan_title(settings: BuildSettings) -> str:
    return f"Development plan {settings.period_start:%b %Y} to {settings.period_end:%b %Y}"


def _new_plan(
    *,
    organization_id: int,
    employee: Employee,
    draft: PlanDraft,
    settings: BuildSettings,
    cycle: AssessmentCycle | None,
) -> tuple[DevelopmentPlan, list[PlanItem]]:
    plan = DevelopmentPlan(
        organization_id=organization_id,
        employee=employee,
        title=_plan_title(settings),
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
) -> DevelopmentPlan:
    """Build a draft development plan from the employee's current gaps (on demand)."""
    _check_may_plan_for(actor, employee)
    _check_same_organization(actor, cycle)
    if (
        cycle is not None
        and DevelopmentPlan.objects.filter(employee=employee, built_from=cycle).exists()
    ):
        raise ApplicationError(
            PLAN_EXISTS, f"{employee} has a plan built from {cycle.name} already.", status=409
        )
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
    )
    plan, items = _new_plan(
        organization_id=actor.organization.pk,
        employee=employee,
        draft=draft,
        settings=settings,
        cycle=cycle,
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
    _check_same_organization(actor, build)
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


# --- Plan workflow -------------------------------------------------------------------------------


def _locked(plan: DevelopmentPlan) -> DevelopmentPlan:
    return DevelopmentPlan.objects.select_for_update().select_related("employee").get(pk=plan.pk)


def _require_status(plan: DevelopmentPlan, *allowed: str, action: str) -> None:
    if plan.status not in allowed:
        names = " or ".join(str(Status(s).label).lower() for s in allowed)
        raise ApplicationError(
            INVALID_TRANSITION,
            f"Only a {names} plan can be {action}; this one is {plan.get_status_display()}.",
            status=409,
        )


def _is_owner(actor: Actor, plan: DevelopmentPlan) -> bool:
    return actor.employee is not None and actor.employee.pk == plan.employee_id


def _check_visible(actor: Actor, plan: DevelopmentPlan) -> None:
    _check_same_organization(actor, plan)
    if not (_is_owner(actor, plan) or selectors.can_manage_plan(actor=actor, plan=plan)):
        raise NotFound()


def _check_manager(actor: Actor, plan: DevelopmentPlan) -> None:
    _check_visible(actor, plan)
    if not selectors.can_manage_plan(actor=actor, plan=plan):
        raise PermissionDenied("Only the employee's managers and HR admins may do this.")


def _transition(
    actor: Actor, plan: DevelopmentPlan, to: str, *, reason: str = "", **fields
) -> DevelopmentPlan:
    before = plan.status
    plan.status = to
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.updated_at = timezone.now()
    plan.save(update_fields=["status", "updated_at", *fields])
    audit_record(
        actor=actor,
        action=f"development_plan.{to}",
        obj=plan,
        changes={"status": {"before": before, "after": to}},
        reason=reason,
    )
    return plan


@transaction.atomic
def plan_create_improvement(
    *,
    actor: Actor,
    employee: Employee,
    title: str,
    period_start: date,
    period_end: date,
    milestones: Sequence[tuple[str, date]],
    review_dates: Sequence[date] = (),
) -> DevelopmentPlan:
    """A performance improvement plan: milestones with due dates, review dates, an outcome
    decided when it is completed. Written by the employee's managers or HR."""
    _check_same_organization(actor, employee)
    if not actor.is_admin and (
        actor.employee is None or not is_manager_of(manager=actor.employee, employee=employee)
    ):
        raise PermissionDenied("Only the employee's managers and HR admins may do this.")
    if period_end < period_start:
        raise ApplicationError(
            INVALID, "The plan ends before it starts.", fields={"period_end": "?"}
        )
    if not milestones:
        raise ApplicationError(INVALID, "Name at least one milestone.", fields={"milestones": "?"})
    plan = DevelopmentPlan(
        employee=employee,
        kind=DevelopmentPlan.Kind.IMPROVEMENT,
        title=(title or "").strip() or "Performance improvement plan",
        period_start=period_start,
        period_end=period_end,
        review_dates=[day.isoformat() for day in sorted(review_dates)],
    )
    _full_clean(plan, exclude=["employee", "built_from", "approved_by"])
    plan.save()
    PlanItem.objects.bulk_create(
        PlanItem(
            organization_id=plan.organization_id,
            plan=plan,
            title=name.strip(),
            due_date=due,
            order=order,
        )
        for order, (name, due) in enumerate(milestones, start=1)
    )
    audit_record(actor=actor, action="development_plan.created", obj=plan, changes=plan_data(plan))
    publish(actor_or_organization=actor, events=[DevelopmentPlanCreated.of(plan)])
    return plan


@transaction.atomic
def plan_propose(*, actor: Actor, plan: DevelopmentPlan) -> DevelopmentPlan:
    """The employee (or a manager or HR on their behalf) proposes the draft to the manager."""
    _check_visible(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.DRAFT, action="proposed")
    return _transition(actor, plan, Status.PROPOSED)


@dataclass(frozen=True)
class PlanAddition:
    item: LearningItem
    reason: str
    capability: Capability | None = None
    due_date: date | None = None


@transaction.atomic
def plan_approve(
    *,
    actor: Actor,
    plan: DevelopmentPlan,
    add: Sequence[PlanAddition] = (),
    remove: Sequence[tuple[PlanItem, str]] = (),
    order: Sequence[PlanItem] | None = None,
    reason: str = "",
) -> DevelopmentPlan:
    """A manager approves a proposed plan, adding, removing and reordering items on the way;
    every change carries its reason in the audit trail."""
    _check_manager(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.PROPOSED, action="approved")
    items = {item.pk: item for item in PlanItem.objects.filter(plan=plan)}
    for plan_item, why in remove:
        if plan_item.pk not in items:
            raise NotFound("The item is not in this plan.")
        if not (why or "").strip():
            raise ApplicationError(INVALID, "Say why the item is removed.", fields={"remove": "?"})
        audit_record(
            actor=actor,
            action="development_plan.item_removed",
            obj=plan,
            changes={"item": plan_item.label},
            reason=why.strip(),
        )
        del items[plan_item.pk]
        plan_item.delete()
    next_order = max((i.order for i in items.values()), default=0) + 1
    for addition in add:
        _check_same_organization(actor, addition.item, addition.capability)
        if not (addition.reason or "").strip():
            raise ApplicationError(INVALID, "Say why the item is added.", fields={"add": "?"})
        new = PlanItem.objects.create(
            plan=plan,
            item=addition.item,
            capability=addition.capability,
            reason=addition.reason.strip()[:300],
            due_date=addition.due_date or plan.period_end,
            order=next_order,
        )
        items[new.pk] = new
        next_order += 1
        audit_record(
            actor=actor,
            action="development_plan.item_added",
            obj=plan,
            changes={"item": addition.item.title},
            reason=addition.reason.strip(),
        )
    if order is not None:
        wanted = [i.pk for i in order]
        if sorted(wanted) != sorted(items):
            raise ApplicationError(
                INVALID, "Name every item of the plan once to reorder it.", fields={"order": "?"}
            )
        before = [items[pk].label for pk in sorted(items, key=lambda pk: items[pk].order)]
        for position, pk in enumerate(wanted, start=1):
            items[pk].order = position
        PlanItem.objects.bulk_update(list(items.values()), ["order"])
        audit_record(
            actor=actor,
            action="development_plan.reordered",
            obj=plan,
            changes={"order": {"before": before, "after": [items[pk].label for pk in wanted]}},
            reason=reason,
        )
    return _transition(
        actor,
        plan,
        Status.APPROVED,
        reason=reason,
        approved_by=actor.employee,
        approved_at=timezone.now(),
    )


@transaction.atomic
def plan_activate(*, actor: Actor, plan: DevelopmentPlan) -> DevelopmentPlan:
    _check_visible(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.APPROVED, action="activated")
    return _transition(actor, plan, Status.ACTIVE, activated_at=timezone.now())


@transaction.atomic
def plan_complete(
    *, actor: Actor, plan: DevelopmentPlan, outcome: str = "", note: str = ""
) -> DevelopmentPlan:
    """A manager or HR closes an active plan; an improvement plan needs its outcome."""
    _check_manager(actor, plan)
    plan = _locked(plan)
    _require_status(plan, Status.ACTIVE, Status.APPROVED, action="completed")
    if outcome and outcome not in DevelopmentPlan.Outcome.values:
        raise ApplicationError(INVALID, f"Unknown outcome {outcome!r}.", fields={"outcome": "?"})
    if plan.kind == DevelopmentPlan.Kind.IMPROVEMENT and not outcome:
        raise ApplicationError(
            INVALID,
            "Record the outcome of the improvement plan.",
            fields={"outcome": "Required."},
        )
    plan = _transition(
        actor,
        plan,
        Status.COMPLETED,
        reason=note,
        outcome=outcome,
        outcome_note=note.strip(),
        completed_at=timezone.now(),
    )
    publish(actor_or_organization=actor, events=[DevelopmentPlanCompleted.of(plan)])
    return plan


PROGRESS_STATUSES = (Status.APPROVED, Status.ACTIVE)


@transaction.atomic
def plan_item_progress(
    *,
    actor: Actor,
    plan_item: PlanItem,
    status: str,
    evidence: str | None = None,
    reflection: str | None = None,
) -> PlanItem:
    """The employee (or a manager or HR) moves an item of an approved or active plan."""
    plan = plan_item.plan
    _check_visible(actor, plan)
    if status not in PlanItem.Status.values:
        raise ApplicationError(INVALID, f"Unknown status {status!r}.", fields={"status": "?"})
    if plan.status not in PROGRESS_STATUSES:
        raise ApplicationError(
            INVALID_TRANSITION, "Progress is recorded on approved or active plans.", status=409
        )
    plan_item = PlanItem.objects.select_for_update().get(pk=plan_item.pk)
    before = snapshot(plan_item, ("status", "evidence", "reflection"))
    plan_item.status = status
    if evidence is not None:
        plan_item.evidence = evidence.strip()
    if reflection is not None:
        plan_item.reflection = reflection.strip()
    if status == PlanItem.Status.DONE and plan_item.completed_at is None:
        plan_item.completed_at = timezone.now()
    elif status != PlanItem.Status.DONE:
        plan_item.completed_at = None
    plan_item.save(update_fields=["status", "evidence", "reflection", "completed_at"])
    changes = diff(before, snapshot(plan_item, ("status", "evidence", "reflection")))
    if changes:
        audit_record(actor=actor, action="plan_item.updated", obj=plan_item, changes=changes)
    return plan_item


# --- Completions from an LMS -------------------------------------------------------------------


def _apply_outcome(completion: LearningCompletion) -> str:
    """Do what the item's completion is configured to do, once per capability (the unique
    constraints on the completion make a second attempt a no-op)."""
    item = completion.item
    links = list(ItemCapability.objects.filter(item=item).select_related("capability"))
    outcome = item.completion_outcome
    if outcome == LearningItem.Outcome.RATING and completion.passed is False:
        outcome = LearningItem.Outcome.EVIDENCE  # a failed exam is evidence of effort only
    if outcome == LearningItem.Outcome.REASSESS:
        ReassessmentRequest.objects.bulk_create(
            ReassessmentRequest(
                organization_id=completion.organization_id,
                employee_id=completion.employee_id,
                capability=link.capability,
                completion=completion,
            )
            for link in links
        )
    else:
        kind = (
            CapabilityEvidence.Kind.RATING
            if outcome == LearningItem.Outcome.RATING
            else CapabilityEvidence.Kind.EVIDENCE
        )
        score = f" (score {completion.score})" if completion.score is not None else ""
        if kind == CapabilityEvidence.Kind.RATING:
            for link in links:
                attested_rating_record(
                    employee=completion.employee,
                    capability=link.capability,
                    level=link.level_to,
                    attested_at=completion.completed_at,
                    source=f"Passed {item.title}{score}",
                    source_key=f"learning-completion:{completion.uuid}",
                )
        CapabilityEvidence.objects.bulk_create(
            CapabilityEvidence(
                organization_id=completion.organization_id,
                employee_id=completion.employee_id,
                capability=link.capability,
                completion=completion,
                kind=kind,
                level=link.level_to if kind == CapabilityEvidence.Kind.RATING else None,
                note=f"Completed {item.title}{score}"[:300],
                recorded_at=completion.completed_at,
            )
            for link in links
        )
    return str(outcome)


@transaction.atomic
def completion_record(
    *,
    actor: Actor,
    employee: Employee,
    item: LearningItem,
    completed_at: datetime,
    score: Decimal | None = None,
    passed: bool | None = None,
    external_id: str = "",
) -> tuple[LearningCompletion, bool]:
    """Record a completion (from an LMS); returns (completion, created).

    Idempotent: the same employee, item and completion time, or the same external completion
    id, returns the completion recorded first and changes nothing. A new completion applies
    the item's outcome once, marks the item done in the employee's open plans, and emits
    `learning.completed`.
    """
    actor.require_admin()
    _check_same_organization(actor, employee, item)
    external_id = (external_id or "").strip()
    existing = LearningCompletion.objects.filter(
        employee=employee, item=item, completed_at=completed_at
    )
    if external_id:
        existing = LearningCompletion.objects.filter(external_id=external_id) | existing
    found = existing.select_related("item").first()
    if found is not None:
        return found, False
    completion = LearningCompletion(
        employee=employee,
        item=item,
        completed_at=completed_at,
        score=score,
        passed=passed,
        external_id=external_id,
    )
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:  # the same completion arrived concurrently
        return existing.select_related("item").get(), False
    completion.outcome = _apply_outcome(completion)
    completion.save(update_fields=["outcome"])
    PlanItem.objects.filter(
        item=item,
        plan__employee=employee,
        plan__status__in=PROGRESS_STATUSES,
    ).exclude(status=PlanItem.Status.DONE).update(
        status=PlanItem.Status.DONE,
        completed_at=completed_at,
        evidence=f"Completion reported by {actor.label}.",
    )
    audit_record(
        actor=actor,
        action="learning.completed",
        obj=completion,
        changes={"item": item.title, "employee": str(employee.uuid), "outcome": completion.outcome},
    )
    publish(
        actor_or_organization=actor,
        events=[LearningCompleted.of(completion, passed=passed)],
    )
    return completion, True


def reassessment_request_claim(*, actor: Actor, request: ReassessmentRequest) -> bool:
    """Mark an open request scheduled (compare-and-swap: only one caller wins, True for it)."""
    actor.require_admin()
    _check_same_organization(actor, request)
    return bool(
        ReassessmentRequest.objects.filter(
            pk=request.pk, status=ReassessmentRequest.Status.OPEN
        ).update(status=ReassessmentRequest.Status.SCHEDULED)
    )
