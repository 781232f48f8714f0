"""Writes of assessments: cycles (create, launch, close, reopen), peer nominations, expert
grants, ratings (autosaved drafts, submit locks), calibration adjustments.

Every function takes the acting `Actor`, checks it may act, keeps related objects inside the
organization, runs in one transaction and records what changed in the audit trail. Refusals
are `ApplicationError`s with the stable codes below; a refused call changes nothing.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from assessments import consolidation, hooks
from assessments.events import AssessmentSubmitted, CycleClosed, CycleLaunched
from assessments.models import (
    RATER_KINDS,
    Assessment,
    AssessmentCycle,
    AttestedRating,
    ConsolidatedLevel,
    PreviewVote,
    Rating,
)
from assessments.results_cache import results_changed
from assessments.selectors import (
    cycle_scope_employees,
    reference_levels,
    required_capabilities,
    scale_bounds,
)
from capabilities.models import Capability, JobRole
from capabilities.services import framework_version_current
from plms.audit.services import audit_record, diff, snapshot
from plms.common.db import insert_rows

# Error codes (part of the API contract): defined, with their statuses, in the catalogue.
from plms.common.error_codes import (
    ALREADY_CALIBRATED,
    ALREADY_DECIDED,
    ALREADY_SUBMITTED,
    ASSESSMENT_LOCKED,
    ASSESSMENT_NOT_OPEN,
    CAPABILITY_NOT_IN_SCOPE,
    COMMENT_REQUIRED,
    CYCLE_NOT_CLOSED,
    CYCLE_NOT_DRAFT,
    CYCLE_NOT_OPEN,
    EVIDENCE_REQUIRED,
    INCOMPLETE,
    INVALID,
    INVALID_LEVEL,
    INVALID_PEER,
    INVALID_SCOPE,
    INVALID_WEIGHTS,
    LEVEL_OUT_OF_SCALE,
    NOT_MANAGER,
    NOT_RATER,
    NOT_VOTER,
    PREVIEW_CLOSED,
    RATING_ON_BEHALF,
    REASON_REQUIRED,
    ErrorCode,
)
from plms.common.error_codes import PEER_LIMIT_REACHED as PEER_LIMIT
from plms.common.errors import ApplicationError, NotFound
from plms.events.bus import publish
from plms.people.models import Department, Employee, SecondaryManager
from plms.people.selectors import is_manager_of
from plms.tenancy.actors import Actor
from plms.tenancy.context import with_organization

RATE_PERMISSION = "assessments.rate_assessment"

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
)
SCOPE_MODELS = {
    AssessmentCycle.Scope.DEPARTMENTS: Department,
    AssessmentCycle.Scope.ROLES: JobRole,
    AssessmentCycle.Scope.EMPLOYEES: Employee,
}
# Employees processed per transaction when launching (progress is recorded after each).
LAUNCH_CHUNK = 2000


@dataclass(frozen=True)
class RatingInput:
    capability: Capability
    level: int | None  # None: not observed
    evidence: str = ""


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


# --- Cycles ----------------------------------------------------------------------------------


def _clean_cycle(cycle: AssessmentCycle) -> None:
    cycle.name = (cycle.name or "").strip()
    if not cycle.name:
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    _full_clean(cycle, exclude=["framework_version"])
    if cycle.period_end < cycle.period_start:
        raise ApplicationError(
            INVALID,
            "The period ends before it starts.",
            fields={"period_end": "On or after the start."},
        )
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
    _check_same_organization(actor, cycle)
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
    fixed = {"scope", "scope_ids", *(f"weight_{kind}" for kind in RATER_KINDS)}
    moved = sorted(name for name in fixed if before[name] != after[name])
    if moved and cycle.status != AssessmentCycle.Status.DRAFT:
        raise ApplicationError(
            CYCLE_NOT_DRAFT,
            "Scope and weights are fixed once the cycle is launched.",
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
    _check_same_organization(actor, cycle)
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
    _check_same_organization(actor, cycle)
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == AssessmentCycle.Status.CLOSED:
        raise ApplicationError(CYCLE_NOT_OPEN, "A closed cycle cannot be launched.", status=409)
    before = cycle.status
    cycle.status = AssessmentCycle.Status.OPEN
    cycle.framework_version = cycle.framework_version or framework_version_current()
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
    """The self and manager assessments of these employees in the cycle, in bulk.

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
        existing = Assessment.objects.filter(
            cycle=cycle, employee_id__in=employee_ids, kind__in=("self", "manager")
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
def cycle_close(*, actor: Actor, cycle: AssessmentCycle) -> AssessmentCycle:
    """Close the cycle and consolidate its submitted ratings; open assessments stay unsubmitted."""
    actor.require_admin()
    _check_same_organization(actor, cycle)
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != AssessmentCycle.Status.OPEN:
        raise ApplicationError(CYCLE_NOT_OPEN, "Only an open cycle can be closed.", status=409)
    cycle.status = AssessmentCycle.Status.CLOSED
    cycle.closed_at = timezone.now()
    cycle.updated_at = cycle.closed_at
    cycle.save(update_fields=["status", "closed_at", "updated_at"])
    count = consolidation.consolidate_cycle(cycle=cycle)
    audit_record(
        actor=actor,
        action="assessment_cycle.closed",
        obj=cycle,
        changes={"status": {"before": "open", "after": "closed"}, "consolidated_levels": count},
    )
    publish(actor_or_organization=actor, events=[CycleClosed.of(cycle, consolidated_levels=count)])
    transaction.on_commit(
        partial(
            hooks.cycle_closed.send,
            sender=AssessmentCycle,
            cycle_id=cycle.pk,
            organization_id=cycle.organization_id,
        )
    )
    return cycle


@transaction.atomic
def cycle_reopen(*, actor: Actor, cycle: AssessmentCycle, reason: str) -> AssessmentCycle:
    """Reopen a closed cycle (HR admins, with a reason kept in the audit trail)."""
    actor.require_admin()
    _check_same_organization(actor, cycle)
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


# --- Peers and experts -----------------------------------------------------------------------


def _require_open(cycle: AssessmentCycle) -> None:
    if cycle.status != AssessmentCycle.Status.OPEN:
        raise ApplicationError(CYCLE_NOT_OPEN, "The cycle is not open.", status=409)


@transaction.atomic
def peers_nominate(
    *, actor: Actor, cycle: AssessmentCycle, employee: Employee, peers: Sequence[Employee]
) -> list[Assessment]:
    """The employee (or their manager, or HR) nominates peers; each nomination awaits the
    manager's approval. A peer who already has `max_peer_requests` requests in the cycle is
    refused (reviewer load balancing: see `selectors.peer_suggestions`)."""
    _check_same_organization(actor, cycle, employee, *peers)
    _require_open(cycle)
    viewer = actor.employee
    allowed = actor.is_admin or (
        viewer is not None
        and (viewer.pk == employee.pk or is_manager_of(manager=viewer, employee=employee))
    )
    if not allowed:
        raise NotFound()
    if not cycle.weight_peer:
        raise ApplicationError(INVALID_PEER, "This cycle has no peer ratings.")
    ids = [p.pk for p in peers]
    if employee.pk in ids or len(set(ids)) != len(ids):
        raise ApplicationError(
            INVALID_PEER, "Peers are other people, each named once.", fields={"peers": "Invalid."}
        )
    from django.db.models import Count

    load = dict(
        Assessment.objects.filter(cycle=cycle, kind="peer", rater_id__in=ids)
        .exclude(status=Assessment.Status.DECLINED)
        .values("rater_id")
        .annotate(n=Count("id"))
        .values_list("rater_id", "n")
    )
    existing = set(
        Assessment.objects.filter(
            cycle=cycle, employee=employee, kind="peer", rater_id__in=ids
        ).values_list("rater_id", flat=True)
    )
    full = [
        p for p in peers if p.pk not in existing and load.get(p.pk, 0) >= cycle.max_peer_requests
    ]
    if full:
        raise ApplicationError(
            PEER_LIMIT,
            "Some colleagues have as many peer requests as they can take this cycle.",
            fields={"peers": [p.full_name for p in full]},
        )
    rows = [
        Assessment(
            cycle=cycle,
            employee=employee,
            rater=peer,
            kind=Assessment.Kind.PEER,
            status=Assessment.Status.NOMINATED,
            nominated_by=viewer,
        )
        for peer in peers
        if peer.pk not in existing
    ]
    for row in rows:
        row.save()
    if rows:
        audit_record(
            actor=actor,
            action="assessment.peers_nominated",
            obj=employee,
            changes={"cycle": cycle.name, "peers": [r.rater.full_name for r in rows]},
        )
    return rows


@transaction.atomic
def peer_nomination_decide(*, actor: Actor, assessment: Assessment, approve: bool) -> Assessment:
    """The employee's manager (or HR) approves or declines a peer nomination."""
    _check_same_organization(actor, assessment)
    viewer = actor.employee
    if not actor.is_admin and not (
        viewer is not None and is_manager_of(manager=viewer, employee=assessment.employee)
    ):
        raise ApplicationError(NOT_MANAGER, "Only the employee's manager decides nominations.")
    if assessment.status != Assessment.Status.NOMINATED:
        raise ApplicationError(ALREADY_DECIDED, "This nomination has been decided.")
    assessment.status = Assessment.Status.PENDING if approve else Assessment.Status.DECLINED
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="assessment.peer_approved" if approve else "assessment.peer_declined",
        obj=assessment,
    )
    return assessment


