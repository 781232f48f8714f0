"""Error codes of employees, departments, reporting lines and invitations."""

from __future__ import annotations

from plms.common.error_codes import DUPLICATE, INVALID, INVALID_WEIGHTS, PAGES, define
from plms.tenancy.error_codes import INVALID_ROLE

_EMPLOYEE_WRITES = ("employees_create", "employees_partial_update", "employees_bulk_upsert_create")

ALREADY_JOINED = define("already_joined", 409, "The person has already joined.", PAGES)
INVALID_INVITATION = define(
    "invalid_invitation", 400, "The invitation is invalid or expired.", PAGES
)
DUPLICATE_EMAIL = define(
    "duplicate_email", 400, "Another employee has this e-mail address.", *_EMPLOYEE_WRITES
)
DUPLICATE_EXTERNAL_ID = define(
    "duplicate_external_id",
    400,
    "Another object has this external id.",
    *_EMPLOYEE_WRITES,
    "learning_items_create",
    "learning_items_partial_update",
)
INVALID_EMAIL = define("invalid_email", 400, "Not a valid e-mail address.", *_EMPLOYEE_WRITES)
INVALID_REPORTING_LINES = define(
    "invalid_reporting_lines",
    400,
    "Reporting lines would loop, or matrix weights do not total 100 %.",
    *_EMPLOYEE_WRITES,
)
REPORTING_CYCLE = define(
    "reporting_cycle", 400, "The manager would report to the employee.", *_EMPLOYEE_WRITES
)
UNKNOWN_REFERENCE = define(
    "unknown_reference",
    400,
    "A referenced object (by id or documented natural key) does not exist in the organisation.",
    *_EMPLOYEE_WRITES,
    "job_role_assignments_create",
    "learning_completions_create",
)

__all__ = [
    "ALREADY_JOINED",
    "DUPLICATE",
    "DUPLICATE_EMAIL",
    "DUPLICATE_EXTERNAL_ID",
    "INVALID",
    "INVALID_EMAIL",
    "INVALID_INVITATION",
    "INVALID_REPORTING_LINES",
    "INVALID_ROLE",
    "INVALID_WEIGHTS",
    "REPORTING_CYCLE",
    "UNKNOWN_REFERENCE",
]
