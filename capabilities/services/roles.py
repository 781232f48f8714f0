"""Writes of job roles: the roles, their required capabilities (target level and weight), their
key results, and assigning people to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from capabilities import signals
from capabilities.error_codes import (
    CAPABILITY_RETIRED,
    DUPLICATE_NAME,
    DUPLICATE_REQUIREMENT,
    INVALID,
    INVALID_KEY_RESULTS,
    LEVEL_OUTSIDE_SCALE,
    ROLE_IN_USE,
)
from capabilities.events import JobRoleAssigned
from capabilities.models import (
    Capability,
    FrameworkVersion,
    JobRole,
    KeyResult,
    RoleAssignment,
    RoleRequirement,
)
from capabilities.services.frameworks import framework_version_current
from capabilities.services.library import check_key, unique_key
from capabilities.services.scales import scale_numbers
from plms.audit.services import audit_record, diff
from plms.common.errors import ApplicationError
from plms.common.validation import full_clean
from plms.events.bus import publish
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization

ROLE_FIELDS = ("key", "name", "family", "grade", "description")


MIN_KEY_RESULTS, MAX_KEY_RESULTS = 3, 5


@dataclass(frozen=True)
class RequirementInput:
    capability: Capability
    target_level: int
    weight: int = 1
    is_core: bool = True


@dataclass(frozen=True)
class KeyResultInput:
    outcome: str
    kpi_unit: str
    kpi_target: Decimal | int | str
    kpi_direction: str = KeyResult.Direction.INCREASE
    id: UUID | str | None = None  # the public id of the key result it edits, when known


# --- Job roles, requirements, key results ----------------------------------------------------


def _role_state(role: JobRole) -> dict:
    return {name: getattr(role, name) for name in ROLE_FIELDS}


def _check_role_name(name: str, *, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    if JobRole.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():  # type: ignore[misc]
        raise ApplicationError(
            DUPLICATE_NAME, f"A job role named {name!r} exists.", fields={"name": "Already used."}
        )
    return name


@transaction.atomic
def job_role_create(
    *,
    actor: Actor,
    name: str,
    family: str = "",
    grade: str = "",
    description: str = "",
    key: str = "",
    requirements: Sequence[RequirementInput] | None = None,
    key_results: Sequence[KeyResultInput] | None = None,
) -> JobRole:
    actor.require_admin()
    name = _check_role_name(name)
    role = JobRole(
        key=check_key(JobRole, key) if key else unique_key(JobRole, name),
        name=name,
        family=family.strip(),
        grade=grade.strip(),
        description=description.strip(),
    )
    full_clean(role)
    role.save()
    audit_record(actor=actor, action="job_role.created", obj=role, changes=_role_state(role))
    if requirements is not None:
        requirements_replace(actor=actor, role=role, items=requirements)
    if key_results is not None:
        key_results_set(actor=actor, role=role, items=key_results)
    return role


@transaction.atomic
def job_role_update(
    *,
    actor: Actor,
    role: JobRole,
    requirements: Sequence[RequirementInput] | None = None,
    key_results: Sequence[KeyResultInput] | None = None,
    **changes: object,
) -> JobRole:
    actor.require_admin()
    same_organization(actor, role)
    unknown = set(changes) - set(ROLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown job role field(s) {sorted(unknown)}.")
    before = _role_state(role)
    if "name" in changes:
        changes["name"] = _check_role_name(str(changes["name"]), exclude_pk=role.pk)
    if "key" in changes:
        changes["key"] = check_key(JobRole, str(changes["key"]), exclude_pk=role.pk)
    for name, value in changes.items():
        setattr(role, name, value.strip() if isinstance(value, str) else value)
    full_clean(role)
    delta = diff(before, _role_state(role))
    if delta:
        role.updated_at = timezone.now()
        role.save()
        audit_record(actor=actor, action="job_role.updated", obj=role, changes=delta)
    if requirements is not None:
        requirements_replace(actor=actor, role=role, items=requirements)
    if key_results is not None:
        key_results_set(actor=actor, role=role, items=key_results)
    return role


@transaction.atomic
def job_role_delete(*, actor: Actor, role: JobRole) -> None:
    actor.require_admin()
    same_organization(actor, role)
    if RoleAssignment.objects.filter(role=role).exists():
        raise ApplicationError(
            ROLE_IN_USE, "Employees hold (or held) this role; it cannot be deleted."
        )
    audit_record(actor=actor, action="job_role.deleted", obj=role, changes=_role_state(role))
    role.delete()


def _requirement_state(requirement: RoleRequirement | None) -> dict | None:
    if requirement is None:
        return None
    return {
        "target_level": requirement.target_level,
        "weight": requirement.weight,
        "is_core": requirement.is_core,
        "framework_version": (
            requirement.framework_version.number  # type: ignore[union-attr]  # the id is set
            if requirement.framework_version_id
            else None
        ),
    }


def _check_requirement(item: RequirementInput, numbers: Sequence[int]) -> None:
    if item.target_level not in numbers:
        raise ApplicationError(
            LEVEL_OUTSIDE_SCALE,
            f"Target level {item.target_level} is not on the scale {list(numbers)}.",
            fields={"target_level": f"Choose one of {list(numbers)}."},
        )
    if not 1 <= item.weight <= 100:
        raise ApplicationError(
            INVALID, "Weights run from 1 to 100.", fields={"weight": "1 to 100."}
        )


@transaction.atomic
def requirement_set(
    *,
    actor: Actor,
    role: JobRole,
    capability: Capability,
    target_level: int,
    weight: int = 1,
    is_core: bool = True,
    _numbers: Sequence[int] | None = None,
    _version: FrameworkVersion | None = None,
) -> RoleRequirement:
    """Add or change a role's requirement; it records the framework version in force."""
    actor.require_admin()
    same_organization(actor, role, capability)
    item = RequirementInput(capability, int(target_level), int(weight), bool(is_core))
    _check_requirement(item, _numbers or scale_numbers())
    requirement = RoleRequirement.objects.filter(role=role, capability=capability).first()
    if requirement is None and capability.status == Capability.Status.RETIRED:
        raise ApplicationError(
            CAPABILITY_RETIRED,
            f"{capability.name} is retired; choose an active capability.",
            fields={"capability": "Retired."},
        )
    before = _requirement_state(requirement)
    if requirement is not None and (
        requirement.target_level,
        requirement.weight,
        requirement.is_core,
    ) == (item.target_level, item.weight, item.is_core):
        return requirement
    version = _version or framework_version_current()
    if requirement is None:
        requirement = RoleRequirement(role=role, capability=capability)
    requirement.target_level = item.target_level
    requirement.weight = item.weight
    requirement.is_core = item.is_core
    requirement.framework_version = version
    requirement.updated_at = timezone.now()
    requirement.save()
    audit_record(
        actor=actor,
        action="job_role.requirement_set",
        obj=role,
        changes={
            "capability": capability.name,
            **diff(before or {}, _requirement_state(requirement)),  # type: ignore[arg-type]
        },
    )
    return requirement


