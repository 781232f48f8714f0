"""The rating form, and the goal results shown beside each capability."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Prefetch,
)

from assessments.models import (
    Assessment,
    Rating,
)
from assessments.selectors.requirements import scale_levels
from capabilities.models import (
    Capability,
    CapabilityLevel,
    RoleRequirement,
)
from goals.models import Goal
from goals.selectors import goal_results_by_capability, goal_visibility_q
from plms.people.models import Employee
from plms.tenancy.actors import Actor

# --- Rating form -----------------------------------------------------------------------------


def rating_form_data(*, assessment: Assessment, viewer_is_manager: bool = False) -> dict:
    """Everything the rating form shows, in a constant number of queries: the required
    capabilities with every level's descriptor and indicators, the target, the rater's saved
    ratings, and (for managers, once submitted) the employee's self-rating."""
    requirements = list(
        RoleRequirement.objects.filter(
            role__assignments__employee_id=assessment.employee_id,
            role__assignments__ended_at__isnull=True,
        )
        .select_related("capability")
        .prefetch_related(
            Prefetch("capability__levels", queryset=CapabilityLevel.objects.order_by("level"))
        )
        .order_by("-is_core", "capability__name", "id")
    )
    saved = {r.capability_id: r for r in Rating.objects.filter(assessment=assessment).order_by()}
    self_ratings: dict[int, Rating] = {}
    self_submitted = False
    if assessment.kind == Assessment.Kind.MANAGER:
        own = (
            Assessment.objects.filter(
                cycle_id=assessment.cycle_id,
                employee_id=assessment.employee_id,
                kind=Assessment.Kind.SELF,
                status=Assessment.Status.SUBMITTED,
            )
            .prefetch_related("ratings")
            .first()
        )
        if own is not None:
            self_submitted = True
            self_ratings = {r.capability_id: r for r in own.ratings.all()}
    levels = scale_levels()
    items = []
    for requirement in requirements:
        descriptors = {level.level: level for level in requirement.capability.levels.all()}
        items.append(
            {
                "requirement": requirement,
                "capability": requirement.capability,
                "levels": [
                    (scale_level, descriptors.get(scale_level.number)) for scale_level in levels
                ],
                "rating": saved.get(requirement.capability_id),
                "self_rating": self_ratings.get(requirement.capability_id),
            }
        )
    return {"items": items, "scale": levels, "self_submitted": self_submitted}


def goal_results_for_viewer(
    *, actor: Actor, employee: Employee, capabilities: Iterable[Capability]
) -> dict[int, list[Goal]]:
    """The employee's goal results (active or completed goals they own or contribute to, with
    progress, RAG and forecast) beside each of `capabilities`: `{capability id: [goal, …]}`,
    keeping only the goals the actor may see. Evidence a rater weighs; it is never a rating.

    A constant number of queries whatever the number of capabilities and goals.
    """
    results = goal_results_by_capability(employee=employee, capabilities=list(capabilities))
    own = actor.employee is not None and actor.employee.pk == employee.pk
    if not results or actor.is_admin or own:
        # One's own goals, owned or contributed to, are always visible to oneself: the
        # visibility rule's team subquery (every reporting line) is not needed.
        return results
    goal_ids = {goal.pk for goals in results.values() for goal in goals}
    visible = set(
        Goal.objects.filter(goal_visibility_q(actor=actor), pk__in=goal_ids).values_list(
            "pk", flat=True
        )
    )
    shown = {
        capability_id: [goal for goal in goals if goal.pk in visible]
        for capability_id, goals in results.items()
    }
    return {capability_id: goals for capability_id, goals in shown.items() if goals}
