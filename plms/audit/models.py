"""The audit trail: who changed what, when, with the values before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from plms.tenancy.models import TenantModel


class AuditEvent(TenantModel):
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)  # "<app_label>.<model>"
    object_uuid = models.UUIDField(null=True, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    # {"field": {"before": …, "after": …}} for updates; the created or deleted values otherwise.
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "uuid"], name="auditevent_org_uuid"),
        ]
        indexes = [
            models.Index(
                fields=["organization", "object_type", "object_uuid", "-created_at"],
                name="auditevent_org_object",
            ),
            models.Index(fields=["organization", "-created_at"], name="auditevent_org_created"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.object_repr}"
