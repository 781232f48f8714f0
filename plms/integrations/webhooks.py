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

from plms.common.schema import register_webhook_events
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
ASSESSMENT_CYCLE_LAUNCHED = "assessment_cycle.launched"
PLAN_BUILD_FINISHED = "plan_build.finished"
COMPENSATION_REVIEW_FINALISED = "compensation_review.finalised"
BONUS_RUN_FINALISED = "bonus_run.finalised"
REVIEW_ANSWERS_SUBMITTED = "review_answers.submitted"
SUCCESSOR_NOMINATED = "successor.nominated"
SUCCESSOR_REMOVED = "successor.removed"
TALENT_POOL_MEMBER_ADDED = "talent_pool.member_added"
TALENT_POOL_MEMBER_REMOVED = "talent_pool.member_removed"
POTENTIAL_ASSESSMENT_CALIBRATED = "potential_assessment.calibrated"

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
    ASSESSMENT_CYCLE_LAUNCHED,
    PLAN_BUILD_FINISHED,
    COMPENSATION_REVIEW_FINALISED,
    BONUS_RUN_FINALISED,
    REVIEW_ANSWERS_SUBMITTED,
    SUCCESSOR_NOMINATED,
    SUCCESSOR_REMOVED,
    TALENT_POOL_MEMBER_ADDED,
    TALENT_POOL_MEMBER_REMOVED,
    POTENTIAL_ASSESSMENT_CALIBRATED,
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
    ASSESSMENT_CYCLE_LAUNCHED: _("An assessment cycle's launch finished."),
    PLAN_BUILD_FINISHED: _("The development plans of a closed cycle were built."),
    COMPENSATION_REVIEW_FINALISED: _(
        "A compensation review was finalised: the new pay is effective on its date."
    ),
    BONUS_RUN_FINALISED: _("A bonus run was finalised: its bonuses are ready for payroll."),
    REVIEW_ANSWERS_SUBMITTED: _(
        "A rater submitted their answers to a review's questions (peers and reports about "
        "their manager anonymously: neither the assessment nor the rater is named)."
    ),
    SUCCESSOR_NOMINATED: _("A successor was put on a critical role's slate (ids only)."),
    SUCCESSOR_REMOVED: _("A successor was taken off a critical role's slate (ids only)."),
    TALENT_POOL_MEMBER_ADDED: _("A person was confirmed in a talent pool (ids only)."),
    TALENT_POOL_MEMBER_REMOVED: _("A person was removed from a talent pool (ids only)."),
    POTENTIAL_ASSESSMENT_CALIBRATED: _(
        "Calibration settled a person's potential (ids only: read the level through the API)."
    ),
}
# Example `data` of events, published in the OpenAPI document (`x-webhooks`) and docs/webhooks.md.
EVENT_EXAMPLES: dict[str, dict] = {
    ASSESSMENT_CYCLE_LAUNCHED: {
        "id": "7c0f5a2e-3d1b-4c55-9a7e-2f8d6b1c4e90",
        "name": "Q1 2027 competency review",
        "scope": "roles",
        "launched_at": "2027-01-04T09:30:12.123456+00:00",
        "people": 240,
        "assessments": 612,
    },
    PLAN_BUILD_FINISHED: {
        "id": "3e9b1f7a-8c2d-4e6f-a1b0-5d4c3b2a1908",
        "cycle": "7c0f5a2e-3d1b-4c55-9a7e-2f8d6b1c4e90",
        "run": 1,
        "people_considered": 238,
        "plans_created": 171,
        "finished_at": "2027-04-02T18:05:40.002311+00:00",
    },
    GOAL_STATUS_CHANGED: {
        "id": "2b6c1d0e-9f8a-4b7c-8d6e-5f4a3b2c1d0e",
        "title": "Raise first-contact resolution to 60 %",
        "owner_employee": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
        "owner_department": None,
        "previous_status": "active",
        "status": "completed",
        "changed_at": "2027-03-29T16:12:03.517000Z",
    },
    WORKFLOW_MILESTONE_DUE: {
        "id": "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a",
        "workflow": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        "workflow_name": "Onboarding",
        "milestone": "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f",
        "kind": "schedule_check_in",
        "run": "4e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c1b",
        "employee": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
        "due_at": "2027-01-11T09:00:00Z",
        "deadline_at": "2027-01-18T09:00:00Z",
    },
    REVIEW_ANSWERS_SUBMITTED: {
        "assessment": None,
        "cycle": "7c0f5a2e-3d1b-4c55-9a7e-2f8d6b1c4e90",
        "employee": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
        "kind": "upward",
        "anonymous": True,
        "rater": None,
        "template": "2d4f6a8c-1e3b-4d5f-8a7c-9e0b1d2f3a4c",
        "template_version": 3,
        "questions": 3,
        "answered": None,
        "respondents_shown": True,
        "submitted_at": "2027-03-12T10:41:07.200114+00:00",
    },
    SUCCESSOR_NOMINATED: {
        "id": "8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
        "critical_role": "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98",
        "role": "5f1d3c8e-2b0a-4a59-8b53-0f1e9f6c7d21",
        "employee": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
        "nominated_at": "2027-02-01T10:15:00.000000+00:00",
    },
    TALENT_POOL_MEMBER_ADDED: {
        "id": "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
        "pool": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
        "employee": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
        "added_at": "2027-02-01T10:20:00.000000+00:00",
    },
    POTENTIAL_ASSESSMENT_CALIBRATED: {
        "id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
        "employee": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
        "cycle": "7c0f5a2e-3d1b-4c55-9a7e-2f8d6b1c4e90",
        "calibrated_at": "2027-02-03T15:00:00.000000+00:00",
    },
    JOB_ROLE_ASSIGNED: {
        "employee": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
        "employee_external_id": "H-1",
        "assignment": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        "role": "5f1d3c8e-2b0a-4a59-8b53-0f1e9f6c7d21",
        "role_key": "customer-advisor",
        "previous_role": None,
        "at": "2027-01-03T08:00:00+00:00",
    },
    BONUS_RUN_FINALISED: {
        "id": "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
        "name": "2027 bonus",
        "year": 2027,
        "finalised_at": "2028-02-15T10:20:00+00:00",
        "people": 240,
    },
}

# Sent to one subscription on request ("send test event"); nobody subscribes to it.
TEST_EVENT = "webhook.test"


def documented_events() -> list[tuple[str, str, dict]]:
    """(type, description, example data) of every event, for the OpenAPI document."""
    return [
        (event_type, str(EVENT_DESCRIPTIONS[event_type]), EVENT_EXAMPLES.get(event_type, {}))
        for event_type in EVENT_TYPES
    ]


register_webhook_events(documented_events)


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
