"""Each organisation's retention rules drive the purges of webhook history and notifications:
two organisations with different rules keep different history; an organisation that has not
saved its own rules follows the global settings (PostgreSQL, row-level security on)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from plms.integrations import tasks as integration_tasks
from plms.integrations.models import OutboxEvent, WebhookDelivery
from plms.privacy import selectors
from tests.conftest import in_org
from tests.integrations.factories import (
    OutboxEventFactory,
    WebhookDeliveryFactory,
    WebhookSubscriptionFactory,
)
from tests.privacy.factories import RetentionPolicyFactory
from tests.workflows.factories import NotificationFactory
from workflows import tasks as workflow_tasks
from workflows.models import Notification

EmailState = Notification.EmailState


def _delivery(org, *, days_ago: int) -> int:
    created = timezone.now() - timedelta(days=days_ago)
    event = OutboxEventFactory(organization=org, created_at=created)
    WebhookDeliveryFactory(
        organization=org,
        subscription=WebhookSubscriptionFactory(organization=org),
        event=event,
        status=WebhookDelivery.Status.DELIVERED,
        created_at=created,
    )
    return event.pk


def _events_left(org) -> set[int]:
    with in_org(org):
        return set(OutboxEvent.objects.values_list("pk", flat=True))


def _notification(org, *, days_ago: int, email_state: str = EmailState.SENT) -> int:
    return NotificationFactory(
        organization=org,
        created_at=timezone.now() - timedelta(days=days_ago),
        email_state=email_state,
    ).pk


def _notifications_left(org) -> set[int]:
    with in_org(org):
        return set(Notification.objects.values_list("pk", flat=True))


def test_webhook_history_is_kept_as_long_as_each_organisation_says(org_a, org_b, settings):
    settings.PLMS_RETENTION_DAYS = 90
    RetentionPolicyFactory(organization=org_a, webhook_history_days=30)  # org_b: the global 90
    a_old, a_kept = _delivery(org_a, days_ago=40), _delivery(org_a, days_ago=20)
    b_old, b_kept = _delivery(org_b, days_ago=100), _delivery(org_b, days_ago=40)

    assert integration_tasks.purge_webhook_history() == 2

    assert _events_left(org_a) == {a_kept}
    assert _events_left(org_b) == {b_kept}
    assert a_old not in _events_left(org_a) and b_old not in _events_left(org_b)

    # org_b saves a shorter rule of its own: the next purge follows it.
    RetentionPolicyFactory(organization=org_b, webhook_history_days=10)
    integration_tasks.purge_webhook_history()
    assert _events_left(org_b) == set()
    assert _events_left(org_a) == {a_kept}


def test_notifications_are_kept_as_long_as_each_organisation_says(org_a, org_b, settings):
    settings.PLMS_NOTIFICATION_RETENTION_DAYS = 365
    RetentionPolicyFactory(organization=org_a, notifications_days=30)  # org_b: the global 365
    a_old = _notification(org_a, days_ago=40)
    a_kept = _notification(org_a, days_ago=20)
    a_unsent = _notification(org_a, days_ago=200, email_state=EmailState.PENDING)
    a_in_digest = _notification(org_a, days_ago=200, email_state=EmailState.DIGEST)
    b_old = _notification(org_b, days_ago=400)
    b_kept = _notification(org_b, days_ago=200, email_state=EmailState.NONE)

    assert workflow_tasks.purge_notifications() == 2

    # An e-mail still to go keeps its notification whatever its age.
    assert _notifications_left(org_a) == {a_kept, a_unsent, a_in_digest}
    assert _notifications_left(org_b) == {b_kept}
    assert a_old not in _notifications_left(org_a) and b_old not in _notifications_left(org_b)
    # Idempotent.
    workflow_tasks.purge_notifications()
    assert _notifications_left(org_a) == {a_kept, a_unsent, a_in_digest}


def test_unsaved_rules_show_the_global_settings_the_purges_use(org_a, settings):
    settings.PLMS_RETENTION_DAYS = 45
    settings.PLMS_NOTIFICATION_RETENTION_DAYS = 120
    with in_org(org_a):
        policy = selectors.retention_policy_get(organization_id=org_a.pk)
    assert (policy.webhook_history_days, policy.notifications_days) == (45, 120)
    assert "workflows-purge-notifications" in settings.CELERY_BEAT_SCHEDULE
