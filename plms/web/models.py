"""What the browser shell records about its own use: one row per member per day.

Adoption (active people by week, dashboard views) is read from here and from the audit trail;
nothing else is kept about what people look at.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from plms.tenancy.models import TenantModel


class MemberActivity(TenantModel):
    """A member's use of PLMS on one day (in the organisation's time zone)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    dashboard_views = models.PositiveIntegerField(default=0)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="memberactivity_org_uuid"
            ),
            models.UniqueConstraint(
                fields=["organization", "user", "day"], name="memberactivity_org_user_day"
            ),
        ]
        indexes = [models.Index(fields=["organization", "day"], name="memberactivity_org_day")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.day}: {self.dashboard_views} dashboard views"
