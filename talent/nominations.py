"""Managers' nominations of successors: a manager proposes one of their reports for a
critical role; HR accepts (the person joins the slate) or declines. The manager sees their
own proposals and their outcome, never the slate."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, PermissionDenied
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization
from talent import services
from talent.error_codes import ALREADY_NAMED, INVALID
from talent.models import CriticalRole, Successor, SuccessorNomination

# --- Reads --------------------------------------------------------------------------------------


def nominations_for_viewer(*, actor: Actor) -> QuerySet[SuccessorNomination]:
    """HR reads every nomination; a manager their own proposals; nobody else any."""
    queryset = SuccessorNomination.objects.select_related(
        "critical_role__role", "employee", "proposed_by"
    )
    if actor.is_admin:
        return queryset
    if actor.employee is None:
        return queryset.none()
    return queryset.filter(proposed_by=actor.employee)


def nomination_get_for_viewer(*, actor: Actor, uuid) -> SuccessorNomination | None:
    return nominations_for_viewer(actor=actor).filter(uuid=uuid).first()


def critical_roles_to_nominate_for() -> QuerySet[CriticalRole]:
    """The critical roles by name (not their slates): what a manager proposes people for."""
    return CriticalRole.objects.select_related("role").order_by("role__name", "id")


# --- Writes -------------------------------------------------------------------------------------


@transaction.atomic
def nomination_propose(
    *,
    actor: Actor,
    critical_role: CriticalRole,
    employee: Employee,
    readiness: str,
    note: str = "",
) -> SuccessorNomination:
    same_organization(actor, critical_role, employee)
    if actor.employee is None or not people_selectors.is_manager_of(
        manager=actor.employee, employee=employee
    ):
        raise PermissionDenied("Managers propose their own reports.")
    if readiness not in Successor.Readiness.values:
        raise ApplicationError(INVALID, "Unknown readiness.", fields={"readiness": "Unknown."})
    if critical_role.incumbent_id == employee.pk:
        raise ApplicationError(
            INVALID, "The incumbent cannot succeed themselves.", fields={"employee": "Incumbent."}
        )
    if SuccessorNomination.objects.filter(
        critical_role=critical_role, employee=employee, status=SuccessorNomination.Status.PROPOSED
    ).exists():
        raise ApplicationError(
            ALREADY_NAMED,
            f"{employee} is proposed for this role already.",
            fields={"employee": "Proposed."},
        )
    nomination = SuccessorNomination.objects.create(
        critical_role=critical_role,
        employee=employee,
        proposed_by=actor.employee,
        readiness=readiness,
        note=note,
    )
    audit_record(
        actor=actor,
        action="successor.proposed",
        obj=nomination,
        changes={"employee": employee.full_name, "readiness": readiness},
    )
    return nomination


def _check_open(nomination: SuccessorNomination) -> None:
    if nomination.status != SuccessorNomination.Status.PROPOSED:
        raise ApplicationError(
            INVALID, "This nomination is decided already.", fields={"status": "Decided."}
        )


@transaction.atomic
def nomination_accept(*, actor: Actor, nomination: SuccessorNomination) -> Successor | None:
    """HR accepts: the person joins the slate with the proposed readiness (unless already on
    it)."""
    actor.require_admin()
    same_organization(actor, nomination)
    _check_open(nomination)
    successor = None
    if not Successor.objects.filter(
        critical_role=nomination.critical_role, employee=nomination.employee
    ).exists():
        successor = services.successor_nominate(
            actor=actor,
            critical_role=nomination.critical_role,
            employee=nomination.employee,
            readiness=nomination.readiness,
            note=nomination.note,
        )
    _decide(actor, nomination, SuccessorNomination.Status.ACCEPTED)
    return successor


@transaction.atomic
def nomination_decline(*, actor: Actor, nomination: SuccessorNomination) -> None:
    actor.require_admin()
    same_organization(actor, nomination)
    _check_open(nomination)
    _decide(actor, nomination, SuccessorNomination.Status.DECLINED)


def _decide(actor: Actor, nomination: SuccessorNomination, status: str) -> None:
    nomination.status = status
    nomination.decided_by = actor.user
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=f"successor.proposal_{status}",
        obj=nomination,
        changes={"employee": nomination.employee.full_name},
    )
