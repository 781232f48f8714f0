"""Webhook gauges for `/metrics`, read from the database at scrape time (totals only)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from prometheus_client.core import Metric

from plms.common.metrics import gauge
from plms.integrations.models import (
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookSubscription,
)
from plms.tenancy.context import dangerously_all_organizations


def webhook_metrics() -> Iterable[Metric]:
    hour_ago = timezone.now() - timedelta(hours=1)
    with dangerously_all_organizations():
        deliveries = dict(
            WebhookDelivery.dangerously_unscoped.filter(
                status__in=(WebhookDelivery.Status.PENDING, WebhookDelivery.Status.FAILED)
            )
            .values_list("status")
            .annotate(n=Count("id"))
            .order_by()
        )
        failed_attempts = (
            WebhookDeliveryAttempt.dangerously_unscoped.filter(started_at__gte=hour_ago)
            .filter(Q(status_code__isnull=True) | Q(status_code__lt=200) | Q(status_code__gte=300))
            .count()
        )
        failing = WebhookSubscription.dangerously_unscoped.filter(
            consecutive_failures__gt=0
        ).count()
    yield gauge(
        "plms_webhook_deliveries",
        "Webhook deliveries waiting (pending) or given up (failed).",
        ["status"],
        {(status,): deliveries.get(status, 0) for status in ("pending", "failed")},
    )
    yield gauge(
        "plms_webhook_failed_attempts_hour",
        "Webhook delivery attempts in the last hour that did not get a 2xx.",
        [],
        {(): failed_attempts},
    )
    yield gauge(
        "plms_webhook_subscriptions_failing",
        "Subscriptions whose last delivery failed.",
        [],
        {(): failing},
    )
