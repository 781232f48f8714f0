"""Writes of talent pools (HR only): a pool with its criteria, members HR confirms or
removes, the people HR lets read a pool (object permissions); and the audited record of every
read (pools are confidential like potential). A member joining or leaving also reaches the
pool's development programme (`talent.pool_programme`)."""

from __future__ import annotations

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from capabilities.models import Capability, JobRole
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.events.bus import publish
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization
from talent import pool_programme
from talent.error_codes import ALREADY_NAMED, INVALID
from talent.events import TalentPoolMemberAdded, TalentPoolMemberRemoved
from talent.models import READ_POOL, TalentPool, TalentPoolMember
from talent.potential import BOX_KEYS

READ_PERMISSION = f"talent.{READ_POOL}"
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
    programme_name: str = "",
) -> TalentPool:
    actor.require_admin()
    same_organization(actor, *(o for o in (aspired_role, capability) if o is not None))
    boxes = sorted(set(boxes or []))
    _check_criteria(boxes, capability, minimum_level)
    name = _check_name(name)
    pool = TalentPool.objects.create(
        name=name,
        description=description.strip(),
        programme_name=programme_name.strip(),
        boxes=boxes,
        aspired_role=aspired_role,
        capability=capability,
        minimum_level=minimum_level,
    )
    audit_record(actor=actor, action="talent_pool.created", obj=pool, changes={"name": name})
    return pool


def _check_name(name: str, pool: TalentPool | None = None) -> str:
    name = name.strip()
    if not name:
        raise ApplicationError(INVALID, "A pool has a name.", fields={"name": "Required."})
    taken = TalentPool.objects.filter(name__iexact=name)
    if pool is not None:
        taken = taken.exclude(pk=pool.pk)
    if taken.exists():
        raise ApplicationError(
            ALREADY_NAMED, f"There is a pool named {name} already.", fields={"name": "Taken."}
        )
    return name


POOL_FIELDS = (
    "name",
    "description",
    "boxes",
    "aspired_role",
    "capability",
    "minimum_level",
    "programme_name",
)


@transaction.atomic
def pool_update(*, actor: Actor, pool: TalentPool, **changes) -> TalentPool:
    """HR edits a pool's name, description, criteria or the programme's name (what members
    see on their plan). Members stay: HR confirms or removes them."""
    actor.require_admin()
    same_organization(actor, pool, changes.get("aspired_role"), changes.get("capability"))
    unknown = set(changes) - set(POOL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown talent pool field(s) {sorted(unknown)}.")
    pool = TalentPool.objects.select_for_update().get(pk=pool.pk)
    if "name" in changes:
        changes["name"] = _check_name(changes["name"], pool)
    if "boxes" in changes:
        changes["boxes"] = sorted(set(changes["boxes"] or []))
    for key in ("description", "programme_name"):
        if key in changes:
            changes[key] = (changes[key] or "").strip()
    merged = {name: changes.get(name, getattr(pool, name)) for name in POOL_FIELDS}
    _check_criteria(merged["boxes"], merged["capability"], merged["minimum_level"])
    diff = {}
    for name, value in changes.items():
        before = getattr(pool, name)
        if before != value:
            diff[name] = [str(before) if before is not None else "", str(value or "")]
            setattr(pool, name, value)
    if diff:
        pool.save(update_fields=list(changes))
        audit_record(actor=actor, action="talent_pool.updated", obj=pool, changes=diff)
    return pool


@transaction.atomic
def pool_delete(*, actor: Actor, pool: TalentPool) -> None:
    actor.require_admin()
    same_organization(actor, pool)
    audit_record(actor=actor, action="talent_pool.deleted", obj=pool, changes={"name": pool.name})
    members = TalentPoolMember.objects.filter(pool=pool).select_related("employee")
    publish(
        actor_or_organization=actor,
        events=[TalentPoolMemberRemoved.of(m, pool=pool) for m in members],
    )
    pool_programme.workflow_detach(actor=actor, pool=pool)
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
    # A member never reads their own pool: a grant they held ends.
    if employee.user_id is not None:
        remove_perm(READ_PERMISSION, employee.user, pool)
    audit_record(
        actor=actor,
        action="talent_pool.member_added",
        obj=pool,
        changes={"employee": employee.full_name},
    )
    pool_programme.members_joined(actor=actor, pool=pool, members=[member])
    publish(actor_or_organization=actor, events=[TalentPoolMemberAdded.of(member)])
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
    pool = member.pool
    publish(actor_or_organization=actor, events=[TalentPoolMemberRemoved.of(member, pool=pool)])
    member.delete()
    pool_programme.member_left(actor=actor, pool=pool)


# --- Who else reads a pool (HR grants) -----------------------------------------------------------


@transaction.atomic
def pool_grant(*, actor: Actor, pool: TalentPool, employee: Employee) -> None:
    """HR lets a person read one pool: its members and programme (never a member of it)."""
    actor.require_admin()
    same_organization(actor, pool, employee)
    if employee.user_id is None:
        raise ApplicationError(
            INVALID, f"{employee} has not joined yet.", fields={"employee": "Not joined."}
        )
    if TalentPoolMember.objects.filter(pool=pool, employee=employee).exists():
        raise ApplicationError(
            INVALID,
            "People never read a pool they are in.",
            fields={"employee": "In this pool."},
        )
    assign_perm(READ_PERMISSION, employee.user, pool)
    audit_record(
        actor=actor, action="talent_pool.granted", obj=pool, changes={"reader": employee.full_name}
    )


@transaction.atomic
def pool_revoke(*, actor: Actor, pool: TalentPool, employee: Employee) -> None:
    actor.require_admin()
    same_organization(actor, pool, employee)
    if employee.user_id is not None:
        remove_perm(READ_PERMISSION, employee.user, pool)
    audit_record(
        actor=actor, action="talent_pool.revoked", obj=pool, changes={"reader": employee.full_name}
    )


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