def _require_manager_or_admin(actor: Actor, employee: Employee) -> None:
    """HR admins and the employee's managers (primary or matrix, any level up); anyone else
    is told the employee does not exist."""
    viewer = actor.employee
    if actor.is_admin or (viewer is not None and is_manager_of(manager=viewer, employee=employee)):
        return
    raise NotFound()


@transaction.atomic
def expert_grant(
    *, actor: Actor, cycle: AssessmentCycle, employee: Employee, expert: Employee
) -> Assessment:
    """Create an expert assessment and grant the expert the right to see and rate it: an
    object permission on that one assessment, nothing else. HR admins and the employee's
    managers grant; granting again (or after a revocation) restores the same assessment."""
    _check_same_organization(actor, cycle, employee, expert)
    _require_manager_or_admin(actor, employee)
    _require_open(cycle)
    if not cycle.weight_expert:
        raise ApplicationError(
            INVALID, "This cycle has no expert ratings.", fields={"cycle": "No expert weight."}
        )
    if expert.user_id is None:
        raise ApplicationError(
            INVALID, "The expert has not signed in yet.", fields={"expert": "No sign-in."}
        )
    if expert.pk == employee.pk:
        raise ApplicationError(
            INVALID, "An expert rates someone else.", fields={"expert": "Someone else."}
        )
    assessment, created = Assessment.objects.select_for_update().get_or_create(
        cycle=cycle, employee=employee, rater=expert, kind=Assessment.Kind.EXPERT
    )
    restored = assessment.status == Assessment.Status.DECLINED
    if restored:
        assessment.status = (
            Assessment.Status.DRAFT if assessment.ratings.exists() else Assessment.Status.PENDING
        )
        assessment.updated_at = timezone.now()
        assessment.save(update_fields=["status", "updated_at"])
    assign_perm(RATE_PERMISSION, expert.user, assessment)
    if created or restored:
        audit_record(
            actor=actor,
            action="assessment.expert_granted",
            obj=assessment,
            changes={"expert": expert.full_name, "employee": employee.full_name},
        )
    return assessment


