"""The audit log: who did what to which object, when and from where; append-only.

Object histories (a goal's changes) and organisation-wide security and data events (sign-in,
API keys, exports, erasure) share the table. Entries are never edited or deleted by the
application: the model and its queryset refuse it, and the application's database role has no
UPDATE or DELETE privilege on the table (migration 0002). Old entries leave only through
`audit_purge_expired`, a function owned by the table's owner (`plms.audit.retention`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from plms.tenancy.models import TenantManager, TenantModel


class AppendOnlyError(RuntimeError):
    """An audit entry was about to be changed or deleted: a bug, never a user error."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only: entries cannot be updated.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only: entries cannot be deleted.")


class AuditEventManager(TenantManager.from_queryset(AuditEventQuerySet)):
    pass


class AuditEvent(TenantModel):
    # No cascade and no constraint: removing a user must not rewrite the log (the label stays).
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)  # "<app_label>.<model>"
    object_uuid = models.UUIDField(null=True, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    # {"field": {"before": …, "after": …}} for updates; the created or deleted values otherwise.
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AuditEventManager()
    dangerously_unscoped = models.Manager.from_queryset(AuditEventQuerySet)()

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

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only: entries cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only: entries cannot be deleted.")
