"""Error codes of goals, goal templates, check-ins and feedback."""

from __future__ import annotations

from capabilities.error_codes import CAPABILITY_RETIRED
from plms.common.error_codes import (
    ALREADY_DECIDED,
    CONFLICT,
    DUPLICATE,
    INVALID,
    INVALID_TRANSITION,
    NOT_FOUND,
    PAGES,
    define,
)

_GOAL_WRITES = ("goals_create", "goals_partial_update")

ALIGNMENT_CYCLE = define("alignment_cycle", 400, "Goal parents would loop.", *_GOAL_WRITES)
KEY_RESULT_NOT_IN_ROLE = define(
    "key_result_not_in_role",
    400,
    "The key result is not one of the owner's job role.",
    *_GOAL_WRITES,
    "goal_templates_create",
    "goal_templates_apply_create",
)
GOAL_CLOSED = define(
    "goal_closed",
    409,
    "A completed or cancelled goal cannot change.",
    "goals_partial_update",
    "goals_approve_stretch_create",
)
JUSTIFICATION_REQUIRED = define(
    "justification_required",
    400,
    "Changing an active goal's commitment needs a `justification`.",
    "goals_partial_update",
)
CHANGE_PENDING = define(
    "change_pending",
    409,
    "A change of this goal is waiting for approval.",
    "goals_partial_update",
)
SMART_CHECK_FAILED = define(
    "smart_check_failed",
    400,
    "The goal fails the SMART-R check (`fields`).",
    "goals_partial_update",
    "goal_templates_apply_create",
)
GOAL_NOT_ACTIVE = define(
    "goal_not_active", 409, "Progress is recorded on active goals only.", "goals_updates_create"
)
EMPTY_DEPARTMENT = define(
    "empty_department",
    400,
    "The department has no active employees.",
    "goal_templates_apply_create",
)
EMPTY_ROLE = define(
    "empty_role", 400, "Nobody holds the role at the moment.", "goal_templates_apply_create"
)
CHECK_IN_CLOSED = define(
    "check_in_closed",
    409,
    "The check-in is completed or cancelled.",
    "check_ins_partial_update",
    "check_ins_complete_create",
)
ALREADY_RESOLVED = define(
    "already_resolved", 409, "The escalation has been resolved already.", PAGES
)
NO_MANAGER_ABOVE = define(
    "no_manager_above",
    400,
    "The manager has no manager to escalate to.",
    "check_ins_escalate_create",
)

__all__ = [
    "ALIGNMENT_CYCLE",
    "ALREADY_DECIDED",
    "ALREADY_RESOLVED",
    "CAPABILITY_RETIRED",
    "CHANGE_PENDING",
    "CHECK_IN_CLOSED",
    "CONFLICT",
    "DUPLICATE",
    "EMPTY_DEPARTMENT",
    "EMPTY_ROLE",
    "GOAL_CLOSED",
    "GOAL_NOT_ACTIVE",
    "INVALID",
    "INVALID_TRANSITION",
    "JUSTIFICATION_REQUIRED",
    "KEY_RESULT_NOT_IN_ROLE",
    "NOT_FOUND",
    "SMART_CHECK_FAILED",
]
