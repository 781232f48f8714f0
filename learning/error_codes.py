"""Error codes of learning items, development plans, plan builds and completions."""

from __future__ import annotations

from assessments.error_codes import REASON_REQUIRED
from plms.common.error_codes import INVALID, INVALID_TRANSITION, PAGES, define
from plms.people.error_codes import DUPLICATE_EXTERNAL_ID, UNKNOWN_REFERENCE

PLAN_EXISTS = define(
    "plan_exists",
    409,
    "The person has a plan built from this cycle already.",
    "development_plans_create",
)
BUILD_IN_PROGRESS = define(
    "build_in_progress", 409, "The cycle's plans are being built already.", PAGES
)

__all__ = [
    "BUILD_IN_PROGRESS",
    "DUPLICATE_EXTERNAL_ID",
    "INVALID",
    "INVALID_TRANSITION",
    "PLAN_EXISTS",
    "REASON_REQUIRED",
    "UNKNOWN_REFERENCE",
]
