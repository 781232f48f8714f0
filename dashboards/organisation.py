"""Reads for the HR admin's organisation section of the home (`/home/organisation/`): the gap
heatmap by department, the cycle's funnel, goals by perspective, decision latency, learning
impact, adoption by week and headcounts. Constant queries whatever the organisation's size;
the trends are cached (`PLMS_DASHBOARD_CACHE_SECONDS`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
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
    Q,
    Sum,
)
from django.db.models.functions import TruncWeek
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from assessments import gaps
from assessments.models import Assessment, AssessmentCycle, ConsolidatedLevel
from assessments.results_cache import cached_report
from goals import kpi as kpi_math
from goals.models import CheckIn, Goal, GoalRedEpisode, Perspective
from goals.selectors import (
    DecisionLatency,
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

ADOPTION_WEEKS = 8
RAG_ORDER = (kpi_math.RED, kpi_math.AMBER, kpi_math.GREEN, None)


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


BAND_LABELS = {"high": _lazy("large gap"), "medium": _lazy("some gap"), "low": _lazy("small gap")}


def gap_heatmap_card(*, cycle: AssessmentCycle) -> str:
    """The organisation section's departments x categories of a closed cycle, rendered
    (`web/_organisation_gaps.html`; "" when nobody was assessed against a target): hundreds
    of cells with their links, which took most of the section's time to render. The HTML is
    cached with the same key as the figures (`assessments.results_cache`: the cycle's results
    and the names and placements shown), the cycle's name and the language."""
    language = get_language() or "-"
    name = hashlib.md5(cycle.name.encode(), usedforsecurity=False).hexdigest()[:12]

    def build() -> str:
        heatmap = gap_heatmap_by_department(cycle=cycle)
        if not heatmap["rows"]:
            return ""
        team, gaps_report = reverse("assessments:team"), reverse("assessments:gap_report")
        for row in heatmap["rows"]:
            uuid = row["department"]["uuid"]
            query = f"?cycle={cycle.uuid}&department={uuid}"
            row["team_url"] = f"{team}{query}" if uuid else ""
            row["gaps_url"] = f"{gaps_report}{query}" if uuid else ""
            for cell in row["cells"]:
                if cell is not None:
                    cell["band_label"] = BAND_LABELS[cell["band"]]
        return render_to_string(
            "web/_organisation_gaps.html",
            {"org_cycle": cycle, "org_heatmap": heatmap, "not_assessed": _("not assessed")},
        )

    html = cached_report(
        cycle=cycle, name=f"department-categories-card:{language}:{name}", build=build
    )
    return mark_safe(html)  # rendered by the template above, which escapes what it shows


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


TRENDS_KEPT_SECONDS = 6 * 3600  # how long trends past their refresh stay to be shown
TRENDS_BUILD_SECONDS = 60  # how long one request's claim to refresh them holds


def organisation_trends(
    *, organization: Organization, cycle: AssessmentCycle | None, today: date | None = None
) -> dict:
    """The HR home's organisation-wide aggregates over every goal, plan item and assessment:
    goals by perspective and RAG, the cycle's completion funnel, learning impact, completion
    rates and adoption by week (about a second of database work for 10,000 people).

    Trends, not a ledger: they are computed at most once per `PLMS_DASHBOARD_CACHE_SECONDS`
    (0: every time) for an organisation, followed cycle and its status, day and language;
    `trends_as_of` says when. Once they are due again, one request computes them (it claims
    the refresh with an `add` on the cache) while the others show the last ones computed, so
    HR's pages do not all wait for the same second of work at once; only the first view of
    the day (or of a newly followed cycle) waits."""
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
        kept = cache.get(key)
        if kept is not None:
            if timezone.now() - kept["trends_as_of"] < timedelta(seconds=seconds):
                return kept
            if not cache.add(f"{key}:refresh", 1, TRENDS_BUILD_SECONDS):
                return kept  # another request is computing them
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
        cache.set(key, trends, max(seconds, TRENDS_KEPT_SECONDS))
        cache.delete(f"{key}:refresh")
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
