"""Error codes of career paths, aspirations, critical roles, successors and potential."""

from __future__ import annotations

from assessments.error_codes import REASON_REQUIRED
from plms.common.error_codes import INVALID, PAGES, define

TOO_MANY_ASPIRATIONS = define(
    "too_many_aspirations",
    400,
    "A person names three aspired roles at most.",
    "aspirations_create",
    PAGES,
)
SAME_ROLE = define(
    "same_role",
    400,
    "A career path leads to another role; a person aspires to a role other than their own.",
    "career_paths_create",
    "aspirations_create",
    PAGES,
)
ALREADY_NAMED = define(
    "already_named",
    400,
    "The aspiration, career path, critical role, successor or criterion exists already.",
    "career_paths_create",
    "aspirations_create",
    "critical_roles_create",
    "critical_roles_successors_create",
    PAGES,
)

REVIEW_HELD = define(
    "review_held",
    400,
    "The talent review has been held: its board and decision log no longer change.",
    "talent_reviews_moves_create",
    "talent_reviews_decisions_create",
    "talent_reviews_actions_create",
    "talent_reviews_hold_create",
    PAGES,
)
__all__ = [
    "ALREADY_NAMED",
    "INVALID",
    "REASON_REQUIRED",
    "REVIEW_HELD",
    "SAME_ROLE",
    "TOO_MANY_ASPIRATIONS",
]
