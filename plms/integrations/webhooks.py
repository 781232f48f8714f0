"""Webhooks subscribe to the organization's domain events: the public event catalogue and the
outbox listener that writes one `WebhookDelivery` per active subscription to each event.

Domain events are published by their apps (`plms.events.bus.publish`) inside the transaction of
the change; the listener writes the deliveries in the same transaction and enqueues them once it
commits, so a rolled-back change leaves no event and sends nothing.

Every event is sent as the envelope
`{"id", "type", "created_at" (ISO 8601 with time zone), "organization" (uuid), "data"}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.events.bus import EVENTS, listen
from plms.integrations.models import OutboxEvent, WebhookDelivery, WebhookSubscription
from plms.tenancy.models import Organization

EMPLOYEE_CREATED = "employee.created"
EMPLOYEE_UPDATED = "employee.updated"
EMPLOYEE_DEACTIVATED = "employee.deactivated"
ASSESSMENT_SUBMITTED = "assessment.submitted"
ASSESSMENT_CYCLE_CLOSED = "assessment_cycle.closed"
DEVELOPMENT_PLAN_CREATED = "development_plan.created"
DEVELOPMENT_PLAN_COMPLETED = "development_plan.completed"
GOAL_STATUS_CHANGED = "goal.status_changed"
LEARNING_COMPLETED = "learning.completed"
WORKFLOW_MILESTONE_DUE = "workflow.milestone_due"
JOB_ROLE_ASSIGNED = "job_role.assigned"

EVENT_TYPES: tuple[str, ...] = (
    EMPLOYEE_CREATED,
    EMPLOYEE_UPDATED,
    EMPLOYEE_DEACTIVATED,
    ASSESSMENT_SUBMITTED,
    ASSESSMENT_CYCLE_CLOSED,
    DEVELOPMENT_PLAN_CREATED,
    DEVELOPMENT_PLAN_COMPLETED,
    GOAL_STATUS_CHANGED,
    LEARNING_COMPLETED,
    WORKFLOW_MILESTONE_DUE,
    JOB_ROLE_ASSIGNED,
)
EVENT_DESCRIPTIONS = {
    EMPLOYEE_CREATED: _("An employee was added."),
    EMPLOYEE_UPDATED: _("An employee's details or reporting lines changed."),
    EMPLOYEE_DEACTIVATED: _("An employee was deactivated."),
    ASSESSMENT_SUBMITTED: _("An assessment was submitted."),
    ASSESSMENT_CYCLE_CLOSED: _("An assessment cycle was closed."),
    DEVELOPMENT_PLAN_CREATED: _("A development plan was created."),
    DEVELOPMENT_PLAN_COMPLETED: _("A development plan was completed."),
    GOAL_STATUS_CHANGED: _("A goal's status changed."),
    LEARNING_COMPLETED: _("A learning item was completed."),
    WORKFLOW_MILESTONE_DUE: _("A Momentum milestone fell due."),
    JOB_ROLE_ASSIGNED: _("An employee's job role changed (assigned, replaced or taken away)."),
}
# Sent to one subscription on request ("send test event"); nobody subscribes to it.
TEST_EVENT = "webhook.test"


def webhook_types() -> set[str]:
    """The public types of the registered domain events (what EVENT_TYPES must list)."""
    return {event.webhook_type for event in EVENTS.values() if event.webhook_type}


@listen
def deliveries_create(
    organization: Organization,
    rows: list[OutboxEvent],
    subscriptions: Iterable[WebhookSubscription] | None = None,
) -> list[WebhookDelivery]:
    """One delivery per event for each active subscription to its type (or for each of the
    `subscriptions` given, whatever their events: the test event), sent after commit."""
    if subscriptions is None:
        explicit = False
        subscriptions = WebhookSubscription.objects.filter(active=True).only("id", "events")
    else:
        explicit = True
    now = timezone.now()
    deliveries = [
        WebhookDelivery(
            organization_id=organization.pk,
            subscription=subscription,
            event=row,
            next_attempt_at=now,
        )
        for subscription in subscriptions
        for row in rows
        if explicit or row.type in subscription.events
    ]
    if deliveries:
        WebhookDelivery.objects.bulk_create(deliveries)
        transaction.on_commit(
            partial(_enqueue, [d.pk for d in deliveries], organization.pk), robust=True
        )
    return deliveries


def _enqueue(delivery_ids: list[int], organization_id: int) -> None:
    # The tasks call the services, which call this: the one import that points back.
    from plms.integrations.tasks import deliver_webhook

    for delivery_id in delivery_ids:
        deliver_webhook.delay(delivery_id, organization_id=organization_id)
