"""Reads of check-ins: the manager, the report, their managers and HR admins see a check-in;
the private manager notes never reach the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from goals.models import (
    ActionItem,
    CheckIn,
    CheckInEscalation,
    CheckInGoalReview,
    CheckInSeries,
    Goal,
    GoalRedEpisode,
)
from goals.selectors import goal_list_for_display, goal_queryset, report_ids_sql
from plms.common.ids import parse_public_id
from plms.people.models import Employee
from plms.people.selectors import (
    is_manager_of,
)
from plms.tenancy.actors import Actor

# --- Check-ins -------------------------------------------------------------------------------


def _check_in_visibility_q(*, actor: Actor) -> Q:
    if actor.is_admin:
        return Q()
    employee = actor.employee
    if employee is None:
        return Q(pk__in=[])
    # The viewer and their reporting line travel as a list of ids, so each side of a
    # check-in is looked up on its own index; with the line as a subquery inside the OR,
    # every check-in of the organisation was read and tested (80 ms for someone with no
    # reports, among 123,000 check-ins).
    line = Employee.objects.filter(id__in=report_ids_sql(employee)).values_list("pk", flat=True)
    people = [employee.pk, *line]
    return Q(manager_id__in=people) | Q(report_id__in=people)


def check_in_list(*, actor: Actor, status: str = "") -> QuerySet[CheckIn]:
    queryset = CheckIn.objects.select_related("manager", "report", "series").filter(
        _check_in_visibility_q(actor=actor)
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-scheduled_for", "-id")


def check_in_series_list(*, actor: Actor) -> QuerySet[CheckInSeries]:
    return (
        CheckInSeries.objects.select_related("manager", "report")
        .filter(_check_in_visibility_q(actor=actor))
        .order_by("next_date", "id")
    )


def check_in_get(*, actor: Actor, uuid) -> CheckIn | None:
    return check_in_list(actor=actor).filter(uuid=uuid).first()


def check_in_escalations(*, check_in: CheckIn) -> QuerySet[CheckInEscalation]:
    return CheckInEscalation.objects.filter(check_in=check_in).select_related(
        "escalated_to", "resolved_by"
    )


def escalations_to_resolve(*, employee: Employee) -> QuerySet[CheckInEscalation]:
    """Escalations waiting for `employee`'s decision, oldest first (their "what is due")."""
    return (
        CheckInEscalation.objects.filter(escalated_to=employee, resolved_at__isnull=True)
        .select_related("check_in__manager", "check_in__report")
        .order_by("created_at", "id")
    )


def escalation_get_for_viewer(*, actor: Actor, uuid) -> CheckInEscalation | None:
    """An escalation of a check-in the actor may see; None for missing and forbidden alike."""
    visible = CheckIn.objects.filter(_check_in_visibility_q(actor=actor))
    return (
        CheckInEscalation.objects.select_related("check_in")
        .filter(uuid=uuid, check_in__in=visible)
        .first()
    )


def red_episode_goal(*, uuid: str) -> Goal | None:
    """The goal of a red episode (a Momentum run started by the goal turning red names the
    episode), or None."""
    public_id = parse_public_id(uuid)
    if public_id is None:
        return None
    episode = GoalRedEpisode.objects.select_related("goal").filter(uuid=public_id).first()
    return episode.goal if episode is not None else None


def action_item_get(*, actor: Actor, uuid: UUID | str) -> ActionItem | None:
    """An action item of a check-in the actor may see; None for missing and forbidden alike."""
    visible = CheckIn.objects.filter(_check_in_visibility_q(actor=actor))
    return (
        ActionItem.objects.select_related("check_in")
        .filter(uuid=uuid, check_in__in=visible)
        .first()
    )


def sees_private_notes(*, actor: Actor, check_in: CheckIn) -> bool:
    """The manager, the manager's own managers and HR admins; never the report."""
    if actor.is_admin:
        return True
    employee = actor.employee
    if employee is None or employee.pk == check_in.report_id:
        return False
    return employee.pk == check_in.manager_id or is_manager_of(
        manager=employee, employee=check_in.manager
    )


def check_in_open_actions(*, check_in: CheckIn) -> QuerySet[ActionItem]:
    """Action items of the series up to this check-in that are not done, plus the ones
    closed in this check-in's own list (so the page shows what was ticked off)."""
    return (
        ActionItem.objects.filter(series_id=check_in.series_id)
        .filter(
            Q(done_at__isnull=True, check_in__scheduled_for__lte=check_in.scheduled_for)
            | Q(check_in=check_in)
        )
        .select_related("owner", "check_in")
        .order_by("created_at", "id")
    )


