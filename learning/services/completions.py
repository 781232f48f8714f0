"""Completions from an LMS: recording a completion and its effect on plan items, and claiming
the re-assessment it requests.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction

from assessments.services.ratings import attested_rating_record
from learning.events import (
    LearningCompleted,
)
from learning.models import (
    CapabilityEvidence,
    ItemCapability,
    LearningCompletion,
    LearningItem,
    PlanItem,
    ReassessmentRequest,
)
from learning.services.plans import PROGRESS_STATUSES
from plms.audit.services import audit_record
from plms.events.bus import publish
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization

# --- Completions from an LMS -------------------------------------------------------------------


def _apply_outcome(completion: LearningCompletion) -> str:
    """Do what the item's completion is configured to do, once per capability (the unique
    constraints on the completion make a second attempt a no-op)."""
    item = completion.item
    links = list(ItemCapability.objects.filter(item=item).select_related("capability"))
    outcome = item.completion_outcome
    if outcome == LearningItem.Outcome.RATING and completion.passed is False:
        outcome = LearningItem.Outcome.EVIDENCE  # a failed exam is evidence of effort only
    if outcome == LearningItem.Outcome.REASSESS:
        ReassessmentRequest.objects.bulk_create(
            ReassessmentRequest(
                organization_id=completion.organization_id,
                employee_id=completion.employee_id,
                capability=link.capability,
                completion=completion,
            )
            for link in links
        )
    else:
        kind = (
            CapabilityEvidence.Kind.RATING
            if outcome == LearningItem.Outcome.RATING
            else CapabilityEvidence.Kind.EVIDENCE
        )
        score = f" (score {completion.score})" if completion.score is not None else ""
        if kind == CapabilityEvidence.Kind.RATING:
            for link in links:
                attested_rating_record(
                    employee=completion.employee,
                    capability=link.capability,
                    level=link.level_to,
                    attested_at=completion.completed_at,
                    source=f"Passed {item.title}{score}",
                    source_key=f"learning-completion:{completion.uuid}",
                )
        CapabilityEvidence.objects.bulk_create(
            CapabilityEvidence(
                organization_id=completion.organization_id,
                employee_id=completion.employee_id,
                capability=link.capability,
                completion=completion,
                kind=kind,
                level=link.level_to if kind == CapabilityEvidence.Kind.RATING else None,
                note=f"Completed {item.title}{score}"[:300],
                recorded_at=completion.completed_at,
            )
            for link in links
        )
    return str(outcome)


@transaction.atomic
def completion_record(
    *,
    actor: Actor,
    employee: Employee,
    item: LearningItem,
    completed_at: datetime,
    score: Decimal | None = None,
    passed: bool | None = None,
    external_id: str = "",
) -> tuple[LearningCompletion, bool]:
    """Record a completion (from an LMS); returns (completion, created).

    Idempotent: the same employee, item and completion time, or the same external completion
    id, returns the completion recorded first and changes nothing. A new completion applies
    the item's outcome once, marks the item done in the employee's open plans, and emits
    `learning.completed`.
    """
    actor.require_admin()
    same_organization(actor, employee, item)
    external_id = (external_id or "").strip()
    existing = LearningCompletion.objects.filter(
        employee=employee, item=item, completed_at=completed_at
    )
    if external_id:
        existing = LearningCompletion.objects.filter(external_id=external_id) | existing
    found = existing.select_related("item").first()
    if found is not None:
        return found, False
    completion = LearningCompletion(
        employee=employee,
        item=item,
        completed_at=completed_at,
        score=score,
        passed=passed,
        external_id=external_id,
    )
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:  # the same completion arrived concurrently
        return existing.select_related("item").get(), False
    completion.outcome = _apply_outcome(completion)
    completion.save(update_fields=["outcome"])
    PlanItem.objects.filter(
        item=item,
        plan__employee=employee,
        plan__status__in=PROGRESS_STATUSES,
    ).exclude(status=PlanItem.Status.DONE).update(
        status=PlanItem.Status.DONE,
        completed_at=completed_at,
        evidence=f"Completion reported by {actor.label}.",
    )
    audit_record(
        actor=actor,
        action="learning.completed",
        obj=completion,
        changes={"item": item.title, "employee": str(employee.uuid), "outcome": completion.outcome},
    )
    publish(
        actor_or_organization=actor,
        events=[LearningCompleted.of(completion, passed=passed)],
    )
    return completion, True


def reassessment_request_claim(*, actor: Actor, request: ReassessmentRequest) -> bool:
    """Mark an open request scheduled (compare-and-swap: only one caller wins, True for it)."""
    actor.require_admin()
    same_organization(actor, request)
    return bool(
        ReassessmentRequest.objects.filter(
            pk=request.pk, status=ReassessmentRequest.Status.OPEN
        ).update(status=ReassessmentRequest.Status.SCHEDULED)
    )
