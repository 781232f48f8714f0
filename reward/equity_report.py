"""The pay-equity report HR reads in the browser and keys through the API: the comparison
(`reward.equity`) and the unexplained gaps (`reward.equity_gaps`) of one attribute, for pay or
for a review's increases, each read checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from plms.tenancy.actors import Actor
from reward import equity, equity_gaps, selectors
from reward.models import CompensationReview, PayGrade


@dataclass
class EquityReport:
    attribute: str
    within: str
    metric: str
    min_group: int
    threshold: Decimal
    review: CompensationReview | None
    cells: list[equity.EquityCell]
    scopes: list[equity_gaps.ScopeGaps]

    @property
    def for_review(self) -> list[tuple[equity_gaps.ScopeGaps, equity_gaps.AdjustedGap]]:
        return equity_gaps.for_review(self.scopes)


def equity_report(
    *,
    actor: Actor,
    attribute: str,
    within: str = equity.GRADE,
    grade: PayGrade | None = None,
    job_role=None,
    review: CompensationReview | None = None,
) -> EquityReport:
    """HR admins and keys only (PermissionDenied otherwise); the read is audited."""
    equity.require_reader(actor=actor)
    settings = selectors.settings_get()
    metric = equity.INCREASE if review is not None else equity.PAY
    people = equity.equity_people(attribute=attribute, review=review)
    grade_id = grade.uuid if grade is not None else None
    cells = equity.compare(
        people,
        breakdown=within,
        metric=metric,
        min_group=settings.equity_min_group,
        grade_id=grade_id,
        job_role_id=job_role.uuid if job_role is not None else None,
    )
    scopes = equity_gaps.unexplained_gaps(
        people,
        metric=metric,
        min_group=settings.equity_min_group,
        threshold=settings.equity_gap_threshold,
        grade_id=grade_id,
    )
    equity.audit_equity_read(
        actor=actor,
        attribute=attribute,
        within=within,
        grade=grade.name if grade is not None else None,
        job_role=job_role.name if job_role is not None else None,
        review=review.name if review is not None else None,
    )
    return EquityReport(
        attribute=attribute,
        within=within,
        metric=metric,
        min_group=settings.equity_min_group,
        threshold=settings.equity_gap_threshold,
        review=review,
        cells=cells,
        scopes=scopes,
    )
