"""OpenAPI post-processing: every operation documents the errors it can answer with.

All errors share one shape, `Error` = `{"code", "detail", "fields"}`.
"""

from __future__ import annotations

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "Machine-readable error code."},
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

_DESCRIPTIONS = {
    "400": "Invalid request (`invalid`, or a business rule's code) with per-field messages.",
    "401": "No or invalid credentials.",
    "403": "The key lacks the scope, or the caller's role may not do this.",
    "404": "No such object in the caller's organization.",
    "405": "Method not allowed.",
    "409": "Conflict: a stale version, or the same Idempotency-Key still in progress.",
    "422": "The Idempotency-Key was used for a different request.",
    "429": "Rate limit reached; retry after the `Retry-After` seconds.",
}


def _codes(path: str, method: str) -> list[str]:
    # 400: invalid body or query (filters too); 404: unknown object or page.
    codes = ["400", "401", "403", "404", "405", "429"]
    if method in ("post", "put", "patch"):
        codes.append("409")
    if method == "post":
        codes.append("422")
    return sorted(codes)


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code in _codes(path, method):
                operation["responses"].setdefault(
                    code, {"description": _DESCRIPTIONS[code], "content": reference}
                )
    return result
