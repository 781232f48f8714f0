"""The outbox: every published domain event of an organization, in the change's transaction.

A row is written by `plms.events.publish()` in the same transaction as the change it describes,
so it exists exactly when the change committed. `name` and `subject` are the event as the
application knows it (what Momentum's triggers read); `type` and `payload` are the envelope
webhooks send, which nothing inside the application reads.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from plms.tenancy.models import TenantModel


class OutboxEvent(TenantModel):
    """One event of the organization; `payload` is the envelope sent to subscribers."""

    type = models.CharField(max_length=64)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The domain event (e.g. `employee_joined`) and the public id of the employee it concerns.
    name = models.CharField(max_length=64, blank=True, default="")
    subject = models.UUIDField(null=True, blank=True)

    class Meta:
        # The table was created by the integrations app, which kept it until the outbox moved.
        db_table = "integrations_outboxevent"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "uuid"], name="outboxevent_org_uuid")
        ]
        indexes = [
            models.Index(fields=["organization", "created_at"], name="outboxevent_org_created"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.uuid}"