@transaction.atomic
def requirement_remove(*, actor: Actor, requirement: RoleRequirement) -> None:
    actor.require_admin()
    same_organization(actor, requirement)
    role = requirement.role
    audit_record(
        actor=actor,
        action="job_role.requirement_removed",
        obj=role,
        changes={
            "capability": requirement.capability.name,
            **diff(_requirement_state(requirement) or {}, {}),
        },
    )
    requirement.delete()


@transaction.atomic
def requirements_replace(
    *, actor: Actor, role: JobRole, items: Sequence[RequirementInput]
) -> list[RoleRequirement]:
    """Make the role's requirements exactly `items` (one per capability)."""
    actor.require_admin()
    seen: set[int] = set()
    for item in items:
        if item.capability.pk in seen:
            raise ApplicationError(
                DUPLICATE_REQUIREMENT,
                f"{item.capability.name} is required twice.",
                fields={"requirements": f"{item.capability.name} twice."},
            )
        seen.add(item.capability.pk)
    for requirement in RoleRequirement.objects.filter(role=role).exclude(capability__in=seen):
        requirement_remove(actor=actor, requirement=requirement)
    numbers, version = scale_numbers(), framework_version_current()
    return [
        requirement_set(
            actor=actor,
            role=role,
            capability=item.capability,
            target_level=item.target_level,
            weight=item.weight,
            is_core=item.is_core,
            _numbers=numbers,
            _version=version,
        )
        for item in items
    ]


