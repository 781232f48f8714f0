"""A person's gap to a role: the role's requirements against their latest consolidated levels.

Pure functions over plain data, so the gap to an aspired role and the capability match of a
successor are computed the same way (and tested on constructed results).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TWO = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Requirement:
    capability_id: int
    capability_name: str
    target: int
    weight: int = 1


@dataclass(frozen=True)
class RoleGap:
    capability_id: int
    capability_name: str
    target: int
    weight: int
    current: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        return None if self.current is None else _q(Decimal(self.target) - self.current)

    @property
    def below_target(self) -> bool:
        return self.gap is not None and self.gap > 0

    @property
    def weighted_gap(self) -> Decimal:
        gap = self.gap
        return Decimal(0) if gap is None else max(gap, Decimal(0)) * self.weight


def role_gaps(requirements: Iterable[Requirement], levels: Mapping[int, Decimal]) -> list[RoleGap]:
    """One row per requirement, largest weighted gap first (never assessed: last)."""
    rows = [
        RoleGap(r.capability_id, r.capability_name, r.target, r.weight, levels.get(r.capability_id))
        for r in requirements
    ]
    return sorted(
        rows,
        key=lambda g: (g.current is None, -g.weighted_gap, -(g.gap or 0), g.capability_name),
    )


def gap_index(gaps: Iterable[RoleGap]) -> Decimal | None:
    """Σ weight · max(gap, 0) / Σ weight over the assessed requirements (0: at target)."""
    assessed = [g for g in gaps if g.current is not None]
    total = sum(g.weight for g in assessed)
    if not total:
        return None
    return _q(sum((g.weighted_gap for g in assessed), Decimal(0)) / total)


def capability_match(gaps: Iterable[RoleGap]) -> int | None:
    """How well the levels meet the role, 0-100: Σ weight · min(current / target, 1) / Σ weight
    over every requirement (one never assessed counts as nothing met)."""
    rows = list(gaps)
    total = sum(g.weight for g in rows)
    if not total or all(g.current is None for g in rows):
        return None
    met = sum(
        (
            g.weight * min(Decimal(g.current) / g.target, Decimal(1))
            for g in rows
            if g.current is not None and g.target > 0
        ),
        Decimal(0),
    )
    return int((met * 100 / total).quantize(Decimal(1), rounding=ROUND_HALF_UP))
