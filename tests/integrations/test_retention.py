"""Webhook history older than PLMS_RETENTION_DAYS (an organisation's own rule once saved:
tests/privacy/test_retention_purges.py) is purged by beat, in batches, per
organization; pending deliveries and recent history stay."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings as django_settings
from django.utils import timezone

from plms.integrations import tasks
from plms.integrations.models import OutboxEvent, WebhookDelivery, WebhookDeliveryAttempt
from plms.integrations.services.deliveries import webhook_history_purge
from plms.tenancy.context import organization_context
from tests.conftest import in_org
from tests.integrations.factories import (
    OutboxEventFactory,
    WebhookDeliveryAttemptFactory,
    WebhookDeliveryFactory,
    WebhookSubscriptionFactory,
)

Status = WebhookDelivery.Status


def _history(org, *, days_ago: int, status: str, attempts: int = 1):
    created = timezone.now() - timedelta(days=days_ago)
    subscription = WebhookSubscriptionFactory(organization=org)
    event = OutboxEventFactory(organization=org, created_at=created)
    delivery = WebhookDeliveryFactory(
        organization=org, subscription=subscription, event=event, status=status, created_at=created
    )
    for number in range(1, attempts + 1):
        WebhookDeliveryAttemptFactory(organization=org, delivery=delivery, number=number)
    return event, delivery


def _left(org) -> tuple[set, set, int]:
    with in_org(org):
        return (
            set(OutboxEvent.objects.values_list("pk", flat=True)),
            set(WebhookDelivery.objects.values_list("pk", flat=True)),
            WebhookDeliveryAttempt.objects.count(),
        )


def test_beat_purges_old_finished_history_in_every_organization(org_a, org_b, settings):
    settings.PLMS_RETENTION_DAYS = 90
    settings.PLMS_RETENTION_BATCH_SIZE = 2  # several batches
    old = [
        _history(org_a, days_ago=91, status=Status.DELIVERED, attempts=2),
        _history(org_a, days_ago=120, status=Status.FAILED, attempts=3),
        _history(org_a, days_ago=200, status=Status.CANCELLED, attempts=0),
    ]
    recent_event, recent = _history(org_a, days_ago=89, status=Status.DELIVERED)
    retrying_event, retrying = _history(org_a, days_ago=95, status=Status.PENDING)
    _history(org_b, days_ago=100, status=Status.DELIVERED)
    kept_b = _history(org_b, days_ago=10, status=Status.DELIVERED)

    assert tasks.purge_webhook_history() == 2  # both organizations had history to purge

    events, deliveries, attempts = _left(org_a)
    assert events == {recent_event.pk, retrying_event.pk}
    assert deliveries == {recent.pk, retrying.pk}
    assert attempts == 2
    assert not {event.pk for event, _ in old} & events
    events_b, deliveries_b, _ = _left(org_b)
    assert events_b == {kept_b[0].pk} and deliveries_b == {kept_b[1].pk}

    # Idempotent: nothing older is left (both organizations still have history a day old).
    assert tasks.purge_webhook_history() == 2
    assert _left(org_a)[0] == events


def test_the_purge_counts_what_it_deleted(org_a):
    _history(org_a, days_ago=100, status=Status.DELIVERED, attempts=2)
    _history(org_a, days_ago=100, status=Status.FAILED, attempts=1)
    event = OutboxEventFactory(
        organization=org_a, created_at=timezone.now() - timedelta(days=100)
    )  # no subscriber: an event without deliveries
    with organization_context(org_a):
        result = webhook_history_purge(before=timezone.now() - timedelta(days=90), batch_size=1)
    assert (result.events, result.deliveries, result.attempts) == (3, 2, 3)
    assert event.pk not in _left(org_a)[0]


def test_the_retention_is_a_setting_run_by_beat():
    assert django_settings.PLMS_RETENTION_DAYS == 90
    entry = django_settings.CELERY_BEAT_SCHEDULE["integrations-purge-webhook-history"]
    assert entry["task"] == "plms.integrations.tasks.purge_webhook_history"
