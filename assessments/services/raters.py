"""Writes of who rates: peers nominated and approved, experts granted and revoked."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from assessments.models import (
    Assessment,
    AssessmentCycle,
)
from assessments.services import (
    ALREADY_DECIDED,
    ALREADY_SUBMITTED,
    CYCLE_NOT_OPEN,
    INVALID,
    INVALID_PEER,
    NOT_MANAGER,
    PEER_LIMIT,
)
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, NotFound
from plms.people.models import Employee
from plms.people.selectors import is_manager_of
from plms.tenancy.actors import Actor, same_organization

RATE_PERMISSION = "assessments.rate_assessment"


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
    same_organization(actor, cycle, employee, *peers)
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
    same_organization(actor, assessment)
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


def require_manager_or_admin(actor: Actor, employee: Employee) -> None:
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
    same_organization(actor, cycle, employee, expert)
    require_manager_or_admin(actor, employee)
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
    same_organization(actor, assessment)
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("cycle", "employee", "rater")
        .get(pk=assessment.pk)
    )
    if assessment.kind != Assessment.Kind.EXPERT:
        raise NotFound()
    require_manager_or_admin(actor, assessment.employee)
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
