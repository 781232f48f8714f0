"""Error codes of organisations, memberships, API keys and moving an organisation."""

from __future__ import annotations

from plms.common.error_codes import CONFLICT, INVALID, NOT_FOUND, PAGES, define

SLUG_TAKEN = define("slug_taken", 400, "The organisation slug is taken.", PAGES)
INVALID_ROLE = define("invalid_role", 400, "Unknown membership role.", PAGES)
INVALID_SCOPE = define(
    "invalid_scope",
    400,
    "Unknown API key scope, or an assessment cycle's scope lists invalid ids.",
    "assessment_cycles_create",
    "assessment_cycles_partial_update",
    PAGES,
)
UNSUPPORTED_REFERENCE = define(
    "unsupported_reference", 400, "An organisation export refers to something unknown.", PAGES
)
MISMATCH = define("mismatch", 400, "The organisation export does not match.", PAGES)

__all__ = [
    "CONFLICT",
    "INVALID",
    "INVALID_ROLE",
    "INVALID_SCOPE",
    "MISMATCH",
    "NOT_FOUND",
    "SLUG_TAKEN",
    "UNSUPPORTED_REFERENCE",
]
