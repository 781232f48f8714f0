"""The compensation review: open it (budgets, merit matrix, eligibility, deadlines), propose
increases and bonuses, approve up the reporting line, finalise into new pay, export payroll.

Budget accounting: each department's `ReviewBudget` row is locked (`SELECT … FOR UPDATE`)
while a proposal of one of its people is written, so two managers proposing at once are
serialised on it: with a hard budget the total never passes the amount.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from plms.audit.services import audit_record, audit_record_many
from plms.common.db import update_rows
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from plms.common.spreadsheets import csv_bytes, xlsx_bytes
from plms.events.bus import publish
from plms.people import selectors as people_selectors
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from reward import eligibility, error_codes, selectors
from reward.events import CompensationReviewFinalised
from reward.models import (
    CompensationProposal,
    CompensationReview,
    MeritMatrixCell,
    PayRecord,
    PerformanceRating,
    ReviewBudget,
    position_in_range,
)

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- Opening a review ------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetSpec:
    department: Department
    amount: Decimal | None = None
    percent_of_payroll: Decimal | None = None


@dataclass(frozen=True)
class CellSpec:
    rating: int
    range_from: Decimal
    range_to: Decimal | None
    min_percent: Decimal
    max_percent: Decimal


# A standard matrix: higher ratings and a lower position in range give more.
DEFAULT_MATRIX = [
    (rating, low, high, minimum, maximum)
    for rating, bands in {
        5: ((0, 50, 6, 9), (50, 80, 5, 7), (80, None, 3, 5)),
        4: ((0, 50, 4, 6), (50, 80, 3, 5), (80, None, 2, 4)),
        3: ((0, 50, 2, 4), (50, 80, 2, 3), (80, None, 0, 2)),
        2: ((0, None, 0, 1),),
        1: ((0, None, 0, 0),),
    }.items()
    for low, high, minimum, maximum in bands
]


def default_matrix() -> list[CellSpec]:
    return [
        CellSpec(r, Decimal(lo), Decimal(hi) if hi is not None else None, Decimal(a), Decimal(b))
        for r, lo, hi, a, b in DEFAULT_MATRIX
    ]


def department_payroll(
    *, department: Department, review: CompensationReview | None = None
) -> Decimal:
    """The department's payroll: its active people's pay; in a review, its eligible
    people's (start date and leave rule included)."""
    people = people_selectors.employees().filter(department=department)
    if review is not None:
        people = eligibility.eligible(review=review, people=people)
    total = PayRecord.objects.filter(employee__in=people.values("pk"), employee__active=True)
    return total.aggregate(total=Sum("base_pay"))["total"] or Decimal(0)


@transaction.atomic
def review_open(
    *,
    actor: Actor,
    name: str,
    effective_date: datetime.date,
    proposal_deadline: datetime.date,
    budgets: Sequence[BudgetSpec],
    matrix: Sequence[CellSpec],
    cycle=None,
    eligible_started_before: datetime.date | None = None,
    leave_rule: str = "",
    leave_days_over: int | None = None,
    hard_budget: bool = True,
) -> CompensationReview:
    actor.require_admin()
    same_organization(actor, cycle, *(spec.department for spec in budgets))
    if leave_days_over is not None and not leave_rule:
        raise ApplicationError(
            error_codes.INVALID,
            "Say what happens to people with more leave than that: not eligible, or flagged.",
            fields={"leave_rule": ["Choose what the leave rule does."]},
        )
    for cell in matrix:
        if cell.min_percent > cell.max_percent or (
            cell.range_to is not None and cell.range_to <= cell.range_from
        ):
            raise ApplicationError(
                error_codes.INVALID,
                "Each merit matrix cell needs a rising range and a rising increase.",
                fields={"matrix": ["A cell's bounds are reversed."]},
            )
    review = CompensationReview.objects.create(
        name=name,
        cycle=cycle,
        effective_date=effective_date,
        proposal_deadline=proposal_deadline,
        eligible_started_before=eligible_started_before,
        leave_rule=leave_rule,
        leave_days_over=leave_days_over,
        hard_budget=hard_budget,
        opened_by=actor.user,
    )
    ReviewBudget.objects.bulk_create(
        [
            ReviewBudget(
                organization_id=actor.organization.pk,
                review=review,
                department=spec.department,
                amount=(
                    spec.amount
                    if spec.amount is not None
                    else _cents(
                        department_payroll(department=spec.department, review=review)
                        * (spec.percent_of_payroll or Decimal(0))
                        / HUNDRED
                    )
                ),
            )
            for spec in budgets
        ]
    )
    MeritMatrixCell.objects.bulk_create(
        [
            MeritMatrixCell(
                organization_id=actor.organization.pk,
                review=review,
                rating=cell.rating,
                range_from=cell.range_from,
                range_to=cell.range_to,
                min_percent=cell.min_percent,
                max_percent=cell.max_percent,
            )
            for cell in matrix
        ]
    )
    audit_record(actor=actor, action="compensation_review.opened", obj=review)
    return review


