"""Events of an organization, for webhooks: `emit()` writes them to the outbox.

Call `emit()` inside the transaction of the change it describes. It writes an `OutboxEvent`
and one `WebhookDelivery` per active subscription to the event, and enqueues the deliveries
once the transaction commits: a rolled-back change leaves no event and sends nothing.

Every event is sent as the envelope
`{"id", "type", "created_at" (ISO 8601 with time zone), "organization" (uuid), "data"}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.integrations.models import OutboxEvent, WebhookDelivery, WebhookSubscription
from plms.tenancy.actors import Actor
from plms.tenancy.context import require_organization_id
from plms.tenancy.models import Organization

if TYPE_CHECKING:
    from plms.people.models import Employee

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


def _organization_of(actor_or_organization: Actor | Organization) -> Organization:
    if isinstance(actor_or_organization, Actor):
        return actor_or_organization.organization
    return actor_or_organization


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(dict(data), cls=DjangoJSONEncoder))


def emit(
    *, actor_or_organization: Actor | Organization, event: str, payload: Mapping[str, Any]
) -> OutboxEvent:
    """Record `event` with `payload` as its `data`; deliver it to subscribers after commit."""
    return emit_many(actor_or_organization=actor_or_organization, events=[(event, payload)])[0]


def emit_many(
    *,
    actor_or_organization: Actor | Organization,
    events: Iterable[tuple[str, Mapping[str, Any]]],
    subscriptions: Iterable[WebhookSubscription] | None = None,
) -> list[OutboxEvent]:
    """`emit()` for several events with one query per table (bulk writes use it).

    `subscriptions` narrows the recipients (the test event goes to one subscription whatever
    its events); by default every active subscription to the event type receives it.
    """
    organization = _organization_of(actor_or_organization)
    if organization.pk != require_organization_id():
        raise ValueError("Events are emitted inside their organization's scope.")
    events = list(events)
    unknown = sorted({name for name, _ in events if name not in (*EVENT_TYPES, TEST_EVENT)})
    if unknown:
        raise ValueError(f"Unknown event type(s): {', '.join(unknown)}.")
    if not events:
        return []

    now = timezone.now()
    rows = []
    for name, data in events:
        row = OutboxEvent(organization_id=organization.pk, type=name, created_at=now)
        row.payload = {
            "id": str(row.uuid),
            "type": name,
            "created_at": now.isoformat(),
            "organization": str(organization.uuid),
            "data": _jsonable(data),
        }
        rows.append(row)
    OutboxEvent.objects.bulk_create(rows)

    if subscriptions is None:
        explicit = False
        subscriptions = WebhookSubscription.objects.filter(active=True).only("id", "events")
    else:
        explicit = True
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
    return rows


def _enqueue(delivery_ids: list[int], organization_id: int) -> None:
    from plms.integrations.tasks import deliver_webhook

    for delivery_id in delivery_ids:
        deliver_webhook.delay(delivery_id, organization_id=organization_id)


def employee_data(employee: Employee) -> dict[str, Any]:
    """The `data` of `employee.*` events: the employee as the API shows it."""
    return {
        "id": str(employee.uuid),
        "email": employee.email,
        "external_id": employee.external_id,
        "first_name": employee.first_name,
        "last_name": employee.last_name,
        "title": employee.title,
        "department": str(employee.department.uuid) if employee.department_id else None,
        "manager": str(employee.manager.uuid) if employee.manager_id else None,
        "start_date": employee.start_date,
        "active": employee.active,
        "updated_at": employee.updated_at,
    }


def job_role_assigned_data(*, employee, role, previous, assignment, at) -> dict[str, Any]:
    """The `data` of `job_role.assigned`: who, the role now held (null: none) and before."""
    return {
        "employee": str(employee.uuid),
        "employee_external_id": employee.external_id,
        "assignment": str(assignment.uuid) if assignment is not None else None,
        "role": str(role.uuid) if role is not None else None,
        "role_key": role.key if role is not None else None,
        "previous_role": str(previous.uuid) if previous is not None else None,
        "at": at,
    }


def employee_event(*, created: bool, was_active: bool, employee: Employee) -> str:
    """Which `employee.*` event a write of `employee` is."""
    if created:
        return EMPLOYEE_CREATED
    if was_active and not employee.active:
        return EMPLOYEE_DEACTIVATED
    return EMPLOYEE_UPDATED