def check_in_goal_reviews(*, check_in: CheckIn) -> QuerySet[CheckInGoalReview]:
    return (
        CheckInGoalReview.objects.filter(check_in=check_in)
        .select_related("goal", "goal__owner_employee")
        .order_by("id")
    )


def goals_for_review(*, report: Employee, until: date, today: date | None = None) -> list[Goal]:
    """The report's active goals due by `until` or at risk: what a check-in reviews."""
    goals = goal_queryset().filter(status=Goal.Status.ACTIVE, owner_employee=report)
    return [
        goal
        for goal in goal_list_for_display(goals, today=today)
        if goal.at_risk or (goal.due_date is not None and goal.due_date <= until)
    ]


@dataclass(frozen=True)
class CompletionRate:
    manager: Employee
    due: int
    completed: int

    @property
    def rate(self) -> Decimal | None:
        if not self.due:
            return None
        return (Decimal(self.completed) / Decimal(self.due) * 100).quantize(Decimal("0.1"))


RATES_PER_PAGE = 25


def _due_check_ins(*, today: date) -> QuerySet[CheckIn]:
    """Check-ins that were due by `today`: what a completion rate counts (not cancelled)."""
    return CheckIn.objects.filter(scheduled_for__lte=today).exclude(status=CheckIn.Status.CANCELLED)


def check_in_completion_rates(
    *, actor: Actor, today: date | None = None, managers: Sequence[int] | None = None
) -> list[CompletionRate]:
    """Per manager: of the check-ins that were due by today (not cancelled), how many were
    held. HR admins see every manager's rate (or those of `managers`, by id), anyone else their
    own as a manager (none if they hold no check-ins). One query, and one for the managers."""
    if not actor.is_admin and actor.employee is None:
        return []
    today = today or timezone.localdate()
    check_ins = _due_check_ins(today=today)
    if not actor.is_admin:
        check_ins = check_ins.filter(manager=actor.employee)
    elif managers is not None:
        check_ins = check_ins.filter(manager_id__in=list(managers))
    rows = (
        check_ins.values("manager")
        .annotate(due=Count("id"), completed=Count("id", filter=Q(status="completed")))
        .order_by("manager")
    )
    managers_by_id = Employee.objects.in_bulk([row["manager"] for row in rows])
    return [
        CompletionRate(
            manager=managers_by_id[row["manager"]], due=row["due"], completed=row["completed"]
        )
        for row in rows
    ]


@dataclass(frozen=True)
class CompletionRatePage:
    rates: list[CompletionRate]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def check_in_completion_rate_page(
    *, actor: Actor, number: int = 1, size: int | None = None, today: date | None = None
) -> CompletionRatePage:
    """`check_in_completion_rates` a page at a time, managers by name: for HR admins, the
    page's managers are found first (people by name, each asked whether a check-in of theirs
    was due: an index lookup that stops once the page is full) and only their check-ins are
    counted. Counting every check-in of the organisation per manager took 119 ms for 123,000
    check-ins, to list 1,182 managers on one page. Three queries; anyone else's own rate is
    one row (two)."""
    today = today or timezone.localdate()
    number = max(number, 1)
    size = size or RATES_PER_PAGE
    if not actor.is_admin:
        return CompletionRatePage(
            check_in_completion_rates(actor=actor, today=today), number=1, has_next=False
        )
    held = _due_check_ins(today=today).filter(manager=OuterRef("pk"))
    start = (number - 1) * size
    ids = list(
        Employee.objects.filter(Exists(held))
        .order_by("last_name", "first_name", "id")
        .values_list("pk", flat=True)[start : start + size + 1]
    )
    order = {pk: index for index, pk in enumerate(ids[:size])}
    rates = check_in_completion_rates(actor=actor, today=today, managers=list(order))
    rates.sort(key=lambda rate: order[rate.manager.pk])
    return CompletionRatePage(rates, number=number, has_next=len(ids) > size)


def missed_check_in_counts(
    *, employee_ids: Sequence[int], since: date, today: date | None = None
) -> dict[int, int]:
    """{report's employee id: check-ins scheduled from `since` up to yesterday that were
    neither held nor cancelled} for these people (one query)."""
    today = today or timezone.localdate()
    rows = (
        CheckIn.objects.filter(
            report_id__in=list(employee_ids),
            status=CheckIn.Status.SCHEDULED,
            scheduled_for__gte=since,
            scheduled_for__lt=today,
        )
        .order_by()
        .values("report_id")
        .annotate(missed=Count("id"))
        .values_list("report_id", "missed")
    )
    return dict(rows)