# --- Guidance and eligibility ----------------------------------------------------------------


merit_guidance = selectors.merit_guidance


is_eligible = eligibility.is_eligible


def final_rating_of(*, review: CompensationReview, employee: Employee) -> int | None:
    if review.cycle_id is None:
        return None
    rating = PerformanceRating.objects.filter(cycle_id=review.cycle_id, employee=employee).first()
    if rating is None:
        return None
    return rating.final_level if rating.final_level is not None else rating.proposed_level


def can_propose(*, actor: Actor, employee: Employee) -> bool:
    if actor.is_admin:
        return True
    viewer = actor.employee
    return (
        viewer is not None
        and viewer.pk != employee.pk
        and selectors.has_compensation_grant(employee=viewer)
        and people_selectors.is_manager_of(manager=viewer, employee=employee, include_matrix=False)
    )


# --- Proposals -------------------------------------------------------------------------------


def _require_open(review: CompensationReview) -> None:
    if review.status != CompensationReview.Status.OPEN:
        raise ApplicationError(error_codes.REVIEW_FINALISED, "The review is finalised.")


def _cost(proposal: CompensationProposal | None) -> Decimal:
    if proposal is None or proposal.status == CompensationProposal.Status.REJECTED:
        return Decimal(0)
    return proposal.increase_amount + proposal.bonus_amount


