"""Error codes of overall ratings, pay, compensation reviews and bonus runs."""

from __future__ import annotations

from assessments.error_codes import REASON_REQUIRED
from plms.common.error_codes import ALREADY_DECIDED, INVALID, PAGES, define

RATINGS_RELEASED = define(
    "ratings_released",
    409,
    "The cycle's overall ratings are released to the people rated and can no longer change.",
    "performance_ratings_confirm_create",
    "performance_ratings_calibrate_create",
    PAGES,
)
NO_RATING_SCALE = define(
    "no_rating_scale", 409, "The organisation has no overall rating scale yet.", PAGES
)
DISTRIBUTION_OUTSIDE_TOLERANCE = define(
    "distribution_outside_tolerance",
    409,
    "A department's ratings are outside the distribution guideline's tolerance, which the "
    "organisation enforces.",
    PAGES,
)
INVALID_PAY_GRADE = define(
    "invalid_pay_grade",
    400,
    "A grade's minimum, midpoint and maximum must rise in that order.",
    "pay_grades_create",
    "pay_grades_partial_update",
)
BUDGET_EXCEEDED = define(
    "budget_exceeded",
    409,
    "The proposal would take the department past its hard budget in the review.",
    "compensation_reviews_propose",
    PAGES,
)
REVIEW_FINALISED = define(
    "review_finalised",
    409,
    "The compensation review is finalised.",
    "compensation_reviews_propose",
    "compensation_reviews_finalise_create",
    "compensation_reviews_proposals_approve_create",
    "compensation_reviews_proposals_reject_create",
    PAGES,
)
NOT_ELIGIBLE = define(
    "not_eligible",
    400,
    "The person is not eligible in the review (start date, leave, inactive, or no pay recorded).",
    "compensation_reviews_propose",
    PAGES,
)
BONUS_RUN_FINALISED = define(
    "bonus_run_finalised",
    409,
    "The bonus run is finalised: its lines no longer change.",
    "bonus_runs_finalise_create",
    "bonus_runs_lines_adjust_create",
    PAGES,
)
RANKING_OFF = define(
    "ranking_off",
    409,
    "The organisation does not rank people within their calibration group (reward settings).",
    "performance_ratings_rank_create",
    PAGES,
)
PROPOSALS_PENDING = define(
    "proposals_pending",
    409,
    "Some proposals still wait for approval: approve or reject them before finalising.",
    "compensation_reviews_finalise_create",
    PAGES,
)

__all__ = [
    "ALREADY_DECIDED",
    "BONUS_RUN_FINALISED",
    "BUDGET_EXCEEDED",
    "DISTRIBUTION_OUTSIDE_TOLERANCE",
    "INVALID",
    "INVALID_PAY_GRADE",
    "NOT_ELIGIBLE",
    "NO_RATING_SCALE",
    "PROPOSALS_PENDING",
    "RANKING_OFF",
    "RATINGS_RELEASED",
    "REASON_REQUIRED",
    "REVIEW_FINALISED",
]