@transaction.atomic
def requirements_bulk_apply(
    *,
    actor: Actor,
    roles: Sequence[JobRole],
    capability: Capability,
    target_level: int,
    weight: int = 1,
    is_core: bool = True,
) -> list[RoleRequirement]:
    """Apply one requirement to several roles at once (added, or changed where present)."""
    actor.require_admin()
    if not roles:
        raise ApplicationError(INVALID, "Choose at least one role.", fields={"roles": "Required."})
    numbers, version = scale_numbers(), framework_version_current()
    return [
        requirement_set(
            actor=actor,
            role=role,
            capability=capability,
            target_level=target_level,
            weight=weight,
            is_core=is_core,
            _numbers=numbers,
            _version=version,
        )
        for role in roles
    ]


def _clean_key_result(index: int, item: KeyResultInput) -> KeyResultInput:
    problems: dict[str, str] = {}
    where = f"key_results.{index}"
    if not item.outcome.strip():
        problems[f"{where}.outcome"] = "Describe the outcome."
    if not item.kpi_unit.strip():
        problems[f"{where}.kpi_unit"] = "Give the KPI's unit (%, £, days, …)."
    try:
        target = Decimal(str(item.kpi_target))
        if not target.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        problems[f"{where}.kpi_target"] = "A number is required."
        target = Decimal(0)
    if item.kpi_direction not in KeyResult.Direction.values:
        problems[f"{where}.kpi_direction"] = f"One of {', '.join(KeyResult.Direction.values)}."
    if problems:
        raise ApplicationError(INVALID, "A key result is incomplete.", fields=problems)
    return KeyResultInput(
        item.outcome.strip(), item.kpi_unit.strip(), target, item.kpi_direction, item.id
    )


def _same_outcome(text: str) -> str:
    return " ".join(text.split()).casefold()


def _match_key_results(
    current: list[KeyResult], items: list[KeyResultInput]
) -> list[KeyResult | None]:
    """The existing key result each item edits (None: a new one), decided in three passes:
    by public id when the item carries one, then by the same outcome (ignoring case and
    spacing), then by the same place in the list. An unknown id is an error, never a silent
    new row."""
    matched: list[KeyResult | None] = [None] * len(items)
    free = list(current)
    by_uuid = {str(kr.uuid): kr for kr in current}
    problems: dict[str, str] = {}
    for index, item in enumerate(items):
        if item.id in (None, ""):
            continue
        key_result = by_uuid.get(str(item.id).lower())
        if key_result is None or key_result not in free:
            problems[f"key_results.{index}.id"] = "Not a key result of this role, or given twice."
            continue
        matched[index] = key_result
        free.remove(key_result)
    if problems:
        raise ApplicationError(INVALID, "A key result is unknown.", fields=problems)
    for index, item in enumerate(items):
        if matched[index] is not None:
            continue
        same = next(
            (kr for kr in free if _same_outcome(kr.outcome) == _same_outcome(item.outcome)), None
        )
        if same is not None:
            matched[index] = same
            free.remove(same)
    for index in range(len(items)):
        if matched[index] is not None:
            continue
        in_place = next((kr for kr in free if kr.position == index), None)
        if in_place is not None:
            matched[index] = in_place
            free.remove(in_place)
    return matched