@transaction.atomic
def expert_revoke(*, actor: Actor, assessment: Assessment) -> Assessment:
    """Withdraw an expert's grant: the permission goes and the assessment is declined, so the
    expert neither sees nor rates it any more. A submitted expert assessment counts in the
    results and stays."""
    _check_same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("cycle", "employee", "rater")
        .get(pk=assessment.pk)
    )
    if assessment.kind != Assessment.Kind.EXPERT:
        raise NotFound()
    _require_manager_or_admin(actor, assessment.employee)
    if assessment.status == Assessment.Status.SUBMITTED:
        raise ApplicationError(
            ALREADY_SUBMITTED, "The expert has submitted; the rating stays.", status=409
        )
    if assessment.rater.user_id is not None:
        remove_perm(RATE_PERMISSION, assessment.rater.user, assessment)
    if assessment.status != Assessment.Status.DECLINED:
        assessment.status = Assessment.Status.DECLINED
        assessment.updated_at = timezone.now()
        assessment.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="assessment.expert_revoked",
            obj=assessment,
            changes={"expert": assessment.rater.full_name},
        )
    return assessment


# --- Ratings ---------------------------------------------------------------------------------


def _check_rater(actor: Actor, assessment: Assessment) -> None:
    if actor.api_key is not None:
        raise ApplicationError(
            RATING_ON_BEHALF,
            "API keys do not rate on a person's behalf; import the level as an external rating.",
        )
    viewer = actor.employee
    if viewer is None or viewer.pk != assessment.rater_id:
        raise ApplicationError(NOT_RATER, "Only the rater may rate this assessment.")
    if assessment.kind == Assessment.Kind.EXPERT and not (
        actor.user is not None and actor.user.has_perm(RATE_PERMISSION, assessment)
    ):
        raise ApplicationError(NOT_RATER, "Your expert grant was withdrawn.")


