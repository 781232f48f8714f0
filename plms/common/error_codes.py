"""The catalogue of error codes: every code the API (and the pages) can answer with, its HTTP
status and what it means. This module is the one place they are defined: `ApplicationError`
takes its status from here, the OpenAPI schema lists the codes each operation can return from
here, and docs/errors.md is generated from here (`manage.py error_catalogue`).

The statuses follow one rule: a request that is malformed or breaks a validation rule is 400,
an authorisation refusal is 403, something missing (or in another organisation) is 404, and a
conflict with the current state of an object is 409.

Each entry names the `resources` (first segment of the API path) whose operations can return
it; an empty tuple means any operation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class ErrorCode:
    code: str
    status: int
    meaning: str
    resources: tuple[str, ...] = ()
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


def _define(
    code: str,
    status: int,
    meaning: str,
    *resources: str,
    writes_only: bool = True,
) -> ErrorCode:
    assert code not in CATALOGUE, f"{code} is defined twice"
    entry = ErrorCode(code, status, meaning, tuple(resources), writes_only)
    CATALOGUE[code] = entry
    return entry


# --- Any operation ---------------------------------------------------------------------------

INVALID = _define(
    "invalid",
    400,
    "The request is invalid: a malformed or unknown body field, query parameter, page, "
    "filter or ordering. `fields` names each problem.",
    writes_only=False,
)
PARSE_ERROR = _define("parse_error", 400, "The body is not valid JSON.")
NOT_AUTHENTICATED = _define(
    "not_authenticated", 401, "No credentials were sent.", writes_only=False
)
AUTHENTICATION_FAILED = _define(
    "authentication_failed",
    401,
    "The API key is unknown, revoked or expired.",
    writes_only=False,
)
PERMISSION_DENIED = _define(
    "permission_denied",
    403,
    "The key lacks the operation's scope, or the caller's role may not do this.",
    writes_only=False,
)
NOT_FOUND = _define(
    "not_found",
    404,
    "No such object in the caller's organisation (another organisation's object is a 404 "
    "too), or a page past the last one.",
    writes_only=False,
)
METHOD_NOT_ALLOWED = _define(
    "method_not_allowed", 405, "The route does not take this method.", writes_only=False
)
NOT_ACCEPTABLE = _define("not_acceptable", 406, "Only JSON is served.", writes_only=False)
UNSUPPORTED_MEDIA_TYPE = _define("unsupported_media_type", 415, "Send `application/json`.")
CONFLICT = _define(
    "conflict", 409, "The object changed since it was read: a stale `version`; read it again."
)
IDEMPOTENCY_IN_PROGRESS = _define(
    "idempotency_in_progress",
    409,
    "A request with the same `Idempotency-Key` is still running.",
)
IDEMPOTENCY_KEY_REUSED = _define(
    "idempotency_key_reused",
    422,
    "The `Idempotency-Key` was used for a different request.",
)
THROTTLED = _define(
    "throttled", 429, "Rate limit reached; retry after `Retry-After` seconds.", writes_only=False
)
SERVER_ERROR = _define(
    "server_error", 500, "An unexpected error; it was logged.", writes_only=False
)

# --- Organisation, people, keys, webhooks ---------------------------------------------------

SLUG_TAKEN = _define("slug_taken", 400, "The organisation slug is taken.", PAGES)
INVALID_ROLE = _define("invalid_role", 400, "Unknown membership role.", PAGES)
INVALID_SCOPE = _define(
    "invalid_scope",
    400,
    "Unknown API key scope, or an assessment cycle's scope lists invalid ids.",
    "assessment-cycles",
    PAGES,
)
INVALID_INVITATION = _define(
    "invalid_invitation", 400, "The invitation is invalid or expired.", PAGES
)
ALREADY_JOINED = _define("already_joined", 409, "The person has already joined.", "employees")
DUPLICATE = _define(
    "duplicate",
    400,
    "An object with this name exists already.",
    "departments",
    "goal-templates",
    "check-ins",
    "employees",
)
DUPLICATE_EMAIL = _define(
    "duplicate_email", 400, "Another employee has this e-mail address.", "employees"
)
DUPLICATE_EXTERNAL_ID = _define(
    "duplicate_external_id",
    400,
    "Another object has this external id.",
    "employees",
    "learning-items",
)
INVALID_EMAIL = _define("invalid_email", 400, "Not a valid e-mail address.", "employees")
INVALID_REPORTING_LINES = _define(
    "invalid_reporting_lines",
    400,
    "Reporting lines would loop, or matrix weights do not total 100 %.",
    "employees",
)
REPORTING_CYCLE = _define(
    "reporting_cycle", 400, "The manager would report to the employee.", "employees"
)
UNKNOWN_REFERENCE = _define(
    "unknown_reference",
    400,
    "A referenced object (by id or documented natural key) does not exist in the organisation.",
    "employees",
)
INVALID_URL = _define("invalid_url", 400, "Not a public URL.", "webhooks")
HTTPS_REQUIRED = _define("https_required", 400, "Webhook URLs must use https.", "webhooks")
INVALID_EVENTS = _define("invalid_events", 400, "Unknown webhook event type.", "webhooks")

# --- Signing in (pages) ----------------------------------------------------------------------

INVALID_DOMAIN = _define("invalid_domain", 400, "Not an e-mail domain.", PAGES)
INSECURE_URL = _define("insecure_url", 400, "Use an https:// address.", PAGES)
DOMAIN_TAKEN = _define(
    "domain_taken", 400, "Another organisation signs in this domain with its own SSO.", PAGES
)
SSO_ONLY_NEEDS_SSO = _define(
    "sso_only_needs_sso",
    400,
    "Password sign-in can only be switched off while single sign-on is enabled.",
    PAGES,
)
REQUIRED = _define("required", 400, "A required value is missing.", PAGES)
TWO_FACTOR_ENABLED = _define(
    "two_factor_enabled", 400, "Two-factor sign-in is already set up.", PAGES
)
TWO_FACTOR_DISABLED = _define(
    "two_factor_disabled", 400, "Two-factor sign-in is not set up.", PAGES
)
NO_PENDING_SETUP = _define(
    "no_pending_setup", 400, "Start setting up two-factor sign-in first.", PAGES
)
INVALID_CODE = _define("invalid_code", 400, "The one-time or recovery code is not right.", PAGES)
TWO_FACTOR_REQUIRED = _define(
    "two_factor_required", 400, "The organisation requires two-factor sign-in.", PAGES
)

INVALID_METADATA = _define("invalid_metadata", 400, "The SAML metadata is not valid.", PAGES)
METADATA_UNREACHABLE = _define(
    "metadata_unreachable", 400, "The identity provider's metadata could not be read.", PAGES
)

# --- Personal data and moving organisations --------------------------------------------------

GONE = _define(
    "gone",
    410,
    "The personal data export is not ready or was downloaded already: request a new one.",
    "employees",
    writes_only=False,
)
STILL_ACTIVE = _define(
    "still_active", 409, "Deactivate the person before erasing them.", "employees", PAGES
)
RETENTION_NOT_REACHED = _define(
    "retention_not_reached",
    409,
    "The organisation's retention period for leavers has not passed yet.",
    "employees",
    PAGES,
)
UNSUPPORTED_REFERENCE = _define(
    "unsupported_reference", 400, "An organisation export refers to something unknown.", PAGES
)
MISMATCH = _define("mismatch", 400, "The organisation export does not match.", PAGES)

# --- Capabilities, scales, job roles ---------------------------------------------------------

INVALID_SCALE = _define(
    "invalid_scale", 400, "A scale has 3-7 levels numbered from 1.", "competency-scales"
)
SCALE_IN_USE = _define(
    "scale_in_use",
    409,
    "The scale is in use: changing its levels needs a `mapping` of every current level.",
    "competency-scales",
)
INVALID_MAPPING = _define(
    "invalid_mapping", 400, "The level mapping is invalid.", "competency-scales"
)
DUPLICATE_NAME = _define(
    "duplicate_name", 400, "The name is used already.", "capabilities", "job-roles", "catalogue"
)
DUPLICATE_KEY = _define("duplicate_key", 400, "The key is used already.", "capabilities")
NO_UPDATE = _define(
    "no_update",
    409,
    "The adopted capability has no pending catalogue update.",
    "capabilities",
    "capability-updates",
)
INVALID_MERGE = _define("invalid_merge", 400, "Choose two different capabilities.", "capabilities")
NO_CHANGES = _define(
    "no_changes", 409, "Nothing changed since the last framework version.", "capabilities"
)
ASSIGNMENT_ENDED = _define(
    "assignment_ended", 409, "The job role assignment has ended already.", "job-role-assignments"
)
ROLE_IN_USE = _define(
    "role_in_use", 409, "People hold (or held) this role; it cannot be deleted.", "job-roles"
)
LEVEL_OUTSIDE_SCALE = _define(
    "level_outside_scale", 400, "A target level is not on the scale.", "job-roles"
)
CAPABILITY_RETIRED = _define(
    "capability_retired", 400, "The capability is retired.", "job-roles", "goals"
)
DUPLICATE_REQUIREMENT = _define(
    "duplicate_requirement", 400, "A capability is required twice.", "job-roles"
)
INVALID_KEY_RESULTS = _define(
    "invalid_key_results", 400, "A job role has 3-5 key results.", "job-roles"
)

# --- Assessments -----------------------------------------------------------------------------

INVALID_WEIGHTS = _define(
    "invalid_weights",
    400,
    "The weights of the rater kinds used must total 100 %.",
    "assessment-cycles",
)
CYCLE_NOT_OPEN = _define(
    "cycle_not_open",
    409,
    "The cycle is not open (it is closed, or not launched).",
    "assessment-cycles",
    "assessments",
    "peer-nominations",
    "expert-grants",
)
CYCLE_NOT_DRAFT = _define(
    "cycle_not_draft", 409, "Only a draft cycle can do this.", "assessment-cycles"
)
CYCLE_NOT_CLOSED = _define(
    "cycle_not_closed", 409, "Only a closed cycle can do this.", "assessment-cycles"
)
CONFIRMATION_STALE = _define(
    "confirmation_stale",
    409,
    "The count of unsubmitted assessments confirmed when closing is no longer right: read it "
    "again.",
    "assessment-cycles",
)
REASON_REQUIRED = _define(
    "reason_required",
    400,
    "Say why (`reason`).",
    "assessment-cycles",
    "development-plans",
    "performance-ratings",
    "compensation-reviews",
)
INVALID_PEER = _define(
    "invalid_peer", 400, "Peers are other people, each named once.", "peer-nominations"
)
PEER_LIMIT_REACHED = _define(
    "peer_limit_reached",
    400,
    "A named peer has the cycle's maximum of peer requests (`fields.peers`).",
    "peer-nominations",
)
NOT_MANAGER = _define(
    "not_manager",
    403,
    "Only the employee's manager (or an HR admin) may do this.",
    "peer-nominations",
    "expert-grants",
)
ALREADY_DECIDED = _define(
    "already_decided",
    409,
    "This has been decided already.",
    "peer-nominations",
    "goals",
    "compensation-reviews",
)
ALREADY_SUBMITTED = _define(
    "already_submitted",
    409,
    "The assessment was submitted already.",
    "assessments",
    "expert-grants",
)
NOT_RATER = _define(
    "not_rater",
    403,
    "Only the assessment's rater (or a granted expert) may rate it.",
    "assessments",
)
RATING_ON_BEHALF = _define(
    "rating_on_behalf",
    403,
    "API keys do not rate on a person's behalf: import the level as an external rating "
    "(`POST /external-ratings`, scope `ratings:import`).",
    "assessments",
)
ASSESSMENT_LOCKED = _define(
    "assessment_locked",
    409,
    "The assessment is submitted and can no longer change.",
    "assessments",
)
ASSESSMENT_NOT_OPEN = _define(
    "assessment_not_open",
    409,
    "The assessment is not open for rating (declined or not yet approved).",
    "assessments",
)
LEVEL_OUT_OF_SCALE = _define(
    "level_out_of_scale",
    400,
    "A level is not on the scale.",
    "assessments",
    "rating-previews",
    "external-ratings",
)
CAPABILITY_NOT_IN_SCOPE = _define(
    "capability_not_in_scope",
    400,
    "The capability is not required of the person's role in this cycle.",
    "assessments",
)
INCOMPLETE = _define(
    "incomplete", 400, "Rate every capability (or mark it not observed).", "assessments"
)
EVIDENCE_REQUIRED = _define(
    "evidence_required", 400, "Some ratings need evidence (`fields`).", "assessments"
)
INVALID_LEVEL = _define("invalid_level", 400, "Choose a level on the scale.", "assessments")
ALREADY_CALIBRATED = _define(
    "already_calibrated", 409, "The level was calibrated; the preview is over.", "rating-previews"
)
PREVIEW_CLOSED = _define("preview_closed", 409, "The ratings preview is closed.", "rating-previews")
NOT_VOTER = _define(
    "not_voter",
    403,
    "Votes are cast by people (HR or the person's managers), not API keys, and never on one's "
    "own level.",
    "rating-previews",
)
COMMENT_REQUIRED = _define(
    "comment_required", 400, "Say why the level looks wrong (`comment`).", "rating-previews"
)

# --- Goals, check-ins, feedback --------------------------------------------------------------

ALIGNMENT_CYCLE = _define("alignment_cycle", 400, "Goal parents would loop.", "goals")
KEY_RESULT_NOT_IN_ROLE = _define(
    "key_result_not_in_role",
    400,
    "The key result is not one of the owner's job role.",
    "goals",
    "goal-templates",
)
GOAL_CLOSED = _define("goal_closed", 409, "A completed or cancelled goal cannot change.", "goals")
JUSTIFICATION_REQUIRED = _define(
    "justification_required",
    400,
    "Changing an active goal's commitment needs a `justification`.",
    "goals",
)
CHANGE_PENDING = _define(
    "change_pending", 409, "A change of this goal is waiting for approval.", "goals"
)
INVALID_TRANSITION = _define(
    "invalid_transition",
    409,
    "The object's current status does not allow this step.",
    "goals",
    "development-plans",
    "workflows",
)
SMART_CHECK_FAILED = _define(
    "smart_check_failed",
    400,
    "The goal fails the SMART-R check (`fields`).",
    "goals",
    "goal-templates",
)
GOAL_NOT_ACTIVE = _define(
    "goal_not_active", 409, "Progress is recorded on active goals only.", "goals"
)
EMPTY_DEPARTMENT = _define(
    "empty_department", 400, "The department has no active employees.", "goal-templates"
)
EMPTY_ROLE = _define("empty_role", 400, "Nobody holds the role at the moment.", "goal-templates")
CHECK_IN_CLOSED = _define(
    "check_in_closed", 409, "The check-in is completed or cancelled.", "check-ins"
)
ALREADY_RESOLVED = _define(
    "already_resolved", 409, "The escalation has been resolved already.", "check-ins"
)
NO_MANAGER_ABOVE = _define(
    "no_manager_above", 400, "The manager has no manager to escalate to.", "check-ins"
)

# --- Learning --------------------------------------------------------------------------------

PLAN_EXISTS = _define(
    "plan_exists", 409, "The person has a plan built from this cycle already.", "development-plans"
)
BUILD_IN_PROGRESS = _define(
    "build_in_progress", 409, "The cycle's plans are being built already.", "development-plans"
)

# --- Momentum --------------------------------------------------------------------------------

INVALID_RECURRENCE = _define("invalid_recurrence", 400, "The recurrence is invalid.", "workflows")
NO_OCCURRENCE = _define(
    "no_occurrence", 400, "The schedule has no occurrence in the future.", "workflows"
)
WORKFLOW_CANCELLED = _define(
    "workflow_cancelled", 409, "A cancelled workflow cannot change.", "workflows"
)


# --- Rate and reward -------------------------------------------------------------------------

RATINGS_RELEASED = _define(
    "ratings_released",
    409,
    "The cycle's overall ratings are released to the people rated and can no longer change.",
    "performance-ratings",
)
NO_RATING_SCALE = _define(
    "no_rating_scale",
    409,
    "The organisation has no overall rating scale yet.",
    "performance-ratings",
)
DISTRIBUTION_OUTSIDE_TOLERANCE = _define(
    "distribution_outside_tolerance",
    409,
    "A department's ratings are outside the distribution guideline's tolerance, which the "
    "organisation enforces.",
    "performance-ratings",
)
BUDGET_EXCEEDED = _define(
    "budget_exceeded",
    409,
    "The proposal would take the department past its hard budget in the review.",
    "compensation-reviews",
)
REVIEW_FINALISED = _define(
    "review_finalised", 409, "The compensation review is finalised.", "compensation-reviews"
)
NOT_ELIGIBLE = _define(
    "not_eligible",
    400,
    "The person is not eligible in the review (start date, inactive, or no pay recorded).",
    "compensation-reviews",
)
PROPOSALS_PENDING = _define(
    "proposals_pending",
    409,
    "Some proposals still wait for approval: approve or reject them before finalising.",
    "compensation-reviews",
)
INVALID_PAY_GRADE = _define(
    "invalid_pay_grade",
    400,
    "A grade's minimum, midpoint and maximum must rise in that order.",
    "pay-grades",
)


def status_of(code: str) -> int | None:
    entry = CATALOGUE.get(str(code))
    return entry.status if entry is not None else None


def codes_for(resource: str, method: str) -> list[ErrorCode]:
    """The codes an operation on `resource` (first path segment) with `method` can return."""
    write = method.lower() in ("post", "put", "patch", "delete")
    return [
        entry
        for entry in CATALOGUE.values()
        if (not entry.resources or resource in entry.resources) and (write or not entry.writes_only)
    ]


def markdown() -> str:
    """docs/errors.md: the catalogue as a table per HTTP status."""
    lines = [
        "# Error codes",
        "",
        "<!-- Generated from plms/common/error_codes.py by `manage.py error_catalogue`; "
        "do not edit. -->",
        "",
        'Every error is JSON `{"code", "detail", "fields"}`: `code` is one of the codes below '
        "(stable, part of the contract), `detail` is for people, `fields` names each problem "
        "(dotted paths for nested items). A request that is malformed or breaks a validation "
        "rule is **400**, an authorisation refusal **403**, something missing — or in another "
        "organisation — **404**, a conflict with the object's current state **409**. The "
        "OpenAPI schema lists, per operation, the codes it can return.",
        "",
    ]
    for status in sorted({entry.status for entry in CATALOGUE.values()}):
        lines += [f"## {status}", "", "| code | meaning | returned by |", "|---|---|---|"]
        for entry in sorted(CATALOGUE.values(), key=lambda e: e.code):
            if entry.status != status:
                continue
            where = (
                ", ".join("the pages" if r == PAGES else f"`{r}`" for r in entry.resources)
                or "any operation"
            )
            lines.append(f"| `{entry.code}` | {entry.meaning} | {where} |")
        lines.append("")
    return "\n".join(lines)
