"""Writes of assessments, one module per concept: `cycles` (create, launch, close, reopen),
`raters` (peer nominations, expert grants), `ratings` (autosaved drafts, submit locks,
attested ratings) and `calibration` (adjustments, the preview vote).

Every function takes the acting `Actor`, checks it may act, keeps related objects inside the
organization, runs in one transaction and records what changed in the audit trail. Refusals
are `ApplicationError`s with the stable codes below; a refused call changes nothing.
"""

from __future__ import annotations

# Error codes (part of the API contract).
INVALID = "invalid"
INVALID_WEIGHTS = "invalid_weights"
INVALID_SCOPE = "invalid_scope"
CYCLE_NOT_DRAFT = "cycle_not_draft"
CYCLE_NOT_OPEN = "cycle_not_open"
CYCLE_NOT_CLOSED = "cycle_not_closed"
REASON_REQUIRED = "reason_required"
CONFIRMATION_STALE = "confirmation_stale"
NOT_RATER = "not_rater"
ALREADY_SUBMITTED = "already_submitted"
ASSESSMENT_LOCKED = "assessment_locked"
LEVEL_OUT_OF_SCALE = "level_out_of_scale"
CAPABILITY_NOT_IN_SCOPE = "capability_not_in_scope"
EVIDENCE_REQUIRED = "evidence_required"
INCOMPLETE = "incomplete"
PEER_LIMIT = "peer_limit_reached"
INVALID_PEER = "invalid_peer"
NOT_MANAGER = "not_manager"
INVALID_LEVEL = "invalid_level"
PREVIEW_CLOSED = "preview_closed"
ALREADY_CALIBRATED = "already_calibrated"
NOT_VOTER = "not_voter"
COMMENT_REQUIRED = "comment_required"