@transaction.atomic
def key_results_set(
    *, actor: Actor, role: JobRole, items: Sequence[KeyResultInput]
) -> list[KeyResult]:
    """Set the role's key results: a scorecard has 3 to 5 (or none yet).

    Key results are edited in place, so goals and goal templates serving one keep their link
    when its wording, target or place changes: each item edits the existing key result it
    matches (see `_match_key_results`), unmatched items are added, and only the key results no
    item matches are deleted (their goals lose the link).
    """
    actor.require_admin()
    same_organization(actor, role)
    if len(items) > MAX_KEY_RESULTS or 0 < len(items) < MIN_KEY_RESULTS:
        raise ApplicationError(
            INVALID_KEY_RESULTS,
            f"A scorecard has {MIN_KEY_RESULTS} to {MAX_KEY_RESULTS} key results.",
            fields={
                "key_results": f"Give {MIN_KEY_RESULTS} to {MAX_KEY_RESULTS} key results; "
                f"there are {len(items)}."
            },
        )
    cleaned = [_clean_key_result(i, item) for i, item in enumerate(items)]
    current = list(
        KeyResult.objects.select_for_update().filter(role=role).order_by("position", "id")
    )

    def state(rows) -> list:
        return [
            [r.outcome, r.kpi_unit, str(Decimal(r.kpi_target).normalize()), r.kpi_direction]
            for r in rows
        ]

    before = state(current)
    matched = _match_key_results(current, cleaned)
    fields = ("position", "outcome", "kpi_unit", "kpi_target", "kpi_direction")
    after_rows, changed, created = [], [], []
    for position, (item, existing) in enumerate(zip(cleaned, matched, strict=True)):
        row = existing or KeyResult(role=role, organization_id=role.organization_id)
        values = {
            "position": position,
            "outcome": item.outcome,
            "kpi_unit": item.kpi_unit,
            "kpi_target": item.kpi_target,
            "kpi_direction": item.kpi_direction,
        }
        if existing is None:
            created.append(row)
        elif any(getattr(row, name) != value for name, value in values.items()):
            changed.append(row)
        for name, value in values.items():
            setattr(row, name, value)
        after_rows.append(row)
    removed = [kr.pk for kr in current if kr not in matched]
    if not (created or changed or removed):
        return current
    if removed:
        KeyResult.objects.filter(pk__in=removed).delete()
    if changed:
        KeyResult.objects.bulk_update(changed, fields)
    if created:
        KeyResult.objects.bulk_create(created)
    audit_record(
        actor=actor,
        action="job_role.key_results_set",
        obj=role,
        changes={"key_results": {"before": before, "after": state(after_rows)}},
    )
    return after_rows


@transaction.atomic
def role_assign(*, actor: Actor, employee: Employee, role: JobRole | None) -> RoleAssignment | None:
    """Give the employee `role` (ending their current one), or no role with None."""
    actor.require_admin()
    same_organization(actor, employee, role)
    now = timezone.now()
    current = (
        RoleAssignment.objects.select_for_update()
        .filter(employee=employee, ended_at__isnull=True)
        .first()
    )
    if current is not None and role is not None and current.role_id == role.pk:
        return current
    if current is not None:
        current.ended_at = now
        current.save(update_fields=["ended_at"])
    assignment = None
    if role is not None:
        assignment = RoleAssignment.objects.create(employee=employee, role=role, started_at=now)
    previous = current.role if current is not None else None
    audit_record(
        actor=actor,
        action="job_role.assigned",
        obj=employee,
        changes={
            "job_role": {
                "before": previous.name if previous else None,
                "after": role.name if role else None,
            }
        },
    )
    publish(
        actor_or_organization=actor,
        events=[
            JobRoleAssigned.of(
                employee=employee, role=role, previous=previous, assignment=assignment, at=now
            )
        ],
    )
    signals.job_role_assigned.send(
        sender=JobRole, actor=actor, employee=employee, role=role, previous=previous
    )
    return assignment