@transaction.atomic
def proposal_submit(
    *,
    actor: Actor,
    review: CompensationReview,
    employee: Employee,
    increase_percent: Decimal,
    bonus_amount: Decimal = Decimal(0),
    reason: str = "",
) -> CompensationProposal:
    """Propose (or change) a person's increase and bonus. Outside the merit matrix's guidance a
    reason is needed; with a hard budget the department's total may not pass its amount."""
    same_organization(actor, review, employee)
    if not can_propose(actor=actor, employee=employee):
        raise PermissionDenied("Only the person's manager with the compensation permission or HR.")
    if not is_eligible(review=review, employee=employee):
        raise ApplicationError(error_codes.NOT_ELIGIBLE, "The person is not eligible.")
    # The department's budget row is the lock every proposal of the department takes first.
    budget = (
        ReviewBudget.objects.select_for_update()
        .filter(review=review, department_id=employee.department_id)
        .first()
    )
    review = CompensationReview.objects.get(pk=review.pk)
    _require_open(review)
    pay = PayRecord.objects.select_related("grade").get(employee=employee)
    rating = final_rating_of(review=review, employee=employee)
    guidance = merit_guidance(
        review=review, rating=rating, position=position_in_range(pay.base_pay, pay.grade)
    )
    within = guidance is not None and guidance[0] <= increase_percent <= guidance[1]
    reason = reason.strip()
    if not within and not reason:
        raise ApplicationError(
            error_codes.REASON_REQUIRED,
            "The increase is outside the guidance: say why.",
            fields={"reason": ["The increase is outside the guidance: say why."]},
        )
    if increase_percent < 0 or bonus_amount < 0:
        raise ApplicationError(
            error_codes.INVALID,
            "Increases and bonuses cannot be negative.",
            fields={"increase_percent": ["Zero or more."]},
        )
    proposal = (
        CompensationProposal.objects.select_for_update()
        .filter(review=review, employee=employee)
        .first()
    )
    increase = _cents(pay.base_pay * increase_percent / HUNDRED)
    if budget is not None:
        spent = budget.spent - _cost(proposal) + increase + bonus_amount
        if review.hard_budget and spent > budget.amount:
            raise ApplicationError(
                error_codes.BUDGET_EXCEEDED,
                f"This would spend {spent} of the department's {budget.amount}.",
                fields={"increase_percent": ["Over the department's budget."]},
            )
        budget.spent = spent
        budget.save(update_fields=["spent"])
    proposal = proposal or CompensationProposal(review=review, employee=employee)
    proposal.department_id = employee.department_id
    proposal.current_pay = pay.base_pay
    proposal.increase_percent = increase_percent
    proposal.increase_amount = increase
    proposal.bonus_amount = bonus_amount
    proposal.guidance_min, proposal.guidance_max = guidance or (None, None)
    proposal.within_guidance = within
    proposal.reason = reason
    proposal.proposed_by = actor.user
    proposal.status = CompensationProposal.Status.PENDING
    proposal.approvals = []
    proposal.awaiting = _next_approver(actor.employee) if not actor.is_admin else None
    proposal.updated_at = timezone.now()
    proposal.save()
    audit_record(
        actor=actor,
        action="compensation_proposal.submitted",
        obj=proposal,
        changes={"increase_percent": str(increase_percent), "bonus": str(bonus_amount)},
        reason=reason,
    )
    return proposal


def _next_approver(employee: Employee | None) -> Employee | None:
    """The manager above `employee` who approves next; None when HR is next."""
    if employee is None or employee.manager_id is None:
        return None
    return Employee.objects.filter(pk=employee.manager_id, active=True).first()


def can_approve(*, actor: Actor, proposal: CompensationProposal) -> bool:
    if actor.is_admin:
        return True
    return actor.employee is not None and proposal.awaiting_id == actor.employee.pk


@transaction.atomic
def proposal_decide(
    *, actor: Actor, proposal: CompensationProposal, approve: bool, reason: str = ""
) -> CompensationProposal:
    """Approve (the next manager up the line, then HR) or reject (returns the money to the
    budget). HR's approval is final."""
    same_organization(actor, proposal)
    budget = (
        ReviewBudget.objects.select_for_update()
        .filter(review_id=proposal.review_id, department_id=proposal.department_id)
        .first()
    )
    proposal = CompensationProposal.objects.select_for_update().get(pk=proposal.pk)
    _require_open(proposal.review)
    if proposal.status != CompensationProposal.Status.PENDING:
        raise ApplicationError(error_codes.ALREADY_DECIDED, "The proposal is decided already.")
    if not can_approve(actor=actor, proposal=proposal):
        raise PermissionDenied("The proposal waits for someone else's approval.")
    step = {
        "by": actor.label,
        "at": timezone.now().isoformat(),
        "approved": approve,
        "reason": reason,
    }
    proposal.approvals = [*proposal.approvals, step]
    if not approve:
        if budget is not None:
            budget.spent -= _cost(proposal)
            budget.save(update_fields=["spent"])
        proposal.status = CompensationProposal.Status.REJECTED
        proposal.awaiting = None
    elif actor.is_admin:
        proposal.status = CompensationProposal.Status.APPROVED
        proposal.awaiting = None
    else:
        proposal.awaiting = _next_approver(actor.employee)
    proposal.updated_at = timezone.now()
    proposal.save(update_fields=["approvals", "status", "awaiting", "updated_at"])
    audit_record(
        actor=actor,
        action="compensation_proposal.approved" if approve else "compensation_proposal.rejected",
        obj=proposal,
        reason=reason,
    )
    return proposal


