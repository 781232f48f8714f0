"""Performance for succession evidence and the 9-box: 1 low, 2 medium, 3 high.

Until the overall performance rating exists, performance is read from the consolidated
capability results of the latest closed cycle against the targets of the person's role at
the time: the weighted gap index (0 at target) banded into three. This module is the one place
to change when the overall rating arrives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import results as result_selectors

if TYPE_CHECKING:
    from assessments.models import AssessmentCycle

HIGH_AT_MOST = Decimal("0.25")  # gap index up to a quarter of a level: high
MEDIUM_AT_MOST = Decimal("0.75")
LABELS = {1: "Low", 2: "Medium", 3: "High"}


def band(index: Decimal) -> int:
    if index <= HIGH_AT_MOST:
        return 3
    if index <= MEDIUM_AT_MOST:
        return 2
    return 1


def performance_ratings(
    *, employee_ids: Iterable[int] | None = None, cycle: AssessmentCycle | None = None
) -> dict[int, int]:
    """{employee id: 1-3} for those with results in `cycle` (default: the latest closed one),
    narrowed to `employee_ids` when given (two queries)."""
    ids = list(employee_ids) if employee_ids is not None else None
    cycle = cycle or cycle_selectors.latest_closed_cycle()
    if cycle is None or ids == []:
        return {}
    rows = (
        result_selectors.consolidated_for_export(cycle=cycle)
        .filter(target_level__isnull=False)
        .order_by()
    )
    if ids is not None:
        rows = rows.filter(employee_id__in=ids)
    rows = rows.values_list(
        "employee_id", "level", "adjusted_level", "target_level", "requirement_weight"
    )
    weighted: dict[int, Decimal] = defaultdict(Decimal)
    weights: dict[int, int] = defaultdict(int)
    for employee_id, level, adjusted, target, weight in rows:
        current = adjusted if adjusted is not None else level
        weight = weight or 1
        weighted[employee_id] += max(Decimal(target) - Decimal(current), Decimal(0)) * weight
        weights[employee_id] += weight
    return {
        employee_id: band(weighted[employee_id] / total)
        for employee_id, total in weights.items()
        if total
    }
