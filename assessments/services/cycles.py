"""Writes of assessment cycles: create, update, delete, launch (in the background, in chunks),
close (consolidation) and reopen.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Sequence
from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone

from assessments import consolidation
from assessments.events import CycleClosed, CycleLaunched
from assessments.models import (
    RATER_KINDS,
    Assessment,
    AssessmentCycle,
)
from assessments.reviews.services import template_version_pin
from assessments.selectors.cycles import cycle_close_consequences, cycle_scope_employees
from assessments.services import (
    CONFIRMATION_STALE,
    CYCLE_NOT_CLOSED,
    CYCLE_NOT_DRAFT,
    CYCLE_NOT_OPEN,
    INVALID,
    INVALID_SCOPE,
    INVALID_WEIGHTS,
    REASON_REQUIRED,
)
from capabilities.models import JobRole
from capabilities.services.frameworks import framework_version_current
from plms.audit.services import audit_record, diff, snapshot
from plms.common.db import insert_rows
from plms.common.errors import ApplicationError
from plms.common.validation import full_clean
from plms.events.bus import publish
from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.context import with_organization

CYCLE_FIELDS = (
    "name",
    "period_start",
    "period_end",
    "scope",
    "scope_ids",
    *(f"weight_{kind}" for kind in RATER_KINDS),
    *(f"deadline_{kind}" for kind in RATER_KINDS),
    "peer_anonymous",
    "min_peers",
    "max_peer_requests",
    "evidence_at_extremes",
    "evidence_min_distance",
    "preview_voting",
    "review_template",
    "upward_reviews",
    "min_upward",
)
SCOPE_MODELS = {
    AssessmentCycle.Scope.DEPARTMENTS: Department,
    AssessmentCycle.Scope.ROLES: JobRole,
    AssessmentCycle.Scope.EMPLOYEES: Employee,
}


# Employees processed per transaction when launching (progress is recorded after each).
LAUNCH_CHUNK = 2000


# --- Cycles ----------------------------------------------------------------------------------


def _clean_cycle(cycle: AssessmentCycle) -> None:
    cycle.name = (cycle.name or "").strip()
    if not cycle.name:
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    full_clean(cycle, exclude=["framework_version", "review_template", "review_template_version"])
    if cycle.period_end < cycle.period_start:
        raise ApplicationError(
            INVALID,
            "The period ends before it starts.",
            fields={"period_end": "On or after the start."},
        )
    if cycle.weight_upward:
        cycle.upward_reviews = True  # upward ratings weighted: the reviews are asked
    total = sum(cycle.weights.values())
    if total != 100:
        raise ApplicationError(
            INVALID_WEIGHTS,
            f"Rater weights total {total} %, not 100 %.",
            fields={"weights": "The weights of the rater kinds used total 100 %."},
        )
    model = SCOPE_MODELS.get(cycle.scope)  # type: ignore[call-overload]  # keys are the scopes
    if model is None:
        cycle.scope_ids = []
        return
    try:
        ids = sorted({str(uuid_module.UUID(str(value))) for value in cycle.scope_ids or []})
    except (TypeError, ValueError) as exc:
        raise ApplicationError(
            INVALID_SCOPE, "The scope lists invalid ids.", fields={"scope_ids": "Public ids."}
        ) from exc
    if not ids:
        raise ApplicationError(
            INVALID_SCOPE,
            f"Choose at least one of the {model._meta.verbose_name_plural} in scope.",
            fields={"scope_ids": "Required for this scope."},
        )
    found = {str(u) for u in model.objects.filter(uuid__in=ids).values_list("uuid", flat=True)}
    if found != set(ids):
        raise ApplicationError(
            INVALID_SCOPE,
            f"Unknown {model._meta.verbose_name_plural} in the scope.",
            fields={"scope_ids": sorted(set(ids) - found)},
        )
    cycle.scope_ids = ids


@transaction.atomic
def cycle_create(*, actor: Actor, name: str, period_start: date, period_end: date, **fields):
    actor.require_admin()
    cycle = AssessmentCycle(name=name, period_start=period_start, period_end=period_end)
    for field, value in fields.items():
        if field not in CYCLE_FIELDS:
            raise TypeError(f"Unknown cycle field {field!r}.")
        setattr(cycle, field, value)
    if not any(field.startswith("weight_") for field in fields):
        cycle.weight_manager, cycle.weight_self, cycle.weight_peer = 50, 30, 20
    _clean_cycle(cycle)
    cycle.save()
    audit_record(
        actor=actor,
        action="assessment_cycle.created",
        obj=cycle,
        changes=snapshot(cycle, CYCLE_FIELDS),
    )
    return cycle


@transaction.atomic
def cycle_update(*, actor: Actor, cycle: AssessmentCycle, **changes) -> AssessmentCycle:
    """Edit a cycle. Scope and weights are fixed once launched (the assessments exist);
    names, deadlines and evidence rules may change while it is open."""
    actor.require_admin()
    same_organization(actor, cycle)
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == AssessmentCycle.Status.CLOSED:
        raise ApplicationError(
            CYCLE_NOT_OPEN, "A closed cycle cannot be edited; reopen it.", status=409
        )
    before = snapshot(cycle, CYCLE_FIELDS)
    for field, value in changes.items():
        if field not in CYCLE_FIELDS:
            raise TypeError(f"Unknown cycle field {field!r}.")
        setattr(cycle, field, value)
    _clean_cycle(cycle)
    after = snapshot(cycle, CYCLE_FIELDS)
    fixed = {
        "scope",
        "scope_ids",
        "review_template",
        "upward_reviews",
        *(f"weight_{kind}" for kind in RATER_KINDS),
    }
    moved = sorted(name for name in fixed if before[name] != after[name])
    if moved and cycle.status != AssessmentCycle.Status.DRAFT:
        raise ApplicationError(
            CYCLE_NOT_DRAFT,
            "Scope, weights and the review template are fixed once the cycle is launched.",
            fields={name: "Fixed after launch." for name in moved},
            status=409,
        )
    changed = diff(before, after)
    if changed:
        cycle.updated_at = timezone.now()
        cycle.save()
        audit_record(actor=actor, action="assessment_cycle.updated", obj=cycle, changes=changed)
    return cycle


@transaction.atomic
def cycle_delete(*, actor: Actor, cycle: AssessmentCycle) -> None:
    actor.require_admin()
    same_organization(actor, cycle)
    if cycle.status != AssessmentCycle.Status.DRAFT:
        raise ApplicationError(CYCLE_NOT_DRAFT, "Only a draft cycle can be deleted.", status=409)
    audit_record(
        actor=actor, action="assessment_cycle.deleted", obj=cycle, changes={"name": cycle.name}
    )
    cycle.delete()


@transaction.atomic
def cycle_launch(*, actor: Actor, cycle: AssessmentCycle) -> AssessmentCycle:
    """Open the cycle and create its assessments in the background (see `cycle_launch_run`).

    Launching an open cycle again adds whoever joined the scope since: existing assessments
    are never created twice.
    """
    from assessments.tasks import launch_cycle

    actor.require_admin()
    same_organization(actor, cycle)
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == AssessmentCycle.Status.CLOSED:
        raise ApplicationError(CYCLE_NOT_OPEN, "A closed cycle cannot be launched.", status=409)
    before = cycle.status
    cycle.status = AssessmentCycle.Status.OPEN
    cycle.framework_version = cycle.framework_version or framework_version_current()
    if before == AssessmentCycle.Status.DRAFT:
        template_version_pin(cycle=cycle)
    cycle.launch_state = AssessmentCycle.LaunchState.RUNNING
    cycle.launch_total = cycle_scope_employees(cycle).count()
    cycle.launch_done = 0
    cycle.launched_at = cycle.launched_at or timezone.now()
    cycle.updated_at = timezone.now()
    cycle.save()
    audit_record(
        actor=actor,
        action="assessment_cycle.launched",
        obj=cycle,
        changes={
            "status": {"before": before, "after": cycle.status},
            "in_scope": cycle.launch_total,
        },
    )
    transaction.on_commit(
        partial(launch_cycle.delay, cycle.pk, organization_id=cycle.organization_id)
    )
    return cycle


def cycle_launch_run(*, cycle_id: int, organization_id: int, chunk: int = LAUNCH_CHUNK) -> int:
    """Create every assessment of a launched cycle, `chunk` employees per transaction, and
    record the progress on the cycle after each. Idempotent; returns the assessments created.

    This is the function a benchmark of a large launch calls (outside any organization scope).
    """
    created, after_id = 0, 0
    while True:
        count, following = _launch_chunk(cycle_id, after_id, chunk, organization_id=organization_id)
        created += count
        if following is None:
            return created
        after_id = following


@with_organization
def _launch_chunk(
    cycle_id: int, after_id: int, chunk: int, *, organization_id: int
) -> tuple[int, int | None]:
    cycle = AssessmentCycle.objects.filter(pk=cycle_id).first()
    if cycle is None or cycle.status != AssessmentCycle.Status.OPEN:
        return 0, None
    ids = list(
        cycle_scope_employees(cycle)
        .filter(id__gt=after_id)
        .order_by("id")
        .values_list("id", flat=True)[:chunk]
    )
    created = assessments_create_for(cycle=cycle, employee_ids=ids)
    done = len(ids) < chunk
    AssessmentCycle.objects.filter(pk=cycle.pk).update(
        launch_done=min(cycle.launch_done + len(ids), max(cycle.launch_total, 0))
        if not done
        else cycle.launch_total,
        launch_state=AssessmentCycle.LaunchState.DONE if done else cycle.launch_state,
    )
    if done:
        publish(
            actor_or_organization=cycle.organization,
            events=[
                CycleLaunched.of(
                    cycle,
                    people=cycle_scope_employees(cycle).count(),
                    assessments=Assessment.objects.filter(cycle=cycle).count(),
                )
            ],
        )
    return created, None if done else ids[-1]


# The columns `assessments_create_for` writes; the others get their defaults (pending, a
# fresh uuid, the active organization).
LAUNCH_ROW_FIELDS = (
    "cycle_id",
    "employee_id",
    "rater_id",
    "kind",
    "weight",
    "created_at",
    "updated_at",
)


def assessments_create_for(*, cycle: AssessmentCycle, employee_ids: Sequence[int]) -> int:
    """The self and manager assessments of these employees in the cycle, in bulk, and (with
    upward reviews) their direct reports' upward assessments of those who manage.

    Managers are the primary manager (weighted by the primary share) and the matrix managers
    (by their weights). Existing assessments are left alone, so calling it twice creates
    nothing the second time: the cycle's row lock makes two launches take turns, and each
    leaves out the (employee, rater, kind) rows the cycle already has; the unique constraint
    stays the last word. Plain rows for `insert_rows` (thousands per launch: no model
    instances), a constant number of queries whatever the number of employees.
    """
    if not employee_ids:
        return 0
    with transaction.atomic():
        # Not a key lock: other writes that only reference the cycle are not held up.
        list(AssessmentCycle.objects.select_for_update(no_key=True).filter(pk=cycle.pk).only("id"))
        employees = Employee.objects.filter(id__in=employee_ids).values_list(
            "id", "manager_id", "manager_weight"
        )
        matrix: list[tuple[int, int, int]] = []
        if cycle.weight_manager:
            matrix = list(
                SecondaryManager.objects.filter(employee_id__in=employee_ids).values_list(
                    "employee_id", "manager_id", "weight"
                )
            )
        with_matrix = {employee_id for employee_id, _, _ in matrix}
        wanted: dict[tuple[int, int, str], int] = {}
        for employee_id, manager_id, manager_weight in employees:
            if cycle.weight_self:
                wanted[employee_id, employee_id, "self"] = 100
            if cycle.weight_manager and manager_id is not None:
                weight = manager_weight if employee_id in with_matrix else 100
                wanted.setdefault((employee_id, manager_id, "manager"), weight)
        for employee_id, manager_id, weight in matrix:
            wanted.setdefault((employee_id, manager_id, "manager"), weight)
        if cycle.upward_reviews:
            # Each manager in scope is reviewed by their active direct reports.
            reports = Employee.objects.filter(manager_id__in=employee_ids, active=True)
            for report_id, manager_id in reports.values_list("id", "manager_id"):
                wanted[manager_id, report_id, "upward"] = 100
        existing = Assessment.objects.filter(
            cycle=cycle, employee_id__in=employee_ids, kind__in=("self", "manager", "upward")
        ).values_list("employee_id", "rater_id", "kind")
        for key in existing:
            wanted.pop(key, None)
        now = timezone.now()
        insert_rows(
            Assessment,
            LAUNCH_ROW_FIELDS,
            (
                (cycle.pk, employee_id, rater_id, kind, max(1, min(100, weight or 100)), now, now)
                for (employee_id, rater_id, kind), weight in wanted.items()
            ),
        )
    return len(wanted)


@transaction.atomic
def cycle_close(
    *,
    actor: Actor,
    cycle: AssessmentCycle,
    reason: str = "",
    confirmed_unsubmitted: int | None = None,
) -> AssessmentCycle:
    """Close the cycle and consolidate its submitted ratings; open assessments stay unsubmitted.

    `confirmed_unsubmitted` is the number of unsubmitted assessments the person was shown
    when they confirmed (the pages always pass it): if it is no longer true the close is
    refused so they can look again, and with any unsubmitted the close needs a `reason`.
    The numbers and the reason land in the audit trail.
    """
    actor.require_admin()
    same_organization(actor, cycle)
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != AssessmentCycle.Status.OPEN:
        raise ApplicationError(CYCLE_NOT_OPEN, "Only an open cycle can be closed.", status=409)
    consequences = cycle_close_consequences(cycle=cycle)
    reason = (reason or "").strip()
    if confirmed_unsubmitted is not None:
        if confirmed_unsubmitted != consequences.unsubmitted:
            raise ApplicationError(
                CONFIRMATION_STALE,
                f"The numbers changed since you looked: {consequences.unsubmitted} of "
                f"{consequences.total} assessments are now not submitted. Confirm again.",
                status=409,
            )
        if consequences.unsubmitted and not reason:
            raise ApplicationError(
                REASON_REQUIRED,
                "Say why the cycle is closed with assessments not submitted.",
                fields={"reason": "Say why they are closed unrated."},
            )
    cycle.status = AssessmentCycle.Status.CLOSED
    cycle.closed_at = timezone.now()
    cycle.updated_at = cycle.closed_at
    cycle.save(update_fields=["status", "closed_at", "updated_at"])
    count = consolidation.consolidate_cycle(cycle=cycle)
    audit_record(
        actor=actor,
        action="assessment_cycle.closed",
        obj=cycle,
        changes={
            "status": {"before": "open", "after": "closed"},
            "consolidated_levels": count,
            "assessments": consequences.total,
            "not_submitted": consequences.unsubmitted,
        },
        reason=reason,
    )
    publish(actor_or_organization=actor, events=[CycleClosed.of(cycle, consolidated_levels=count)])
    return cycle


@transaction.atomic
def cycle_reopen(*, actor: Actor, cycle: AssessmentCycle, reason: str) -> AssessmentCycle:
    """Reopen a closed cycle (HR admins, with a reason kept in the audit trail)."""
    actor.require_admin()
    same_organization(actor, cycle)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            REASON_REQUIRED, "Say why the cycle is reopened.", fields={"reason": "Required."}
        )
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != AssessmentCycle.Status.CLOSED:
        raise ApplicationError(CYCLE_NOT_CLOSED, "Only a closed cycle can be reopened.", status=409)
    cycle.status = AssessmentCycle.Status.OPEN
    cycle.closed_at = None
    cycle.updated_at = timezone.now()
    cycle.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="assessment_cycle.reopened",
        obj=cycle,
        changes={"status": {"before": "closed", "after": "open"}},
        reason=reason,
    )
    return cycle
