"""Error codes of assessment cycles, raters, ratings, external ratings and calibration."""

from __future__ import annotations

from plms.common.error_codes import (
    ALREADY_DECIDED,
    INVALID,
    INVALID_WEIGHTS,
    PAGES,
    define,
)
from plms.tenancy.error_codes import INVALID_SCOPE

_RATING = ("assessments_ratings_update", "assessments_submit_create")

CYCLE_NOT_OPEN = define(
    "cycle_not_open",
    409,
    "The cycle is not open (it is closed, or not launched).",
    "assessment_cycles_partial_update",
    "assessment_cycles_launch_create",
    "assessment_cycles_close_create",
    *_RATING,
    "peer_nominations_create",
    "expert_grants_create",
)
CYCLE_NOT_DRAFT = define(
    "cycle_not_draft",
    409,
    "Only a draft cycle can do this.",
    "assessment_cycles_partial_update",
    "assessment_cycles_destroy",
)
CYCLE_NOT_CLOSED = define(
    "cycle_not_closed", 409, "Only a closed cycle can do this.", "assessment_cycles_reopen_create"
)
CONFIRMATION_STALE = define(
    "confirmation_stale",
    409,
    "The count of unsubmitted assessments confirmed when closing is no longer right: read it "
    "again.",
    "assessment_cycles_close_create",
)
REASON_REQUIRED = define(
    "reason_required",
    400,
    "Say why (`reason`).",
    "assessment_cycles_close_create",
    "assessment_cycles_reopen_create",
    "performance_ratings_confirm_create",
    "performance_ratings_calibrate_create",
    "compensation_reviews_propose",
    "bonus_runs_lines_adjust_create",
    "performance_ratings_rank_create",
    "talent_reviews_moves_create",
    PAGES,
)
INVALID_PEER = define(
    "invalid_peer", 400, "Peers are other people, each named once.", "peer_nominations_create"
)
PEER_LIMIT_REACHED = define(
    "peer_limit_reached",
    400,
    "A named peer has the cycle's maximum of peer requests (`fields.peers`).",
    "peer_nominations_create",
)
NOT_MANAGER = define(
    "not_manager",
    403,
    "Only the employee's manager (or an HR admin) may do this.",
    "peer_nominations_approve_create",
    "peer_nominations_decline_create",
    "expert_grants_create",
    "expert_grants_destroy",
)
ALREADY_SUBMITTED = define(
    "already_submitted",
    409,
    "The assessment was submitted already.",
    "assessments_submit_create",
    "expert_grants_destroy",
)
NOT_RATER = define(
    "not_rater", 403, "Only the assessment's rater (or a granted expert) may rate it.", *_RATING
)
RATING_ON_BEHALF = define(
    "rating_on_behalf",
    403,
    "API keys do not rate on a person's behalf: import the level as an external rating "
    "(`POST /external-ratings`, scope `ratings:import`).",
    *_RATING,
)
ASSESSMENT_LOCKED = define(
    "assessment_locked", 409, "The assessment is submitted and can no longer change.", *_RATING
)
ASSESSMENT_NOT_OPEN = define(
    "assessment_not_open",
    409,
    "The assessment is not open for rating (declined or not yet approved).",
    *_RATING,
)
LEVEL_OUT_OF_SCALE = define(
    "level_out_of_scale",
    400,
    "A level is not on the scale.",
    "assessments_ratings_update",
    "external_ratings_create",
)
CAPABILITY_NOT_IN_SCOPE = define(
    "capability_not_in_scope",
    400,
    "The capability is not required of the person's role in this cycle.",
    "assessments_ratings_update",
)
INCOMPLETE = define(
    "incomplete",
    400,
    "Rate every capability (or mark it not observed).",
    "assessments_submit_create",
)
EVIDENCE_REQUIRED = define(
    "evidence_required", 400, "Some ratings need evidence (`fields`).", "assessments_submit_create"
)
INVALID_LEVEL = define("invalid_level", 400, "Choose a level on the scale.", PAGES)
ALREADY_CALIBRATED = define(
    "already_calibrated",
    409,
    "The level was calibrated; the preview is over.",
    "rating_previews_vote_create",
)
PREVIEW_CLOSED = define(
    "preview_closed", 409, "The ratings preview is closed.", "rating_previews_vote_create"
)
NOT_VOTER = define(
    "not_voter",
    403,
    "Votes are cast by people (HR or the person's managers), not API keys, and never on one's "
    "own level.",
    "rating_previews_vote_create",
)
COMMENT_REQUIRED = define(
    "comment_required",
    400,
    "Say why the level looks wrong (`comment`).",
    "rating_previews_vote_create",
)

__all__ = [
    "ALREADY_CALIBRATED",
    "ALREADY_DECIDED",
    "ALREADY_SUBMITTED",
    "ASSESSMENT_LOCKED",
    "ASSESSMENT_NOT_OPEN",
    "CAPABILITY_NOT_IN_SCOPE",
    "COMMENT_REQUIRED",
    "CONFIRMATION_STALE",
    "CYCLE_NOT_CLOSED",
    "CYCLE_NOT_DRAFT",
    "CYCLE_NOT_OPEN",
    "EVIDENCE_REQUIRED",
    "INCOMPLETE",
    "INVALID",
    "INVALID_LEVEL",
    "INVALID_PEER",
    "INVALID_SCOPE",
    "INVALID_WEIGHTS",
    "LEVEL_OUT_OF_SCALE",
    "NOT_MANAGER",
    "NOT_RATER",
    "NOT_VOTER",
    "PEER_LIMIT_REACHED",
    "PREVIEW_CLOSED",
    "RATING_ON_BEHALF",
    "REASON_REQUIRED",
]
