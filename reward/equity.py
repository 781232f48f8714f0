"""Pay equity: within each grade, pay compared across an attribute the organisation imports
for the purpose (e.g. gender), with counts, medians and the median gap to the grade's largest
group. A group smaller than the organisation's minimum is suppressed (flagged, no figures),
and so is the group it would be compared with when only one other group is left, so a small
group's pay cannot be worked out from the grade's figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from reward.models import PayRecord

HUNDRED = Decimal(100)


@dataclass
class EquityGroup:
    value: str
    count: int
    suppressed: bool
    median_pay: Decimal | None = None
    median_compa_ratio: Decimal | None = None
    gap_percent: Decimal | None = None  # against the grade's reference group


@dataclass
class GradeEquity:
    grade: str
    reference: str | None
    groups: list[EquityGroup]


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def equity_attributes() -> list[str]:
    names: set[str] = set()
    for attributes in PayRecord.objects.exclude(equity_attributes={}).values_list(
        "equity_attributes", flat=True
    ):
        names.update(attributes)
    return sorted(names)


def pay_equity(*, attribute: str, min_group: int) -> list[GradeEquity]:
    """Per grade: each value of `attribute` with its count, median pay, median compa-ratio and
    median gap (in % of the reference group's median; the reference is the largest group)."""
    by_grade: dict[str, dict[str, list[PayRecord]]] = defaultdict(lambda: defaultdict(list))
    records = PayRecord.objects.filter(employee__active=True, grade__isnull=False).select_related(
        "grade"
    )
    for record in records:
        value = str((record.equity_attributes or {}).get(attribute, "")).strip() or "Not given"
        by_grade[record.grade.name][value].append(record)
    result = []
    for grade, groups in sorted(by_grade.items()):
        small = {value for value, members in groups.items() if len(members) < min_group}
        if len(groups) - len(small) == 1 and small:
            # One large group left beside small ones: its figures and the grade's would give
            # the small groups' away.
            small = set(groups)
        shown = {v: m for v, m in groups.items() if v not in small}
        reference = max(shown, key=lambda v: (len(shown[v]), v)) if shown else None
        reference_median = (
            Decimal(median(r.base_pay for r in shown[reference])) if reference else None
        )
        rows = []
        for value, members in sorted(groups.items()):
            if value in small:
                rows.append(EquityGroup(value, len(members), True))
                continue
            pay = Decimal(median(r.base_pay for r in members))
            ratios = [r.compa_ratio for r in members if r.compa_ratio is not None]
            gap = (
                _round((pay - reference_median) / reference_median * HUNDRED)
                if reference_median
                else None
            )
            rows.append(
                EquityGroup(
                    value,
                    len(members),
                    False,
                    _round(pay, "0.01"),
                    _round(Decimal(median(ratios)), "0.01") if ratios else None,
                    gap,
                )
            )
        result.append(GradeEquity(grade, reference, rows))
    return result
