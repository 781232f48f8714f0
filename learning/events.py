"""The learning app's domain events: development plans created and completed, learning done."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from learning.models import DevelopmentPlan, LearningCompletion, PlanBuild
from plms.events.bus import DomainEvent


def plan_data(plan: DevelopmentPlan) -> dict[str, Any]:
    """The public representation of a development plan in its events."""
    return {
        "id": str(plan.uuid),
        "employee": str(plan.employee.uuid),
        "kind": plan.kind,
        "status": plan.status,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
    }


class PlanEvent(DomainEvent):
    @classmethod
    def of(cls, plan: DevelopmentPlan) -> PlanEvent:
        return cls(subject=str(plan.employee.uuid), data=plan_data(plan))


class DevelopmentPlanCreated(PlanEvent):
    name = "development_plan_created"
    label = _("A development plan was created.")
    webhook_type = "development_plan.created"


class DevelopmentPlanCompleted(PlanEvent):
    name = "development_plan_completed"
    label = _("A development plan was completed.")
    webhook_type = "development_plan.completed"


class LearningCompleted(DomainEvent):
    name = "learning_completed"
    label = _("A learning item was completed.")
    webhook_type = "learning.completed"

    @classmethod
    def of(cls, completion: LearningCompletion, *, passed: bool | None) -> LearningCompleted:
        employee, item = completion.employee, completion.item
        return cls(
            subject=str(employee.uuid),
            data={
                "id": str(completion.uuid),
                "employee": str(employee.uuid),
                "item": str(item.uuid),
                "item_external_id": item.external_id,
                "completed_at": completion.completed_at,
                "score": completion.score,
                "passed": passed,
                "outcome": completion.outcome,
            },
        )


class PlanBuildFinished(DomainEvent):
    """The background build of a closed cycle's draft plans has finished (clients need not
    poll the build's progress). Concerns everyone considered: no single subject."""

    name = "plan_build_finished"
    label = _("The development plans of a closed cycle were built.")
    webhook_type = "plan_build.finished"
    audience_wide = True

    @classmethod
    def of(cls, build: PlanBuild, *, considered: int, created: int) -> PlanBuildFinished:
        return cls(
            data={
                "id": str(build.uuid),
                "cycle": str(build.cycle.uuid),
                "run": build.runs,
                "people_considered": considered,
                "plans_created": created,
                "finished_at": build.finished_at,
            }
        )
