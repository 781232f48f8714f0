"""Reads for the home dashboards that no domain app offers, shaped for one screen each.

Every function runs inside the active organisation (tenant managers and row-level security)
and issues a constant number of queries whatever the size of the team or the organisation:
rows are aggregated by the database, and Python only shapes what comes back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import gaps
from assessments.models import Assessment, AssessmentCycle
from goals import kpi as kpi_math
from goals.checkins.selectors import escalations_to_resolve
from goals.feedback.selectors import feedback_requests_for
from goals.models import CheckIn, Goal, GoalUpdate
from goals.selectors import (
    KPI_COLUMNS,
    GoalRisk,
    goal_list_judged,
    goal_queryset,
    goal_rag,
    goal_settings_get,
)
from learning.models import DevelopmentPlan, PlanItem
from plms.people.models import Employee
from surveys import selectors as survey_selectors

DUE_SOON_DAYS = 7
UPDATE_INTERVAL_DAYS = {"weekly": 7, "monthly": 30, "quarterly": 91}


# --- Employee: what is due ---------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One thing the person should do, with where to do it."""

    kind: str  # assessment, plan_item, check_in, goal_update, feedback_request, survey
    label: str
    title: str
    url: str
    due: date | None = None
    detail: str = ""
    today: date = field(default_factory=timezone.localdate, compare=False)

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today

    @property
    def due_today(self) -> bool:
        return self.due is not None and self.due == self.today


# The columns the home reads of a person's own goals: what judges them and what it shows.
MY_GOAL_FIELDS = (
    "uuid",
    "title",
    "status",
    "update_frequency",
    "start_date",
    "due_date",
    "activated_at",
    "created_at",
    *KPI_COLUMNS,
    "rag_green_at",
    "rag_amber_at",
    "range_tolerance_percent",
)


def _active_goals_of(employee: Employee) -> list[Goal]:
    latest = GoalUpdate.objects.filter(goal=OuterRef("pk")).order_by("-recorded_at", "-id")
    return list(
        Goal.objects.filter(owner_employee=employee, status=Goal.Status.ACTIVE)
        .only(*MY_GOAL_FIELDS)
        .annotate(last_update=Subquery(latest.values("recorded_at")[:1]))
        .order_by("due_date", "title", "id")
    )


def my_goals(*, employee: Employee, today: date | None = None) -> list[Goal]:
    """The person's active goals, in the goal list's order (due date, title), each judged as
    the goal pages judge it (`progress`, `rag`) and with `last_update`, when its latest
    progress was recorded (None before the first). Two queries: the organisation's goal
    settings, and the goals with their own columns only (no owner, department or key result
    joined: the home shows none of them)."""
    today = today or timezone.localdate()
    settings = goal_settings_get()
    goals = _active_goals_of(employee)
    for goal in goals:
        goal.progress = kpi_math.progress_percent(goal.kpi)
        goal.rag = goal_rag(goal, settings=settings, today=today)
    return goals


