"""The plan builder is pure: plain data in, the same plan out, every choice explained."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from learning.builder import (
    EXPERIENCE,
    FORMAL,
    SOCIAL,
    BuildSettings,
    CatalogueEntry,
    GapInput,
    build_plan,
)

COMMS, COMPLAINTS, DATA = 1, 2, 3
SETTINGS = BuildSettings(
    period_start=date(2027, 1, 1), period_end=date(2027, 6, 30), hours_per_quarter=40
)


def entry(item_id, capability_id, low, high, mix=FORMAL, hours="4", title=None):
    return CatalogueEntry(
        item_id=item_id,
        title=title or f"Item {item_id}",
        mix=mix,
        hours=Decimal(hours),
        capability_id=capability_id,
        level_from=low,
        level_to=high,
    )


def gap(capability_id, name, target, current, weight=1):
    return GapInput(
        capability_id, name, target, None if current is None else Decimal(current), weight
    )


def test_gaps_are_planned_largest_weighted_gap_first():
    gaps = [
        gap(DATA, "Data protection", 3, "2", weight=1),  # weighted 1
        gap(COMMS, "Customer communication", 4, "2", weight=3),  # weighted 6
        gap(COMPLAINTS, "Complaint resolution", 3, "1", weight=2),  # weighted 4
    ]
    catalogue = [entry(10, DATA, 2, 3), entry(20, COMMS, 2, 4), entry(30, COMPLAINTS, 1, 3)]
    draft = build_plan(gaps=gaps, catalogue=catalogue, settings=SETTINGS)
    assert [i.capability_id for i in draft.items] == [COMMS, COMPLAINTS, DATA]
    assert [i.order for i in draft.items] == [1, 2, 3]


def test_items_develop_from_the_current_level_towards_the_target():
    gaps = [gap(COMMS, "Customer communication", 4, "2.5")]
    catalogue = [
        entry(1, COMMS, 1, 2),  # below the current level: useless
        entry(2, COMMS, 2, 3),  # 2 -> 3 covers the first step
        entry(3, COMMS, 3, 4),  # 3 -> 4 covers the second
        entry(4, COMMS, 4, 5),  # beyond the target
    ]
    draft = build_plan(gaps=gaps, catalogue=catalogue, settings=SETTINGS)
    assert [i.item_id for i in draft.items] == [2, 3]
    assert draft.content_gaps == ()


def test_at_least_one_experience_or_social_item_when_the_catalogue_has_one():
    gaps = [gap(COMMS, "Customer communication", 4, "2")]
    catalogue = [
        entry(1, COMMS, 2, 4, mix=FORMAL, hours="2"),
        entry(2, COMMS, 3, 5, mix=SOCIAL, hours="6"),
    ]
    draft = build_plan(gaps=gaps, catalogue=catalogue, settings=SETTINGS)
    assert [i.item_id for i in draft.items] == [1, 2]


def test_experience_is_preferred_over_formal_for_the_same_step():
    gaps = [gap(COMMS, "Customer communication", 3, "2")]
    catalogue = [entry(1, COMMS, 2, 3, mix=FORMAL), entry(2, COMMS, 2, 3, mix=EXPERIENCE)]
    draft = build_plan(gaps=gaps, catalogue=catalogue, settings=SETTINGS)
    assert [i.item_id for i in draft.items] == [2]


def test_only_formal_content_is_still_planned():
    gaps = [gap(COMMS, "Customer communication", 3, "2")]
    draft = build_plan(gaps=gaps, catalogue=[entry(1, COMMS, 2, 3)], settings=SETTINGS)
    assert [i.item_id for i in draft.items] == [1]


def test_the_time_budget_keeps_the_largest_gaps():
    settings = BuildSettings(
        period_start=date(2027, 1, 1), period_end=date(2027, 3, 31), hours_per_quarter=10
    )
    assert settings.budget_hours == 10
    gaps = [gap(COMMS, "Customer communication", 3, "2", 3), gap(DATA, "Data", 3, "2", 1)]
    catalogue = [entry(1, COMMS, 2, 3, hours="8"), entry(2, DATA, 2, 3, hours="8")]
    draft = build_plan(gaps=gaps, catalogue=catalogue, settings=settings)
    assert [i.item_id for i in draft.items] == [1]
    assert [s.item_id for s in draft.over_budget] == [2]
    assert draft.hours == Decimal("8")


def test_budget_grows_with_the_quarters_of_the_period():
    assert SETTINGS.budget_hours == 80  # six months: two quarters of 40 hours


def test_due_dates_spread_over_the_period_in_order():
    gaps = [gap(COMMS, "Customer communication", 3, "2", 2), gap(DATA, "Data", 3, "2", 1)]
    catalogue = [entry(1, COMMS, 2, 3, hours="10"), entry(2, DATA, 2, 3, hours="10")]
    draft = build_plan(gaps=gaps, catalogue=catalogue, settings=SETTINGS)
    first, last = draft.items
    assert SETTINGS.period_start < first.due_date < last.due_date == SETTINGS.period_end


def test_every_item_says_why_it_is_there():
    gaps = [gap(COMMS, "Customer communication", 4, "2")]
    draft = build_plan(gaps=gaps, catalogue=[entry(1, COMMS, 2, 4)], settings=SETTINGS)
    assert draft.items[0].reason == "Customer communication: 2 → target 4"
    decimal = build_plan(
        gaps=[gap(COMMS, "Customer communication", 4, "2.50")],
        catalogue=[entry(1, COMMS, 2, 4)],
        settings=SETTINGS,
    )
    assert decimal.items[0].reason == "Customer communication: 2.5 → target 4"


def test_levels_without_content_are_content_gaps():
    gaps = [gap(COMMS, "Customer communication", 4, "1"), gap(DATA, "Data", 3, "2")]
    catalogue = [entry(1, COMMS, 2, 3)]  # nothing for 1 -> 2 nor 3 -> 4; nothing for data
    draft = build_plan(gaps=gaps, catalogue=catalogue, settings=SETTINGS)
    assert [i.item_id for i in draft.items] == [1]
    assert [(g.capability_id, g.level_from, g.level_to) for g in draft.content_gaps] == [
        (COMMS, 1, 2),
        (COMMS, 3, 4),
        (DATA, 2, 3),
    ]


def test_no_gap_no_plan():
    gaps = [gap(COMMS, "Customer communication", 3, "3"), gap(DATA, "Data", 3, None)]
    draft = build_plan(gaps=gaps, catalogue=[entry(1, COMMS, 2, 4)], settings=SETTINGS)
    assert draft.items == () and draft.content_gaps == ()


def test_same_input_same_plan_whatever_the_order_of_the_input():
    gaps = [gap(c, f"Capability {c}", 5, "1", weight=c % 3 + 1) for c in range(1, 8)]
    catalogue = [
        entry(c * 10 + k, c, low, low + 2, mix=(EXPERIENCE, SOCIAL, FORMAL)[k % 3], hours="3")
        for c in range(1, 8)
        for k, low in enumerate((1, 2, 3))
    ]
    first = build_plan(gaps=gaps, catalogue=catalogue, settings=SETTINGS)
    shuffler = random.Random(7)
    for _ in range(5):
        shuffled_gaps, shuffled_catalogue = gaps[:], catalogue[:]
        shuffler.shuffle(shuffled_gaps)
        shuffler.shuffle(shuffled_catalogue)
        assert build_plan(gaps=shuffled_gaps, catalogue=shuffled_catalogue, settings=SETTINGS) == (
            first
        )
