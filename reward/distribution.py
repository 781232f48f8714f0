"""The live distribution of overall ratings against the organisation's guideline.

For a cycle: per department and for the organisation, how many people hold each final rating
(calibration's level, else the manager's, else the formula's proposal), each level's share,
the guideline's target share and the deviation in percentage points. A group is outside the
tolerance when any level's share is further than the tolerance from its target. One query.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.db.models.functions import Coalesce

from reward.models import PerformanceRating, RewardSettings

HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


@dataclass
class LevelShare:
    value: int
    name: str
    count: int
    share: Decimal
    target: Decimal | None
    deviation: Decimal | None


@dataclass
class Distribution:
    label: str
    total: int
    levels: list[LevelShare] = field(default_factory=list)
    outside: bool = False


def _share(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) / Decimal(whole) * HUNDRED).quantize(TENTH, rounding=ROUND_HALF_UP)


def _distribution(
    label: str, counts: Counter, levels: list[tuple[int, str]], settings: RewardSettings
) -> Distribution:
    total = sum(counts.values())
    targets = {int(k): Decimal(str(v)) for k, v in (settings.distribution_targets or {}).items()}
    result = Distribution(label=label, total=total)
    for value, name in levels:
        share = _share(counts.get(value, 0), total)
        target = targets.get(value)
        deviation = (share - target) if target is not None else None
        result.levels.append(
            LevelShare(value, name, counts.get(value, 0), share, target, deviation)
        )
        if deviation is not None and total and abs(deviation) > settings.distribution_tolerance:
            result.outside = True
    return result


def rating_distribution(
    *, cycle, levels: list[tuple[int, str]], settings: RewardSettings
) -> tuple[Distribution, list[Distribution]]:
    """(the organisation, [each department]) for the cycle."""
    rows = (
        PerformanceRating.objects.filter(cycle=cycle)
        .annotate(final=Coalesce(F("calibrated_level"), F("manager_level"), F("proposed_level")))
        .filter(final__isnull=False)
        .values_list("employee__department__name", "final")
        .order_by()
    )
    organisation: Counter = Counter()
    departments: dict[str, Counter] = defaultdict(Counter)
    for department, final in rows:
        organisation[final] += 1
        departments[department or "No department"][final] += 1
    return (
        _distribution("Organisation", organisation, levels, settings),
        [
            _distribution(name, counts, levels, settings)
            for name, counts in sorted(departments.items())
        ],
    )
