"""The catalogue of error codes: every code the API (and the pages) can answer with, its HTTP
status, what it means and the operations that can return it. It is one registry filled by one
module per app: the codes any operation can return (and the few several apps share) are
defined here; each app defines its own in its `error_codes.py` (e.g. `goals/error_codes.py`)
with `define(...)`, and its services, APIs and pages raise those named constants, never a
string. `ApplicationError` takes its status from here, the OpenAPI schema lists the codes
of each operation from here, and docs/errors.md is generated from here
(`manage.py error_catalogue`).

The statuses follow one rule: a request that is malformed or breaks a validation rule is 400,
an authorisation refusal is 403, something missing (or in another organisation) is 404, and a
conflict with the current state of an object is 409.

Each entry names the `operations` (OpenAPI operation ids, e.g. `goals_partial_update`) that
can return it, or `PAGES` for the browser only; an entry naming none is returned by any
operation (by any write, when `writes_only`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True, eq=False)
class ErrorCode:
    code: str
    status: int
    meaning: str
    operations: tuple[str, ...] = ()
    writes_only: bool = True

    def __str__(self) -> str:
        return self.code

    # A code equals its string: `error.code == NOT_RATER` holds for the raised error's code.
    def __eq__(self, other: object) -> bool:
        if isinstance(other, ErrorCode):
            return self.code == other.code
        return self.code == other

    def __hash__(self) -> int:
        return hash(self.code)


CATALOGUE: dict[str, ErrorCode] = {}
PAGES = "pages"  # returned by the browser pages only, not the API
CONDITIONAL = "conditional"  # returned by the object writes that take `If-Match`


def define(
    code: str,
    status: int,
    meaning: str,
    *operations: str,
    writes_only: bool = True,
) -> ErrorCode:
    """Register a code; `operations` are the operation ids that can return it (or PAGES)."""
    assert code not in CATALOGUE, f"{code} is defined twice"
    entry = ErrorCode(code, status, meaning, tuple(operations), writes_only)
    CATALOGUE[code] = entry
    return entry


def load_all() -> dict[str, ErrorCode]:
    """The whole catalogue: every installed app's `error_codes` module loaded (they register
    on import), so a new app's codes join by existing."""
    global _LOADED
    if not _LOADED:
        autodiscover_modules("error_codes")
        _LOADED = True
    return CATALOGUE


_LOADED = False


# --- Any operation ---------------------------------------------------------------------------

INVALID = define(
    "invalid",
    400,
    "The request is invalid: a malformed or unknown body field, query parameter, page, "
    "filter or ordering. `fields` names each problem.",
    writes_only=False,
)
PARSE_ERROR = define("parse_error", 400, "The body is not valid JSON.")
NOT_AUTHENTICATED = define("not_authenticated", 401, "No credentials were sent.", writes_only=False)
AUTHENTICATION_FAILED = define(
    "authentication_failed",
    401,
    "The API key is unknown, revoked or expired.",
    writes_only=False,
)
PERMISSION_DENIED = define(
    "permission_denied",
    403,
    "The key lacks the operation's scope, or the caller's role may not do this.",
    writes_only=False,
)
NOT_FOUND = define(
    "not_found",
    404,
    "No such object in the caller's organisation (another organisation's object is a 404 "
    "too), or a page past the last one.",
    writes_only=False,
)
METHOD_NOT_ALLOWED = define(
    "method_not_allowed", 405, "The route does not take this method.", writes_only=False
)
NOT_ACCEPTABLE = define("not_acceptable", 406, "Only JSON is served.", writes_only=False)
UNSUPPORTED_MEDIA_TYPE = define("unsupported_media_type", 415, "Send `application/json`.")
PRECONDITION_FAILED = define(
    "precondition_failed",
    412,
    "`If-Match` does not match the object's current `ETag`: it changed since it was read; "
    "read it again.",
    CONDITIONAL,
)
CONFLICT = define(
    "conflict", 409, "The object changed since it was read: a stale `version`; read it again."
)
IDEMPOTENCY_IN_PROGRESS = define(
    "idempotency_in_progress",
    409,
    "A request with the same `Idempotency-Key` is still running.",
)
IDEMPOTENCY_KEY_REUSED = define(
    "idempotency_key_reused",
    422,
    "The `Idempotency-Key` was used for a different request.",
)
THROTTLED = define(
    "throttled", 429, "Rate limit reached; retry after `Retry-After` seconds.", writes_only=False
)
SERVER_ERROR = define("server_error", 500, "An unexpected error; it was logged.", writes_only=False)

