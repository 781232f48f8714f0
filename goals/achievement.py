"""The goal part of a person's overall rating: the achievement of the goals they own that fall
in the rating's period (read by reward)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from goals import kpi as kpi_math
from goals.models import Goal


@dataclass(frozen=True)
class GoalAchievement:
    employee_id: int
    title: str
    perspective: str
    weight: Decimal
    progress: Decimal


def goal_achievement_for(
    *, employee_ids: Iterable[int], period_start: date, period_end: date
) -> dict[int, list[GoalAchievement]]:
    """{employee id: [achievement, …]} of the active or completed goals each person owns that
    are due within the period (a goal without a due date counts when it is active): the goal
    part of the overall rating. Goals whose KPI gives no progress are left out. One query."""
    goals = (
        Goal.objects.filter(
            owner_employee_id__in=list(employee_ids),
            status__in=[Goal.Status.ACTIVE, Goal.Status.COMPLETED],
        )
        .filter(
            Q(due_date__gte=period_start, due_date__lte=period_end)
            | Q(due_date__isnull=True, status=Goal.Status.ACTIVE)
        )
        .order_by("owner_employee_id", "title", "id")
    )
    results: dict[int, list[GoalAchievement]] = defaultdict(list)
    for goal in goals:
        progress = kpi_math.progress_percent(goal.kpi)
        if progress is None or goal.owner_employee_id is None:
            continue
        results[goal.owner_employee_id].append(
            GoalAchievement(
                employee_id=goal.owner_employee_id,
                title=goal.title,
                perspective=goal.perspective,
                weight=goal.weight,
                progress=progress,
            )
        )
    return dict(results)
