"""Writes of training feedback: a learner rates (1-5) and comments on a learning item they
completed; rating it again replaces their earlier feedback."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from learning.models import LearningCompletion, LearningFeedback, LearningItem, PlanItem
from plms.audit.services import audit_record
from plms.common.error_codes import INVALID
from plms.common.errors import ApplicationError, PermissionDenied
from plms.tenancy.actors import Actor, same_organization


def completed_by(*, employee_id: int, item: LearningItem) -> bool:
    """Whether the person completed the item: a done item of one of their plans, or a
    completion an LMS reported."""
    return (
        PlanItem.objects.filter(
            plan__employee_id=employee_id, item=item, status=PlanItem.Status.DONE
        ).exists()
        or LearningCompletion.objects.filter(employee_id=employee_id, item=item).exists()
    )


@transaction.atomic
def learning_feedback_give(
    *, actor: Actor, item: LearningItem, rating: int, comment: str = ""
) -> LearningFeedback:
    """The learner's rating and comment on an item they completed (refused otherwise)."""
    employee = actor.employee
    if employee is None:
        raise PermissionDenied("Training feedback is given by the learner.")
    same_organization(actor, item)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ApplicationError(
            INVALID, "Rate it from 1 to 5.", fields={"rating": "From 1 (poor) to 5 (excellent)."}
        )
    if not completed_by(employee_id=employee.pk, item=item):
        raise ApplicationError(
            INVALID,
            "Rate learning once you have completed it.",
            fields={"item": "Not completed yet."},
        )
    feedback, created = LearningFeedback.objects.select_for_update().get_or_create(
        employee=employee, item=item, defaults={"rating": rating, "comment": comment.strip()}
    )
    if not created:
        feedback.rating, feedback.comment = rating, comment.strip()
        feedback.updated_at = timezone.now()
        feedback.save(update_fields=["rating", "comment", "updated_at"])
    audit_record(
        actor=actor,
        action="learning_feedback.given",
        obj=item,
        changes={"rating": rating},
    )
    return feedback
