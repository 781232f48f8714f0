"""CSV import of people: all-or-nothing, every bad row named, re-import updates by e-mail.

`parse_records` and `people_upsert` are the same rules for records that do not come from a
file (the API's bulk upsert): a key left out of a record leaves that attribute unchanged.

Columns (header row required; only `email` and `first_name` are mandatory):
email, first_name, last_name, title, department, manager_email, manager_weight,
matrix_managers ("a@x.com:30;b@x.com:10"), start_date (YYYY-MM-DD), active (true/false),
external_id. A column left out of the file leaves that attribute unchanged on re-import, and
a row that changes nothing is not written (its `updated_at` stays, no event is sent).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from plms.accounts.services import member_sign_in_sync
from plms.audit import actions
from plms.audit.services import audit_record
from plms.common.db import update_rows
from plms.common.ids import parse_public_id
from plms.common.imports import ImportFailed, RowError
from plms.events.bus import publish
from plms.people.events import EmployeeEvent, employee_event
from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.actors import Actor

COLUMNS = (
    "email",
    "first_name",
    "last_name",
    "title",
    "department",
    "manager_email",
    "manager_weight",
    "matrix_managers",
    "start_date",
    "active",
    "external_id",
)
REQUIRED = ("email", "first_name")
# Columns of the employee's own row (reporting lines are written apart).
OWN_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "department",
    "start_date",
    "active",
    "external_id",
)
_ATTNAMES = {"department": "department_id"}
BATCH = 1000
MAX_ROWS = 50_000
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    departments_created: int = 0
    # The event of every created or changed employee, for the caller to publish.
    changes: list[EmployeeEvent] = field(default_factory=list, repr=False)
    # (employee, was active) of every existing employee whose `active` flag the rows changed.
    active_changed: list[tuple[Employee, bool]] = field(default_factory=list, repr=False)


@dataclass
class _Row:
    line: int
    email: str
    values: dict[str, object] = field(default_factory=dict)
    manager_email: str | None = None
    manager_weight: int = 100
    matrix: list[tuple[str, int]] = field(default_factory=list)
    sets_manager: bool = False


def _parse(text: str) -> tuple[list[str], list[_Row], list[RowError]]:
    errors: list[RowError] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing:
        errors.append(RowError(1, ",".join(missing), "required column(s) missing from the header"))
    if unknown:
        errors.append(
            RowError(1, ",".join(unknown), f"unknown column(s); known: {', '.join(COLUMNS)}")
        )
    if errors:
        return header, [], errors

    records: list[tuple[int, dict[str, str]]] = []
    for index, raw in enumerate(reader, start=2):
        if index - 1 > MAX_ROWS:
            errors.append(RowError(index, "", f"the file has more than {MAX_ROWS} rows"))
            break
        if None in raw:
            errors.append(RowError(index, "", "more values than columns in the header"))
            continue
        values = {key: (value or "").strip() for key, value in raw.items()}
        if any(values.values()):
            records.append((index, values))
    rows, row_errors = parse_records(records)
    return header, rows, errors + row_errors


def parse_records(records: list[tuple[int, dict[str, str]]]) -> tuple[list[_Row], list[RowError]]:
    """Check records (line, {column: text}) one by one and against each other."""
    errors: list[RowError] = []
    rows: list[_Row] = []
    seen_email: dict[str, int] = {}
    seen_external: dict[str, int] = {}
    for index, values in records:
        values = {"email": "", "first_name": "", **values}
        line_errors: list[RowError] = []

        def bad(
            column: str, message: str, line_errors: list[RowError] = line_errors, line: int = index
        ) -> None:
            line_errors.append(RowError(line, column, message))

        email = values["email"].lower()
        if not email:
            bad("email", "missing email")
        else:
            try:
                validate_email(email)
            except ValidationError:
                bad("email", f"{email!r} is not a valid e-mail address")
            if email in seen_email:
                bad("email", f"duplicate email {email} (also on line {seen_email[email]})")
            else:
                seen_email[email] = index
        row = _Row(line=index, email=email)
        if not values["first_name"]:
            bad("first_name", "missing first name")
        for name in ("first_name", "last_name", "title", "department"):
            if name in values:
                row.values[name] = values[name]
        if "external_id" in values:
            external = values["external_id"]
            if external and external in seen_external:
                bad(
                    "external_id", f"duplicate external id (also on line {seen_external[external]})"
                )
            elif external:
                seen_external[external] = index
            row.values["external_id"] = external
        if values.get("start_date"):
            try:
                row.values["start_date"] = date.fromisoformat(values["start_date"])
            except ValueError:
                bad("start_date", f"{values['start_date']!r} is not a date (YYYY-MM-DD)")
        elif "start_date" in values:
            row.values["start_date"] = None
        if values.get("active"):
            flag = values["active"].lower()
            if flag not in _TRUE | _FALSE:
                bad("active", f"{values['active']!r} is not true or false")
            row.values["active"] = flag in _TRUE
        if "manager_email" in values:
            row.sets_manager = True
            row.manager_email = values["manager_email"].lower() or None
            if row.manager_email and row.manager_email == email:
                bad("manager_email", "reporting cycle: an employee cannot manage themself")
        if values.get("matrix_managers"):
            for part in values["matrix_managers"].split(";"):
                manager_email, _, weight = part.strip().rpartition(":")
                if not manager_email or not weight.strip().isdigit() or not 1 <= int(weight) <= 99:
                    bad("matrix_managers", f"{part.strip()!r} is not email:weight (weight 1-99)")
                    continue
                row.matrix.append((manager_email.strip().lower(), int(weight)))
            if row.matrix and not row.manager_email:
                bad("matrix_managers", "matrix managers need a primary manager")
        if values.get("manager_weight"):
            if (
                not values["manager_weight"].isdigit()
                or not 1 <= int(values["manager_weight"]) <= 100
            ):
                bad("manager_weight", f"{values['manager_weight']!r} is not a weight from 1 to 100")
            else:
                row.manager_weight = int(values["manager_weight"])
        elif row.matrix:
            row.manager_weight = 100 - sum(weight for _, weight in row.matrix)
        if row.manager_email and not any(e.column == "manager_weight" for e in line_errors):
            total = row.manager_weight + sum(weight for _, weight in row.matrix)
            if total != 100:
                bad("manager_weight", f"weights not 100: manager weights total {total} %")
        errors.extend(line_errors)
        rows.append(row)
    return rows, errors


def _find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Cycles in the graph employee → managers (iterative DFS, colours)."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    cycles: list[list[str]] = []
    for start in edges:
        if colour[start] != white:
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(edges.get(start, ())))]
        path = [start]
        colour[start] = grey
        while stack:
            node, pending = stack[-1]
            if pending:
                nxt = pending.pop()
                state = colour.get(nxt, white)
                if state == grey:
                    cycles.append([*path[path.index(nxt) :], nxt])
                elif state == white:
                    colour[nxt] = grey
                    path.append(nxt)
                    stack.append((nxt, sorted(edges.get(nxt, ()))))
            else:
                colour[node] = black
                path.pop()
                stack.pop()
    return cycles


@transaction.atomic
def people_import(
    *, actor: Actor, text: str, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Import or update employees from CSV text. Raises ImportFailed and writes nothing on error.

    Emits `employee.created`, `employee.updated` or `employee.deactivated` for every employee
    the file created or changed (in bulk, with the import's transaction); unchanged rows emit
    nothing. Deactivating someone withdraws their sign-in, reactivating restores it.
    """
    actor.require_admin()
    _header, rows, errors = _parse(text)
    if not errors and not rows:
        errors.append(RowError(2, "", "the file has no rows"))
    result = people_upsert(actor=actor, rows=rows, errors=errors, progress=progress)
    for employee, was_active in result.active_changed:
        member_sign_in_sync(actor=actor, employee=employee, was_active=was_active, by=actor.label)
    publish(actor_or_organization=actor, events=result.changes)
    audit_record(
        actor=actor,
        action=actions.DATA_IMPORTED,
        object_label="People (CSV)",
        changes={"created": result.created, "updated": result.updated},
    )
    return result


