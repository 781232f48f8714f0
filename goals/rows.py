"""Goals as plain rows: the API's list of goals, without model instances.

A page of 50 goals built as instances with their owner, department, steward, key result,
parents, contributors and capabilities, then serialised field by field, cost several times
the request's fixed cost; the same page read as `values()` rows costs a fraction of it. The
rows carry what `goal_list_judged` attaches to a goal (progress, RAG status, the stored
forecast's verdict), judged by the same rule (`goals.judgement`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils import timezone

from goals.judgement import judge_row, likely_to_miss
from goals.models import GoalAlignment, GoalCapability, GoalContributor
from goals.selectors import goal_queryset, goal_settings_get

GOAL_ROW_FIELDS = (
    "id",
    "uuid",
    "title",
    "description",
    "level",
    "owner_type",
    "owner_employee__uuid",
    "owner_department__uuid",
    "key_result__uuid",
    "status",
    "start_date",
    "due_date",
    "unit",
    "direction",
    "baseline",
    "target",
    "range_low",
    "range_high",
    "indicator",
    "perspective",
    "data_source",
    "data_steward__uuid",
    "update_frequency",
    "weight",
    "rag_green_at",
    "rag_amber_at",
    "range_tolerance_percent",
    "current",
    "forecast_misses",
    "pending_changes",
    "version",
    "created_at",
    "updated_at",
)


def goal_rows(*, ids: Sequence[int], today: date | None = None) -> list[dict[str, Any]]:
    """These goals as dicts of `GOAL_ROW_FIELDS`, in the order of `ids`, plus the public ids
    of their `parents` (in the goals' order), `contributors` (in the people's order) and
    `capabilities` (by name), and their `progress`, `rag` and `likely_to_miss` as
    `goal_list_judged` finds them. Five queries whatever the number of goals."""
    if not ids:
        return []
    today = today or timezone.localdate()
    defaults = goal_settings_get().thresholds
    rows = {
        row["id"]: row
        for row in goal_queryset().filter(id__in=ids).order_by().values(*GOAL_ROW_FIELDS)
    }
    for row in rows.values():
        row["parents"], row["contributors"], row["capabilities"] = [], [], []
        row["progress"], row["rag"] = judge_row(row, defaults=defaults, today=today)
        row["likely_to_miss"] = likely_to_miss(row["status"], row["forecast_misses"])
    parents = (
        GoalAlignment.objects.filter(child_id__in=ids)
        .order_by("parent__due_date", "parent__title", "parent_id")
        .values_list("child_id", "parent__uuid")
    )
    contributors = (
        GoalContributor.objects.filter(goal_id__in=ids)
        .order_by("employee__last_name", "employee__first_name", "employee_id")
        .values_list("goal_id", "employee__uuid")
    )
    capabilities = (
        GoalCapability.objects.filter(goal_id__in=ids)
        .order_by("capability__name", "capability_id")
        .values_list("goal_id", "capability__uuid")
    )
    for key, links in (
        ("parents", parents),
        ("contributors", contributors),
        ("capabilities", capabilities),
    ):
        for goal_id, uuid in links:
            rows[goal_id][key].append(uuid)
    return [rows[pk] for pk in ids if pk in rows]
