"""The learning app's domain events: development plans created and completed, learning done."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from learning.models import DevelopmentPlan, LearningCompletion
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
