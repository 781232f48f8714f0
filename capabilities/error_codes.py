"""Error codes of the capability library, the competency scale and job roles."""

from __future__ import annotations

from plms.common.error_codes import INVALID, PAGES, define
from plms.people.error_codes import UNKNOWN_REFERENCE

_ROLE_WRITES = ("job_roles_create", "job_roles_partial_update")

INVALID_SCALE = define(
    "invalid_scale",
    400,
    "A scale has 3-7 levels numbered from 1.",
    "competency_scales_partial_update",
)
SCALE_IN_USE = define(
    "scale_in_use",
    409,
    "The scale is in use: changing its levels needs a `mapping` of every current level.",
    "competency_scales_partial_update",
)
INVALID_MAPPING = define(
    "invalid_mapping", 400, "The level mapping is invalid.", "competency_scales_partial_update"
)
DUPLICATE_NAME = define(
    "duplicate_name",
    400,
    "The name is used already.",
    "capabilities_create",
    "capabilities_partial_update",
    *_ROLE_WRITES,
    "catalogue_capabilities_adopt_create",
)
DUPLICATE_KEY = define(
    "duplicate_key",
    400,
    "The key is used already.",
    "capabilities_create",
    "capabilities_partial_update",
    *_ROLE_WRITES,
)
NO_UPDATE = define(
    "no_update",
    409,
    "The adopted capability has no pending catalogue update.",
    "capability_updates_accept_create",
    "capability_updates_decline_create",
)
INVALID_MERGE = define("invalid_merge", 400, "Choose two different capabilities.", PAGES)
NO_CHANGES = define("no_changes", 409, "Nothing changed since the last framework version.", PAGES)
ASSIGNMENT_ENDED = define(
    "assignment_ended",
    409,
    "The job role assignment has ended already.",
    "job_role_assignments_end_create",
)
ROLE_IN_USE = define(
    "role_in_use",
    409,
    "People hold (or held) this role; it cannot be deleted.",
    "job_roles_destroy",
)
LEVEL_OUTSIDE_SCALE = define(
    "level_outside_scale",
    400,
    "A level (a role's target, or a capability's described level) is not on the scale.",
    *_ROLE_WRITES,
    "capabilities_create",
    "capabilities_partial_update",
)
MISSING_DESCRIPTOR = define(
    "missing_descriptor",
    400,
    "A capability describes every level of the scale (`fields` names the missing ones).",
    "capabilities_create",
    "capabilities_partial_update",
)
CAPABILITY_RETIRED = define(
    "capability_retired",
    400,
    "The capability is retired.",
    *_ROLE_WRITES,
    "goals_create",
    "goals_partial_update",
)
DUPLICATE_REQUIREMENT = define(
    "duplicate_requirement", 400, "A capability is required twice.", *_ROLE_WRITES
)
INVALID_KEY_RESULTS = define(
    "invalid_key_results", 400, "A job role has 3-5 key results.", *_ROLE_WRITES
)

__all__ = [
    "ASSIGNMENT_ENDED",
    "CAPABILITY_RETIRED",
    "DUPLICATE_KEY",
    "DUPLICATE_NAME",
    "DUPLICATE_REQUIREMENT",
    "INVALID",
    "INVALID_KEY_RESULTS",
    "INVALID_MAPPING",
    "INVALID_MERGE",
    "INVALID_SCALE",
    "LEVEL_OUTSIDE_SCALE",
    "MISSING_DESCRIPTOR",
    "NO_CHANGES",
    "NO_UPDATE",
    "ROLE_IN_USE",
    "SCALE_IN_USE",
    "UNKNOWN_REFERENCE",
]
