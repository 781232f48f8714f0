"""Webhook subscriptions: create, update, switch on or off, delete, and send a test event. For HR
admins and API keys (`actor.require_admin()`), audited, in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from plms.audit.services import audit_record, diff, snapshot
from plms.common.errors import ApplicationError
from plms.events.bus import outbox_write
from plms.integrations import webhooks
from plms.integrations.addresses import host_refusal
from plms.integrations.error_codes import HTTPS_REQUIRED, INVALID_EVENTS, INVALID_URL
from plms.integrations.models import (
    WebhookDelivery,
    WebhookSubscription,
)
from plms.integrations.signing import secret_generate
from plms.integrations.webhooks import EVENT_TYPES, TEST_EVENT
from plms.tenancy.actors import Actor, same_organization

SUBSCRIPTION_FIELDS = ("url", "description", "events", "active")


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
            INVALID_URL, f"{url!r} is not a URL.", fields={"url": "Enter a valid URL."}
        ) from exc
    parts = urlsplit(url)
    # A name is resolved and checked again on every send: it may point anywhere later.
    local = host_refusal(parts.hostname or "") is not None
    if local and not _local_urls_allowed():
        raise ApplicationError(
            INVALID_URL,
            "Webhooks are sent to public addresses only.",
            fields={"url": "A local or private address cannot receive webhooks."},
        )
    if parts.scheme != "https" and not (local and _local_urls_allowed()):
        raise ApplicationError(
            HTTPS_REQUIRED,
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
        raise ApplicationError(INVALID_EVENTS, message, fields={"events": message})
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
