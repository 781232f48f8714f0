"""The scale and the capabilities an employee's job role requires, with their levels."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Avg,
    QuerySet,
    Subquery,
)

from assessments.models import (
    Assessment,
    Rating,
)
from capabilities.models import (
    CompetencyScale,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)

# --- Scale and requirements ------------------------------------------------------------------


def _the_scale() -> Subquery:
    """The organisation's scale (its first), as a subquery: its levels are one query."""
    return Subquery(CompetencyScale.objects.order_by("id").values("id")[:1])


def scale_levels() -> list[ScaleLevel]:
    """The levels of the organisation's scale, lowest first (none before a scale exists)."""
    return list(ScaleLevel.objects.filter(scale_id=_the_scale()).order_by("number"))


def scale_bounds() -> tuple[int, int]:
    """The lowest and highest level of the organisation's scale (1-5 before one exists)."""
    numbers = list(
        ScaleLevel.objects.filter(scale_id=_the_scale()).values_list("number", flat=True)
    )
    return (min(numbers), max(numbers)) if numbers else (1, 5)


def proficient_level() -> int:
    scale = CompetencyScale.objects.order_by("id").only("proficient_level").first()
    return scale.proficient_level if scale is not None else 3


def required_capabilities(*, employee_id: int) -> dict[int, RoleRequirement]:
    """{capability id: requirement} of the employee's current job role (one query)."""
    requirements = RoleRequirement.objects.filter(
        role__assignments__employee_id=employee_id, role__assignments__ended_at__isnull=True
    ).select_related("capability", "capability__category")
    return {r.capability_id: r for r in requirements.order_by("-is_core", "capability__name")}


def required_capability_ids(*, employee_id: int) -> set[int]:
    """The ids of the capabilities the employee's current job role requires (one query, no
    model instances: what a write checks its ratings against)."""
    return set(
        RoleRequirement.objects.filter(
            role__assignments__employee_id=employee_id, role__assignments__ended_at__isnull=True
        )
        .order_by()
        .values_list("capability_id", flat=True)
    )


def current_requirements_for(*, employee_ids: Iterable[int] | QuerySet) -> dict[tuple, dict]:
    """{(employee id, capability id): {target_level, weight}} for many employees: their
    current roles, then those roles' requirements (two queries, joined here: one row per
    person and requirement would multiply a role's requirements by its holders in SQL)."""
    roles = dict(
        RoleAssignment.objects.filter(employee_id__in=employee_ids, ended_at__isnull=True)
        .order_by()
        .values_list("employee_id", "role_id")
    )
    by_role: dict[int, list[Any]] = defaultdict(list)
    for row in (
        RoleRequirement.objects.filter(role_id__in=set(roles.values()))
        .order_by()
        .values("role_id", "capability_id", "target_level", "weight")
    ):
        by_role[row["role_id"]].append(row)
    return {
        (employee_id, row["capability_id"]): {
            "target_level": row["target_level"],
            "weight": row["weight"],
        }
        for employee_id, role_id in roles.items()
        for row in by_role.get(role_id, ())
    }


def reference_levels(*, assessment: Assessment) -> dict[int, float]:
    """{capability id: level} the evidence-distance rule compares a rating with: the submitted
    self-rating for managers, the submitted manager rating(s) for everyone else (falling back
    to the self-rating for peers and experts)."""
    if assessment.kind == Assessment.Kind.MANAGER:
        kinds = ["self"]
    elif assessment.kind == Assessment.Kind.SELF:
        kinds = ["manager"]
    else:
        kinds = ["manager", "self"]
    rows = (
        Rating.objects.filter(
            assessment__cycle_id=assessment.cycle_id,
            assessment__employee_id=assessment.employee_id,
            assessment__kind__in=kinds,
            assessment__status=Assessment.Status.SUBMITTED,
            level__isnull=False,
        )
        .exclude(assessment_id=assessment.pk)
        .values("capability_id", "assessment__kind")
        .annotate(mean=Avg("level"))
    )
    by_kind: dict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        by_kind[row["assessment__kind"]][row["capability_id"]] = float(row["mean"])
    result: dict[int, float] = {}
    for kind in reversed(kinds):  # the first kind wins
        result.update(by_kind.get(kind, {}))
    return result