# --- Finalising and payroll ------------------------------------------------------------------


@transaction.atomic
def review_finalise(*, actor: Actor, review: CompensationReview) -> int:
    """Write each approved proposal's new pay, effective on the review's date. Returns how
    many people's pay changed."""
    actor.require_admin()
    same_organization(actor, review)
    review = CompensationReview.objects.select_for_update().get(pk=review.pk)
    _require_open(review)
    if review.proposals.filter(status=CompensationProposal.Status.PENDING).exists():
        raise ApplicationError(
            error_codes.PROPOSALS_PENDING, "Some proposals still wait for approval."
        )
    new_pay = {
        employee_id: current + increase
        for employee_id, current, increase in review.proposals.filter(
            status=CompensationProposal.Status.APPROVED
        ).values_list("employee_id", "current_pay", "increase_amount")
    }
    # The person is read with the record: the audit entries name them.
    records = list(
        PayRecord.objects.filter(employee_id__in=new_pay)
        .select_related("employee")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    now = timezone.now()
    for record in records:
        record.base_pay = new_pay[record.employee_id]
        record.effective_date = review.effective_date
        record.updated_at = now
    update_rows(PayRecord, records, ["base_pay", "effective_date", "updated_at"])
    audit_record_many(
        actor=actor, action="pay.changed", objects=records, reason=f"Finalised in {review.name}"
    )
    review.status = CompensationReview.Status.FINALISED
    review.finalised_at = now
    review.save(update_fields=["status", "finalised_at"])
    audit_record(
        actor=actor,
        action="compensation_review.finalised",
        obj=review,
        changes={"people": len(records)},
    )
    publish(
        actor_or_organization=actor,
        events=[CompensationReviewFinalised.of(review, people=len(records))],
    )
    return len(records)


PAYROLL_HEADER = (
    "employee_id",
    "email",
    "name",
    "department",
    "current_pay",
    "increase",
    "new_pay",
    "bonus",
    "currency",
    "effective_date",
)


def payroll_rows(*, review: CompensationReview) -> list[list]:
    proposals = (
        review.proposals.filter(status=CompensationProposal.Status.APPROVED)
        .select_related("employee", "employee__department")
        .order_by("employee__last_name", "employee__first_name", "id")
    )
    currencies = dict(
        PayRecord.objects.filter(employee__in=proposals.values("employee")).values_list(
            "employee_id", "currency"
        )
    )
    return [
        [
            p.employee.external_id or str(p.employee.uuid),
            p.employee.email,
            p.employee.full_name,
            p.employee.department.name if p.employee.department else "",
            p.current_pay,
            p.increase_amount,
            p.new_pay,
            p.bonus_amount,
            currencies.get(p.employee_id, ""),
            review.effective_date,
        ]
        for p in proposals
    ]


def payroll_export(*, actor: Actor, review: CompensationReview, fmt: str = "csv") -> bytes:
    """The payroll file of the review (formulas escaped: plms.common.spreadsheets); audited."""
    actor.require_admin()
    same_organization(actor, review)
    rows = payroll_rows(review=review)
    audit_record(
        actor=actor,
        action="data.exported",
        obj=review,
        object_label=f"Payroll file of {review.name}",
        changes={"rows": len(rows), "format": fmt},
    )
    if fmt == "xlsx":
        return xlsx_bytes([("Payroll", PAYROLL_HEADER, rows)])
    return csv_bytes(PAYROLL_HEADER, rows)


def review_get(*, uuid) -> CompensationReview:
    review = CompensationReview.objects.filter(uuid=uuid).first()
    if review is None:
        raise NotFound()
    return review
