"""Writes of integrations: webhook subscriptions and deliveries, bulk upsert of employees and
the SCIM provisioning of employees and departments.

Subscription writes are for HR admins and API keys (`actor.require_admin()`), audited, and run
in one transaction. Deliveries are sent by `webhook_delivery_run`, which Celery calls: it claims
the delivery with a conditional UPDATE, sends it outside any transaction and records the
attempt, so a delivered event is never sent again and a failed one is retried with backoff.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from capabilities.models import JobRole
from capabilities.selectors import job_roles_by_reference
from capabilities.services.roles import role_assign
from plms.accounts.services import member_sign_in_sync
from plms.audit.services import audit_record, diff, snapshot
from plms.common.error_codes import UNKNOWN_REFERENCE
from plms.common.errors import ApplicationError
from plms.common.imports import ImportFailed, RowError
from plms.events.bus import outbox_write, publish
from plms.integrations import webhooks
from plms.integrations.addresses import host_refusal, resolve_public
from plms.integrations.models import (
    OutboxEvent,
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookSubscription,
)
from plms.integrations.signing import SIGNATURE_HEADER, secret_generate, sign
from plms.integrations.webhooks import EVENT_TYPES, TEST_EVENT
from plms.people import services as people_services
from plms.people.events import employee_event
from plms.people.imports import parse_records, people_upsert
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from plms.tenancy.context import organization_transaction
from plms.tenancy.models import Membership

logger = logging.getLogger(__name__)

SUBSCRIPTION_FIELDS = ("url", "description", "events", "active")
RESPONSE_SNIPPET_BYTES = 1024
USER_AGENT = "PLMS-Webhooks/1.0"
MAX_BULK_ITEMS = 1000


# --- Webhook subscriptions --------------------------------------------------------------------


def _local_urls_allowed() -> bool:
    """Only the explicit setting allows local targets; DEBUG does not (see `addresses`)."""
    return bool(settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS)


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError as exc:
        raise ApplicationError(
            "invalid_url", f"{url!r} is not a URL.", fields={"url": "Enter a valid URL."}
        ) from exc
    parts = urlsplit(url)
    # A name is resolved and checked again on every send: it may point anywhere later.
    local = host_refusal(parts.hostname or "") is not None
    if local and not _local_urls_allowed():
        raise ApplicationError(
            "invalid_url",
            "Webhooks are sent to public addresses only.",
            fields={"url": "A local or private address cannot receive webhooks."},
        )
    if parts.scheme != "https" and not (local and _local_urls_allowed()):
        raise ApplicationError(
            "https_required",
            "Webhook URLs must use https.",
            fields={"url": "Use an https:// URL."},
        )
    return url


def _clean_events(events: Iterable[str]) -> list[str]:
    events = list(dict.fromkeys(events or []))
    unknown = [name for name in events if name not in EVENT_TYPES]
    if unknown or not events:
        message = (
            f"Unknown event(s): {', '.join(unknown)}." if unknown else "Choose at least one event."
        )
        raise ApplicationError("invalid_events", message, fields={"events": message})
    return sorted(events, key=EVENT_TYPES.index)


@transaction.atomic
def webhook_subscription_create(
    *, actor: Actor, url: str, events: Sequence[str], description: str = "", active: bool = True
) -> tuple[WebhookSubscription, str]:
    """Create a subscription and return it with its signing secret (shown to people once)."""
    actor.require_admin()
    subscription = WebhookSubscription(
        url=_clean_url(url),
        events=_clean_events(events),
        description=description.strip(),
        active=active,
        secret=secret_generate(),
        created_by=actor.user,
    )
    _apply_active(subscription, active)
    subscription.save()
    audit_record(
        actor=actor,
        action="webhook.created",
        obj=subscription,
        changes=snapshot(subscription, ("url", "events", "active")),
    )
    return subscription, subscription.secret


@transaction.atomic
def webhook_subscription_update(
    *, actor: Actor, subscription: WebhookSubscription, **changes: Any
) -> WebhookSubscription:
    actor.require_admin()
    same_organization(actor, subscription)
    before = snapshot(subscription, SUBSCRIPTION_FIELDS)
    for name, value in changes.items():
        if name not in SUBSCRIPTION_FIELDS:
            raise TypeError(f"Unknown subscription field {name!r}.")
        if name == "url":
            value = _clean_url(value)
        elif name == "events":
            value = _clean_events(value)
        elif name == "description":
            value = value.strip()
        setattr(subscription, name, value)
    if "active" in changes:
        _apply_active(subscription, bool(changes["active"]))
    changed = diff(before, snapshot(subscription, SUBSCRIPTION_FIELDS))
    if changed:
        subscription.updated_at = timezone.now()
        subscription.save()
        audit_record(actor=actor, action="webhook.updated", obj=subscription, changes=changed)
    return subscription


def _apply_active(subscription: WebhookSubscription, active: bool) -> None:
    subscription.active = active
    if active:
        subscription.disabled_at = None
        subscription.disabled_reason = ""
        subscription.consecutive_failures = 0
    elif subscription.disabled_at is None:
        subscription.disabled_at = timezone.now()
        subscription.disabled_reason = "Disabled by an administrator."


def webhook_subscription_set_active(
    *, actor: Actor, subscription: WebhookSubscription, active: bool
) -> WebhookSubscription:
    """Enable (resetting the failure count) or disable a subscription."""
    return webhook_subscription_update(actor=actor, subscription=subscription, active=active)


@transaction.atomic
def webhook_subscription_delete(*, actor: Actor, subscription: WebhookSubscription) -> None:
    actor.require_admin()
    same_organization(actor, subscription)
    audit_record(
        actor=actor,
        action="webhook.deleted",
        obj=subscription,
        changes=snapshot(subscription, ("url", "events")),
    )
    subscription.delete()


@transaction.atomic
def webhook_send_test(*, actor: Actor, subscription: WebhookSubscription) -> WebhookDelivery:
    """Send a `webhook.test` event to this subscription alone (even when it is disabled)."""
    actor.require_admin()
    same_organization(actor, subscription)
    data = {"message": "A test event from PLMS.", "subscription": str(subscription.uuid)}
    (event,) = outbox_write(actor_or_organization=actor, entries=[(TEST_EVENT, data)])
    webhooks.deliveries_create(actor.organization, [event], subscriptions=[subscription])
    return WebhookDelivery.objects.select_related("event", "subscription").get(event=event)


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


# --- Bulk upsert of employees -----------------------------------------------------------------

_COMPARED = (
    "email",
    "external_id",
    "first_name",
    "last_name",
    "title",
    "department_id",
    "manager_id",
    "manager_weight",
    "start_date",
    "active",
)


@dataclass
class BulkUpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    departments_created: int = 0
    items: list[tuple[Employee, str]] = field(default_factory=list)


def _job_roles_of(items: Sequence[Mapping[str, Any]]) -> dict[int, JobRole | None]:
    """{item index: the role it names (None: no role)} for the items that name one, by id or
    key; an unknown role refuses the whole call before anything is written."""
    wanted = {index: item["job_role"] for index, item in enumerate(items) if "job_role" in item}
    found = job_roles_by_reference(ref for ref in wanted.values() if ref)
    unknown = {
        f"items.{index}.job_role": f"No job role has the id or key {reference!r}."
        for index, reference in wanted.items()
        if reference and str(reference).strip() not in found
    }
    if unknown:
        raise ApplicationError(
            UNKNOWN_REFERENCE,
            f"Nothing was written: {len(unknown)} unknown job role(s).",
            fields=unknown,
        )
    return {
        index: found[str(reference).strip()] if reference else None
        for index, reference in wanted.items()
    }


def _as_record(item: Mapping[str, Any], *, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """An API item in the CSV import's row form, so the import's rules apply unchanged."""
    record: dict[str, str] = {}
    for name, value in item.items():
        if name in leave_out:
            continue
        if name == "matrix_managers":
            value = ";".join(f"{m['email']}:{m['weight']}" for m in value or [])
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, date):
            value = value.isoformat()
        elif value is None:
            value = ""
        record[name] = str(value).strip()
    return record


def _item_field(error: RowError) -> str:
    column = error.column.split(",")[0]
    return f"items.{error.line}.{column}" if column else f"items.{error.line}"


@transaction.atomic
def employees_bulk_upsert(*, actor: Actor, items: Sequence[Mapping[str, Any]]) -> BulkUpsertResult:
    """Create or update up to 1,000 employees, matched by external id, then e-mail.

    All or nothing: any problem in any item raises `ApplicationError("invalid")` with fields
    named `items.<index>.<field>`, and nothing is written. Emits `employee.*` events.
    """
    actor.require_admin()
    if not items or len(items) > MAX_BULK_ITEMS:
        raise ApplicationError(
            "invalid",
            f"Send between 1 and {MAX_BULK_ITEMS} items.",
            fields={"items": f"Between 1 and {MAX_BULK_ITEMS} items."},
        )
    roles = _job_roles_of(items)
    rows, errors = parse_records(
        [(index, _as_record(item, leave_out=("job_role",))) for index, item in enumerate(items)]
    )
    emails = [row.email for row in rows]
    externals = [str(row.values["external_id"]) for row in rows if row.values.get("external_id")]
    before = {
        values["id"]: values
        for values in Employee.objects.filter(
            Q(email__in=emails) | Q(external_id__in=externals)
        ).values("id", *_COMPARED)
    }
    try:
        imported = people_upsert(actor=actor, rows=rows, errors=errors, match_external_id=True)
    except ImportFailed as exc:
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_item_field(error), []).append(error.message)
        raise ApplicationError(
            "invalid",
            f"Nothing was written: {len(exc.errors)} problem(s) in the items.",
            fields=fields,
        ) from exc

    after = {
        e.email: e
        for e in Employee.objects.filter(email__in=emails).select_related("department", "manager")
    }
    result = BulkUpsertResult(departments_created=imported.departments_created)
    events = []
    for row in rows:
        employee = after[row.email]
        previous = before.get(employee.pk)
        current = {name: getattr(employee, name) for name in _COMPARED}
        if previous is None:
            status = "created"
        elif any(previous[name] != current[name] for name in _COMPARED):
            status = "updated"
        else:
            status = "unchanged"
        setattr(result, status, getattr(result, status) + 1)
        result.items.append((employee, status))
        if status != "unchanged":
            was_active = previous["active"] if previous else True
            moved = previous is not None and any(
                previous[name] != current[name] for name in ("title", "manager_id")
            )
            events.append(
                employee_event(
                    employee=employee,
                    created=previous is None,
                    was_active=was_active,
                    moved=moved,
                )
            )
            member_sign_in_sync(
                actor=actor, employee=employee, was_active=was_active, by="HRIS sync"
            )
    publish(actor_or_organization=actor, events=events)
    for row in rows:
        if row.line in roles:
            role_assign(actor=actor, employee=after[row.email], role=roles[row.line])
    return result


# --- SCIM provisioning ------------------------------------------------------------------------


def _department_named(*, actor: Actor, name: str | None) -> Department | None:
    name = (name or "").strip()
    if not name:
        return None
    department = Department.objects.filter(name__iexact=name).first()
    return department or people_services.department_create(actor=actor, name=name)


@transaction.atomic
def employee_provision(
    *,
    actor: Actor,
    employee: Employee | None,
    attributes: Mapping[str, Any],
) -> Employee:
    """Create (`employee` None) or change an employee from identity-provider attributes.

    `attributes` may hold email, external_id, first_name, last_name, title, active,
    department (a name; created when new), manager (an Employee or None) and job_role (a job
    role's key or id, None for no role); a missing key leaves the attribute unchanged. The
    e-mail of an existing member links their sign-in.
    """
    actor.require_admin()
    same_organization(actor, employee, attributes.get("manager"))
    role = None
    if attributes.get("job_role"):
        reference = str(attributes["job_role"]).strip()
        role = job_roles_by_reference([reference]).get(reference)
        if role is None:
            raise ApplicationError(
                UNKNOWN_REFERENCE,
                f"No job role has the id or key {reference!r}.",
                fields={"roles": "Unknown job role."},
            )
    fields = {
        name: attributes[name]
        for name in ("external_id", "first_name", "last_name", "title", "active")
        if name in attributes
    }
    if "department" in attributes:
        fields["department"] = _department_named(actor=actor, name=attributes["department"])
    if "external_id" in fields:
        fields["external_id"] = str(fields["external_id"] or "").strip()
        taken = Employee.objects.filter(external_id=fields["external_id"])
        if fields["external_id"] and taken.exclude(pk=getattr(employee, "pk", None)).exists():  # type: ignore[misc]
            raise ApplicationError(
                "duplicate_external_id",
                "Another employee has this external id.",
                fields={"external_id": "Already used by another employee."},
            )
    if employee is None:
        employee = people_services.employee_create(
            actor=actor,
            email=str(attributes.get("email") or ""),
            first_name=str(fields.pop("first_name", "") or ""),
            last_name=str(fields.pop("last_name", "") or ""),
            **fields,
        )
        _link_member(employee)
        # A member's sign-in linked to an employee created inactive is withdrawn.
        member_sign_in_sync(actor=actor, employee=employee, was_active=True, by="SCIM")
    else:
        if "email" in attributes:
            fields["email"] = attributes["email"]
        # Deactivation and reactivation withdraw and restore the sign-in (`employee_update`).
        employee = people_services.employee_update(
            actor=actor, employee=employee, by="SCIM", **fields
        )
    if "manager" in attributes and attributes["manager"] != employee.manager:
        matrix = [
            people_services.MatrixLine(manager=link.manager, weight=link.weight)
            for link in employee.secondary_manager_links.select_related("manager")
        ]
        manager = attributes["manager"]
        people_services.reporting_lines_set(
            actor=actor,
            employee=employee,
            manager=manager,
            manager_weight=employee.manager_weight if manager is not None and matrix else 100,
            matrix=matrix if manager is not None else [],
        )
    if "job_role" in attributes:
        role_assign(actor=actor, employee=employee, role=role)
    return employee


def _link_member(employee: Employee) -> None:
    """A new employee whose e-mail is already a member's sign-in is linked to it."""
    membership = (
        Membership.objects.filter(
            organization_id=employee.organization_id, user__email__iexact=employee.email
        )
        .select_related("user")
        .first()
    )
    if membership and not Employee.objects.filter(user=membership.user).exists():
        employee.user = membership.user
        employee.save(update_fields=["user"])


@transaction.atomic
def department_provision(
    *,
    actor: Actor,
    department: Department | None,
    name: str | None = None,
    members: Iterable[Employee] | None = None,
    add: Iterable[Employee] = (),
    remove: Iterable[Employee] = (),
) -> Department:
    """Create or rename a department and set, add or remove its members (identity providers'
    groups). Members leave any other department; removed members are left without one."""
    actor.require_admin()
    members = list(members) if members is not None else None
    add, remove = list(add), list(remove)
    same_organization(actor, department, *(members or []), *add, *remove)
    if department is None:
        department = people_services.department_create(actor=actor, name=name or "")
    elif name is not None and name.strip() != department.name:
        name = name.strip()
        if not name:
            raise ApplicationError("invalid", "A name is required.", fields={"name": "Required."})
        if Department.objects.filter(name__iexact=name).exclude(pk=department.pk).exists():
            raise ApplicationError(
                "duplicate",
                f"A department named {name!r} exists.",
                fields={"name": "Already used."},
            )
        before = snapshot(department, ("name",))
        department.name = name
        department.save(update_fields=["name"])
        audit_record(
            actor=actor,
            action="department.renamed",
            obj=department,
            changes=diff(before, snapshot(department, ("name",))),
        )
    if members is not None:
        keep = {member.pk for member in members}
        remove += [e for e in department.employees.all() if e.pk not in keep]
        add += members
    for employee in remove:
        if employee.department_id == department.pk:
            people_services.employee_update(actor=actor, employee=employee, department=None)
    for employee in add:
        if employee.department_id != department.pk:
            people_services.employee_update(actor=actor, employee=employee, department=department)
    return department