# --- Shared by several apps (each app's module re-exports the ones it raises) --------------

DUPLICATE = define(
    "duplicate",
    400,
    "An object with this name exists already.",
    "departments_create",
    "goal_templates_create",
    "check_ins_create",
    "employees_bulk_upsert_create",
)
INVALID_TRANSITION = define(
    "invalid_transition",
    409,
    "The object's current status does not allow this step.",
    "goals_partial_update",
    "development_plans_activate_create",
    "development_plans_approve_create",
    "development_plans_complete_create",
    "development_plans_item_progress_create",
    "development_plans_propose_create",
    "development_plans_sign_off_create",
    "workflows_activate_create",
    "workflows_cancel_create",
    "workflows_pause_create",
    "workflows_resume_create",
)
ALREADY_DECIDED = define(
    "already_decided",
    409,
    "This has been decided already.",
    "peer_nominations_approve_create",
    "peer_nominations_decline_create",
    "goals_decide_change_create",
    "compensation_reviews_proposals_approve_create",
    "compensation_reviews_proposals_reject_create",
)
INVALID_WEIGHTS = define(
    "invalid_weights",
    400,
    "Weights must total 100 %: the rater kinds a cycle uses, or a person's primary and matrix "
    "managers.",
    "assessment_cycles_create",
    "assessment_cycles_partial_update",
    "employees_bulk_upsert_create",
)


def status_of(code: str) -> int | None:
    entry = CATALOGUE.get(str(code)) or load_all().get(str(code))
    return entry.status if entry is not None else None


def codes_for(operation_id: str, method: str, *, conditional: bool = False) -> list[ErrorCode]:
    """The codes the operation `operation_id` (with `method`) can return: those any operation
    (or any write) can return, those that name it and, for a write that takes `If-Match`
    (`conditional`), the precondition's."""
    write = method.lower() in ("post", "put", "patch", "delete")
    return [
        entry
        for entry in load_all().values()
        if operation_id in entry.operations
        or (conditional and CONDITIONAL in entry.operations)
        or (not entry.operations and (write or not entry.writes_only))
    ]


def markdown(operations: dict[str, str] | None = None) -> str:
    """docs/errors.md: the catalogue as a table per HTTP status; `operations` names each
    operation id as people read it (`POST /goals`), from the schema."""
    operations = operations or {}
    catalogue = load_all()
    lines = [
        "# Error codes",
        "",
        "<!-- Generated from plms/common/error_codes.py and each app's error_codes.py by "
        "`manage.py error_catalogue`; do not edit. -->",
        "",
        'Every error is JSON `{"code", "detail", "fields"}`: `code` is one of the codes below '
        "(stable, part of the contract), `detail` is for people, `fields` names each problem "
        "(dotted paths for nested items). A request that is malformed or breaks a validation "
        "rule is **400**, an authorisation refusal **403**, something missing — or in another "
        "organisation — **404**, a conflict with the object's current state **409**. The "
        "OpenAPI schema lists, per operation, the codes it can return.",
        "",
    ]
    for status in sorted({entry.status for entry in catalogue.values()}):
        lines += [f"## {status}", "", "| code | meaning | returned by |", "|---|---|---|"]
        for entry in sorted(catalogue.values(), key=lambda e: e.code):
            if entry.status != status:
                continue
            where = ", ".join(
                "the pages"
                if name == PAGES
                else "writes that take `If-Match`"
                if name == CONDITIONAL
                else f"`{operations.get(name, name)}`"
                for name in entry.operations
            ) or ("any write" if entry.writes_only else "any operation")
            lines.append(f"| `{entry.code}` | {entry.meaning} | {where} |")
        lines.append("")
    return "\n".join(lines)
