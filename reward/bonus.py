"""Bonus runs: compute each eligible person's bonus with every part shown, let HR adjust one
person's amount with a reason, finalise, export.

A person's bonus = base pay * the grade's target bonus % * company multiplier * department
multiplier * individual multiplier (from the final overall rating in the run's cycle) * the
part of the bonus year they were employed (start date and leaving date, counted in days).

Eligible: people with a pay record whose grade has a target bonus above zero, employed on at
least one day of the bonus year (people who left during the year take part, pro-rated).
Reading a run's lines follows the pay rule of `reward.selectors.pay_readable`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, DecimalField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from plms.audit.services import audit_record, audit_record_many
from plms.common.errors import ApplicationError, NotFound
from plms.common.spreadsheets import csv_bytes, xlsx_bytes
from plms.events.bus import publish
from plms.people.models import Department
from plms.tenancy.actors import Actor, same_organization
from reward import error_codes, selectors
from reward.events import BonusRunFinalised
from reward.models import BonusLine, BonusRun, PayRecord, PerformanceRating

if TYPE_CHECKING:
    from assessments.models import AssessmentCycle

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
UNRATED = "unrated"
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)

# The individual multiplier per overall rating when the run names none.
DEFAULT_RATING_MULTIPLIERS: dict[str, Decimal] = {
    "5": Decimal("1.50"),
    "4": Decimal("1.25"),
    "3": Decimal("1.00"),
    "2": Decimal("0.50"),
    "1": Decimal("0.00"),
    UNRATED: Decimal("1.00"),
}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def prorate_factor(
    *, year: int, start_date: datetime.date | None, left_on: datetime.date | None
) -> Decimal:
    """The part of `year` (0 to 1, four places) from the start date to the leaving date, both
    days counted."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    begin = max(first, start_date) if start_date else first
    end = min(last, left_on) if left_on else last
    if end < begin:
        return Decimal(0)
    days = (end - begin).days + 1
    total = (last - first).days + 1
    return (Decimal(days) / Decimal(total)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def rating_multipliers(run: BonusRun) -> dict[str, Decimal]:
    table = dict(DEFAULT_RATING_MULTIPLIERS)
    table.update({str(k): Decimal(str(v)) for k, v in (run.rating_multipliers or {}).items()})
    return table


def individual_multiplier(run: BonusRun, rating: int | None) -> Decimal:
    table = rating_multipliers(run)
    key = UNRATED if rating is None else str(rating)
    return table.get(key, table[UNRATED])


def bonus_amount(
    *,
    base_pay: Decimal,
    target_percent: Decimal,
    company: Decimal,
    department: Decimal,
    individual: Decimal,
    prorate: Decimal,
) -> Decimal:
    return _cents(base_pay * target_percent / HUNDRED * company * department * individual * prorate)


def _validate_multiplier(name: str, value: Decimal) -> None:
    if value < 0 or value > 10:
        raise ApplicationError(
            error_codes.INVALID,
            "Multipliers go from 0 to 10.",
            fields={name: ["From 0 to 10."]},
        )


def _eligible_records(year: int) -> QuerySet[PayRecord]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        PayRecord.objects.filter(grade__target_bonus_percent__gt=0)
        .filter(Q(employee__start_date__isnull=True) | Q(employee__start_date__lte=last))
        .filter(Q(employee__left_on__isnull=True) | Q(employee__left_on__gte=first))
        .select_related("employee", "grade")
    )


def _compute_lines(run: BonusRun) -> list[BonusLine]:
    ratings: dict[int, int | None] = {}
    if run.cycle_id is not None:
        for performance in PerformanceRating.objects.filter(cycle_id=run.cycle_id).only(
            "employee_id", "manager_level", "calibrated_level"
        ):
            ratings[performance.employee_id] = performance.final_level
    departments = {
        str(uuid): pk
        for pk, uuid in Department.objects.filter(
            uuid__in=list((run.department_multipliers or {}).keys())
        ).values_list("pk", "uuid")
    }
    by_department: dict[int | None, Decimal] = {
        departments[key]: Decimal(str(value))
        for key, value in (run.department_multipliers or {}).items()
        if key in departments
    }
    lines = []
    for record in _eligible_records(run.year):
        person = record.employee
        prorate = prorate_factor(
            year=run.year, start_date=person.start_date, left_on=person.left_on
        )
        if prorate <= 0 or record.grade is None:
            continue
        rating = ratings.get(person.pk)
        department = by_department.get(person.department_id, Decimal(1))
        individual = individual_multiplier(run, rating)
        target = record.grade.target_bonus_percent
        lines.append(
            BonusLine(
                organization_id=run.organization_id,
                run=run,
                employee=person,
                department_id=person.department_id,
                base_pay=record.base_pay,
                currency=record.currency,
                target_percent=target,
                target_amount=_cents(record.base_pay * target / HUNDRED),
                company_multiplier=run.company_multiplier,
                department_multiplier=department,
                rating=rating,
                individual_multiplier=individual,
                prorate=prorate,
                computed_amount=bonus_amount(
                    base_pay=record.base_pay,
                    target_percent=target,
                    company=run.company_multiplier,
                    department=department,
                    individual=individual,
                    prorate=prorate,
                ),
            )
        )
    return lines


