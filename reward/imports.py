"""Importing people's pay from a CSV or XLSX file: all or nothing, every bad row named.

Columns: `email` (the person), `base_pay`, `effective_date` (YYYY-MM-DD), and optionally
`grade` (a pay grade's name), `currency` (three letters; default: the grade's) and any
`equity_<attribute>` column (e.g. `equity_gender`), kept for pay-equity analysis only.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models.functions import Lower

from capabilities.imports.tables import read_table
from plms.audit.services import audit_record
from plms.common.imports import ImportFailed, RowError
from plms.common.uploads import xlsx_problem
from plms.people import selectors as people_selectors
from plms.tenancy.actors import Actor
from reward import services
from reward.models import PayGrade

COLUMNS = ("email", "grade", "base_pay", "currency", "effective_date")
REQUIRED = ("email", "base_pay", "effective_date")


EQUITY_PREFIX = "equity_"


def _equity_columns(data: bytes, fmt: str) -> tuple[str, ...]:
    """The header's `equity_<attribute>` columns (read_table refuses columns it does not
    know; these are the organisation's own)."""
    header: list[str] = []
    if fmt == "csv":
        try:
            first = data.decode("utf-8-sig").splitlines()[:1]
        except UnicodeDecodeError:
            return ()
        header = next(csv.reader(first), []) if first else []
    elif xlsx_problem(data) is None:
        try:
            from openpyxl import load_workbook

            workbook = load_workbook(io.BytesIO(data), read_only=True)
            header = [
                str(v or "") for v in next(workbook.worksheets[0].iter_rows(values_only=True), ())
            ]
            workbook.close()
        except Exception:  # not a workbook: read_table says so
            return ()
    names = [name.strip().lower() for name in header]
    return tuple(n for n in names if n.startswith(EQUITY_PREFIX) and len(n) > len(EQUITY_PREFIX))


@dataclass(frozen=True)
class PayImportResult:
    imported: int


def pay_import(*, actor: Actor, data: bytes, fmt: str = "csv") -> PayImportResult:
    """Every row checked first; one problem anywhere and nothing is written (`ImportFailed`
    lists each problem by line and column)."""
    actor.require_admin()
    rows, errors = read_table(data, fmt, COLUMNS + _equity_columns(data, fmt), REQUIRED)
    wanted = {row.get("email", "").lower() for _, row in rows}
    people = {
        employee.email_lower: employee
        for employee in people_selectors.employees()
        .annotate(email_lower=Lower("email"))
        .filter(email_lower__in=wanted)
    }
    grades = {grade.name.lower(): grade for grade in PayGrade.objects.all()}
    parsed = []
    seen: dict[str, int] = {}
    for line, row in rows:
        problems = len(errors)
        email = row.get("email", "").lower()
        employee = people.get(email)
        if not email:
            errors.append(RowError(line, "email", "required"))
        elif employee is None:
            errors.append(RowError(line, "email", "no person with this e-mail address"))
        elif email in seen:
            errors.append(RowError(line, "email", f"the person is on line {seen[email]} already"))
        else:
            seen[email] = line
        grade = None
        if row.get("grade"):
            grade = grades.get(row["grade"].lower())
            if grade is None:
                errors.append(RowError(line, "grade", "no pay grade with this name"))
        try:
            base_pay = Decimal(row.get("base_pay", "").replace(",", ""))
            if base_pay < 0 or not base_pay.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(RowError(line, "base_pay", "a positive amount, e.g. 52000.00"))
            base_pay = Decimal(0)
        try:
            effective = datetime.date.fromisoformat(row.get("effective_date", ""))
        except ValueError:
            errors.append(RowError(line, "effective_date", "a date as YYYY-MM-DD"))
            effective = datetime.date.min
        currency = row.get("currency", "").upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            errors.append(RowError(line, "currency", "three letters, e.g. EUR"))
        equity = {
            name.removeprefix(EQUITY_PREFIX): value
            for name, value in row.items()
            if name.startswith(EQUITY_PREFIX) and value
        }
        if len(errors) == problems:
            parsed.append((employee, grade, base_pay, currency or None, effective, equity))
    if not rows and not errors:
        errors.append(RowError(1, "", "the file has no rows"))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for employee, grade, base_pay, currency, effective, equity in parsed:
            services.pay_record_set(
                actor=actor,
                employee=employee,
                base_pay=base_pay,
                grade=grade,
                currency=currency,
                effective_date=effective,
                reason="Imported from a file",
                equity_attributes=equity or None,
            )
        audit_record(
            actor=actor,
            action="data.imported",
            object_label=f"Pay of {len(parsed)} people",
        )
    return PayImportResult(imported=len(parsed))
