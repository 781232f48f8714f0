"""Outliers: people whose overall ratings stand out over several cycles, with what to do next.

- **Consistently high performers**: rated at the top of the organisation's scale (its
  highest level) in at least N of the last M cycles with final ratings. Suggested action: a
  retention review.
- **Chronic low performers**: rated low (the scale's lowest level, and on a scale of five
  levels or more its second-lowest too) in at least N of the last M cycles, or rated low in
  the latest of them while their goals are red or their check-ins go missed now. Each is
  shown with their red goals and the check-ins missed in the last six months. Suggested
  action: a performance improvement plan (or following the one that is open).

N and M default to 2 of the last 3 cycles. A final rating is the calibrated level, else the
manager's; a proposal nobody confirmed does not count. Who sees whom follows the overall
ratings (`reward.selectors.rating_list_for_viewer`): HR admins and keys everyone, a manager
the people below them in the primary reporting line, nobody else anyone (not even themselves).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from goals.checkins.selectors import missed_check_in_counts
from goals.kpi import RED
from goals.selectors import goal_risks_of_people
from learning.selectors import improvement_plan_list
from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from reward import error_codes, selectors
from reward.models import PerformanceRating

if TYPE_CHECKING:
    from learning.models import DevelopmentPlan

HIGH = "high"
LOW = "low"
RETENTION_REVIEW = "retention_review"
IMPROVEMENT_PLAN = "improvement_plan"
FOLLOW_IMPROVEMENT_PLAN = "follow_improvement_plan"
DEFAULT_CYCLES = 3
DEFAULT_TIMES = 2
MAX_CYCLES = 10
MISSED_CHECK_IN_DAYS = 183


@dataclass(frozen=True)
class Criteria:
    """At least `times` (N) of the last `cycles` (M) cycles with final ratings."""

    cycles: int = DEFAULT_CYCLES
    times: int = DEFAULT_TIMES

    def validated(self) -> Criteria:
        problems: dict[str, list[str]] = {}
        if not 1 <= self.cycles <= MAX_CYCLES:
            problems["cycles"] = [f"From 1 to {MAX_CYCLES}."]
        elif not 1 <= self.times <= self.cycles:
            problems["times"] = ["From 1 to the number of cycles."]
        if problems:
            raise ApplicationError(
                error_codes.INVALID, "N must be from 1 to M, and M from 1 to 10.", fields=problems
            )
        return self


@dataclass(frozen=True)
class CycleRef:
    id: int
    uuid: object
    name: str
    period_end: datetime.date


@dataclass
class Outlier:
    employee: Employee
    kind: str
    levels: list[int | None]  # the final rating in each cycle of the window, newest first
    count: int  # how many of them are top (high) or low (low)
    red_goals: int = 0
    missed_check_ins: int = 0
    improvement_plan: DevelopmentPlan | None = None

    @property
    def action(self) -> str:
        if self.kind == HIGH:
            return RETENTION_REVIEW
        return FOLLOW_IMPROVEMENT_PLAN if self.improvement_plan else IMPROVEMENT_PLAN


@dataclass
class OutlierReport:
    criteria: Criteria
    cycles: list[CycleRef] = field(default_factory=list)
    top_levels: tuple[int, ...] = ()
    low_levels: tuple[int, ...] = ()
    high: list[Outlier] = field(default_factory=list)
    low: list[Outlier] = field(default_factory=list)


def outlier_levels(values: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(top levels, low levels) of a scale: its highest; its lowest, and on a scale of five
    levels or more its second-lowest too."""
    ordered = sorted(values)
    if len(ordered) < 2:
        return (), ()
    low = ordered[:2] if len(ordered) >= 5 else ordered[:1]
    return (ordered[-1],), tuple(low)


def may_see_outliers(*, actor: Actor) -> bool:
    return actor.is_admin or (
        actor.employee is not None and people_selectors.manages_people(manager=actor.employee)
    )


def _people_in_view(actor: Actor) -> Q | None:
    """Whom the actor may see, as a condition on `employee_id`; None: nobody."""
    if actor.is_admin:
        return Q()
    if actor.employee is None:
        return None
    return Q(
        employee_id__in=people_selectors.all_report_ids_sql(
            manager_id=actor.employee.pk, include_matrix=False
        )
    )


