"""Reads for the home dashboards that no domain app offers, shaped for one screen each.

Every function runs inside the active organisation (tenant managers and row-level security)
and issues a constant number of queries whatever the size of the team or the organisation:
rows are aggregated by the database, and Python only shapes what comes back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments import gaps
from assessments.models import Assessment, AssessmentCycle, ConsolidatedLevel
from assessments.results_cache import cached_report
from goals import kpi as kpi_math
from goals.checkins.selectors import escalations_to_resolve
from goals.feedback.selectors import feedback_requests_for
from goals.models import CheckIn, Goal, GoalRedEpisode, GoalUpdate, Perspective
from goals.selectors import (
    KPI_COLUMNS,
    DecisionLatency,
    GoalRisk,
    goal_list_judged,
    goal_queryset,
    goal_rag,
    goal_rag_expression,
    goal_settings_get,
)
from learning.impact import completion_rates, impact_report
from learning.models import DevelopmentPlan, PlanItem
from plms.people.models import Department, Employee
from plms.tenancy.context import require_organization_id
from plms.tenancy.models import Organization
from plms.web.models import MemberActivity
from surveys import selectors as survey_selectors

ADOPTION_WEEKS = 8
DUE_SOON_DAYS = 7
UPDATE_INTERVAL_DAYS = {"weekly": 7, "monthly": 30, "quarterly": 91}
RAG_ORDER = (kpi_math.RED, kpi_math.AMBER, kpi_math.GREEN, None)


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


def gap_heatmap_by_department(*, cycle: AssessmentCycle) -> dict:
    """Departments x capability categories of a closed cycle (one aggregate query, cached
    while the results and names are unchanged): for each cell the people assessed, the share
    below target and the weighted gap index."""
    query = (
        gaps.group_levels(cycle=cycle)
        .values(
            "employee__department_id",
            "employee__department__uuid",
            "employee__department__name",
            "capability__category_id",
            "capability__category__name",
        )
        .annotate(
            people=Count("employee_id", distinct=True),
            cells=Count("id"),
            below=Count("id", filter=Q(level_gap__gt=0)),
            weighted_gap=Sum(
                F("requirement_weight") * gaps.POSITIVE_GAP, output_field=gaps.DECIMAL
            ),
            weight=Sum("requirement_weight"),
        )
        .order_by("employee__department__name", "capability__category__name")
    )
    rows = cached_report(cycle=cycle, name="department-categories", build=lambda: list(query))
    departments: dict = {}
    categories: dict = {}
    cells: dict = {}
    for row in rows:
        department_key = row["employee__department_id"]
        category_key = row["capability__category_id"]
        departments.setdefault(
            department_key,
            {
                "uuid": row["employee__department__uuid"],
                "name": row["employee__department__name"] or _("No department"),
            },
        )
        categories.setdefault(category_key, row["capability__category__name"] or _("Other"))
        index = (
            (row["weighted_gap"] / row["weight"]).quantize(Decimal("0.01"))
            if row["weight"]
            else Decimal(0)
        )
        cells[(department_key, category_key)] = {
            "people": row["people"],
            "share_below": round(100 * row["below"] / row["cells"]) if row["cells"] else 0,
            "gap_index": index,
            "band": _band(index),
        }
    columns = sorted(categories.items(), key=lambda item: str(item[1]))
    return {
        "categories": [name for _key, name in columns],
        "rows": [
            {
                "department": department,
                "cells": [cells.get((department_key, key)) for key, _name in columns],
            }
            for department_key, department in sorted(
                departments.items(), key=lambda item: str(item[1]["name"])
            )
        ],
    }


def _band(index: Decimal) -> str:
    if index >= Decimal("0.75"):
        return "high"
    if index >= Decimal("0.25"):
        return "medium"
    return "low"


def cycle_funnel_by_department(*, cycle: AssessmentCycle) -> list[dict]:
    """People in the cycle per department and how far they got: not started, self-assessment
    done, manager rating done, closed (one query)."""
    submitted = Assessment.Status.SUBMITTED
    rows = (
        Assessment.objects.filter(
            cycle=cycle, kind__in=[Assessment.Kind.SELF, Assessment.Kind.MANAGER]
        )
        .values("employee__department__name")
        .annotate(
            people=Count("employee_id", distinct=True),
            started=Count(
                "employee_id",
                filter=Q(status__in=[Assessment.Status.DRAFT, submitted]),
                distinct=True,
            ),
            self_done=Count(
                "employee_id", filter=Q(kind=Assessment.Kind.SELF, status=submitted), distinct=True
            ),
            manager_done=Count(
                "employee_id",
                filter=Q(kind=Assessment.Kind.MANAGER, status=submitted),
                distinct=True,
            ),
        )
        .order_by("employee__department__name")
    )
    closed = cycle.status == AssessmentCycle.Status.CLOSED
    result = []
    for row in rows:
        people = row["people"]
        stages = {
            "not_started": people - row["started"],
            "self_done": row["self_done"],
            "manager_done": row["manager_done"],
            "closed": people if closed else 0,
        }
        result.append(
            {
                "department": row["employee__department__name"] or _("No department"),
                "people": people,
                **stages,
                "percents": {
                    name: round(100 * value / people) if people else 0
                    for name, value in {
                        **stages,
                        "self_only": max(row["self_done"] - row["manager_done"], 0),
                    }.items()
                },
            }
        )
    return result


def goal_rag_by_perspective(*, today: date | None = None) -> list[dict]:
    """Active goals per balanced-scorecard perspective by RAG status (two queries: the
    settings, then one GROUP BY perspective and RAG, computed by the database from each goal's
    KPI and pace exactly as `goal_rag` does, so the rows read do not leave the database)."""
    today = today or timezone.localdate()
    settings = goal_settings_get()
    counts: dict[str, dict] = defaultdict(lambda: {rag: 0 for rag in RAG_ORDER})
    active = Goal.objects.filter(status=Goal.Status.ACTIVE)
    if connection.vendor == "postgresql":
        rows = (
            active.annotate(rag_status=goal_rag_expression(settings=settings, today=today))
            .values("perspective", "rag_status")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            counts[row["perspective"]][row["rag_status"]] += row["n"]
    else:  # the embedded database divides in floating point: judge each goal exactly
        for goal in active.iterator(chunk_size=2000):
            counts[goal.perspective][goal_rag(goal, settings=settings, today=today)] += 1
    result = []
    for value, label in Perspective.choices:
        tally = counts.get(value, {rag: 0 for rag in RAG_ORDER})
        result.append(
            {
                "perspective": value,
                "label": label,
                "red": tally[kpi_math.RED],
                "amber": tally[kpi_math.AMBER],
                "green": tally[kpi_math.GREEN],
                "none": tally[None],
                "total": sum(tally.values()),
            }
        )
    return result


def decision_latency_summary(*, shown: int = 5) -> dict:
    """`goals.selectors.decision_latency` for the dashboard: the mean time from a goal turning
    red to the first action and the episodes still waiting, aggregated by the database, with
    only the `shown` latest episodes loaded (two queries)."""
    totals = GoalRedEpisode.objects.aggregate(
        acted=Count("id", filter=Q(first_action_at__isnull=False)),
        waiting=Count("id", filter=Q(first_action_at__isnull=True)),
        total=Sum(
            ExpressionWrapper(F("first_action_at") - F("turned_red_at"), DurationField()),
            filter=Q(first_action_at__isnull=False),
        ),
    )
    now = timezone.now()
    latest = GoalRedEpisode.objects.select_related("goal").order_by("-turned_red_at", "-id")
    episodes = [
        DecisionLatency(
            goal=e.goal,
            turned_red_at=e.turned_red_at,
            first_action_at=e.first_action_at,
            first_action=e.first_action,
            latency=e.latency if e.first_action_at else now - e.turned_red_at,
        )
        for e in latest[:shown]
    ]
    mean = totals["total"] / totals["acted"] if totals["acted"] else None
    return {"episodes": episodes, "mean": mean, "open": totals["waiting"]}


LEARNING_IMPACT_SQL = """
WITH done AS (
    SELECT item.id, plan.employee_id, item.capability_id,
           (item.completed_at AT TIME ZONE 'UTC')::date AS day
    FROM {plan_item} item
    JOIN {plan} plan ON plan.id = item.plan_id AND plan.organization_id = %(organization)s
    WHERE item.organization_id = %(organization)s AND item.status = %(done)s
      AND item.capability_id IS NOT NULL AND item.completed_at IS NOT NULL
), measured AS (
    SELECT done.id,
           (array_agg(COALESCE(level.adjusted_level, level.level)
                      ORDER BY cycle.period_end DESC, cycle.id DESC)
                FILTER (WHERE cycle.period_end <= done.day))[1] AS before,
           (array_agg(COALESCE(level.adjusted_level, level.level)
                      ORDER BY cycle.period_end, cycle.id)
                FILTER (WHERE cycle.period_end > done.day))[1] AS after
    FROM done
    LEFT JOIN {level} level
           ON level.organization_id = %(organization)s
          AND level.employee_id = done.employee_id AND level.capability_id = done.capability_id
    LEFT JOIN {cycle} cycle ON cycle.id = level.cycle_id
    GROUP BY done.id
)
SELECT count(*), count(after - before), sum(after - before), sum(GREATEST(after - before, 0))
FROM measured
"""


def learning_impact_overall() -> dict:
    """The organisation's learning impact in one aggregate (`learning.impact`'s "overall"
    figures, same definitions): for each done plan item with a capability, the person's
    consolidated level in it in the latest cycle that ended on or before the completion day
    (the UTC date of `completed_at`) and in the first that ended after it; completions, how
    many were measured (both levels known), the mean change and the levels gained.

    One join of the completed items with the levels of the same person and capability,
    grouped per item (no per-item subqueries), under row-level security as every query.
    Elsewhere than on PostgreSQL, `learning.impact` computes the same figures per item."""
    if connection.vendor != "postgresql":
        overall = impact_report()["overall"]
        return {
            key: overall[key] for key in ("completions", "measured", "mean_change", "levels_gained")
        }
    sql = LEARNING_IMPACT_SQL.format(
        plan_item=connection.ops.quote_name(PlanItem._meta.db_table),
        plan=connection.ops.quote_name(DevelopmentPlan._meta.db_table),
        level=connection.ops.quote_name(ConsolidatedLevel._meta.db_table),
        cycle=connection.ops.quote_name(AssessmentCycle._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, {"organization": require_organization_id(), "done": PlanItem.Status.DONE}
        )
        completions, measured, change, gained = cursor.fetchone()
    return {
        "completions": completions,
        "measured": measured,
        "mean_change": _two(change / measured) if measured else None,
        "levels_gained": _two(gained or Decimal(0)),
    }


def _two(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def adoption_by_week(*, today: date | None = None, weeks: int = ADOPTION_WEEKS) -> list[dict]:
    """The last `weeks` weeks, newest first: people who opened PLMS, dashboard views,
    assessments submitted, check-ins held and plan items completed (four queries)."""
    today = today or timezone.localdate()
    first = _week_start(today) - timedelta(weeks=weeks - 1)
    since = timezone.make_aware(datetime.combine(first, time.min))
    table = {
        first + timedelta(weeks=n): {
            "week": first + timedelta(weeks=n),
            "active_people": 0,
            "dashboard_views": 0,
            "assessments": 0,
            "check_ins": 0,
            "plan_items": 0,
        }
        for n in range(weeks)
    }

    def add(rows, name: str) -> None:
        for row in rows:
            week = row["week"]
            week = week.date() if hasattr(week, "date") else week
            if week in table:
                table[week][name] = row["n"]

    activity = (
        MemberActivity.objects.filter(day__gte=first)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(n=Count("user_id", distinct=True), views=Sum("dashboard_views"))
        .order_by("week")
    )
    for row in activity:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        if week in table:
            table[week]["active_people"] = row["n"]
            table[week]["dashboard_views"] = row["views"] or 0
    add(
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED, submitted_at__gte=since)
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week"),
        "assessments",
    )
    add(
        CheckIn.objects.filter(status=CheckIn.Status.COMPLETED, completed_at__gte=since)
        .annotate(week=TruncWeek("completed_at"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week"),
        "check_ins",
    )
    add(
        PlanItem.objects.filter(status=PlanItem.Status.DONE, completed_at__gte=since)
        .annotate(week=TruncWeek("completed_at"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week"),
        "plan_items",
    )
    return sorted(table.values(), key=lambda row: row["week"], reverse=True)


def organisation_trends(
    *, organization: Organization, cycle: AssessmentCycle | None, today: date | None = None
) -> dict:
    """The HR home's organisation-wide aggregates over every goal, plan item and assessment:
    goals by perspective and RAG, the cycle's completion funnel, learning impact, completion
    rates and adoption by week (about a third of a second of database work for 10,000 people).

    Trends, not a ledger: they are computed at most once per `PLMS_DASHBOARD_CACHE_SECONDS`
    (0: every time) for an organisation, followed cycle and its status, day and language;
    `trends_as_of` says when."""
    today = today or timezone.localdate()
    seconds = settings.PLMS_DASHBOARD_CACHE_SECONDS
    key = ":".join(
        (
            "plms:web:trends",
            str(organization.uuid),
            f"{cycle.uuid}.{cycle.status}" if cycle is not None else "-",
            today.isoformat(),
            get_language() or "-",
        )
    )
    if seconds:
        trends = cache.get(key)
        if trends is not None:
            return trends
    goal_rag = goal_rag_by_perspective(today=today)
    trends = {
        "trends_as_of": timezone.now(),
        "goal_rag": goal_rag,
        "goal_rag_total": sum(row["total"] for row in goal_rag),
        "funnel": cycle_funnel_by_department(cycle=cycle) if cycle is not None else [],
        "impact": learning_impact_overall(),
        "impact_rates": completion_rates(),
        "adoption": adoption_by_week(today=today),
    }
    if seconds:
        cache.set(key, trends, seconds)
    return trends


def organisation_headcount() -> dict:
    """The HR home's people figures: active people, those of them who can sign in, and each
    department (name order) with its active people, as the people directory counts them
    (`plms.people.selectors.department_list()`), in two queries:
    the departments' names, and one pass over the active people grouped by department (no
    join of every employee to their department, no count per figure)."""
    counts = {
        row["department_id"]: row
        for row in Employee.objects.filter(active=True)
        .values("department_id")
        .annotate(people=Count("id"), members=Count("id", filter=Q(user__isnull=False)))
        .order_by()
    }
    departments = [
        {**row, "employee_count": counts[row["id"]]["people"] if row["id"] in counts else 0}
        for row in Department.objects.values("id", "uuid", "name").order_by("name", "id")
    ]
    return {
        "people_count": sum(row["people"] for row in counts.values()),
        "members_count": sum(row["members"] for row in counts.values()),
        "departments": departments,
    }
