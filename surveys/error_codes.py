"""Error codes of surveys, their answers and action plans."""

from __future__ import annotations

from plms.common.error_codes import INVALID, PAGES, define

SURVEY_NOT_DRAFT = define(
    "survey_not_draft",
    409,
    "The survey is scheduled or closed: its questions and audience can no longer change.",
    "surveys_partial_update",
    "surveys_schedule_create",
    PAGES,
)
SURVEY_CLOSED = define(
    "survey_closed",
    409,
    "The survey is closed.",
    "surveys_close_create",
    PAGES,
)
ROUND_NOT_OPEN = define(
    "round_not_open",
    409,
    "The survey has no round open for answers now.",
    "survey_responses_create",
    PAGES,
)
ALREADY_ANSWERED = define(
    "already_answered",
    409,
    "You have answered this round of the survey already.",
    "survey_responses_create",
    PAGES,
)
NOT_IN_AUDIENCE = define(
    "not_in_audience",
    403,
    "The survey is not addressed to you.",
    "survey_responses_create",
    PAGES,
)

__all__ = [
    "ALREADY_ANSWERED",
    "INVALID",
    "NOT_IN_AUDIENCE",
    "ROUND_NOT_OPEN",
    "SURVEY_CLOSED",
    "SURVEY_NOT_DRAFT",
]