def _check_editable(assessment: Assessment) -> None:
    if assessment.status == Assessment.Status.SUBMITTED:
        raise ApplicationError(
            ASSESSMENT_LOCKED, "The assessment is submitted and can no longer change.", status=409
        )
    if assessment.status not in Assessment.OPEN_STATUSES:
        raise ApplicationError(ASSESSMENT_NOT_OPEN, "This assessment is not open for rating.")
    _require_open(assessment.cycle)


@transaction.atomic
def ratings_save(
    *, actor: Actor, assessment: Assessment, items: Iterable[RatingInput]
) -> list[Rating]:
    """Save ratings as a draft (autosave). All items are checked before anything is written:
    a level outside the scale or a capability the employee's role does not require refuses
    the whole call. Evidence rules are checked on submit."""
    _check_same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
    )
    _check_rater(actor, assessment)
    _check_editable(assessment)
    items = list(items)
    required = required_capabilities(employee_id=assessment.employee_id)
    low, high = scale_bounds()
    problems: dict[str, str] = {}
    codes: set[ErrorCode] = set()
    for item in items:
        _check_same_organization(actor, item.capability)
        key = item.capability.key
        if item.capability.pk not in required:
            problems[key] = "Not required by the employee's role."
            codes.add(CAPABILITY_NOT_IN_SCOPE)
        elif item.level is not None and not (
            isinstance(item.level, int) and low <= item.level <= high
        ):
            problems[key] = f"Choose a level from {low} to {high}, or not observed."
            codes.add(LEVEL_OUT_OF_SCALE)
    if problems:
        code: ErrorCode = codes.pop() if len(codes) == 1 else INVALID
        message = {
            CAPABILITY_NOT_IN_SCOPE: "A capability is not among the employee's role requirements.",
            LEVEL_OUT_OF_SCALE: "A rating is outside the competency scale.",
        }.get(code, "Some ratings are invalid.")
        raise ApplicationError(code, message, fields=problems)
    existing = {r.capability_id: r for r in Rating.objects.filter(assessment=assessment)}
    version = assessment.cycle.framework_version_id
    now = timezone.now()
    saved = []
    for item in items:
        rating = existing.get(item.capability.pk) or Rating(
            assessment=assessment, capability=item.capability
        )
        evidence = (item.evidence or "").strip()
        if rating.pk and rating.level == item.level and rating.evidence == evidence:
            saved.append(rating)
            continue
        rating.level, rating.evidence = item.level, evidence
        rating.framework_version_id = version
        rating.updated_at = now
        rating.save()
        saved.append(rating)
    if assessment.status == Assessment.Status.PENDING and items:
        assessment.status = Assessment.Status.DRAFT
    assessment.updated_at = now
    assessment.save(update_fields=["status", "updated_at"])
    return saved


