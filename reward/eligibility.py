"""Who takes part in a compensation review: the one rule that proposals, the managers' lists,
the reminders and the budgets all read.

A person is eligible when they are active, have pay recorded, started before the review's
`eligible_started_before` (when set) and are not caught by its leave rule. The leave rule
(`leave_rule`) catches people on leave on the review's effective date, or with more than
`leave_days_over` days of leave in the period (the review's cycle's period, else the year up to
the effective date): `exclude` makes them not eligible, `flag` keeps them eligible with the
reason shown to their manager and HR.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from plms.people.models import Employee
from reward.models import CompensationReview, LeaveRecord, PayRecord

YEAR = datetime.timedelta(days=365)


def leave_period(review: CompensationReview) -> tuple[datetime.date, datetime.date]:
    """The period whose days of leave count: the cycle's, else the year up to the effective
    date."""
    if review.cycle_id is not None and review.cycle is not None:
        return review.cycle.period_start, review.cycle.period_end
    return review.effective_date - YEAR + datetime.timedelta(days=1), review.effective_date


def leave_caught(
    *, review: CompensationReview, employee_ids: Iterable[int] | None = None
) -> dict[int, str]:
    """{employee id: why} for the people the review's leave rule catches (one query; none
    when the review has no leave rule)."""
    if not review.leave_rule:
        return {}
    start, end = leave_period(review)
    first = min(start, review.effective_date)
    last = max(end, review.effective_date)
    records = LeaveRecord.objects.filter(starts_on__lte=last).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first)
    )
    if employee_ids is not None:
        records = records.filter(employee_id__in=list(employee_ids))
    days: dict[int, int] = defaultdict(int)
    on_the_date: set[int] = set()
    for employee_id, starts_on, ends_on in records.values_list(
        "employee_id", "starts_on", "ends_on"
    ):
        if starts_on <= review.effective_date and (
            ends_on is None or ends_on >= review.effective_date
        ):
            on_the_date.add(employee_id)
        overlap = (min(ends_on or end, end) - max(starts_on, start)).days + 1
        if overlap > 0:
            days[employee_id] += overlap
    caught: dict[int, str] = {}
    limit = review.leave_days_over
    for employee_id in on_the_date | set(days):
        if employee_id in on_the_date:
            caught[employee_id] = "On leave on the effective date"
        elif limit is not None and days[employee_id] > limit:
            caught[employee_id] = f"{days[employee_id]} days of leave in the period"
    return caught


def leave_excluded(
    *, review: CompensationReview, employee_ids: Iterable[int] | None = None
) -> set[int]:
    """The people the leave rule makes not eligible."""
    if review.leave_rule != CompensationReview.LeaveRule.EXCLUDE:
        return set()
    return set(leave_caught(review=review, employee_ids=employee_ids))


def leave_flags(*, review: CompensationReview, employee_ids: Iterable[int]) -> dict[int, str]:
    """{employee id: why} for eligible people the leave rule flags."""
    if review.leave_rule != CompensationReview.LeaveRule.FLAG:
        return {}
    return leave_caught(review=review, employee_ids=employee_ids)


def eligible(*, review: CompensationReview, people: QuerySet[Employee]) -> QuerySet[Employee]:
    """`people` narrowed to those eligible in the review (a constant number of queries)."""
    people = people.filter(active=True, pk__in=PayRecord.objects.values("employee_id"))
    if review.eligible_started_before:
        people = people.exclude(start_date__gte=review.eligible_started_before)
    excluded = leave_excluded(review=review)
    if excluded:
        people = people.exclude(pk__in=excluded)
    return people


def is_eligible(*, review: CompensationReview, employee: Employee) -> bool:
    if not employee.active:
        return False
    started = employee.start_date
    if review.eligible_started_before and started and started >= review.eligible_started_before:
        return False
    if employee.pk in leave_excluded(review=review, employee_ids=[employee.pk]):
        return False
    return PayRecord.objects.filter(employee=employee).exists()
