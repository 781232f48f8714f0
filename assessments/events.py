"""The assessments app's domain events: a cycle's launch finishes, an assessment is submitted
(and with it, when its cycle asks questions, the rater's review answers), a cycle closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, AssessmentCycle
from assessments.reviews.selectors import SubmittedAnswers
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


class ReviewAnswersSubmitted(DomainEvent):
    """A rater submitted their answers to the questions of the cycle's review template (with
    the assessment). Answers given as one of a pool (peers, reports about their manager) are
    anonymous: the event names neither the assessment nor the rater, nor how many questions
    that one rater answered; the pool's answers are read from `review-answers` once enough
    respondents submitted (`respondents_shown`). Never the answers themselves: they are read
    through the API, which applies who may see them."""

    name = "review_answers_submitted"
    label = _("A review's answers were submitted.")
    webhook_type = "review_answers.submitted"

    @classmethod
    def of(
        cls, assessment: Assessment, *, answers: SubmittedAnswers, submitted_at: datetime
    ) -> ReviewAnswersSubmitted:
        cycle = assessment.cycle
        version = cycle.review_template_version
        template = cycle.review_template
        named = not answers.pooled
        return cls(
            subject=str(assessment.employee.uuid),
            data={
                "assessment": str(assessment.uuid) if named else None,
                "cycle": str(cycle.uuid),
                "employee": str(assessment.employee.uuid),
                "kind": assessment.kind,
                "anonymous": answers.pooled,
                "rater": str(assessment.rater.uuid) if named else None,
                "template": str(template.uuid) if template is not None else None,
                "template_version": version.number if version is not None else None,
                "questions": answers.questions,
                "answered": answers.answered,
                "respondents_shown": answers.respondents_shown,
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