@transaction.atomic
def people_upsert(
    *,
    actor: Actor,
    rows: list[_Row],
    errors: list[RowError] | None = None,
    match_external_id: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Create or update the employees of parsed rows, all or nothing (raises ImportFailed).

    Rows are matched by e-mail; with `match_external_id` a row whose external id is known
    updates that employee, whose e-mail then changes to the row's. Rows that change nothing
    are not written. Emits no events: `result.changes` says which event each created or
    changed employee calls for, and the caller emits them.
    """
    actor.require_admin()
    errors = list(errors or [])
    existing = {e.email: e for e in Employee.objects.all()}
    if match_external_id:
        existing = _match_external_ids(rows, existing, errors)
    file_emails = {row.email for row in rows}
    external_owner = {e.external_id: email for email, e in existing.items() if e.external_id}
    known = file_emails | set(existing)
    links = list(SecondaryManager.objects.values_list("employee_id", "manager_id", "weight"))
    department_ids = {str(uuid) for uuid in Department.objects.values_list("uuid", flat=True)}
    for row in rows:
        department_id = parse_public_id(row.values.get("department"))
        if department_id is not None:
            row.values["department"] = str(department_id)  # as the departments are keyed
            if str(department_id) not in department_ids:
                errors.append(
                    RowError(row.line, "department", f"unknown department id {department_id}")
                )
        external = row.values.get("external_id")
        if external and external_owner.get(external, row.email) != row.email:
            errors.append(
                RowError(
                    row.line, "external_id", f"external id belongs to {external_owner[external]}"
                )
            )
        for manager_email in [row.manager_email, *(m for m, _ in row.matrix)]:
            if manager_email and manager_email not in known:
                column = (
                    "manager_email" if manager_email == row.manager_email else "matrix_managers"
                )
                errors.append(RowError(row.line, column, f"unknown manager {manager_email}"))

    # Reporting cycles in the graph after the import: file rows replace their own lines.
    line_of = {row.email: row.line for row in rows}
    if not errors:
        by_id = {e.id: email for email, e in existing.items()}
        graph: dict[str, set[str]] = {}
        for email, employee in existing.items():
            if employee.manager_id:
                graph.setdefault(email, set()).add(by_id[employee.manager_id])
        for employee_id, manager_id, _weight in links:
            graph.setdefault(by_id[employee_id], set()).add(by_id[manager_id])
        for row in rows:
            if row.sets_manager:
                graph[row.email] = {
                    m for m in [row.manager_email, *(m for m, _ in row.matrix)] if m
                }
        for cycle in _find_cycles(graph):
            chain = " → ".join(cycle)
            for email in sorted(set(cycle)):
                if email in line_of:
                    errors.append(
                        RowError(line_of[email], "manager_email", f"reporting cycle: {chain}")
                    )
    if errors:
        raise ImportFailed(list(dict.fromkeys(errors)))

    return _write(actor=actor, rows=rows, existing=existing, links=links, progress=progress)


def _match_external_ids(
    rows: list[_Row], existing: dict[str, Employee], errors: list[RowError]
) -> dict[str, Employee]:
    """`existing` keyed by the e-mail each employee will have once rows known by their
    external id have moved it to the row's e-mail."""
    by_external = {e.external_id: e for e in existing.values() if e.external_id}
    matched = dict(existing)
    for row in rows:
        employee = by_external.get(str(row.values.get("external_id") or ""))
        if employee is None or employee.email == row.email:
            continue
        holder = existing.get(row.email)
        if holder is not None and holder.pk != employee.pk:
            errors.append(RowError(row.line, "email", "e-mail used by another employee"))
            continue
        if matched.get(employee.email) is employee:
            del matched[employee.email]
        matched[row.email] = employee
    return matched


def _write(
    *,
    actor: Actor,
    rows: list[_Row],
    existing: dict[str, Employee],
    links: list[tuple[int, int, int]],
    progress: Callable[[int, int], None] | None,
) -> ImportResult:
    """Write the rows with a constant number of statements; leave unchanged employees alone.

    Every row is compared with the employee it matches (its own fields, primary manager and
    weight, matrix lines; managers by e-mail) before anything is written, so an unchanged row
    is not rewritten and keeps its `updated_at`. Changed rows are `UPDATE … FROM (VALUES …)`
    pages, new rows `INSERT` pages; a manager who is new too is set once their row exists.
    """
    organization_id = actor.organization.pk
    result = ImportResult()
    # A department is named by its id or its name (the name created when new).
    departments = {
        key: d for d in Department.objects.all() for key in (d.name.lower(), str(d.uuid))
    }
    new_departments = []
    for row in rows:
        name = row.values.get("department")
        if name and name.lower() not in departments:
            department = Department(organization_id=organization_id, name=name)
            departments[name.lower()] = department
            new_departments.append(department)
    Department.objects.bulk_create(new_departments)
    result.departments_created = len(new_departments)

    now = timezone.now()
    given = {name for row in rows for name in row.values}
    own = [name for name in OWN_FIELDS if name in given]
    email_of = {e.pk: email for email, e in existing.items()}  # e-mails after any move
    matrix_of: dict[int, set[tuple[str, int]]] = {}
    for employee_id, manager_id, weight in links:
        matrix_of.setdefault(employee_id, set()).add((email_of.get(manager_id, ""), weight))

    def state(employee: Employee) -> tuple:
        return (employee.email, *(getattr(employee, _ATTNAMES.get(n, n)) for n in own))

    by_email = dict(existing)
    to_create: list[Employee] = []
    to_update: list[Employee] = []
    was_active: dict[int, bool] = {}
    role_before: dict[int, tuple[str, int | None]] = {}
    manager_rows: list[tuple[Employee, _Row]] = []
    matrix_rows: list[tuple[Employee, _Row]] = []
    for row in rows:
        employee = existing.get(row.email)
        before, active_before = None, True
        if employee is None:
            employee = Employee(organization_id=organization_id, email=row.email)
            by_email[row.email] = employee
        else:
            before, active_before = state(employee), employee.active
            role_before[employee.pk] = (employee.title, employee.manager_id)
            employee.email = row.email
        for name in own:
            if name in row.values and name != "department":
                setattr(employee, name, row.values[name])
        if "department" in row.values:
            name = row.values["department"]
            employee.department = departments[str(name).lower()] if name else None
        if "active" in own:
            employee.record_leaving(was_active=active_before)
        lines_changed = matrix_changed = before is None
        if row.sets_manager:
            weight = row.manager_weight if row.manager_email else 100
            if before is not None:
                current = email_of.get(employee.manager_id) if employee.manager_id else None
                lines_changed = (current, employee.manager_weight) != (row.manager_email, weight)
                matrix_changed = set(row.matrix) != matrix_of.get(employee.pk, set())
            employee.manager_weight = weight
            if lines_changed:
                manager_rows.append((employee, row))
            if matrix_changed:
                matrix_rows.append((employee, row))
        else:
            lines_changed = matrix_changed = False
        if before is None:
            to_create.append(employee)
        elif before == state(employee) and not lines_changed and not matrix_changed:
            result.unchanged += 1
            continue
        else:
            was_active[employee.pk] = active_before
            to_update.append(employee)
        employee.updated_at = now

    # A manager who is in the file and new gets an id only when inserted: set after that.
    later: list[tuple[Employee, Employee]] = []
    for employee, row in manager_rows:
        manager = by_email[row.manager_email] if row.manager_email else None
        if manager is not None and manager.pk is None:
            later.append((employee, manager))
            manager = None
        employee.manager = manager
        employee.manager_weight = row.manager_weight if row.manager_email else 100

    # Updates first: an e-mail moved away by an external id is free for a new employee.
    update_fields = ["email", "updated_at", *(_ATTNAMES.get(n, n) for n in own)]
    if "active" in own:
        update_fields.append("left_on")  # dated by `record_leaving`
    if manager_rows:
        update_fields += ["manager_id", "manager_weight"]
    update_rows(Employee, to_update, update_fields, page_size=BATCH)
    for start in range(0, len(to_create), BATCH):
        Employee.objects.bulk_create(to_create[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(to_create)), len(rows))
    for employee, manager in later:
        employee.manager = manager
    update_rows(Employee, [employee for employee, _ in later], ["manager_id"], page_size=BATCH)

    if matrix_rows:
        SecondaryManager.objects.filter(
            employee__in=[employee.pk for employee, _ in matrix_rows if employee.pk in was_active]
        ).delete()
        SecondaryManager.objects.bulk_create(
            [
                SecondaryManager(
                    organization_id=organization_id,
                    employee=employee,
                    manager=by_email[manager_email],
                    weight=weight,
                )
                for employee, row in matrix_rows
                for manager_email, weight in row.matrix
            ],
            batch_size=BATCH,
        )

    # What changed, with departments and managers at hand for the events' data.
    department_by_id = {d.pk: d for d in departments.values()}
    employee_by_id = {e.pk: e for e in by_email.values()}
    for employee in [*to_create, *to_update]:
        employee.department = department_by_id.get(employee.department_id)
        employee.manager = employee_by_id.get(employee.manager_id)
    result.created, result.updated = len(to_create), len(to_update)
    result.changes = [
        employee_event(employee=e, created=True, was_active=True) for e in to_create
    ] + [
        employee_event(
            employee=e,
            created=False,
            was_active=was_active[e.pk],
            moved=(e.title, e.manager_id) != role_before[e.pk],
        )
        for e in to_update
    ]
    result.active_changed = [
        (e, was_active[e.pk]) for e in to_update if was_active[e.pk] != e.active
    ]
    if progress:
        progress(len(rows), len(rows))
    return result
