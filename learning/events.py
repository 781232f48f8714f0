"""The learning app's domain events: development plans created and completed, learning done,
an improvement plan signed off by HR."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from learning.models import DevelopmentPlan, LearningCompletion, PlanBuild
from plms.events.bus import DomainEvent, Occurrence


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


def _micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


class SignedOffFeed:
    """Improvement plans in the order HR signed them off; the cursor is the sign-off time in
    microseconds since the epoch (plans are signed off in any order of their ids)."""

    def start(self) -> int:
        last = DevelopmentPlan.objects.filter(
            kind=DevelopmentPlan.Kind.IMPROVEMENT, hr_signed_off_at__isnull=False
        ).aggregate(last=Max("hr_signed_off_at"))["last"]
        return _micros(last) if last is not None else 0

    def read(self, *, after: int, limit: int) -> tuple[list[Occurrence], int]:
        since = datetime.fromtimestamp(after / 1_000_000, tz=UTC)
        plans = list(
            DevelopmentPlan.objects.filter(
                kind=DevelopmentPlan.Kind.IMPROVEMENT, hr_signed_off_at__gt=since
            )
            .only("id", "uuid", "employee_id", "hr_signed_off_at")
            .order_by("hr_signed_off_at", "id")[:limit]
        )
        found = [
            Occurrence(
                _micros(plan.hr_signed_off_at),
                f"pip:{plan.uuid}",
                plan.hr_signed_off_at,
                employee_id=plan.employee_id,
            )
            for plan in plans
            if plan.hr_signed_off_at is not None
        ]
        return found, (found[-1].cursor if found else after)


class ImprovementPlanSignedOff(DomainEvent):
    """HR signed off a performance improvement plan: it starts, and its review dates are to be
    reminded. Recorded on the plan itself (`hr_signed_off_at`), read through its feed."""

    name = "improvement_plan_signed_off"
    label = _("HR signed off a performance improvement plan.")
    feed = SignedOffFeed()


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
