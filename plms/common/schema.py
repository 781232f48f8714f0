"""OpenAPI post-processing: every operation documents the errors it can answer with.

All errors share one shape, `Error` = `{"code", "detail", "fields"}`; the codes each operation
can return, with their statuses and meanings, come from the catalogue in
`plms.common.error_codes` (each app's codes name the operation ids that return them): listed
per status in the response's description and, for tools, in the operation's
`x-error-codes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from plms.common.error_codes import codes_for

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {
            "type": "string",
            "description": "Machine-readable error code (see docs/errors.md).",
        },
        "detail": {"type": "string", "description": "What went wrong, for people."},
        "fields": {
            "type": "object",
            "description": "Messages per field (dotted paths for nested items).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["code", "detail", "fields"],
    "additionalProperties": True,
}

_TITLES = {
    400: "Invalid request",
    401: "No or invalid credentials",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict with the current state",
    410: "Gone",
    412: "Precondition failed",
    415: "Unsupported media type",
    422: "Idempotency-Key reused",
    429: "Rate limit reached",
}

# Filled by plms.integrations (above this module): () -> [(type, description, example data)].
_WEBHOOK_EVENTS: list[Callable[[], Iterable[tuple[str, str, dict]]]] = []


_PARTS: list[Callable[[dict], None]] = []


def register_schema_part(part: Callable[[dict], None]) -> None:
    """A part of the published contract that is not generated from the API's views (SCIM):
    `part(document)` adds its paths and components."""
    if part not in _PARTS:
        _PARTS.append(part)


def add_registered_parts(result, generator, request, public):
    for part in _PARTS:
        part(result)
    return result


def register_webhook_events(provider: Callable[[], Iterable[tuple[str, str, dict]]]) -> None:
    if provider not in _WEBHOOK_EVENTS:
        _WEBHOOK_EVENTS.append(provider)


def add_webhooks(result, generator, request, public):
    """The events PLMS sends to webhook subscriptions, documented as `x-webhooks` (one POST
    each, with the signed envelope and an example payload; docs/webhooks.md explains the
    signature). Filled by the integrations app through `WEBHOOK_EVENTS`."""
    if not _WEBHOOK_EVENTS:
        return result
    hooks = {}
    for event_type, description, example in (e for p in _WEBHOOK_EVENTS for e in p()):
        envelope = {
            "id": "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11",
            "type": event_type,
            "created_at": "2027-01-04T09:30:12.123456+00:00",
            "organization": "5f1d3c8e-2b0a-4a59-8b53-0f1e9f6c7d21",
            "data": example,
        }
        hooks[event_type] = {
            "post": {
                "summary": str(description),
                "description": "Signed with `PLMS-Signature` (HMAC-SHA256 of `<t>.<body>`); "
                "see docs/webhooks.md.",
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/WebhookEvent"},
                            "example": envelope,
                        }
                    }
                },
                "responses": {"2XX": {"description": "Received; any other answer is retried."}},
            }
        }
    result.setdefault("components", {}).setdefault("schemas", {})["WebhookEvent"] = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid", "description": "Deduplicate by it."},
            "type": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "organization": {"type": "string", "format": "uuid"},
            "data": {"type": "object", "additionalProperties": True},
        },
        "required": ["id", "type", "created_at", "organization", "data"],
    }
    result["x-webhooks"] = hooks
    return result


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = [
                entry
                for entry in codes_for(
                    operation.get("operationId", ""),
                    method,
                    conditional="412" in operation["responses"],
                )
                if entry.status in _TITLES and (method == "post" or entry.status != 422)
            ]
            operation["x-error-codes"] = sorted(entry.code for entry in codes)
            for status in sorted({entry.status for entry in codes}):
                listed = "; ".join(
                    f"`{entry.code}`: {entry.meaning}"
                    for entry in sorted(codes, key=lambda e: e.code)
                    if entry.status == status
                )
                response = operation["responses"].setdefault(
                    str(status), {"description": "", "content": reference}
                )
                response["description"] = " ".join(
                    part
                    for part in (response.get("description", ""), f"{_TITLES[status]}. {listed}")
                    if part
                )
    return result
