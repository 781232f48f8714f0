"""Performance for succession evidence and the 9-box: 1 low, 2 medium, 3 high.

A person's overall performance rating in the cycle (reward: the level calibration settled on,
else the manager's confirmed one) is banded into three over the organisation's rating scale
(the lower third low, the upper third high). Someone without a confirmed rating falls back on
the consolidated capability results of the cycle against the targets of their role at the
time: the weighted gap index (0 at target) banded into three. This module is the one place
that decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import DecimalField, ExpressionWrapper, F, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, Greatest, NullIf

from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import results as result_selectors
from reward import selectors as reward_selectors

if TYPE_CHECKING:
    from assessments.models import AssessmentCycle

HIGH_AT_MOST = Decimal("0.25")  # gap index up to a quarter of a level: high
MEDIUM_AT_MOST = Decimal("0.75")
LABELS = {1: "Low", 2: "Medium", 3: "High"}
LEVEL = DecimalField(max_digits=12, decimal_places=2)


def band_rating(level: int, *, lowest: int, highest: int) -> int:
    """An overall rating on the organisation's scale as 1-3: the lower third of the scale is
    low, the upper third high (on 1-5: 1-2 low, 3 medium, 4-5 high)."""
    span = highest - lowest
    if span <= 0:
        return 2
    position = (min(max(level, lowest), highest) - lowest) * 3
    if position < span:
        return 1
    if position > 2 * span:
        return 3
    return 2


def band(index: Decimal) -> int:
    if index <= HIGH_AT_MOST:
        return 3
    if index <= MEDIUM_AT_MOST:
        return 2
    return 1


def performance_ratings(
    *, employee_ids: Iterable[int] | None = None, cycle: AssessmentCycle | None = None
) -> dict[int, int]:
    """{employee id: 1-3} for those with an overall rating or results in `cycle` (default:
    the latest closed one), narrowed to `employee_ids` when given (four queries at most)."""
    ids = list(employee_ids) if employee_ids is not None else None
    cycle = cycle or cycle_selectors.latest_closed_cycle()
    if cycle is None or ids == []:
        return {}
    found = results_ratings(employee_ids=ids, cycle=cycle)
    rated = reward_selectors.final_levels(cycle=cycle, employee_ids=ids)
    if rated:
        lowest, highest = reward_selectors.scale_bounds()
        found.update(
            {e: band_rating(level, lowest=lowest, highest=highest) for e, level in rated.items()}
        )
    return found


def results_ratings(*, employee_ids: list[int] | None, cycle: AssessmentCycle) -> dict[int, int]:
    """{employee id: 1-3} from the cycle's consolidated results against targets: each
    person's weighted shortfall below target, summed by the database (one query)."""
    rows = results_totals(cycle=cycle)
    if employee_ids is not None:
        rows = rows.filter(employee_id__in=employee_ids)
    return {
        employee_id: band(Decimal(weighted) / total)
        for employee_id, weighted, total in rows.values_list("employee_id", "weighted", "weights")
        if total
    }


def results_totals(*, cycle: AssessmentCycle) -> QuerySet:
    """Rows (`employee_id`, `weighted`, `weights`): each person's shortfall below the targets
    in the cycle, weighted, and the sum of the weights (each at least 1); `weighted /
    weights` is the gap index that `band` places."""
    weight = Coalesce(NullIf(F("requirement_weight"), 0), Value(1))
    current = Coalesce(F("adjusted_level"), F("level"))
    shortfall = Greatest(
        Cast(F("target_level"), LEVEL) - current, Value(Decimal(0)), output_field=LEVEL
    )
    return (
        result_selectors.consolidated_for_export(cycle=cycle)
        .filter(target_level__isnull=False)
        .select_related(None)
        .order_by()
        .values("employee_id")
        .annotate(
            weighted=Sum(ExpressionWrapper(shortfall * weight, output_field=LEVEL)),
            weights=Sum(weight),
        )
    )
