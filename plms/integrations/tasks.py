"""Celery tasks of webhooks: send one delivery; find deliveries due again; purge old history
(and expired idempotency records, on the same hourly beat).

The database holds every delivery's state, so these are thin: a lost message or a restarted
broker delays a delivery until `retry_due_webhook_deliveries` (run by beat every minute) finds
it, and never loses it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from plms.common.idempotency import (
    idempotency_expiry,
    idempotency_records_purge,
    organizations_with_expired_idempotency_records,
)
from plms.common.retention import WEBHOOK_HISTORY, retention_days
from plms.integrations.models import OutboxEvent, WebhookDelivery
from plms.integrations.services import deliveries as delivery_services
from plms.tenancy.context import (
    dangerously_all_organizations,
    organization_context,
    with_organization,
)

logger = logging.getLogger(__name__)

# Fresh deliveries are enqueued when their transaction commits; the sweep leaves them that long.
FRESH = timedelta(minutes=1)
SWEEP_BATCH = 1000


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def deliver_webhook(self, delivery_id: int, *, organization_id: int) -> str:
    """One attempt; a failure is retried by Celery after the backoff the service chose.

    Attempts are bounded by PLMS_WEBHOOK_MAX_ATTEMPTS in the database. Run in-process (no
    broker) the retry is left to the sweep, which finds the delivery once it is due.
    """
    with organization_context(organization_id):
        outcome = delivery_services.webhook_delivery_run(delivery_id=delivery_id)
    logger.info("Webhook delivery %s: %s", delivery_id, outcome.state)
    in_worker = not (self.request.is_eager or self.request.called_directly)
    if outcome.retry_in is not None and in_worker:
        raise self.retry(countdown=outcome.retry_in, max_retries=settings.PLMS_WEBHOOK_MAX_ATTEMPTS)
    return outcome.state


def _due() -> Q:
    now = timezone.now()
    return (
        Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
        & (Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        & (Q(attempts__gt=0) | Q(created_at__lte=now - FRESH))
    )


@shared_task(acks_late=True, ignore_result=True)
def retry_due_webhook_deliveries() -> int:
    """Beat: one task per organization that has deliveries due."""
    with dangerously_all_organizations():
        organization_ids = list(
            WebhookDelivery.dangerously_unscoped.filter(_due())
            .values_list("organization_id", flat=True)
            .distinct()
            .order_by("organization_id")
        )
    for organization_id in organization_ids:
        retry_due_webhook_deliveries_of.delay(organization_id=organization_id)
    return len(organization_ids)


@with_organization
def _due_delivery_ids(*, organization_id: int) -> list[int]:
    return list(
        WebhookDelivery.objects.filter(_due())
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )


@shared_task(acks_late=True, ignore_result=True)
def retry_due_webhook_deliveries_of(*, organization_id: int) -> int:
    # Enqueued after the read's transaction: run in-process, a delivery never holds it open.
    delivery_ids = _due_delivery_ids(organization_id=organization_id)
    for delivery_id in delivery_ids:
        deliver_webhook.delay(delivery_id, organization_id=organization_id)
    return len(delivery_ids)


@shared_task(acks_late=True, ignore_result=True)
def purge_webhook_history() -> int:
    """Beat: one purge task per organization with webhook history (outbox events and delivery
    logs) older than a day; each purges what is older than its organization's retention rules
    (PLMS_RETENTION_DAYS until HR saves their own). Also starts the purge of expired
    idempotency records. Returns the number of organizations given a purge task."""
    before = timezone.now() - timedelta(days=1)
    with dangerously_all_organizations():
        organization_ids = list(
            OutboxEvent.dangerously_unscoped.filter(created_at__lt=before)
            .values_list("organization_id", flat=True)
            .distinct()
            .order_by("organization_id")
        )
    for organization_id in organization_ids:
        purge_webhook_history_of.delay(organization_id=organization_id)
    purge_expired_idempotency_records.delay()
    return len(organization_ids)


@shared_task(acks_late=True, ignore_result=True)
def purge_webhook_history_of(*, organization_id: int) -> int:
    """Idempotent: a repeat finds nothing left to delete."""
    days = retention_days(
        kind=WEBHOOK_HISTORY, organization_id=organization_id, default=settings.PLMS_RETENTION_DAYS
    )
    with organization_context(organization_id):
        result = delivery_services.webhook_history_purge(
            before=timezone.now() - timedelta(days=days),
            batch_size=settings.PLMS_RETENTION_BATCH_SIZE,
        )
    logger.info(
        "Purged webhook history of organization %s older than %s days: "
        "%s events, %s deliveries, %s attempts",
        organization_id,
        days,
        result.events,
        result.deliveries,
        result.attempts,
    )
    return result.events + result.deliveries


@shared_task(acks_late=True, ignore_result=True)
def purge_expired_idempotency_records() -> int:
    """One purge task per organization with idempotency records older than
    PLMS_IDEMPOTENCY_HOURS (they no longer replay). Returns the number of organizations."""
    organization_ids = organizations_with_expired_idempotency_records(before=idempotency_expiry())
    for organization_id in organization_ids:
        purge_expired_idempotency_records_of.delay(organization_id=organization_id)
    return len(organization_ids)


@shared_task(acks_late=True, ignore_result=True)
def purge_expired_idempotency_records_of(*, organization_id: int) -> int:
    """Idempotent: a repeat finds nothing left to delete."""
    deleted = idempotency_records_purge(
        organization_id=organization_id,
        before=idempotency_expiry(),
        batch_size=settings.PLMS_RETENTION_BATCH_SIZE,
    )
    logger.info(
        "Purged %s expired idempotency records of organization %s", deleted, organization_id
    )
    return deleted
