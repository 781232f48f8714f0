"""Writes of talent pools (HR only): a pool with its criteria, members HR confirms or
removes; and the audited record of every read (pools are confidential like potential)."""

from __future__ import annotations

from django.db import transaction

from capabilities.models import Capability, JobRole
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization
from talent.error_codes import ALREADY_NAMED, INVALID
from talent.models import TalentPool, TalentPoolMember
from talent.potential import BOX_KEYS

BOXES = {f"{p}-{q}" for p, q in BOX_KEYS}


def _check_criteria(boxes: list[str], capability: Capability | None, minimum_level) -> None:
    unknown = [b for b in boxes if b not in BOXES]
    if unknown:
        raise ApplicationError(
            INVALID,
            "A box is performance-potential, each 1 to 3 (for example 3-3).",
            fields={"boxes": f"Unknown: {', '.join(unknown)}."},
        )
    if minimum_level is not None and capability is None:
        raise ApplicationError(
            INVALID,
            "A minimum level needs its capability.",
            fields={"capability": "Needed with a minimum level."},
        )
    if minimum_level is not None and not 1 <= minimum_level <= 5:
        raise ApplicationError(
            INVALID, "The minimum level is 1 to 5.", fields={"minimum_level": "1 to 5."}
        )


@transaction.atomic
def pool_create(
    *,
    actor: Actor,
    name: str,
    description: str = "",
    boxes: list[str] | None = None,
    aspired_role: JobRole | None = None,
    capability: Capability | None = None,
    minimum_level: int | None = None,
) -> TalentPool:
    actor.require_admin()
    same_organization(actor, *(o for o in (aspired_role, capability) if o is not None))
    boxes = sorted(set(boxes or []))
    _check_criteria(boxes, capability, minimum_level)
    name = name.strip()
    if not name:
        raise ApplicationError(INVALID, "A pool has a name.", fields={"name": "Required."})
    if TalentPool.objects.filter(name__iexact=name).exists():
        raise ApplicationError(
            ALREADY_NAMED, f"There is a pool named {name} already.", fields={"name": "Taken."}
        )
    pool = TalentPool.objects.create(
        name=name,
        description=description,
        boxes=boxes,
        aspired_role=aspired_role,
        capability=capability,
        minimum_level=minimum_level,
    )
    audit_record(actor=actor, action="talent_pool.created", obj=pool, changes={"name": name})
    return pool


@transaction.atomic
def pool_delete(*, actor: Actor, pool: TalentPool) -> None:
    actor.require_admin()
    same_organization(actor, pool)
    audit_record(actor=actor, action="talent_pool.deleted", obj=pool, changes={"name": pool.name})
    pool.delete()


@transaction.atomic
def pool_member_add(*, actor: Actor, pool: TalentPool, employee: Employee) -> TalentPoolMember:
    """HR confirms a person in the pool (suggested or not)."""
    actor.require_admin()
    same_organization(actor, pool, employee)
    if TalentPoolMember.objects.filter(pool=pool, employee=employee).exists():
        raise ApplicationError(
            ALREADY_NAMED, f"{employee} is in this pool already.", fields={"employee": "In it."}
        )
    member = TalentPoolMember.objects.create(pool=pool, employee=employee, added_by=actor.user)
    audit_record(
        actor=actor,
        action="talent_pool.member_added",
        obj=pool,
        changes={"employee": employee.full_name},
    )
    return member


@transaction.atomic
def pool_member_remove(*, actor: Actor, member: TalentPoolMember) -> None:
    actor.require_admin()
    same_organization(actor, member)
    audit_record(
        actor=actor,
        action="talent_pool.member_removed",
        obj=member.pool,
        changes={"employee": member.employee.full_name},
    )
    member.delete()


def pool_read(*, actor: Actor, obj, count: int | None = None) -> None:
    """Record a read of talent pools in the audit trail (every read: HR's and a key's)."""
    changes: dict[str, object] = {"read": "talent pools"}
    if count is not None:
        changes["rows"] = count
    audit_record(
        actor=actor,
        action="talent_pool.read",
        obj=obj,
        object_label="" if obj is not None else "talent pools",
        changes=changes,
    )
