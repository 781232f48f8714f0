"""The assessments app's domain events: a cycle's launch finishes, an assessment is submitted,
a cycle closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, AssessmentCycle
from plms.events.bus import DomainEvent


class AssessmentSubmitted(DomainEvent):
    name = "assessment_submitted"
    label = _("An assessment was submitted.")
    webhook_type = "assessment.submitted"

    @classmethod
    def of(cls, assessment: Assessment, *, submitted_at: datetime) -> AssessmentSubmitted:
        return cls(
            subject=str(assessment.employee.uuid),
            data={
                "id": str(assessment.uuid),
                "cycle": str(assessment.cycle.uuid),
                "employee": str(assessment.employee.uuid),
                "kind": assessment.kind,
                "submitted_at": submitted_at,
            },
        )


@dataclass(frozen=True, kw_only=True)
class CycleClosed(DomainEvent):
    """Concerns everyone: subscribers decide whom (a Momentum template its audience)."""

    name = "cycle_closed"
    label = _("An assessment cycle was closed.")
    webhook_type = "assessment_cycle.closed"
    audience_wide = True

    # For subscribers inside the application (not part of the webhook's data).
    cycle_id: int = 0
    organization_id: int = 0

    @classmethod
    def of(cls, cycle: AssessmentCycle, *, consolidated_levels: int) -> CycleClosed:
        return cls(
            cycle_id=cycle.pk,
            organization_id=cycle.organization_id,
            data={
                "id": str(cycle.uuid),
                "name": cycle.name,
                "period_start": cycle.period_start,
                "period_end": cycle.period_end,
                "closed_at": cycle.closed_at,
                "consolidated_levels": consolidated_levels,
            },
        )


class CycleLaunched(DomainEvent):
    """The background launch of a cycle has created every assessment (clients need not poll
    the cycle's launch progress). Concerns everyone in scope: no single subject."""

    name = "cycle_launched"
    label = _("An assessment cycle's launch finished.")
    webhook_type = "assessment_cycle.launched"
    audience_wide = True

    @classmethod
    def of(cls, cycle: AssessmentCycle, *, people: int, assessments: int) -> CycleLaunched:
        return cls(
            data={
                "id": str(cycle.uuid),
                "name": cycle.name,
                "scope": cycle.scope,
                "launched_at": cycle.launched_at,
                "people": people,
                "assessments": assessments,
            }
        )
