"""Webhook deliveries: `webhook_delivery_run`, which Celery calls, claims the delivery with a
conditional UPDATE, sends it outside any transaction and records the attempt, so a delivered
event is never sent again and a failed one is retried with backoff. Old history is purged in
batches.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plms.integrations.addresses import resolve_public
from plms.integrations.models import (
    OutboxEvent,
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookSubscription,
)
from plms.integrations.services.subscriptions import _local_urls_allowed
from plms.integrations.signing import SIGNATURE_HEADER, sign
from plms.integrations.webhooks import TEST_EVENT
from plms.tenancy.context import organization_transaction
from plms.tenancy.models import Membership

USER_AGENT = "PLMS-Webhooks/1.0"


RESPONSE_SNIPPET_BYTES = 1024


# --- Deliveries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedDelivery:
    delivery_id: int
    url: str
    secret: str
    body: bytes
    headers: dict[str, str]
    attempt: int


@dataclass(frozen=True)
class HttpResult:
    status_code: int | None
    body: str = ""
    error: str = ""
    duration_ms: int = 0

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class AttemptOutcome:
    state: str  # "delivered", "retry", "failed" or "skipped"
    retry_in: float | None = None


def retry_delay(attempt: int) -> float:
    """Exponential backoff with jitter after failed attempt `attempt` (1-based): a random time
    between half and all of base * 4 ** (attempt - 1) seconds."""
    ceiling = settings.PLMS_WEBHOOK_RETRY_BASE_SECONDS * 4 ** (attempt - 1)
    return random.uniform(ceiling / 2, ceiling)


def webhook_body(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes sent (and signed): the same for every attempt of a delivery."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def webhook_delivery_claim(*, delivery_id: int) -> PreparedDelivery | None:
    """Take a due delivery for one attempt, or None when it is not due, done or being sent.

    The conditional UPDATE is the claim: of two workers, only one changes the row.
    """
    now = timezone.now()
    lease = timedelta(seconds=settings.PLMS_WEBHOOK_TIMEOUT_SECONDS + 60)
    claimed = (
        WebhookDelivery.objects.filter(
            pk=delivery_id, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + lease, attempts=F("attempts") + 1)
    )
    if claimed != 1:
        return None
    delivery = WebhookDelivery.objects.select_related("subscription", "event").get(pk=delivery_id)
    subscription = delivery.subscription
    if not subscription.active and delivery.event.type != TEST_EVENT:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.CANCELLED,
            next_attempt_at=None,
            locked_until=None,
            last_error="The subscription is disabled.",
        )
        return None
    return PreparedDelivery(
        delivery_id=delivery.pk,
        url=subscription.url,
        secret=subscription.secret,
        body=webhook_body(delivery.event.payload),
        attempt=delivery.attempts,
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "PLMS-Event": delivery.event.type,
            "PLMS-Event-Id": str(delivery.event.uuid),
            "PLMS-Delivery": str(delivery.uuid),
            "PLMS-Attempt": str(delivery.attempts),
        },
    )


class DestinationRefused(Exception):
    pass


@dataclass(frozen=True)
class Destination:
    """Where a delivery connects: the URL to open, and the name to present for it."""

    url: str
    host_header: str | None = None
    sni_hostname: str | None = None


def _destination(url: str) -> Destination:
    """Resolve the URL's host once, refuse it unless every address is public (unless local
    targets are allowed) and connect to the checked address, so a name cannot resolve to a
    public address for the check and a private one for the connection (DNS rebinding)."""
    if _local_urls_allowed():
        return Destination(url=url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve_public(host, port)
    except ValueError as exc:
        raise DestinationRefused(f"Refused: {exc} Webhooks go to public addresses only.") from exc
    address = addresses[0]
    netloc = f"[{address}]" if ":" in address else address
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return Destination(
        url=parts._replace(netloc=netloc).geturl(),
        host_header=parts.netloc.rsplit("@", 1)[-1],
        sni_hostname=host if parts.scheme == "https" else None,
    )


def webhook_post(prepared: PreparedDelivery) -> HttpResult:
    """POST the signed body; never raises. Touches no database (runs outside transactions)."""
    headers = {**prepared.headers, SIGNATURE_HEADER: sign(prepared.secret, prepared.body)}
    started = time.monotonic()
    try:
        destination = _destination(prepared.url)
        if destination.host_header:
            headers["Host"] = destination.host_header
        extensions = {"sni_hostname": destination.sni_hostname} if destination.sni_hostname else {}
        timeout = httpx.Timeout(settings.PLMS_WEBHOOK_TIMEOUT_SECONDS)
        with (
            httpx.Client(timeout=timeout, follow_redirects=False) as client,
            client.stream(
                "POST",
                destination.url,
                content=prepared.body,
                headers=headers,
                extensions=extensions,
            ) as response,
        ):
            snippet = b""
            for chunk in response.iter_bytes():
                snippet += chunk
                if len(snippet) >= RESPONSE_SNIPPET_BYTES:
                    break
            status_code = response.status_code
    except (httpx.HTTPError, DestinationRefused, OSError) as exc:
        return HttpResult(
            status_code=None,
            error=(str(exc) or type(exc).__name__)[:300],
            duration_ms=int((time.monotonic() - started) * 1000),
        )
    return HttpResult(
        status_code=status_code,
        body=snippet[:RESPONSE_SNIPPET_BYTES].decode("utf-8", "replace"),
        error="" if 200 <= status_code < 300 else f"HTTP {status_code}",
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def webhook_delivery_record(
    *, prepared: PreparedDelivery, result: HttpResult, started_at
) -> AttemptOutcome:
    """Log the attempt and move the delivery on: delivered, retried later, or failed."""
    now = timezone.now()
    delivery = WebhookDelivery.objects.select_related("subscription", "event").get(
        pk=prepared.delivery_id
    )
    subscription = delivery.subscription
    is_test = delivery.event.type == TEST_EVENT
    final = is_test or prepared.attempt >= settings.PLMS_WEBHOOK_MAX_ATTEMPTS
    retry_in = None if result.ok or final else retry_delay(prepared.attempt)
    next_attempt_at = now + timedelta(seconds=retry_in) if retry_in is not None else None
    if result.ok:
        status, outcome = WebhookDelivery.Status.DELIVERED, "delivered"
    elif retry_in is None:
        status, outcome = WebhookDelivery.Status.FAILED, "failed"
    else:
        status, outcome = WebhookDelivery.Status.PENDING, "retry"
    WebhookDeliveryAttempt.objects.create(
        delivery=delivery,
        number=prepared.attempt,
        started_at=started_at,
        duration_ms=result.duration_ms,
        status_code=result.status_code,
        response_body=result.body,
        error=result.error,
        next_attempt_at=next_attempt_at,
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        next_attempt_at=next_attempt_at,
        locked_until=None,
        delivered_at=now if result.ok else None,
        last_status_code=result.status_code,
        last_error=result.error,
    )
    if not is_test:
        if result.ok and subscription.consecutive_failures:
            WebhookSubscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        elif outcome == "failed":
            _count_failed_delivery(subscription)
    return AttemptOutcome(state=outcome, retry_in=retry_in)


def _count_failed_delivery(subscription: WebhookSubscription) -> None:
    """One more delivery failed for good; enough in a row disable the subscription."""
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    subscription.refresh_from_db(fields=["consecutive_failures", "active"])
    limit = settings.PLMS_WEBHOOK_DISABLE_AFTER_FAILURES
    if not subscription.active or subscription.consecutive_failures < limit:
        return
    now = timezone.now()
    reason = f"Disabled after {subscription.consecutive_failures} failed deliveries in a row."
    disabled = WebhookSubscription.objects.filter(pk=subscription.pk, active=True).update(
        active=False, disabled_at=now, disabled_reason=reason, updated_at=now
    )
    if disabled != 1:
        return
    WebhookDelivery.objects.filter(
        subscription=subscription, status=WebhookDelivery.Status.PENDING
    ).update(
        status=WebhookDelivery.Status.CANCELLED,
        next_attempt_at=None,
        last_error="The subscription was disabled.",
    )
    subscription.refresh_from_db()
    _notify_admins_of_disabled(subscription, reason)


def _notify_admins_of_disabled(subscription: WebhookSubscription, reason: str) -> None:
    organization = subscription.organization
    recipients = sorted(
        Membership.objects.filter(
            organization=organization, role=Membership.Role.ADMIN, active=True
        )
        .select_related("user")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    link = settings.PLMS_BASE_URL + reverse("integrations:webhook_detail", args=[subscription.uuid])
    context = {
        "organization": organization,
        "subscription": subscription,
        "reason": reason,
        "link": link,
    }
    transaction.on_commit(
        lambda: send_mail(
            subject=f"[{organization.name}] A webhook was disabled",
            message=render_to_string("integrations/email/webhook_disabled.txt", context),
            from_email=None,
            recipient_list=recipients,
        ),
        robust=True,
    )


def webhook_delivery_run(*, delivery_id: int) -> AttemptOutcome:
    """One attempt of a delivery: claim (committed), send (no transaction open), record.

    A network call never holds a transaction or a row lock; a worker that dies mid-send leaves
    a lease that expires, after which the delivery is attempted again (receivers deduplicate
    by the `PLMS-Event-Id` header).
    """
    with organization_transaction():
        prepared = webhook_delivery_claim(delivery_id=delivery_id)
    if prepared is None:
        return AttemptOutcome(state="skipped")
    started_at = timezone.now()
    result = webhook_post(prepared)
    with organization_transaction():
        return webhook_delivery_record(prepared=prepared, result=result, started_at=started_at)


# --- Retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    deliveries: int = 0
    attempts: int = 0
    events: int = 0


def _purge_in_batches(*, queryset, batch_size: int) -> dict[str, int]:
    """Delete the rows of `queryset()` batch by batch, each batch in its own short
    transaction, so a large backlog never holds locks for long. Returns counts per model."""
    counts: dict[str, int] = {}
    while True:
        with organization_transaction():
            ids = list(queryset().order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not ids:
                return counts
            _, deleted = queryset().model.objects.filter(pk__in=ids).delete()
        for label, count in deleted.items():
            counts[label] = counts.get(label, 0) + count


def webhook_history_purge(*, before: datetime, batch_size: int = 1000) -> PurgeResult:
    """Delete an organization's webhook history created before `before`: finished deliveries
    (delivered, failed or cancelled) with their attempt logs, then the outbox events that no
    pending delivery still needs. A delivery still being retried keeps its event."""
    finished = [
        WebhookDelivery.Status.DELIVERED,
        WebhookDelivery.Status.FAILED,
        WebhookDelivery.Status.CANCELLED,
    ]
    deliveries = _purge_in_batches(
        queryset=lambda: WebhookDelivery.objects.filter(created_at__lt=before, status__in=finished),
        batch_size=batch_size,
    )
    pending = WebhookDelivery.objects.filter(
        event=OuterRef("pk"), status=WebhookDelivery.Status.PENDING
    )
    events = _purge_in_batches(
        queryset=lambda: OutboxEvent.objects.filter(created_at__lt=before).exclude(Exists(pending)),
        batch_size=batch_size,
    )
    label = WebhookDelivery._meta.label
    attempt_label = WebhookDeliveryAttempt._meta.label
    return PurgeResult(
        deliveries=deliveries.get(label, 0) + events.get(label, 0),
        attempts=deliveries.get(attempt_label, 0) + events.get(attempt_label, 0),
        events=events.get(OutboxEvent._meta.label, 0),
    )
