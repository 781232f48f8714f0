"""People's leave, imported from the HR system for compensation reviews' eligibility
(`reward.eligibility`): a CSV or XLSX file like the pay file, all or nothing, every bad row
named. Columns: `email` (the person), `starts_on` (YYYY-MM-DD), and optionally `ends_on`
(empty: still on leave) and `kind` (`absence`, `parental`, `sick`, `other`; default
`absence`). A row with the same person and start replaces the earlier one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from capabilities.imports.tables import read_table
from plms.audit.services import audit_record
from plms.common.imports import ImportFailed, RowError
from plms.people import selectors as people_selectors
from plms.tenancy.actors import Actor
from reward.models import LeaveRecord

COLUMNS = ("email", "kind", "starts_on", "ends_on")
REQUIRED = ("email", "starts_on")


@dataclass(frozen=True)
class LeaveImportResult:
    imported: int


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def leave_import(*, actor: Actor, data: bytes, fmt: str = "csv") -> LeaveImportResult:
    """Every row checked first; one problem anywhere and nothing is written (`ImportFailed`
    lists each problem by line and column). Audited as one import."""
    actor.require_admin()
    rows, errors = read_table(data, fmt, COLUMNS, REQUIRED)
    wanted = {row.get("email", "").lower() for _, row in rows}
    people = {
        employee.email_lower: employee
        for employee in people_selectors.employees()
        .annotate(email_lower=Lower("email"))
        .filter(email_lower__in=wanted)
    }
    kinds = {value for value, _label in LeaveRecord.Kind.choices}
    parsed: dict[tuple[int, datetime.date], LeaveRecord] = {}
    for line, row in rows:
        problems = len(errors)
        employee = people.get(row.get("email", "").lower())
        if employee is None:
            errors.append(RowError(line, "email", "no person with this e-mail address"))
        kind = (row.get("kind") or LeaveRecord.Kind.ABSENCE).lower()
        if kind not in kinds:
            errors.append(RowError(line, "kind", "one of " + ", ".join(sorted(kinds))))
        starts_on = _date(row.get("starts_on", ""))
        if starts_on is None:
            errors.append(RowError(line, "starts_on", "a date as YYYY-MM-DD"))
        ends_on = _date(row["ends_on"]) if row.get("ends_on") else None
        if row.get("ends_on") and ends_on is None:
            errors.append(RowError(line, "ends_on", "a date as YYYY-MM-DD, or empty"))
        elif ends_on and starts_on and ends_on < starts_on:
            errors.append(RowError(line, "ends_on", "on or after starts_on"))
        if len(errors) == problems and employee is not None and starts_on is not None:
            parsed[(employee.pk, starts_on)] = LeaveRecord(
                organization_id=actor.organization.pk,
                employee=employee,
                kind=kind,
                starts_on=starts_on,
                ends_on=ends_on,
                updated_at=timezone.now(),
            )
    if not rows and not errors:
        errors.append(RowError(1, "", "the file has no rows"))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        LeaveRecord.objects.bulk_create(
            list(parsed.values()),
            update_conflicts=True,
            unique_fields=["organization", "employee", "starts_on"],
            update_fields=["kind", "ends_on", "updated_at"],
        )
        audit_record(
            actor=actor, action="data.imported", object_label=f"Leave of {len(wanted)} people"
        )
    return LeaveImportResult(imported=len(parsed))