def evidence_problems(
    *, assessment: Assessment, ratings: Iterable[Rating], bounds: tuple[int, int] | None = None
) -> dict[str, str]:
    """{capability key: why evidence is needed} for ratings lacking required evidence."""
    cycle = assessment.cycle
    low, high = bounds or scale_bounds()
    references = reference_levels(assessment=assessment) if cycle.evidence_min_distance else {}
    problems = {}
    for rating in ratings:
        if rating.level is None or rating.evidence.strip():
            continue
        key = rating.capability.key
        if cycle.evidence_at_extremes and rating.level in (low, high):
            problems[key] = "Evidence is required for a rating at the end of the scale."
            continue
        reference = references.get(rating.capability_id)
        if reference is not None and abs(rating.level - reference) >= cycle.evidence_min_distance:
            problems[key] = (
                f"Evidence is required: {cycle.evidence_min_distance} or more levels from the "
                "other rating."
            )
    return problems


@transaction.atomic
def assessment_submit(*, actor: Actor, assessment: Assessment) -> Assessment:
    """Lock the assessment: every required capability rated (or not observed), evidence where
    the cycle's rules require it. Submitting twice is refused."""
    _check_same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("cycle", "employee")
        .get(pk=assessment.pk)
    )
    _check_rater(actor, assessment)
    if assessment.status == Assessment.Status.SUBMITTED:
        raise ApplicationError(
            ALREADY_SUBMITTED, "The assessment was submitted already.", status=409
        )
    _check_editable(assessment)
    required = required_capabilities(employee_id=assessment.employee_id)
    ratings = list(Rating.objects.filter(assessment=assessment).select_related("capability"))
    rated = {r.capability_id for r in ratings}
    missing = [req.capability for cap_id, req in required.items() if cap_id not in rated]
    if missing:
        raise ApplicationError(
            INCOMPLETE,
            "Rate every capability (or mark it not observed) before submitting.",
            fields={c.key: "Not rated." for c in missing},
        )
    problems = evidence_problems(assessment=assessment, ratings=ratings)
    if problems:
        raise ApplicationError(
            EVIDENCE_REQUIRED, "Some ratings need evidence before submitting.", fields=problems
        )
    now = timezone.now()
    claimed = Assessment.objects.filter(
        pk=assessment.pk, status__in=Assessment.OPEN_STATUSES
    ).update(status=Assessment.Status.SUBMITTED, submitted_at=now, updated_at=now)
    if claimed != 1:
        raise ApplicationError(
            ALREADY_SUBMITTED, "The assessment was submitted already.", status=409
        )
    assessment.status, assessment.submitted_at, assessment.updated_at = "submitted", now, now
    audit_record(
        actor=actor,
        action="assessment.submitted",
        obj=assessment,
        changes={"ratings": len(ratings), "kind": assessment.kind},
    )
    publish(
        actor_or_organization=actor,
        events=[AssessmentSubmitted.of(assessment, submitted_at=now)],
    )
    return assessment