@transaction.atomic
def bonus_run_open(
    *,
    actor: Actor,
    name: str,
    year: int,
    cycle: AssessmentCycle | None = None,
    company_multiplier: Decimal = Decimal(1),
    department_multipliers: Mapping[Department, Decimal] | None = None,
    rating_multipliers: Mapping[int | str, Decimal] | None = None,
) -> BonusRun:
    """Open a run and compute each eligible person's bonus."""
    actor.require_admin()
    if cycle is not None:
        same_organization(actor, cycle)
    _validate_multiplier("company_multiplier", company_multiplier)
    departments = dict(department_multipliers or {})
    for department, value in departments.items():
        same_organization(actor, department)
        _validate_multiplier("department_multipliers", value)
    ratings = dict(rating_multipliers or {})
    for value in ratings.values():
        _validate_multiplier("rating_multipliers", value)
    run = BonusRun.objects.create(
        organization=actor.organization,
        name=name.strip(),
        year=year,
        cycle=cycle,
        company_multiplier=company_multiplier,
        department_multipliers={str(d.uuid): str(v) for d, v in departments.items()},
        rating_multipliers={str(k): str(v) for k, v in ratings.items()},
        opened_by=actor.user,
    )
    lines = BonusLine.objects.bulk_create(_compute_lines(run), batch_size=2000)
    audit_record(actor=actor, action="bonus_run.opened", obj=run, changes={"people": len(lines)})
    return run


def _require_open(run: BonusRun) -> None:
    if run.status != BonusRun.Status.OPEN:
        raise ApplicationError(error_codes.BONUS_RUN_FINALISED, "The bonus run is finalised.")


@transaction.atomic
def bonus_adjust(*, actor: Actor, line: BonusLine, amount: Decimal, reason: str) -> BonusLine:
    """HR sets one person's amount, saying why (audited with the amount before and after)."""
    actor.require_admin()
    same_organization(actor, line)
    line = BonusLine.objects.select_for_update().select_related("run").get(pk=line.pk)
    _require_open(line.run)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            error_codes.REASON_REQUIRED,
            "Say why the bonus is adjusted.",
            fields={"reason": ["Say why the bonus is adjusted."]},
        )
    if amount < 0:
        raise ApplicationError(
            error_codes.INVALID, "A bonus cannot be negative.", fields={"amount": ["Zero or more."]}
        )
    before = line.amount
    line.adjusted_amount = _cents(amount)
    line.adjustment_reason = reason
    line.adjusted_by = actor.user
    line.adjusted_at = timezone.now()
    line.save(update_fields=["adjusted_amount", "adjustment_reason", "adjusted_by", "adjusted_at"])
    audit_record(
        actor=actor,
        action="bonus.adjusted",
        obj=line,
        changes={"amount": [str(before), str(line.adjusted_amount)]},
        reason=reason,
    )
    return line


@transaction.atomic
def bonus_run_finalise(*, actor: Actor, run: BonusRun) -> BonusRun:
    actor.require_admin()
    same_organization(actor, run)
    run = BonusRun.objects.select_for_update().get(pk=run.pk)
    _require_open(run)
    run.status = BonusRun.Status.FINALISED
    run.finalised_at = timezone.now()
    run.save(update_fields=["status", "finalised_at"])
    people = run.lines.count()
    audit_record(actor=actor, action="bonus_run.finalised", obj=run, changes={"people": people})
    publish(actor_or_organization=actor, events=[BonusRunFinalised.of(run, people=people)])
    return run


# --- Reads -----------------------------------------------------------------------------------


