"""Progress, RAG, forecast and roll-up arithmetic (pure, no database)."""

from datetime import date
from decimal import Decimal as D

import pytest

from goals.kpi import (
    AMBER,
    GREEN,
    RED,
    Kpi,
    Thresholds,
    expected_percent,
    forecast,
    progress_percent,
    rag_status,
    rollup,
    weighted_score,
)

T = Thresholds(green_at=D(90), amber_at=D(70), range_tolerance=D(10))


def inc(current):
    return Kpi(
        "increase", baseline=D(40), target=D(60), current=None if current is None else D(current)
    )


def dec(current):
    return Kpi(
        "decrease", baseline=D(100), target=D(50), current=None if current is None else D(current)
    )


def rng(current):
    return Kpi(
        "range", range_low=D(95), range_high=D(105), current=None if current is None else D(current)
    )


@pytest.mark.parametrize(
    ("current", "progress"),
    [("40", 0), ("50", 50), ("60", 100), ("70", 100), ("30", 0), ("58", 90)],
)
def test_progress_increase(current, progress):
    assert progress_percent(inc(current)) == D(progress)


@pytest.mark.parametrize(
    ("current", "progress"),
    [("100", 0), ("75", 50), ("50", 100), ("40", 100), ("120", 0), ("55", 90)],
)
def test_progress_decrease(current, progress):
    assert progress_percent(dec(current)) == D(progress)


@pytest.mark.parametrize(
    ("current", "progress"),
    [("95", 100), ("105", 100), ("100", 100), ("110", 50), ("90", 50), ("80", 0)],
)
def test_progress_range(current, progress):
    assert progress_percent(rng(current)) == D(progress)


def test_progress_needs_values():
    assert progress_percent(inc(None)) is None
    assert progress_percent(Kpi("increase", baseline=None, target=D(1), current=D(1))) is None
    assert progress_percent(Kpi("range", range_low=None, range_high=D(1), current=D(1))) is None


def test_progress_when_target_equals_baseline():
    assert progress_percent(Kpi("increase", baseline=D(5), target=D(5), current=D(5))) == 100
    assert progress_percent(Kpi("increase", baseline=D(5), target=D(5), current=D(4))) == 0
    assert progress_percent(Kpi("decrease", baseline=D(5), target=D(5), current=D(6))) == 0


@pytest.mark.parametrize(
    ("current", "rag"),
    [
        ("60", GREEN),  # at target
        ("58", GREEN),  # 90 %: the green boundary is inclusive
        ("57.98", AMBER),  # just below 90 %
        ("54", AMBER),  # 70 %: the amber boundary is inclusive
        ("53.98", RED),  # just below 70 %
        ("40", RED),
        ("65", GREEN),  # beyond target
    ],
)
def test_rag_increase_edges(current, rag):
    assert rag_status(inc(current), T) == rag


@pytest.mark.parametrize(
    ("current", "rag"),
    [
        ("50", GREEN),
        ("55", GREEN),  # 90 %
        ("55.01", AMBER),
        ("65", AMBER),  # 70 %
        ("65.01", RED),
        ("100", RED),
        ("45", GREEN),
    ],
)
def test_rag_decrease_edges(current, rag):
    assert rag_status(dec(current), T) == rag


@pytest.mark.parametrize(
    ("current", "rag"),
    [
        ("95", GREEN),  # low end inclusive
        ("105", GREEN),  # high end inclusive
        ("100", GREEN),
        ("94", AMBER),  # band is 10 % of a width of 10 → 1
        ("106", AMBER),
        ("93.99", RED),
        ("106.01", RED),
    ],
)
def test_rag_range_edges(current, rag):
    assert rag_status(rng(current), T) == rag


def test_rag_compares_with_the_progress_expected_by_now():
    # Half way through the time, half way to target: on pace, green.
    assert rag_status(inc("50"), T, expected=D(50)) == GREEN
    # Half way through the time, 35 % of the way (70 % of pace): amber.
    assert rag_status(inc("47"), T, expected=D(50)) == AMBER
    assert rag_status(inc("46.9"), T, expected=D(50)) == RED
    # Nothing expected yet: green even without movement.
    assert rag_status(inc("40"), T, expected=D(0)) == GREEN


