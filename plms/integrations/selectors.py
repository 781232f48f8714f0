"""Reads of integrations: webhook subscriptions and their deliveries."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from plms.integrations.models import WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription


def webhook_subscription_list(*, search: str = "") -> QuerySet[WebhookSubscription]:
    queryset = WebhookSubscription.objects.annotate(
        last_delivery_at=Max("deliveries__created_at"),
        pending_count=Count(
            "deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.PENDING)
        ),
    )
    if search:
        queryset = queryset.filter(Q(url__icontains=search) | Q(description__icontains=search))
    return queryset.order_by("-created_at", "-id")


def webhook_subscription_get(*, uuid) -> WebhookSubscription | None:
    return webhook_subscription_list().filter(uuid=uuid).first()


def webhook_delivery_list(*, subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    """Deliveries of a subscription, newest first, with their event and attempt log."""
    return (
        WebhookDelivery.objects.filter(subscription=subscription)
        .select_related("event", "subscription")
        .prefetch_related(
            Prefetch(
                "attempt_log",
                queryset=WebhookDeliveryAttempt.objects.order_by("-number", "-id"),
            )
        )
        .order_by("-created_at", "-id")
    )


def webhook_delete_consequences(*, subscription: WebhookSubscription) -> dict[str, int]:
    """What deleting a webhook removes, for the confirmation before it (one query): its
    deliveries by status."""
    counts = WebhookDelivery.objects.filter(subscription=subscription).aggregate(
        total=Count("id"),
        pending=Count("id", filter=Q(status=WebhookDelivery.Status.PENDING)),
    )
    return {"deliveries": counts["total"], "pending": counts["pending"]}
