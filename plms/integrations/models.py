"""Webhooks: subscriptions and their delivery log, for the events of the outbox.

An `OutboxEvent` (plms.events) is written in the same transaction as the change it describes;
one `WebhookDelivery` per matching subscription is written with it, so a delivery exists exactly
when the change committed. Celery sends them (`plms.integrations.tasks`); the database, not the
broker, is the source of truth, so a lost message delays a delivery but never loses it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.common.fields import EncryptedTextField
from plms.events.models import OutboxEvent
from plms.tenancy.models import TenantModel


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


class WebhookSubscription(TenantModel):
    """An integrator's endpoint and the events it wants.

    The secret signs every delivery, so it is kept (not hashed) but encrypted at rest
    (plms.common.crypto); it is shown to people once, when the subscription is created, and
    afterwards only by its first characters.
    """

    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list)
    secret = EncryptedTextField(editable=False)
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [_org_uuid("webhooksubscription")]

    def __str__(self) -> str:
        return self.url

    @property
    def secret_hint(self) -> str:
        return f"{self.secret[:10]}…"


class WebhookDelivery(TenantModel):
    """One event for one subscription, with its state; every attempt is logged separately."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    # A worker holds the delivery while it sends; after this time another may take it over.
    locked_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            _org_uuid("webhookdelivery"),
            models.UniqueConstraint(
                fields=["organization", "subscription", "event"], name="webhookdelivery_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "subscription", "created_at"],
                name="webhookdelivery_org_sub",
            ),
            models.Index(
                fields=["organization", "status", "next_attempt_at"],
                name="webhookdelivery_org_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event.type} → {self.subscription.url} ({self.status})"


class WebhookDeliveryAttempt(TenantModel):
    """The log of one HTTP attempt of a delivery."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.CharField(max_length=1024, blank=True)
    error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            _org_uuid("webhookdeliveryattempt"),
            models.UniqueConstraint(
                fields=["organization", "delivery", "number"], name="webhookattempt_number"
            ),
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}: {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
