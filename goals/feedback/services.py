"""Writes of feedback: recognition or corrective feedback (observation, impact, expectation,
support, follow-up), optionally tied to a goal or capability, and requests for feedback.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from capabilities.models import Capability
from goals import selectors
from goals.error_codes import INVALID
from goals.models import (
    Feedback,
    FeedbackCapability,
    FeedbackRequest,
    Goal,
)
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from plms.common.validation import full_clean
from plms.people.models import Employee
from plms.tenancy.actors import Actor, same_organization

# --- Feedback --------------------------------------------------------------------------------


@transaction.atomic
def feedback_give(
    *,
    actor: Actor,
    receiver: Employee,
    observation: str,
    kind: str = Feedback.Kind.RECOGNITION,
    impact: str = "",
    expectation: str = "",
    support_offered: str = "",
    follow_up_date: date | None = None,
    goal: Goal | None = None,
    visibility: str = Feedback.Visibility.PRIVATE,
    request: FeedbackRequest | None = None,
    capabilities: Sequence[Capability] = (),
) -> Feedback:
    """Continuous feedback, outside any review cycle. Corrective feedback is private and
    says what is expected; public praise is recognition. `capabilities` are those it is
    about: it then appears beside them when the receiver is rated, within its visibility."""
    giver = actor.employee
    if giver is None:
        raise PermissionDenied("Feedback is given by a person of the organisation.")
    same_organization(actor, receiver, goal, request, *capabilities)
    errors: dict[str, str] = {}
    if receiver.pk == giver.pk:
        errors["receiver"] = "Feedback is for someone else."
    if not observation.strip():
        errors["observation"] = "Say what you observed."
    if kind == Feedback.Kind.CORRECTIVE:
        if visibility != Feedback.Visibility.PRIVATE:
            errors["visibility"] = "Corrective feedback is private."
        if not expectation.strip():
            errors["expectation"] = "Say what is expected from now on."
    if request is not None and (
        request.asked_id != giver.pk or request.requester_id != receiver.pk
    ):
        errors["request"] = "This request was not made to you by this person."
    if errors:
        raise ApplicationError(INVALID, "Please correct the feedback.", fields=errors)
    if goal is not None and selectors.goal_get(actor=actor, uuid=goal.uuid) is None:
        raise NotFound()
    feedback = Feedback(
        giver=giver,
        receiver=receiver,
        kind=kind,
        observation=observation.strip(),
        impact=impact.strip(),
        expectation=expectation.strip(),
        support_offered=support_offered.strip(),
        follow_up_date=follow_up_date,
        goal=goal,
        visibility=visibility,
        request=request,
    )
    full_clean(feedback, exclude=["giver", "receiver", "goal", "request"])
    feedback.save()
    for capability in dict.fromkeys(capabilities):
        FeedbackCapability.objects.create(feedback=feedback, capability=capability)
    if request is not None:
        FeedbackRequest.objects.filter(pk=request.pk).update(status="answered")
    audit_record(
        actor=actor,
        action="feedback.given",
        obj=feedback,
        changes={
            "receiver": str(receiver.uuid),
            "kind": kind,
            "visibility": visibility,
            "capabilities": sorted(c.key for c in capabilities),
        },
    )
    return feedback


@transaction.atomic
def feedback_request_create(
    *, actor: Actor, asked: Employee, message: str = "", goal: Goal | None = None
) -> FeedbackRequest:
    requester = actor.employee
    if requester is None:
        raise PermissionDenied("Feedback is requested by a person of the organisation.")
    same_organization(actor, asked, goal)
    if asked.pk == requester.pk:
        raise ApplicationError(INVALID, "Ask someone else.", fields={"asked": "Yourself."})
    request = FeedbackRequest.objects.create(
        requester=requester, asked=asked, message=message.strip(), goal=goal
    )
    audit_record(actor=actor, action="feedback_request.created", obj=request)
    return request
