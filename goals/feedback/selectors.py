"""Reads of feedback: the giver, the receiver, the receiver's managers and HR admins see it;
public praise is seen by every member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from django.db.models import (
    Q,
    QuerySet,
)

from capabilities.models import Capability
from goals.models import (
    Feedback,
    FeedbackCapability,
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
    queryset = (
        Feedback.objects.select_related("giver", "receiver", "goal", "request")
        .prefetch_related("capability_links__capability")
        .filter(_feedback_visibility_q(actor=actor))
    )
    if receiver is not None:
        queryset = queryset.filter(receiver=receiver)
    if kind:
        queryset = queryset.filter(kind=kind)
    if visibility:
        queryset = queryset.filter(visibility=visibility)
    return queryset.order_by("-created_at", "-id")


def feedback_by_capability(
    *, actor: Actor, employee: Employee, capabilities: Iterable[Capability]
) -> dict[int, list[Feedback]]:
    """Feedback the employee received about each of `capabilities`, newest first, keeping
    only what the actor may see (the giver, the receiver, the receiver's managers and HR;
    public praise to everyone): `{capability id: [feedback, …]}`. What the rating form and
    the results show beside each capability. Two queries whatever the numbers."""
    ids = [c.pk for c in capabilities]
    if not ids:
        return {}
    visible = feedback_list(actor=actor, receiver=employee).values("pk")
    pairs = list(
        FeedbackCapability.objects.filter(
            capability_id__in=ids, feedback_id__in=visible
        ).values_list("capability_id", "feedback_id")
    )
    if not pairs:
        return {}
    feedback = {
        f.pk: f
        for f in Feedback.objects.filter(pk__in={f for _, f in pairs})
        .select_related("giver")
        .order_by("-created_at", "-id")
    }
    result: dict[int, list[Feedback]] = defaultdict(list)
    for capability_id, feedback_id in pairs:
        result[capability_id].append(feedback[feedback_id])
    for items in result.values():
        items.sort(key=lambda f: (f.created_at, f.pk), reverse=True)
    return dict(result)


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
