"""Reads of goal templates."""

from __future__ import annotations

from uuid import UUID

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)

from capabilities.models import Capability
from goals.models import (
    Goal,
    GoalTemplate,
)

# --- Goals -----------------------------------------------------------------------------------


def goal_template_list(*, search: str = "") -> QuerySet[GoalTemplate]:
    templates = (
        GoalTemplate.objects.select_related("parent", "key_result__role")
        .prefetch_related(Prefetch("capabilities", queryset=Capability.objects.order_by("name")))
        .annotate(goal_count=Count("goals", filter=~Q(goals__status=Goal.Status.CANCELLED)))
    )
    for word in search.split():
        templates = templates.filter(Q(name__icontains=word) | Q(title__icontains=word))
    return templates.order_by("name", "id")


def goal_template_get(*, uuid: UUID | str) -> GoalTemplate | None:
    return goal_template_list().filter(uuid=uuid).first()
