"""Writes of assessments, one module per concept: `cycles` (create, launch, close, reopen),
`raters` (peer nominations, expert grants), `ratings` (autosaved drafts, submit locks,
attested ratings) and `calibration` (adjustments, the preview vote).

Every function takes the acting `Actor`, checks it may act, keeps related objects inside the
organization, runs in one transaction and records what changed in the audit trail. Refusals
are `ApplicationError`s with the stable codes below; a refused call changes nothing.
"""

from __future__ import annotations

# Error codes (part of the API contract): defined, with their statuses, in assessments.error_codes.
from assessments.error_codes import (
    ALREADY_CALIBRATED as ALREADY_CALIBRATED,
)
from assessments.error_codes import (
    ALREADY_DECIDED as ALREADY_DECIDED,
)
from assessments.error_codes import (
    ALREADY_SUBMITTED as ALREADY_SUBMITTED,
)
from assessments.error_codes import (
    ASSESSMENT_LOCKED as ASSESSMENT_LOCKED,
)
from assessments.error_codes import (
    ASSESSMENT_NOT_OPEN as ASSESSMENT_NOT_OPEN,
)
from assessments.error_codes import (
    CAPABILITY_NOT_IN_SCOPE as CAPABILITY_NOT_IN_SCOPE,
)
from assessments.error_codes import (
    COMMENT_REQUIRED as COMMENT_REQUIRED,
)
from assessments.error_codes import CONFIRMATION_STALE as CONFIRMATION_STALE
from assessments.error_codes import (
    CYCLE_NOT_CLOSED as CYCLE_NOT_CLOSED,
)
from assessments.error_codes import (
    CYCLE_NOT_DRAFT as CYCLE_NOT_DRAFT,
)
from assessments.error_codes import (
    CYCLE_NOT_OPEN as CYCLE_NOT_OPEN,
)
from assessments.error_codes import (
    EVIDENCE_REQUIRED as EVIDENCE_REQUIRED,
)
from assessments.error_codes import (
    INCOMPLETE as INCOMPLETE,
)
from assessments.error_codes import (
    INVALID as INVALID,
)
from assessments.error_codes import (
    INVALID_LEVEL as INVALID_LEVEL,
)
from assessments.error_codes import (
    INVALID_PEER as INVALID_PEER,
)
from assessments.error_codes import (
    INVALID_SCOPE as INVALID_SCOPE,
)
from assessments.error_codes import (
    INVALID_WEIGHTS as INVALID_WEIGHTS,
)
from assessments.error_codes import (
    LEVEL_OUT_OF_SCALE as LEVEL_OUT_OF_SCALE,
)
from assessments.error_codes import (
    NOT_MANAGER as NOT_MANAGER,
)
from assessments.error_codes import (
    NOT_RATER as NOT_RATER,
)
from assessments.error_codes import (
    NOT_VOTER as NOT_VOTER,
)
from assessments.error_codes import PEER_LIMIT_REACHED as PEER_LIMIT  # noqa: F401
from assessments.error_codes import (
    PREVIEW_CLOSED as PREVIEW_CLOSED,
)
from assessments.error_codes import (
    RATING_ON_BEHALF as RATING_ON_BEHALF,
)
from assessments.error_codes import (
    REASON_REQUIRED as REASON_REQUIRED,
)