@transaction.atomic
def calibration_inputs_set(
    *, actor: Actor, assessment: Assessment, performance: int | None, potential: int | None
) -> Assessment:
    """The manager's performance and potential (1-3 each) for the 9-box; part of the draft."""
    _check_same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
    )
    _check_rater(actor, assessment)
    _check_editable(assessment)
    if assessment.kind != Assessment.Kind.MANAGER:
        raise ApplicationError(INVALID, "Only managers rate performance and potential.")
    for name, value in (("performance", performance), ("potential", potential)):
        if value is not None and value not in (1, 2, 3):
            raise ApplicationError(INVALID, "Use 1 (low), 2 or 3 (high).", fields={name: "1-3."})
    assessment.performance, assessment.potential = performance, potential
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["performance", "potential", "updated_at"])
    return assessment


def attested_rating_record(
    *,
    employee: Employee,
    capability: Capability,
    level: int,
    attested_at: datetime,
    source: str,
    source_key: str,
) -> tuple[AttestedRating, bool]:
    """Record that `source` (a passed exam, say) attests `level` in `capability`; returns
    (rating, created). It counts as an expert rating when a cycle whose period covers
    `attested_at` is consolidated. The same `source_key` and capability again return the
    rating recorded first and change nothing, so a replayed attestation counts once."""
    if employee.organization_id != capability.organization_id:
        raise NotFound()
    low, high = scale_bounds()
    if not (isinstance(level, int) and low <= level <= high):
        raise ApplicationError(
            LEVEL_OUT_OF_SCALE,
            "The attested level is outside the competency scale.",
            fields={"level": f"Choose a level from {low} to {high}."},
        )
    source_key = (source_key or "").strip()
    if not source_key:
        raise ApplicationError(INVALID, "Name what attests it.", fields={"source_key": "Required."})
    existing = AttestedRating.objects.filter(source_key=source_key, capability=capability)
    found = existing.first()
    if found is not None:
        return found, False
    rating = AttestedRating(
        employee=employee,
        capability=capability,
        level=level,
        attested_at=attested_at,
        source=source.strip()[:300],
        source_key=source_key,
    )
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:  # the same attestation arrived concurrently
        return existing.get(), False
    return rating, True


@transaction.atomic
def external_rating_import(
    *,
    actor: Actor,
    employee: Employee,
    capability: Capability,
    level: int,
    rated_on: date,
    source: str,
    external_id: str,
    evidence_url: str = "",
) -> tuple[AttestedRating, bool]:
    """Record a level rated in another system (an assessment platform, an exam, a previous
    vendor) on behalf of `source`; returns (rating, created). It is consolidated as an
    expert rating by a cycle that weights experts and whose period covers `rated_on`.
    Idempotent by `external_id`: importing it again returns the rating recorded first and
    changes nothing. Audited."""
    actor.require_admin()
    _check_same_organization(actor, employee, capability)
    external_id, source = (external_id or "").strip(), (source or "").strip()
    problems = {}
    if not external_id:
        problems["external_id"] = "Required."
    if not source:
        problems["source"] = "Name the system the rating comes from."
    if problems:
        raise ApplicationError(INVALID, "The external rating is incomplete.", fields=problems)
    key = f"{AttestedRating.EXTERNAL_PREFIX}{external_id}"[:100]
    found = AttestedRating.objects.filter(source_key=key).first()
    if found is not None:
        return found, False
    rating, created = attested_rating_record(
        employee=employee,
        capability=capability,
        level=level,
        attested_at=datetime.combine(rated_on, time(12), tzinfo=UTC),
        source=source,
        source_key=key,
    )
    if created:
        rating.evidence_url = evidence_url
        rating.save(update_fields=["evidence_url"])
        audit_record(
            actor=actor,
            action="external_rating.imported",
            obj=employee,
            changes={
                "external_rating": {
                    "before": None,
                    "after": f"{capability.name}: level {level} from {source} on {rated_on}",
                }
            },
        )
    return rating, created


# --- Calibration -----------------------------------------------------------------------------


