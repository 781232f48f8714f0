"""Error codes of Momentum workflows and notifications."""

from __future__ import annotations

from plms.common.error_codes import INVALID, INVALID_TRANSITION, define

_WORKFLOW_WRITES = ("workflows_create", "workflows_partial_update")

INVALID_RECURRENCE = define(
    "invalid_recurrence", 400, "The recurrence is invalid.", *_WORKFLOW_WRITES
)
NO_OCCURRENCE = define(
    "no_occurrence",
    400,
    "The schedule has no occurrence in the future.",
    *_WORKFLOW_WRITES,
    "workflows_activate_create",
    "workflows_resume_create",
)
WORKFLOW_CANCELLED = define(
    "workflow_cancelled", 409, "A cancelled workflow cannot change.", "workflows_partial_update"
)

__all__ = [
    "INVALID",
    "INVALID_RECURRENCE",
    "INVALID_TRANSITION",
    "NO_OCCURRENCE",
    "WORKFLOW_CANCELLED",
]
