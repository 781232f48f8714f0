"""`Idempotency-Key` on POST: a repeat within the retention period returns the first response
and creates nothing.

The record is inserted in the request's transaction before the view runs, so a concurrent
repeat waits on the unique index until the first request commits, then replays its response.
A request that fails with a server error rolls back, record included, so it may be retried.
Records older than PLMS_IDEMPOTENCY_HOURS are purged by beat (`idempotency_records_purge`).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from plms.common.exceptions import json_error_response
from plms.common.models import IdempotencyRecord
from plms.tenancy.context import dangerously_all_organizations, organization_scope

HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"


def idempotency_expiry() -> datetime:
    """Records created before this no longer replay: a repeat of their key starts afresh."""
    return timezone.now() - timedelta(hours=settings.PLMS_IDEMPOTENCY_HOURS)


def organizations_with_expired_idempotency_records(*, before: datetime) -> list[int]:
    with dangerously_all_organizations():
        return list(
            IdempotencyRecord.dangerously_unscoped.filter(created_at__lt=before)
            .values_list("organization_id", flat=True)
            .distinct()
            .order_by("organization_id")
        )


def idempotency_records_purge(
    *, organization_id: int, before: datetime, batch_size: int = 1000
) -> int:
    """Delete an organization's idempotency records created before `before`, batch by batch,
    each batch in its own short transaction. Returns how many were deleted.

    A record whose key was reused meanwhile has a new `created_at` and is kept.
    """
    total = 0
    while True:
        with organization_scope(organization_id):
            expired = IdempotencyRecord.objects.filter(created_at__lt=before)
            ids = list(expired.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not ids:
                return total
            deleted, _ = expired.filter(pk__in=ids).delete()
        total += deleted


def _principal(request: HttpRequest) -> str | None:
    if request.api_key is not None:
        return f"key:{request.api_key.pk}"
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return None


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        bytes(record.body), status=record.status_code, content_type=record.content_type
    )
    if record.location:
        response["Location"] = record.location
    response[REPLAY_HEADER] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if (
            request.method != "POST"
            or not key
            or not request.path.startswith("/api/")
            or getattr(request, "organization", None) is None
        ):
            return self.get_response(request)
        principal = _principal(request)
        if principal is None:
            return self.get_response(request)
        if len(key) > 255:
            return json_error_response("invalid", f"{HEADER} is longer than 255 characters.", 400)

        request_hash = hashlib.sha256(request.body).hexdigest()
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    principal=principal,
                    key=key,
                    method=request.method,
                    path=request.path,
                    request_hash=request_hash,
                )
        except IntegrityError:
            record = IdempotencyRecord.objects.get(principal=principal, key=key)
            expired = record.created_at < idempotency_expiry()
            if not expired:
                if record.request_hash != request_hash or record.path != request.path:
                    return json_error_response(
                        "idempotency_key_reused",
                        f"This {HEADER} was used for a different request.",
                        422,
                    )
                if record.status_code is None:
                    return json_error_response(
                        "idempotency_in_progress", "The first request is still running.", 409
                    )
                return _replay(record)
            record.request_hash, record.path, record.status_code = request_hash, request.path, None
            record.created_at = timezone.now()
            record.save(update_fields=["request_hash", "path", "status_code", "created_at"])

        response = self.get_response(request)
        if response.status_code < 500 and not getattr(response, "streaming", False):
            record.status_code = response.status_code
            record.content_type = response.get("Content-Type", "")
            record.location = response.get("Location", "")
            record.body = response.content
            record.save(update_fields=["status_code", "content_type", "location", "body"])
        return response