@transaction.atomic
def consolidated_level_adjust(
    *, actor: Actor, consolidated: ConsolidatedLevel, level: Decimal | None, reason: str
) -> ConsolidatedLevel:
    """Calibrate a consolidated level (HR admins), with a mandatory reason; None removes the
    adjustment. Audited with before and after."""
    actor.require_admin()
    _check_same_organization(actor, consolidated)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            REASON_REQUIRED, "Say why the level is adjusted.", fields={"reason": "Required."}
        )
    low, high = scale_bounds()
    if level is not None:
        level = Decimal(str(level)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if not low <= level <= high:
            raise ApplicationError(
                INVALID_LEVEL, f"Choose a level from {low} to {high}.", fields={"level": "Range."}
            )
    consolidated = ConsolidatedLevel.objects.select_for_update().get(pk=consolidated.pk)
    before = snapshot(consolidated, ["adjusted_level", "adjustment_reason"])
    consolidated.adjusted_level = level
    consolidated.adjustment_reason = reason
    consolidated.adjusted_by = actor.user
    consolidated.adjusted_at = timezone.now()
    consolidated.save(
        update_fields=["adjusted_level", "adjustment_reason", "adjusted_by", "adjusted_at"]
    )
    results_changed(cycle_ids=[consolidated.cycle_id])
    after = snapshot(consolidated, ["adjusted_level", "adjustment_reason"])
    audit_record(
        actor=actor,
        action="consolidated_level.adjusted",
        obj=consolidated,
        changes={**diff(before, after), "computed_level": str(consolidated.level)},
        reason=reason,
    )
    return consolidated


@transaction.atomic
def preview_vote_cast(
    *, actor: Actor, consolidated: ConsolidatedLevel, vote: str, comment: str = ""
) -> PreviewVote:
    """The pre-calibration "ratings preview" vote: an HR admin or one of the person's managers
    (primary or matrix) says whether a consolidated level looks right, too high or too low
    (the last two with a comment), so calibration starts from the contested levels. Open while
    the closed cycle has the preview on and until the level is calibrated; one vote per
    participant, voting again replaces it."""
    _check_same_organization(actor, consolidated)
    consolidated = (
        ConsolidatedLevel.objects.select_for_update()
        .select_related("cycle", "employee", "capability")
        .get(pk=consolidated.pk)
    )
    _require_manager_or_admin(actor, consolidated.employee)
    if actor.user is None:
        raise ApplicationError(NOT_VOTER, "Votes are cast by people, not API keys.")
    if actor.employee is not None and actor.employee.pk == consolidated.employee_id:
        raise ApplicationError(NOT_VOTER, "Nobody votes on their own level.")
    cycle = consolidated.cycle
    if not cycle.preview_voting or cycle.status != AssessmentCycle.Status.CLOSED:
        raise ApplicationError(
            PREVIEW_CLOSED,
            "The ratings preview is open once a cycle with the preview on is closed.",
            status=409,
        )
    if consolidated.adjusted_level is not None:
        raise ApplicationError(
            ALREADY_CALIBRATED, "This level has been calibrated; the preview is over.", status=409
        )
    if vote not in PreviewVote.Choice.values:
        raise ApplicationError(
            INVALID,
            "Say whether the level looks right, too high or too low.",
            fields={"vote": f"One of {', '.join(PreviewVote.Choice.values)}."},
        )
    comment = (comment or "").strip()
    if vote != PreviewVote.Choice.AGREE and not comment:
        raise ApplicationError(
            COMMENT_REQUIRED,
            "Say why the level looks too high or too low.",
            fields={"comment": "Required unless the level looks right."},
        )
    existing = PreviewVote.objects.filter(consolidated=consolidated, voter=actor.user).first()
    before = existing.vote if existing else None
    ballot = existing or PreviewVote(consolidated=consolidated, voter=actor.user)
    ballot.vote, ballot.comment, ballot.updated_at = vote, comment, timezone.now()
    ballot.save()
    if before != vote:
        audit_record(
            actor=actor,
            action="consolidated_level.preview_voted",
            obj=consolidated,
            changes={"vote": {"before": before, "after": vote}},
        )
    return ballot
