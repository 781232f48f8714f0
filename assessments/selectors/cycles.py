"""Assessment cycles: lists, the open and closed ones, who is in scope and what launching or
closing one would do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from assessments.models import (
    Assessment,
    AssessmentCycle,
)
from capabilities.models import (
    RoleAssignment,
)
from plms.common.db import count_per_row
from plms.common.ids import parse_public_id
from plms.people.models import Department, Employee
from plms.people.selectors import all_report_ids_sql

# --- Cycles ----------------------------------------------------------------------------------


def _assessment_count(**conditions) -> Coalesce:
    """The number of the cycle's assessments (meeting `conditions`), on the cycle index."""
    assessments = Assessment.objects.filter(cycle=OuterRef("pk"), **conditions)
    return count_per_row(assessments, of="cycle")


def cycles() -> QuerySet[AssessmentCycle]:
    """Every assessment cycle of the organization, unshaped: other apps look cycles up by
    public id here."""
    return AssessmentCycle.objects.all()


def cycle_list(*, status: str = "", search: str = "") -> QuerySet[AssessmentCycle]:
    queryset = (
        AssessmentCycle.objects.select_related("framework_version")
        .defer("framework_version__snapshot")
        .annotate(
            assessment_count=_assessment_count(),
            submitted_count=_assessment_count(status=Assessment.Status.SUBMITTED),
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset.order_by("-period_end", "-id")


def cycle_get(*, uuid) -> AssessmentCycle | None:
    return cycle_list().filter(uuid=uuid).first()


def cycle_scope_employees(cycle: AssessmentCycle) -> QuerySet[Employee]:
    """Active employees in the cycle's scope who hold a job role (there is nothing to rate
    without one)."""
    holders = RoleAssignment.objects.filter(ended_at__isnull=True)
    queryset = Employee.objects.filter(active=True)
    ids = list(cycle.scope_ids or [])
    if cycle.scope == AssessmentCycle.Scope.DEPARTMENTS:
        queryset = queryset.filter(department__uuid__in=ids)
    elif cycle.scope == AssessmentCycle.Scope.ROLES:
        holders = holders.filter(role__uuid__in=ids)
    elif cycle.scope == AssessmentCycle.Scope.EMPLOYEES:
        queryset = queryset.filter(uuid__in=ids)
    return queryset.filter(id__in=holders.values("employee_id"))


def cycle_completion_by_department(*, cycle: AssessmentCycle) -> list[dict]:
    """Per department: assessments, submitted and the share submitted (one query)."""
    rows = (
        Assessment.objects.filter(cycle=cycle)
        .exclude(status__in=[Assessment.Status.NOMINATED, Assessment.Status.DECLINED])
        .values("employee__department__name")
        .annotate(
            total=Count("id"),
            submitted=Count("id", filter=Q(status=Assessment.Status.SUBMITTED)),
        )
        .order_by("employee__department__name")
    )
    return [
        {
            "department": row["employee__department__name"] or "",
            "total": row["total"],
            "submitted": row["submitted"],
            "percent": round(100 * row["submitted"] / row["total"]) if row["total"] else 0,
        }
        for row in rows
    ]


@dataclass(frozen=True)
class CloseConsequences:
    """What closing a cycle does, in numbers, for the confirmation that precedes it."""

    total: int  # the cycle's assessments (declined ones left out)
    unsubmitted: int  # nominated, to do or draft: closed unrated
    people: int  # people with at least one submitted assessment: consolidated

    @property
    def submitted(self) -> int:
        return self.total - self.unsubmitted


def cycle_close_consequences(*, cycle: AssessmentCycle) -> CloseConsequences:
    """How many assessments closing `cycle` leaves unrated, and how many people it
    consolidates (one query)."""
    counts = (
        Assessment.objects.filter(cycle=cycle)
        .exclude(status=Assessment.Status.DECLINED)
        .aggregate(
            total=Count("id"),
            unsubmitted=Count("id", filter=~Q(status=Assessment.Status.SUBMITTED)),
            people=Count(
                "employee_id", filter=Q(status=Assessment.Status.SUBMITTED), distinct=True
            ),
        )
    )
    return CloseConsequences(counts["total"], counts["unsubmitted"], counts["people"])


@dataclass(frozen=True)
class LaunchConsequences:
    """What launching (or relaunching) a cycle does, for the confirmation before it."""

    in_scope: int  # people in scope with a job role
    newcomers: int  # of them, people without an assessment in the cycle yet
    kinds: tuple[str, ...]  # the rater kinds each person gets


def cycle_launch_consequences(*, cycle: AssessmentCycle) -> LaunchConsequences:
    scope = cycle_scope_employees(cycle)
    in_scope = scope.count()
    started = Assessment.objects.filter(cycle=cycle).values("employee_id")
    newcomers = scope.exclude(id__in=started).count() if cycle.pk else in_scope
    return LaunchConsequences(in_scope, newcomers, tuple(cycle.kinds_used))


def latest_closed_cycle() -> AssessmentCycle | None:
    return closed_cycles().first()


def closed_cycles() -> QuerySet[AssessmentCycle]:
    """Closed cycles, newest first: the ones with results to show."""
    return AssessmentCycle.objects.filter(status=AssessmentCycle.Status.CLOSED).order_by(
        "-period_end", "-id"
    )


def closed_cycle_chosen(*, raw_id: object) -> AssessmentCycle | None:
    """The closed cycle named by a query-string id (None when malformed or unknown), or the
    latest closed cycle when none is named."""
    if not raw_id:
        return latest_closed_cycle()
    uuid = parse_public_id(raw_id)
    return closed_cycles().filter(uuid=uuid).first() if uuid else None


def open_cycles() -> QuerySet[AssessmentCycle]:
    """Open cycles, the one ending last first."""
    return AssessmentCycle.objects.filter(status=AssessmentCycle.Status.OPEN).order_by(
        "-period_end", "-id"
    )


def latest_open_cycle() -> AssessmentCycle | None:
    """The open cycle ending last: the one people are being assessed in now."""
    return open_cycles().first()


def current_cycle() -> AssessmentCycle | None:
    """The cycle HR follows now: the latest open one, else the latest closed one (one query)."""
    return (
        AssessmentCycle.objects.filter(
            status__in=[AssessmentCycle.Status.OPEN, AssessmentCycle.Status.CLOSED]
        )
        .order_by(
            Case(When(status=AssessmentCycle.Status.OPEN, then=Value(0)), default=Value(1)),
            "-period_end",
            "-id",
        )
        .first()
    )


def open_peer_cycles() -> QuerySet[AssessmentCycle]:
    """Open cycles that use peer ratings (where people nominate peers)."""
    return AssessmentCycle.objects.filter(
        status=AssessmentCycle.Status.OPEN, weight_peer__gt=0
    ).order_by("-period_end", "-id")


def department_by_public_id(*, raw_id: object) -> Department | None:
    uuid = parse_public_id(raw_id)
    return Department.objects.filter(uuid=uuid).first() if uuid else None


def employee_by_email(*, email: str) -> Employee | None:
    return Employee.objects.filter(email__iexact=(email or "").strip()).first()


def open_expert_cycles() -> QuerySet[AssessmentCycle]:
    """Open cycles that use expert ratings (where experts are granted)."""
    return AssessmentCycle.objects.filter(
        status=AssessmentCycle.Status.OPEN, weight_expert__gt=0
    ).order_by("-period_end", "-id")


def open_expert_cycle_chosen(*, raw_id: object) -> AssessmentCycle | None:
    """The open cycle with expert ratings named by a query-string id (None when malformed or
    unknown), or the latest such cycle when none is named."""
    if not raw_id:
        return open_expert_cycles().first()
    uuid = parse_public_id(raw_id)
    return open_expert_cycles().filter(uuid=uuid).first() if uuid else None


def departments() -> QuerySet[Department]:
    return Department.objects.order_by("name", "id")


def team_ids(*, manager: Employee) -> list[int]:
    """The ids of everyone below `manager` (primary and matrix lines, every level), in order:
    whom a manager's team reports cover, and a key for caching them."""
    reports = all_report_ids_sql(manager_id=manager.pk, include_matrix=True)
    return list(Employee.objects.filter(id__in=reports).order_by("id").values_list("id", flat=True))


def employees_by_public_ids(*, raw_ids: Iterable[object]) -> list[Employee]:
    """The employees named by these public ids; malformed or unknown ids are left out."""
    ids = [uuid for uuid in (parse_public_id(raw) for raw in raw_ids) if uuid is not None]
    return list(Employee.objects.filter(uuid__in=ids).order_by("last_name", "first_name", "id"))
