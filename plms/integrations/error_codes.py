"""Error codes of integrations: webhook subscriptions and provisioning (bulk upsert)."""

from __future__ import annotations

from plms.common.error_codes import DUPLICATE, INVALID, define
from plms.people.error_codes import DUPLICATE_EXTERNAL_ID, UNKNOWN_REFERENCE

_WEBHOOK_WRITES = ("webhooks_create", "webhooks_partial_update")

INVALID_URL = define("invalid_url", 400, "Not a public URL.", *_WEBHOOK_WRITES)
HTTPS_REQUIRED = define("https_required", 400, "Webhook URLs must use https.", *_WEBHOOK_WRITES)
INVALID_EVENTS = define("invalid_events", 400, "Unknown webhook event type.", *_WEBHOOK_WRITES)

__all__ = [
    "DUPLICATE",
    "DUPLICATE_EXTERNAL_ID",
    "HTTPS_REQUIRED",
    "INVALID",
    "INVALID_EVENTS",
    "INVALID_URL",
    "UNKNOWN_REFERENCE",
]