def bonus_runs_for_viewer(*, actor: Actor) -> QuerySet[BonusRun]:
    """HR admins and keys: every run; managers with the compensation permission: every run
    (the lines they read in it are their reports'); others: none."""
    runs = BonusRun.objects.select_related("cycle").order_by("-year", "-id")
    if actor.is_admin or selectors.has_compensation_grant(employee=actor.employee):
        return runs
    return runs.none()


def bonus_run_get(*, actor: Actor, uuid) -> BonusRun:
    run = bonus_runs_for_viewer(actor=actor).filter(uuid=uuid).first()
    if run is None:
        raise NotFound()
    return run


def bonus_lines_readable(*, actor: Actor, run: BonusRun | None = None) -> QuerySet[BonusLine]:
    """The lines (of `run`, else of every run) whose pay the actor may read (`pay_readable`'s
    rule, as a query); not yet audited: `bonus_lines_read` audits the lines as they are
    shown."""
    lines = BonusLine.objects.select_related("employee", "department", "adjusted_by", "run")
    if run is not None:
        lines = lines.filter(run=run)
    if actor.is_admin:
        return lines
    readable = selectors.pay_records_readable(actor=actor).values("employee_id")
    return lines.filter(employee_id__in=readable)


def bonus_line_get_for_viewer(*, actor: Actor, uuid) -> BonusLine:
    """One line the actor may read (not yet audited), else NotFound: a line that does not
    exist and one the actor may not read look the same."""
    line = bonus_lines_readable(actor=actor).filter(uuid=uuid).first()
    if line is None:
        raise NotFound()
    return line


def bonus_run_totals(*, actor: Actor, run: BonusRun) -> dict:
    """People, target, computed and paid totals and adjustments over the lines the actor may
    read (HR: the whole run). Sums only: no one's pay is shown, so nothing is audited."""
    return bonus_lines_readable(actor=actor, run=run).aggregate(
        people=Count("id"),
        target=Sum("target_amount"),
        computed=Sum("computed_amount"),
        adjusted=Count("id", filter=Q(adjusted_amount__isnull=False)),
        paid=Sum(Coalesce("adjusted_amount", "computed_amount"), output_field=MONEY_FIELD),
    )


def bonus_lines_read(*, actor: Actor, lines) -> list[BonusLine]:
    shown = list(lines)
    own = actor.employee.pk if actor.employee is not None else None
    others = [line for line in shown if line.employee_id != own]
    if others:
        audit_record_many(actor=actor, action=selectors.PAY_READ, objects=others)
    return shown


def bonus_line_get(*, actor: Actor, run: BonusRun, uuid) -> BonusLine:
    line = run.lines.filter(uuid=uuid).first()
    if line is None:
        raise NotFound()
    return line


# --- Export ----------------------------------------------------------------------------------

EXPORT_HEADER = (
    "employee_id",
    "email",
    "name",
    "department",
    "base_pay",
    "target_percent",
    "target_amount",
    "company_multiplier",
    "department_multiplier",
    "rating",
    "individual_multiplier",
    "prorate",
    "computed_amount",
    "amount",
    "adjustment_reason",
    "currency",
)


def bonus_rows(*, run: BonusRun) -> list[list]:
    lines = run.lines.select_related("employee", "department")
    return [
        [
            line.employee.external_id or str(line.employee.uuid),
            line.employee.email,
            line.employee.full_name,
            line.department.name if line.department else "",
            line.base_pay,
            line.target_percent,
            line.target_amount,
            line.company_multiplier,
            line.department_multiplier,
            line.rating if line.rating is not None else "",
            line.individual_multiplier,
            line.prorate,
            line.computed_amount,
            line.amount,
            line.adjustment_reason,
            line.currency,
        ]
        for line in lines
    ]


def bonus_export(*, actor: Actor, run: BonusRun, fmt: str = "csv") -> bytes:
    """The run as a file (formulas escaped: plms.common.spreadsheets); audited."""
    actor.require_admin()
    same_organization(actor, run)
    rows = bonus_rows(run=run)
    audit_record(
        actor=actor,
        action="data.exported",
        obj=run,
        object_label=f"Bonus file of {run.name}",
        changes={"rows": len(rows), "format": fmt},
    )
    if fmt == "xlsx":
        return xlsx_bytes([("Bonus", EXPORT_HEADER, rows)])
    return csv_bytes(EXPORT_HEADER, rows)


def people_count(run: BonusRun) -> int:
    return run.lines.count()