def test_rag_without_a_current_value_is_none():
    assert rag_status(inc(None), T) is None
    assert rag_status(rng(None), T) is None


def test_expected_percent():
    start, due = date(2027, 1, 1), date(2027, 1, 11)
    assert expected_percent(start, due, date(2026, 12, 1)) == 0
    assert expected_percent(start, due, date(2027, 1, 6)) == 50
    assert expected_percent(start, due, date(2027, 2, 1)) == 100
    assert expected_percent(None, due, date(2027, 1, 6)) == 100


def test_forecast_flags_a_goal_likely_to_miss_before_it_is_red():
    kpi = inc("48")
    points = [(date(2027, 1, 1), D(40)), (date(2027, 1, 11), D(44)), (date(2027, 1, 21), D(48))]
    result = forecast(kpi, points, due=date(2027, 2, 20))
    # +0.4 a day → 60 on 20 Feb: exactly on target, not a miss.
    assert result.value_at_due == D("60.0000")
    assert result.likely_to_miss is False
    result = forecast(kpi, points, due=date(2027, 2, 10))
    assert result.value_at_due == D("56.0000")
    assert result.likely_to_miss is True
    assert result.progress_at_due == D(80)


def test_forecast_decrease_and_range():
    points = [(date(2027, 1, 1), D(100)), (date(2027, 1, 11), D(90))]
    assert forecast(dec("90"), points, due=date(2027, 2, 20)).likely_to_miss is False  # → 50
    assert forecast(dec("90"), points, due=date(2027, 2, 10)).likely_to_miss is True  # → 60
    flat = [(date(2027, 1, 1), D(100)), (date(2027, 1, 11), D(101))]
    assert forecast(rng("101"), flat, due=date(2027, 1, 21)).likely_to_miss is False
    assert forecast(rng("101"), flat, due=date(2027, 3, 1)).likely_to_miss is True


def test_forecast_needs_two_dates_and_a_due_date():
    assert forecast(inc("41"), [(date(2027, 1, 1), D(41))], due=date(2027, 2, 1)) is None
    same_day = [(date(2027, 1, 1), D(41)), (date(2027, 1, 1), D(42))]
    assert forecast(inc("42"), same_day, due=date(2027, 2, 1)) is None
    two = [(date(2027, 1, 1), D(41)), (date(2027, 1, 2), D(42))]
    assert forecast(inc("42"), two, due=None) is None


def test_rollup_weights_and_nested_levels():
    # strategic 1 ← tactical 2 (w 3), tactical 3 (w 1); tactical 2 ← operational 4 (w 1), 5 (w 1)
    children = {1: [2, 3], 2: [4, 5]}
    own = {1: D(0), 2: D(0), 3: D(20), 4: D(100), 5: D(50)}
    weights = {2: D(3), 3: D(1), 4: D(1), 5: D(1)}
    assert rollup(2, children=children, own_progress=own, weights=weights) == D("75.00")
    # (3 * 75 + 1 * 20) / 4
    assert rollup(1, children=children, own_progress=own, weights=weights) == D("61.25")
    assert rollup(4, children=children, own_progress=own, weights=weights) == D(100)


def test_rollup_skips_children_without_progress_and_handles_zero_weights():
    children = {1: [2, 3]}
    assert rollup(
        1, children=children, own_progress={2: D(40), 3: None}, weights={2: D(1), 3: D(5)}
    ) == D("40.00")
    assert rollup(1, children=children, own_progress={2: D(40), 3: D(60)}, weights={}) == D("50.00")
    assert rollup(1, children=children, own_progress={1: D(7)}, weights={}) == D(7)


def test_rollup_survives_a_cycle():
    assert rollup(1, children={1: [2], 2: [1]}, own_progress={2: D(30)}, weights={2: D(1)}) == D(
        "30.00"
    )


def test_weighted_score():
    assert weighted_score([(D(100), D(1)), (D(50), D(3)), (None, D(10))]) == D("62.50")
    assert weighted_score([(None, D(1))]) is None
    assert weighted_score([(D(10), D(0)), (D(30), D(0))]) == D("20.00")