def due_items(
    *,
    employee: Employee,
    today: date | None = None,
    limit: int = 12,
    goals: Sequence[Goal] | None = None,
) -> list[DueItem]:
    """Open assessments to give, plan items, check-ins in the coming week, goal updates that
    are due, feedback asked of the person, escalations waiting for their decision and survey
    rounds to answer, overdue first, then by date (undated last). Seven queries at most, six
    when the caller passes the person's active goals as `my_goals` returns them."""
    today = today or timezone.localdate()
    items: list[DueItem] = []

    assessments = (
        Assessment.objects.filter(
            rater=employee,
            status__in=Assessment.OPEN_STATUSES,
            cycle__status=AssessmentCycle.Status.OPEN,
        )
        .select_related("cycle", "employee")
        .order_by("cycle__period_end", "id")[:limit]
    )
    for assessment in assessments:
        if assessment.kind == Assessment.Kind.SELF:
            title = _("Your self-assessment")
        else:
            title = _("%(kind)s assessment of %(name)s") % {
                "kind": assessment.get_kind_display(),
                "name": assessment.employee.full_name,
            }
        items.append(
            DueItem(
                kind="assessment",
                label=_("Assessment"),
                title=title,
                url=reverse("assessments:assessment_form", args=[assessment.uuid]),
                due=assessment.cycle.deadline_of(assessment.kind),
                detail=assessment.cycle.name,
                today=today,
            )
        )

    plan_items = (
        PlanItem.objects.filter(
            plan__employee=employee,
            plan__status__in=[DevelopmentPlan.Status.APPROVED, DevelopmentPlan.Status.ACTIVE],
        )
        .exclude(status=PlanItem.Status.DONE)
        .select_related("item", "plan")
        .order_by(F("due_date").asc(nulls_last=True), "order", "id")[:limit]
    )
    for plan_item in plan_items:
        items.append(
            DueItem(
                kind="plan_item",
                label=_("Development plan"),
                title=plan_item.title or (plan_item.item.title if plan_item.item else ""),
                url=reverse("learning:plan_detail", args=[plan_item.plan.uuid]),
                due=plan_item.due_date,
                detail=plan_item.get_status_display(),
                today=today,
            )
        )

    check_ins = (
        CheckIn.objects.filter(
            Q(report=employee) | Q(manager=employee),
            status=CheckIn.Status.SCHEDULED,
            scheduled_for__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("manager", "report")
        .order_by("scheduled_for", "id")[:limit]
    )
    for check_in in check_ins:
        other = check_in.report if check_in.manager_id == employee.pk else check_in.manager
        items.append(
            DueItem(
                kind="check_in",
                label=_("Check-in"),
                title=_("Check-in with %(name)s") % {"name": other.full_name},
                url=reverse("goals:check_in_detail", args=[check_in.uuid]),
                due=check_in.scheduled_for,
                detail=_("Prepare progress, obstacles and priorities"),
                today=today,
            )
        )

    if goals is None:
        goals = _active_goals_of(employee)
    by_due_date = sorted(goals, key=lambda g: (g.due_date is None, g.due_date or date.min, g.pk))
    for goal in by_due_date[: limit * 2]:
        interval = timedelta(days=UPDATE_INTERVAL_DAYS.get(goal.update_frequency, 30))
        last_update = goal.last_update  # type: ignore[attr-defined]  # by _active_goals_of()
        since = (
            timezone.localdate(last_update)
            if last_update
            else (goal.start_date or timezone.localdate(goal.activated_at or goal.created_at))
        )
        next_update = since + interval
        if next_update <= today + timedelta(days=DUE_SOON_DAYS):
            items.append(
                DueItem(
                    kind="goal_update",
                    label=_("Goal update"),
                    title=goal.title,
                    url=reverse("goals:goal_detail", args=[goal.uuid]),
                    due=next_update,
                    detail=_("Record this %(frequency)s progress")
                    % {"frequency": goal.get_update_frequency_display().lower()},
                    today=today,
                )
            )

    for request in feedback_requests_for(employee=employee)[:limit]:
        items.append(
            DueItem(
                kind="feedback_request",
                label=_("Feedback asked"),
                title=_("%(name)s asked for your feedback") % {"name": request.requester.full_name},
                url=reverse("goals:feedback_give") + f"?to={request.requester.uuid}"
                f"&request={request.uuid}",
                detail=request.message[:120],
                today=today,
            )
        )

    for escalation in escalations_to_resolve(employee=employee)[:limit]:
        items.append(
            DueItem(
                kind="escalation",
                label=_("Escalation"),
                title=_("%(part)s escalated by %(manager)s about %(report)s")
                % {
                    "part": escalation.get_part_display(),
                    "manager": escalation.check_in.manager.full_name,
                    "report": escalation.check_in.report.full_name,
                },
                url=reverse("goals:check_in_detail", args=[escalation.check_in.uuid])
                + f"#escalation-{escalation.uuid}",
                due=timezone.localdate(escalation.created_at),
                detail=escalation.text[:120],
                today=today,
            )
        )

    for survey_round in survey_selectors.rounds_to_answer(employee=employee):
        items.append(
            DueItem(
                kind="survey",
                label=_("Survey"),
                title=survey_round.survey.name,
                url=reverse("surveys:answer", args=[survey_round.survey.uuid]),
                due=timezone.localdate(survey_round.closes_at) - timedelta(days=1),
                detail=_("Anonymous: nobody sees who gave which answer"),
                today=today,
            )
        )

    items.sort(key=lambda item: (item.due is None, item.due or date.max, item.title))
    return items[:limit]


# --- Manager: the team table ---------------------------------------------------------------------


@dataclass
class TeamRow:
    employee: Employee
    self_status: str | None = None
    manager_status: str | None = None
    rate_url: str = ""
    gaps: list[tuple[str, Decimal]] = field(default_factory=list)
    goals_at_risk: int = 0
    goals_red: int = 0
    next_check_in: CheckIn | None = None
    plan_done: int = 0
    plan_items: int = 0
    plan_url: str = ""

    @property
    def assessment_stage(self) -> int:
        """0 not started, 1 self-assessment done, 2 manager rating done (sorting key)."""
        if self.manager_status == Assessment.Status.SUBMITTED:
            return 2
        if self.self_status == Assessment.Status.SUBMITTED:
            return 1
        return 0

    @property
    def in_cycle(self) -> bool:
        return self.self_status is not None or self.manager_status is not None

    @property
    def behind(self) -> bool:
        return self.in_cycle and self.assessment_stage < 2

    @property
    def biggest_gap(self) -> Decimal:
        return self.gaps[0][1] if self.gaps else Decimal(0)

    @property
    def plan_percent(self) -> int | None:
        return round(100 * self.plan_done / self.plan_items) if self.plan_items else None


def team_rows(
    *,
    manager: Employee,
    reports: list[Employee],
    open_cycle: AssessmentCycle | None,
    closed_cycle: AssessmentCycle | None,
    goals_at_risk: Sequence[GoalRisk],
    gaps_per_person: int = 2,
) -> list[TeamRow]:
    """One row per report: assessment status in the open cycle (and the manager's rating link),
    biggest gaps in the latest closed cycle, goals at risk, the next check-in and plan progress.
    Four queries whatever the size of the team."""
    rows = {report.pk: TeamRow(employee=report) for report in reports}
    ids = list(rows)
    if not ids:
        return []

    if open_cycle is not None:
        assessments = Assessment.objects.filter(
            cycle=open_cycle,
            employee_id__in=ids,
            kind__in=[Assessment.Kind.SELF, Assessment.Kind.MANAGER],
        ).values_list("employee_id", "kind", "status", "rater_id", "uuid")
        for employee_id, kind, status, rater_id, uuid in assessments:
            row = rows[employee_id]
            if kind == Assessment.Kind.SELF:
                row.self_status = status
            else:
                if row.manager_status != Assessment.Status.SUBMITTED:
                    row.manager_status = status
                if rater_id == manager.pk and status in Assessment.OPEN_STATUSES:
                    row.rate_url = reverse("assessments:assessment_form", args=[uuid])

    if closed_cycle is not None:
        levels = (
            gaps.group_levels(cycle=closed_cycle, employee_ids=ids)
            .filter(level_gap__gt=0)  # type: ignore[misc]  # annotated by group_levels()
            .order_by("employee_id", "-level_gap", "capability__name")
            .values_list("employee_id", "capability__name", "level_gap")
        )
        for employee_id, name, gap in levels:
            if len(rows[employee_id].gaps) < gaps_per_person:
                rows[employee_id].gaps.append((name, Decimal(gap).quantize(Decimal("0.1"))))

    for goal in goals_at_risk:
        at_risk = rows.get(goal.owner_employee_id or 0)
        if at_risk is not None:
            at_risk.goals_at_risk += 1
            at_risk.goals_red += goal.rag == kpi_math.RED

    check_ins = (
        CheckIn.objects.filter(report_id__in=ids, status=CheckIn.Status.SCHEDULED)
        .select_related("manager")
        .order_by("scheduled_for", "id")
    )
    for check_in in check_ins:
        row = rows[check_in.report_id]
        if row.next_check_in is None:
            row.next_check_in = check_in

    plans = (
        DevelopmentPlan.objects.filter(employee_id__in=ids)
        .exclude(status=DevelopmentPlan.Status.COMPLETED)
        .annotate(
            item_count=Count("items", distinct=True),
            done_count=Count("items", filter=Q(items__status=PlanItem.Status.DONE), distinct=True),
        )
        .order_by("employee_id", "-created_at", "-id")
        .values_list("employee_id", "uuid", "item_count", "done_count")
    )
    for employee_id, uuid, item_count, done_count in plans:
        row = rows[employee_id]
        if not row.plan_url:
            row.plan_url = reverse("learning:plan_detail", args=[uuid])
            row.plan_items, row.plan_done = item_count, done_count
    return list(rows.values())


def team_heatmap_card(*, cycle: AssessmentCycle, employee_ids: Sequence[int], columns: int) -> dict:
    """The team card's heatmap: `gaps.heatmap_focus(gaps.heatmap(...), columns=columns)` of the
    team's levels in `cycle`, read as plain values (one query) instead of a level, a person
    and a capability instance per cell. Rows {"employee": {uuid, full_name}, "cells": [{
    current_level, target_level, level_gap} or None]} by name; `capabilities` ({pk, name})
    are the `columns` where most people are below target (then the largest total gap, then
    name), in name order; `total` counts the team's capabilities."""
    cells = (
        gaps.group_levels(cycle=cycle, employee_ids=list(employee_ids))
        .order_by("employee__last_name", "employee__first_name", "employee_id", "capability__name")
        .values_list(  # type: ignore[misc]  # current_level, level_gap: by group_levels()
            "employee_id",
            "employee__uuid",
            "employee__first_name",
            "employee__last_name",
            "capability_id",
            "capability__name",
            "current_level",
            "target_level",
            "level_gap",
        )
    )
    people: dict[int, dict] = {}
    names: dict[int, str] = {}
    below: dict[int, int] = defaultdict(int)
    total_gap: dict[int, Decimal] = defaultdict(Decimal)
    for employee_id, uuid, first, last, capability_id, name, current, target, gap in cells:
        names.setdefault(capability_id, name)
        row = people.setdefault(
            employee_id,
            {"employee": {"uuid": uuid, "full_name": f"{first} {last}".strip()}, "cells": {}},
        )
        row["cells"][capability_id] = {
            "current_level": current,
            "target_level": target,
            "level_gap": gap,
        }
        if gap > 0:
            below[capability_id] += 1
            total_gap[capability_id] += gap
    by_name = sorted(names, key=lambda pk: names[pk])
    ranked = sorted(by_name, key=lambda pk: (-below[pk], -total_gap[pk], names[pk]))
    kept = sorted(ranked[:columns], key=lambda pk: names[pk])
    return {
        "capabilities": [{"pk": pk, "name": names[pk]} for pk in kept],
        "rows": [
            {"employee": row["employee"], "cells": [row["cells"].get(pk) for pk in kept]}
            for row in people.values()
        ],
        "total": len(names),
    }


def goals_of_risks(risks: Sequence[GoalRisk], *, today: date | None = None) -> list[Goal]:
    """The goals of `risks`, in their order, judged as `goals.selectors.goals_for_risks` judges
    them (`rag`, `progress`) but without reading their updates: the card shows no sparkline."""
    goals = goal_list_judged(
        goal_queryset().filter(pk__in=[risk.goal_id for risk in risks]), today=today
    )
    by_id = {goal.pk: goal for goal in goals}
    return [by_id[risk.goal_id] for risk in risks if risk.goal_id in by_id]


TEAM_SORTS = {
    "name": lambda r: (r.employee.last_name.lower(), r.employee.first_name.lower()),
    "assessment": lambda r: (r.assessment_stage, not r.in_cycle),
    "gap": lambda r: r.biggest_gap,
    "goals": lambda r: (r.goals_red, r.goals_at_risk),
    "check_in": lambda r: (
        r.next_check_in is None,
        r.next_check_in.scheduled_for if r.next_check_in else date.max,
    ),
    "plan": lambda r: (r.plan_percent is None, r.plan_percent or 0),
}
# Columns whose first sort puts the largest first (who needs attention).
TEAM_SORTS_DESCENDING_FIRST = ("gap", "goals")
TEAM_FILTERS = ("behind", "at_risk", "no_check_in", "no_plan")


def team_rows_filter(rows: list[TeamRow], *, show: str = "", search: str = "") -> list[TeamRow]:
    if show == "behind":
        rows = [r for r in rows if r.behind]
    elif show == "at_risk":
        rows = [r for r in rows if r.goals_at_risk]
    elif show == "no_check_in":
        rows = [r for r in rows if r.next_check_in is None]
    elif show == "no_plan":
        rows = [r for r in rows if not r.plan_url]
    for word in search.lower().split():
        rows = [
            r
            for r in rows
            if word in r.employee.full_name.lower() or word in r.employee.title.lower()
        ]
    return rows


def team_rows_sort(rows: list[TeamRow], *, sort: str) -> list[TeamRow]:
    descending = sort.startswith("-")
    key = TEAM_SORTS.get(sort.lstrip("-"), TEAM_SORTS["name"])
    return sorted(rows, key=key, reverse=descending)


# --- HR: the organisation ------------------------------------------------------------------------
