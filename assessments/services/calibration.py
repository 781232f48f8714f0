"""Writes of calibration: adjusting a consolidated level with a reason, and the raters' vote on
the preview before the cycle closes.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from assessments.models import (
    AssessmentCycle,
    ConsolidatedLevel,
    PreviewVote,
)
from assessments.results_cache import results_changed
from assessments.selectors.requirements import scale_bounds
from assessments.services import (
    ALREADY_CALIBRATED,
    COMMENT_REQUIRED,
    INVALID,
    INVALID_LEVEL,
    NOT_VOTER,
    PREVIEW_CLOSED,
    REASON_REQUIRED,
)
from assessments.services.raters import require_manager_or_admin
from plms.audit.services import audit_record, diff, snapshot
from plms.common.errors import ApplicationError
from plms.tenancy.actors import Actor, same_organization

# --- Calibration -----------------------------------------------------------------------------


@transaction.atomic
def consolidated_level_adjust(
    *, actor: Actor, consolidated: ConsolidatedLevel, level: Decimal | None, reason: str
) -> ConsolidatedLevel:
    """Calibrate a consolidated level (HR admins), with a mandatory reason; None removes the
    adjustment. Audited with before and after."""
    actor.require_admin()
    same_organization(actor, consolidated)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            REASON_REQUIRED, "Say why the level is adjusted.", fields={"reason": "Required."}
        )
    low, high = scale_bounds()
    if level is not None:
        level = Decimal(str(level)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if not low <= level <= high:
            raise ApplicationError(
                INVALID_LEVEL, f"Choose a level from {low} to {high}.", fields={"level": "Range."}
            )
    consolidated = ConsolidatedLevel.objects.select_for_update().get(pk=consolidated.pk)
    before = snapshot(consolidated, ["adjusted_level", "adjustment_reason"])
    consolidated.adjusted_level = level
    consolidated.adjustment_reason = reason
    consolidated.adjusted_by = actor.user
    consolidated.adjusted_at = timezone.now()
    consolidated.save(
        update_fields=["adjusted_level", "adjustment_reason", "adjusted_by", "adjusted_at"]
    )
    results_changed(cycle_ids=[consolidated.cycle_id])
    after = snapshot(consolidated, ["adjusted_level", "adjustment_reason"])
    audit_record(
        actor=actor,
        action="consolidated_level.adjusted",
        obj=consolidated,
        changes={**diff(before, after), "computed_level": str(consolidated.level)},
        reason=reason,
    )
    return consolidated


@transaction.atomic
def preview_vote_cast(
    *, actor: Actor, consolidated: ConsolidatedLevel, vote: str, comment: str = ""
) -> PreviewVote:
    """The pre-calibration "ratings preview" vote: an HR admin or one of the person's managers
    (primary or matrix) says whether a consolidated level looks right, too high or too low
    (the last two with a comment), so calibration starts from the contested levels. Open while
    the closed cycle has the preview on and until the level is calibrated; one vote per
    participant, voting again replaces it."""
    same_organization(actor, consolidated)
    consolidated = (
        ConsolidatedLevel.objects.select_for_update()
        .select_related("cycle", "employee", "capability")
        .get(pk=consolidated.pk)
    )
    require_manager_or_admin(actor, consolidated.employee)
    if actor.user is None:
        raise ApplicationError(NOT_VOTER, "Votes are cast by people, not API keys.")
    if actor.employee is not None and actor.employee.pk == consolidated.employee_id:
        raise ApplicationError(NOT_VOTER, "Nobody votes on their own level.")
    cycle = consolidated.cycle
    if not cycle.preview_voting or cycle.status != AssessmentCycle.Status.CLOSED:
        raise ApplicationError(
            PREVIEW_CLOSED,
            "The ratings preview is open once a cycle with the preview on is closed.",
            status=409,
        )
    if consolidated.adjusted_level is not None:
        raise ApplicationError(
            ALREADY_CALIBRATED, "This level has been calibrated; the preview is over.", status=409
        )
    if vote not in PreviewVote.Choice.values:
        raise ApplicationError(
            INVALID,
            "Say whether the level looks right, too high or too low.",
            fields={"vote": f"One of {', '.join(PreviewVote.Choice.values)}."},
        )
    comment = (comment or "").strip()
    if vote != PreviewVote.Choice.AGREE and not comment:
        raise ApplicationError(
            COMMENT_REQUIRED,
            "Say why the level looks too high or too low.",
            fields={"comment": "Required unless the level looks right."},
        )
    existing = PreviewVote.objects.filter(consolidated=consolidated, voter=actor.user).first()
    before = existing.vote if existing else None
    ballot = existing or PreviewVote(consolidated=consolidated, voter=actor.user)
    ballot.vote, ballot.comment, ballot.updated_at = vote, comment, timezone.now()
    ballot.save()
    if before != vote:
        audit_record(
            actor=actor,
            action="consolidated_level.preview_voted",
            obj=consolidated,
            changes={"vote": {"before": before, "after": vote}},
        )
    return ballot
