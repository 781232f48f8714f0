"""Reads of feedback: the giver, the receiver, the receiver's managers and HR admins see it;
public praise is seen by every member.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import (
    Q,
    QuerySet,
)

from goals.models import (
    Feedback,
    FeedbackRequest,
)
from goals.selectors import report_ids_sql
from plms.people.models import Employee
from plms.tenancy.actors import Actor

# --- Feedback --------------------------------------------------------------------------------


def _feedback_visibility_q(*, actor: Actor) -> Q:
    if actor.is_admin:
        return Q()
    employee = actor.employee
    public = Q(visibility=Feedback.Visibility.PUBLIC)
    if employee is None:
        return public
    return (
        public
        | Q(giver=employee)
        | Q(receiver=employee)
        | Q(receiver_id__in=report_ids_sql(employee))
    )


def feedback_list(
    *, actor: Actor, receiver: Employee | None = None, kind: str = "", visibility: str = ""
) -> QuerySet[Feedback]:
    queryset = Feedback.objects.select_related("giver", "receiver", "goal", "request").filter(
        _feedback_visibility_q(actor=actor)
    )
    if receiver is not None:
        queryset = queryset.filter(receiver=receiver)
    if kind:
        queryset = queryset.filter(kind=kind)
    if visibility:
        queryset = queryset.filter(visibility=visibility)
    return queryset.order_by("-created_at", "-id")


def feedback_get(*, actor: Actor, uuid) -> Feedback | None:
    return feedback_list(actor=actor).filter(uuid=uuid).first()


def feedback_inbox(*, employee: Employee) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(receiver=employee)
        .select_related("giver", "goal")
        .order_by("-created_at", "-id")
    )


def public_praise() -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(visibility=Feedback.Visibility.PUBLIC)
        .select_related("giver", "receiver")
        .order_by("-created_at", "-id")
    )


def feedback_request_get(*, uuid: UUID | str | None) -> FeedbackRequest | None:
    """A request for feedback by public id (the service checks it was made to the giver)."""
    return FeedbackRequest.objects.filter(uuid=uuid).first() if uuid else None


def feedback_requests_for(*, employee: Employee) -> QuerySet[FeedbackRequest]:
    """Open requests asking `employee` for feedback."""
    return (
        FeedbackRequest.objects.filter(asked=employee, status=FeedbackRequest.Status.OPEN)
        .select_related("requester", "goal")
        .order_by("-created_at", "-id")
    )
