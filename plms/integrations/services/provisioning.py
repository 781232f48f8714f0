"""Employees and departments from other systems: the HRIS bulk upsert of employees and SCIM
provisioning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from capabilities.models import JobRole
from capabilities.selectors import job_roles_by_reference
from capabilities.services.roles import role_assign
from plms.accounts.services import member_sign_in_sync
from plms.audit.services import audit_record, diff, snapshot
from plms.common.errors import ApplicationError
from plms.common.ids import parse_public_id
from plms.common.imports import ImportFailed, RowError
from plms.events.bus import publish
from plms.integrations.error_codes import (
    DUPLICATE,
    DUPLICATE_EXTERNAL_ID,
    INVALID,
    UNKNOWN_REFERENCE,
)
from plms.people import services as people_services
from plms.people.events import employee_event
from plms.people.imports import parse_records, people_upsert
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.models import Membership

MAX_BULK_ITEMS = 1000


# --- Bulk upsert of employees -----------------------------------------------------------------

_COMPARED = (
    "email",
    "external_id",
    "first_name",
    "last_name",
    "title",
    "department_id",
    "manager_id",
    "manager_weight",
    "start_date",
    "active",
)


@dataclass
class BulkUpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    departments_created: int = 0
    items: list[tuple[Employee, str]] = field(default_factory=list)


def _job_roles_of(items: Sequence[Mapping[str, Any]]) -> dict[int, JobRole | None]:
    """{item index: the role it names (None: no role)} for the items that name one, by id or
    key; an unknown role refuses the whole call before anything is written."""
    wanted = {index: item["job_role"] for index, item in enumerate(items) if "job_role" in item}
    found = job_roles_by_reference(ref for ref in wanted.values() if ref)
    unknown = {
        f"items.{index}.job_role": f"No job role has the id or key {reference!r}."
        for index, reference in wanted.items()
        if reference and str(reference).strip() not in found
    }
    if unknown:
        raise ApplicationError(
            UNKNOWN_REFERENCE,
            f"Nothing was written: {len(unknown)} unknown job role(s).",
            fields=unknown,
        )
    return {
        index: found[str(reference).strip()] if reference else None
        for index, reference in wanted.items()
    }


def _as_record(item: Mapping[str, Any], *, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """An API item in the CSV import's row form, so the import's rules apply unchanged."""
    record: dict[str, str] = {}
    for name, value in item.items():
        if name in leave_out:
            continue
        if name == "matrix_managers":
            value = ";".join(f"{m['email']}:{m['weight']}" for m in value or [])
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, date):
            value = value.isoformat()
        elif value is None:
            value = ""
        record[name] = str(value).strip()
    return record


def _item_field(error: RowError) -> str:
    column = error.column.split(",")[0]
    return f"items.{error.line}.{column}" if column else f"items.{error.line}"


@transaction.atomic
def employees_bulk_upsert(*, actor: Actor, items: Sequence[Mapping[str, Any]]) -> BulkUpsertResult:
    """Create or update up to 1,000 employees, matched by external id, then e-mail.

    All or nothing: any problem in any item raises `ApplicationError("invalid")` with fields
    named `items.<index>.<field>`, and nothing is written. Emits `employee.*` events.
    """
    actor.require_admin()
    if not items or len(items) > MAX_BULK_ITEMS:
        raise ApplicationError(
            INVALID,
            f"Send between 1 and {MAX_BULK_ITEMS} items.",
            fields={"items": f"Between 1 and {MAX_BULK_ITEMS} items."},
        )
    roles = _job_roles_of(items)
    rows, errors = parse_records(
        [(index, _as_record(item, leave_out=("job_role",))) for index, item in enumerate(items)]
    )
    emails = [row.email for row in rows]
    externals = [str(row.values["external_id"]) for row in rows if row.values.get("external_id")]
    before = {
        values["id"]: values
        for values in Employee.objects.filter(
            Q(email__in=emails) | Q(external_id__in=externals)
        ).values("id", *_COMPARED)
    }
    try:
        imported = people_upsert(actor=actor, rows=rows, errors=errors, match_external_id=True)
    except ImportFailed as exc:
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_item_field(error), []).append(error.message)
        raise ApplicationError(
            INVALID,
            f"Nothing was written: {len(exc.errors)} problem(s) in the items.",
            fields=fields,
        ) from exc

    after = {
        e.email: e
        for e in Employee.objects.filter(email__in=emails).select_related("department", "manager")
    }
    result = BulkUpsertResult(departments_created=imported.departments_created)
    events = []
    for row in rows:
        employee = after[row.email]
        previous = before.get(employee.pk)
        current = {name: getattr(employee, name) for name in _COMPARED}
        if previous is None:
            status = "created"
        elif any(previous[name] != current[name] for name in _COMPARED):
            status = "updated"
        else:
            status = "unchanged"
        setattr(result, status, getattr(result, status) + 1)
        result.items.append((employee, status))
        if status != "unchanged":
            was_active = previous["active"] if previous else True
            moved = previous is not None and any(
                previous[name] != current[name] for name in ("title", "manager_id")
            )
            events.append(
                employee_event(
                    employee=employee,
                    created=previous is None,
                    was_active=was_active,
                    moved=moved,
                )
            )
            member_sign_in_sync(
                actor=actor, employee=employee, was_active=was_active, by="HRIS sync"
            )
    publish(actor_or_organization=actor, events=events)
    for row in rows:
        if row.line in roles:
            role_assign(actor=actor, employee=after[row.email], role=roles[row.line])
    return result


# --- SCIM provisioning ------------------------------------------------------------------------


def _department_named(*, actor: Actor, name: str | None) -> Department | None:
    """The department named by its id or its name (created when a new name)."""
    name = (name or "").strip()
    if not name:
        return None
    if (uuid := parse_public_id(name)) is not None:
        department = Department.objects.filter(uuid=uuid).first()
        if department is None:
            raise ApplicationError(
                UNKNOWN_REFERENCE,
                f"No department has the id {name}.",
                fields={"department": "Unknown department id."},
            )
        return department
    department = Department.objects.filter(name__iexact=name).first()
    return department or people_services.department_create(actor=actor, name=name)


@transaction.atomic
def employee_provision(
    *,
    actor: Actor,
    employee: Employee | None,
    attributes: Mapping[str, Any],
) -> Employee:
    """Create (`employee` None) or change an employee from identity-provider attributes.

    `attributes` may hold email, external_id, first_name, last_name, title, active,
    department (a name; created when new), manager (an Employee or None) and job_role (a job
    role's key or id, None for no role); a missing key leaves the attribute unchanged. The
    e-mail of an existing member links their sign-in.
    """
    actor.require_admin()
    same_organization(actor, employee, attributes.get("manager"))
    role = None
    if attributes.get("job_role"):
        reference = str(attributes["job_role"]).strip()
        role = job_roles_by_reference([reference]).get(reference)
        if role is None:
            raise ApplicationError(
                UNKNOWN_REFERENCE,
                f"No job role has the id or key {reference!r}.",
                fields={"roles": "Unknown job role."},
            )
    fields = {
        name: attributes[name]
        for name in ("external_id", "first_name", "last_name", "title", "active")
        if name in attributes
    }
    if "department" in attributes:
        fields["department"] = _department_named(actor=actor, name=attributes["department"])
    if "external_id" in fields:
        fields["external_id"] = str(fields["external_id"] or "").strip()
        taken = Employee.objects.filter(external_id=fields["external_id"])
        if fields["external_id"] and taken.exclude(pk=getattr(employee, "pk", None)).exists():  # type: ignore[misc]
            raise ApplicationError(
                DUPLICATE_EXTERNAL_ID,
                "Another employee has this external id.",
                fields={"external_id": "Already used by another employee."},
            )
    if employee is None:
        employee = people_services.employee_create(
            actor=actor,
            email=str(attributes.get("email") or ""),
            first_name=str(fields.pop("first_name", "") or ""),
            last_name=str(fields.pop("last_name", "") or ""),
            **fields,
        )
        _link_member(employee)
        # A member's sign-in linked to an employee created inactive is withdrawn.
        member_sign_in_sync(actor=actor, employee=employee, was_active=True, by="SCIM")
    else:
        if "email" in attributes:
            fields["email"] = attributes["email"]
        # Deactivation and reactivation withdraw and restore the sign-in (`employee_update`).
        employee = people_services.employee_update(
            actor=actor, employee=employee, by="SCIM", **fields
        )
    if "manager" in attributes and attributes["manager"] != employee.manager:
        matrix = [
            people_services.MatrixLine(manager=link.manager, weight=link.weight)
            for link in employee.secondary_manager_links.select_related("manager")
        ]
        manager = attributes["manager"]
        people_services.reporting_lines_set(
            actor=actor,
            employee=employee,
            manager=manager,
            manager_weight=employee.manager_weight if manager is not None and matrix else 100,
            matrix=matrix if manager is not None else [],
        )
    if "job_role" in attributes:
        role_assign(actor=actor, employee=employee, role=role)
    return employee


def _link_member(employee: Employee) -> None:
    """A new employee whose e-mail is already a member's sign-in is linked to it."""
    membership = (
        Membership.objects.filter(
            organization_id=employee.organization_id, user__email__iexact=employee.email
        )
        .select_related("user")
        .first()
    )
    if membership and not Employee.objects.filter(user=membership.user).exists():
        employee.user = membership.user
        employee.save(update_fields=["user"])


@transaction.atomic
def department_provision(
    *,
    actor: Actor,
    department: Department | None,
    name: str | None = None,
    members: Iterable[Employee] | None = None,
    add: Iterable[Employee] = (),
    remove: Iterable[Employee] = (),
) -> Department:
    """Create or rename a department and set, add or remove its members (identity providers'
    groups). Members leave any other department; removed members are left without one."""
    actor.require_admin()
    members = list(members) if members is not None else None
    add, remove = list(add), list(remove)
    same_organization(actor, department, *(members or []), *add, *remove)
    if department is None:
        department = people_services.department_create(actor=actor, name=name or "")
    elif name is not None and name.strip() != department.name:
        name = name.strip()
        if not name:
            raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
        if Department.objects.filter(name__iexact=name).exclude(pk=department.pk).exists():
            raise ApplicationError(
                DUPLICATE,
                f"A department named {name!r} exists.",
                fields={"name": "Already used."},
            )
        before = snapshot(department, ("name",))
        department.name = name
        department.save(update_fields=["name"])
        audit_record(
            actor=actor,
            action="department.renamed",
            obj=department,
            changes=diff(before, snapshot(department, ("name",))),
        )
    if members is not None:
        keep = {member.pk for member in members}
        remove += [e for e in department.employees.all() if e.pk not in keep]
        add += members
    for employee in remove:
        if employee.department_id == department.pk:
            people_services.employee_update(actor=actor, employee=employee, department=None)
    for employee in add:
        if employee.department_id != department.pk:
            people_services.employee_update(actor=actor, employee=employee, department=department)
    return department
