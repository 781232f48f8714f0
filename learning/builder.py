"""The plan builder: an employee's gaps + the catalogue + the budget -> a development plan.

A pure function over plain data (no database, no clock), so the same input always gives the
same plan, and every choice can be explained:

1. Gaps are taken largest weighted gap first (then largest gap, then name); capabilities
   never assessed or already at target are left out.
2. For each gap capability the builder climbs from the current level (rounded down) towards
   the target one level at a time: an item qualifies for the step from level `n` when it
   develops the capability from `n` or below to above `n`. Among qualifying items it prefers
   the one starting closest to the current level, then learning from experience, then from
   others, then formal content (70-20-10), then the shorter, then the title. A step no item
   covers is a *content gap* (the plan says so, HR sees it in the content gap report).
3. Mix rule: when none of the chosen items is on-the-job or social and the catalogue has one
   for the gap range, the best such item is added.
4. Budget: items are kept in gap order while their hours fit in the organisation's hours per
   quarter times the quarters of the plan period; the rest are reported as over budget.
5. Due dates spread over the period in proportion to the cumulative hours of the kept items.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

EXPERIENCE, SOCIAL, FORMAL = "experience", "social", "formal"
MIX_RANK = {EXPERIENCE: 0, SOCIAL: 1, FORMAL: 2}
DAYS_PER_QUARTER = Decimal("91.3125")  # 365.25 / 4


@dataclass(frozen=True)
class GapInput:
    capability_id: int
    capability_name: str
    target: int
    current: Decimal | None
    weight: int = 1

    @property
    def gap(self) -> Decimal | None:
        return None if self.current is None else Decimal(self.target) - Decimal(self.current)

    @property
    def weighted_gap(self) -> Decimal:
        gap = self.gap
        return Decimal(0) if gap is None else max(gap, Decimal(0)) * self.weight


@dataclass(frozen=True)
class CatalogueEntry:
    """One learning item as it develops one capability."""

    item_id: int
    title: str
    mix: str
    hours: Decimal
    capability_id: int
    level_from: int
    level_to: int


@dataclass(frozen=True)
class BuildSettings:
    period_start: date
    period_end: date
    hours_per_quarter: int = 40
    max_items_per_capability: int = 3

    @property
    def budget_hours(self) -> Decimal:
        days = Decimal((self.period_end - self.period_start).days + 1)
        quarters = max(1, math.ceil(days / DAYS_PER_QUARTER - Decimal("0.001")))
        return Decimal(self.hours_per_quarter * quarters)


@dataclass(frozen=True)
class PlannedItem:
    item_id: int
    capability_id: int
    reason: str
    hours: Decimal
    order: int
    due_date: date


@dataclass(frozen=True)
class ContentGap:
    capability_id: int
    capability_name: str
    level_from: int
    level_to: int

    def as_dict(self) -> dict:
        return {
            "capability_id": self.capability_id,
            "capability": self.capability_name,
            "level_from": self.level_from,
            "level_to": self.level_to,
        }


@dataclass(frozen=True)
class Skipped:
    item_id: int
    capability_id: int
    reason: str


@dataclass(frozen=True)
class PlanDraft:
    items: tuple[PlannedItem, ...]
    content_gaps: tuple[ContentGap, ...]
    over_budget: tuple[Skipped, ...]
    budget_hours: Decimal
    hours: Decimal = field(default=Decimal(0))


def format_level(value: Decimal | int | float) -> str:
    """2 -> "2", 2.50 -> "2.5"."""
    text = f"{Decimal(str(value)).normalize():f}"
    return text


def explain(gap: GapInput, *, for_role: str = "") -> str:
    if for_role:  # a plan towards another role: "for Team Lead: Coaching 2 → 3"
        return f"for {for_role}: {gap.capability_name} {format_level(gap.current)} → {gap.target}"
    return f"{gap.capability_name}: {format_level(gap.current)} → target {gap.target}"


def _preference(entry: CatalogueEntry) -> tuple:
    return (-entry.level_from, MIX_RANK.get(entry.mix, 3), entry.hours, entry.title, entry.item_id)


def _choose_for_gap(
    gap: GapInput, entries: list[CatalogueEntry], limit: int
) -> tuple[list[CatalogueEntry], list[ContentGap]]:
    start = math.floor(gap.current)
    progress, chosen, missing = start, [], []
    while progress < gap.target:
        candidates = [
            e for e in entries if e.level_from <= progress < e.level_to and e not in chosen
        ]
        if not candidates:
            missing.append(
                ContentGap(gap.capability_id, gap.capability_name, progress, progress + 1)
            )
            progress += 1
            continue
        if len(chosen) < limit:
            best = min(candidates, key=_preference)
            chosen.append(best)
            progress = min(best.level_to, gap.target)
        else:
            progress = gap.target
    if chosen and not any(e.mix in (EXPERIENCE, SOCIAL) for e in chosen):
        practical = [
            e
            for e in entries
            if e.mix in (EXPERIENCE, SOCIAL)
            and e.level_from < gap.target
            and e.level_to > start
            and e not in chosen
        ]
        if practical:
            best = min(practical, key=lambda e: (abs(e.level_from - start), *_preference(e)))
            if len(chosen) >= limit:
                chosen[-1] = best
            else:
                chosen.append(best)
    return chosen, missing


def build_plan(
    *,
    gaps: list[GapInput],
    catalogue: list[CatalogueEntry],
    settings: BuildSettings,
    for_role: str = "",
) -> PlanDraft:
    """The plan for these gaps (see the module docstring for the rules); `for_role` names the
    role the gaps are measured against when it is not the person's own (each reason says so)."""
    open_gaps = sorted(
        (g for g in gaps if g.current is not None and g.gap > 0),
        key=lambda g: (-g.weighted_gap, -g.gap, g.capability_name, g.capability_id),
    )
    by_capability: dict[int, list[CatalogueEntry]] = {}
    for entry in sorted(catalogue, key=lambda e: (e.capability_id, e.item_id)):
        by_capability.setdefault(entry.capability_id, []).append(entry)

    budget = settings.budget_hours
    used = Decimal(0)
    kept: list[tuple[CatalogueEntry, str]] = []
    skipped: list[Skipped] = []
    content_gaps: list[ContentGap] = []
    planned_ids: set[int] = set()
    for gap in open_gaps:
        entries = [
            e for e in by_capability.get(gap.capability_id, []) if e.item_id not in planned_ids
        ]
        chosen, missing = _choose_for_gap(gap, entries, settings.max_items_per_capability)
        content_gaps.extend(missing)
        reason = explain(gap, for_role=for_role)
        for entry in chosen:
            if used + entry.hours > budget:
                skipped.append(Skipped(entry.item_id, entry.capability_id, reason))
                continue
            used += entry.hours
            planned_ids.add(entry.item_id)
            kept.append((entry, reason))

    items = []
    days = (settings.period_end - settings.period_start).days
    weights = [max(entry.hours, Decimal("0.5")) for entry, _ in kept]
    total = sum(weights, Decimal(0))
    cumulative = Decimal(0)
    for order, ((entry, reason), weight) in enumerate(zip(kept, weights, strict=True), start=1):
        cumulative += weight
        offset = math.ceil(days * cumulative / total) if total else days
        items.append(
            PlannedItem(
                item_id=entry.item_id,
                capability_id=entry.capability_id,
                reason=reason,
                hours=entry.hours,
                order=order,
                due_date=settings.period_start + timedelta(days=offset),
            )
        )
    return PlanDraft(
        items=tuple(items),
        content_gaps=tuple(content_gaps),
        over_budget=tuple(skipped),
        budget_hours=budget,
        hours=used,
    )