def _window(count: int) -> list[CycleRef]:
    """The last `count` cycles with a final rating, newest first."""
    rows = (
        PerformanceRating.objects.filter(
            Q(calibrated_level__isnull=False) | Q(manager_level__isnull=False)
        )
        .values_list("cycle_id", "cycle__uuid", "cycle__name", "cycle__period_end")
        .distinct()
        .order_by("-cycle__period_end", "-cycle_id")[:count]
    )
    return [CycleRef(*row) for row in rows]


def outliers_for_viewer(
    *, actor: Actor, criteria: Criteria | None = None, today: datetime.date | None = None
) -> OutlierReport:
    """Both lists for the actor (see the module's docstring), people in name order. A fixed
    number of queries whatever the number of people."""
    criteria = (criteria or Criteria()).validated()
    report = OutlierReport(criteria=criteria)
    scope = _people_in_view(actor)
    top, low = outlier_levels(list(selectors.level_names()))
    if scope is None or not top:
        return report
    report.top_levels, report.low_levels = top, low
    report.cycles = _window(criteria.cycles)
    if not report.cycles:
        return report
    position = {cycle.id: index for index, cycle in enumerate(report.cycles)}
    levels: dict[int, list[int | None]] = {}
    rows = (
        PerformanceRating.objects.filter(scope, cycle_id__in=list(position))
        .filter(employee__active=True)
        .annotate(final=Coalesce("calibrated_level", "manager_level"))
        .filter(final__isnull=False)
        .order_by()
        .values_list("employee_id", "cycle_id", "final")
    )
    for employee_id, cycle_id, final in rows:
        levels.setdefault(employee_id, [None] * len(report.cycles))[position[cycle_id]] = final
    high_counts = {pk: sum(1 for level in found if level in top) for pk, found in levels.items()}
    low_counts = {pk: sum(1 for level in found if level in low) for pk, found in levels.items()}
    latest_low = {pk for pk, found in levels.items() if found[0] in low}
    candidates = [pk for pk, count in low_counts.items() if count]
    today = today or timezone.localdate()
    red = _red_goal_counts(candidates, today)
    missed = missed_check_in_counts(
        employee_ids=candidates,
        since=today - datetime.timedelta(days=MISSED_CHECK_IN_DAYS),
        today=today,
    )
    high_ids = {pk for pk, count in high_counts.items() if count >= criteria.times}
    low_ids = {
        pk
        for pk in candidates
        if low_counts[pk] >= criteria.times
        or (pk in latest_low and (red.get(pk) or missed.get(pk)))
    }
    people = {
        person.pk: person
        for person in people_selectors.employees()
        .filter(pk__in=high_ids | low_ids)
        .select_related("department", "manager")
    }
    plans: dict[int, DevelopmentPlan] = {}
    for plan in improvement_plan_list(status="open").filter(employee_id__in=low_ids):
        plans.setdefault(plan.employee_id, plan)  # the newest open plan
    report.high = _in_name_order(
        Outlier(people[pk], HIGH, levels[pk], high_counts[pk]) for pk in high_ids
    )
    report.low = _in_name_order(
        Outlier(
            people[pk],
            LOW,
            levels[pk],
            low_counts[pk],
            red_goals=red.get(pk, 0),
            missed_check_ins=missed.get(pk, 0),
            improvement_plan=plans.get(pk),
        )
        for pk in low_ids
    )
    return report


def _red_goal_counts(employee_ids: list[int], today: datetime.date) -> dict[int, int]:
    counts: dict[int, int] = {}
    for risk in goal_risks_of_people(employee_ids=employee_ids, today=today):
        if risk.rag == RED and risk.owner_employee_id is not None:
            counts[risk.owner_employee_id] = counts.get(risk.owner_employee_id, 0) + 1
    return counts


def _in_name_order(outliers) -> list[Outlier]:
    return sorted(
        outliers,
        key=lambda o: (o.employee.last_name.lower(), o.employee.first_name.lower(), o.employee.pk),
    )
