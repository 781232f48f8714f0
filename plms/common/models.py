"""Models shared by every area of the API."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from plms.tenancy.models import TenantModel


class IdempotencyRecord(TenantModel):
    """The first response to a POST sent with an `Idempotency-Key`, replayed on repeats."""

    principal = models.CharField(max_length=64)  # "key:<id>" or "user:<id>"
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=500, blank=True)
    body = models.BinaryField(default=bytes)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "uuid"], name="idempotency_org_uuid"),
            models.UniqueConstraint(
                fields=["organization", "principal", "key"], name="idempotency_org_principal_key"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "created_at"], name="idempotency_org_created")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"


class WorkerHeartbeat(models.Model):
    """A Celery worker process that is alive, as of `beat_at` (plms.common.workers).

    Not a tenant table: the platform's own bookkeeping. Work a process holds (a Momentum
    step it dispatches, an e-mail it sends) names it as the owner; once the owner's heartbeat
    is older than PLMS_WORKER_HEARTBEAT_TIMEOUT_SECONDS the work is taken over."""

    owner = models.CharField(max_length=120, primary_key=True)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["owner"]

    def __str__(self) -> str:
        return f"{self.owner} at {self.beat_at:%H:%M:%S}"
