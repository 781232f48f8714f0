"""The reward app's domain events: a compensation review or a bonus run is finalised."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent
from reward.models import BonusRun, CompensationReview


@dataclass(frozen=True, kw_only=True)
class CompensationReviewFinalised(DomainEvent):
    """Concerns everyone in the review: the payroll system reads the new pay (no amounts in
    the event: pay is read through the API, where each read is audited)."""

    name = "compensation_review_finalised"
    label = _("A compensation review was finalised.")
    webhook_type = "compensation_review.finalised"
    audience_wide = True

    @classmethod
    def of(cls, review: CompensationReview, *, people: int) -> CompensationReviewFinalised:
        return cls(
            data={
                "id": str(review.uuid),
                "name": review.name,
                "effective_date": review.effective_date,
                "finalised_at": review.finalised_at,
                "people": people,
            }
        )


@dataclass(frozen=True, kw_only=True)
class BonusRunFinalised(DomainEvent):
    """Concerns everyone in the run: payroll pays the bonuses (no amounts in the event: they
    are read through `bonus-runs/{id}/lines`, where each read is audited)."""

    name = "bonus_run_finalised"
    label = _("A bonus run was finalised.")
    webhook_type = "bonus_run.finalised"
    audience_wide = True

    @classmethod
    def of(cls, run: BonusRun, *, people: int) -> BonusRunFinalised:
        return cls(
            data={
                "id": str(run.uuid),
                "name": run.name,
                "year": run.year,
                "finalised_at": run.finalised_at,
                "people": people,
            }
        )
