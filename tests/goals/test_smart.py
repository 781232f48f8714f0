"""SMART-R: every rule passes and fails on its own."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from goals.smart import GoalDraft, smart_check

LIMIT = D(50)
GOOD = GoalDraft(
    title="Raise first-contact resolution to 75 %",
    unit="%",
    baseline=D(62),
    target=D(75),
    indicator="lagging",
    start_date=date(2027, 1, 1),
    due_date=date(2027, 3, 31),
    parent_count=1,
)


def rule(draft, name):
    return next(r for r in smart_check(draft, stretch_limit=LIMIT).rules if r.name == name)


def test_a_good_goal_passes_every_rule():
    check = smart_check(GOOD, stretch_limit=LIMIT)
    assert check.passed
    assert [r.letter for r in check.rules] == ["S", "M", "A", "R", "T", "R"]
    assert check.as_dict()["passed"] is True


@pytest.mark.parametrize(
    "title",
    [
        "Do calls",  # too short
        "Call, email and meet customers",  # activities only
        "Work on the customer backlog",  # no outcome stated
    ],
)
def test_specific_fails_without_an_outcome(title):
    result = rule(replace(GOOD, title=title), "specific")
    assert not result.passed and result.hint


def test_specific_passes_with_an_outcome_in_the_description():
    draft = replace(GOOD, title="Customer backlog under control", description="Cut it to 20 cases.")
    assert rule(draft, "specific").passed


@pytest.mark.parametrize(
    "change",
    [{"unit": ""}, {"baseline": None}, {"target": None}],
)
def test_measurable_needs_unit_baseline_and_target(change):
    result = rule(replace(GOOD, **change), "measurable")
    assert not result.passed and "missing" in str(result.hint)


def test_measurable_range_needs_an_ordered_range():
    draft = replace(GOOD, direction="range", target=None, range_low=D(95), range_high=D(105))
    assert rule(draft, "measurable").passed
    assert not rule(replace(draft, range_high=None), "measurable").passed
    assert not rule(replace(draft, range_low=D(105), range_high=D(95)), "measurable").passed


@pytest.mark.parametrize(
    ("baseline", "target", "passed"),
    [
        (D(100), D(150), True),  # exactly the limit
        (D(100), D("150.01"), False),
        (D(100), D(50), True),  # a decrease of 50 %
        (D(100), D(49), False),
        (D(0), D(10), False),  # nothing to compare with
        (D(0), D(0), True),
    ],
)
def test_achievable_within_the_stretch_limit(baseline, target, passed):
    result = rule(replace(GOOD, baseline=baseline, target=target), "achievable")
    assert result.passed is passed
    if not passed:
        assert result.hint


def test_achievable_when_a_manager_approved_the_stretch():
    draft = replace(GOOD, baseline=D(10), target=D(100), stretch_approved=True)
    assert rule(draft, "achievable").passed


def test_relevant_counts_a_role_key_result_as_alignment():
    alone = replace(GOOD, parent_count=0)
    assert not rule(alone, "relevant").passed
    assert "key result" in str(rule(alone, "relevant").hint)
    assert rule(replace(alone, has_key_result=True), "relevant").passed


def test_relevant_needs_a_parent_except_for_the_organisations_strategy():
    assert not rule(replace(GOOD, parent_count=0), "relevant").passed
    strategy = replace(GOOD, parent_count=0, level="strategic", owner_type="organization")
    assert rule(strategy, "relevant").passed
    assert not rule(replace(strategy, owner_type="department"), "relevant").passed


@pytest.mark.parametrize(
    ("start", "due", "passed"),
    [
        (date(2027, 1, 1), date(2027, 3, 31), True),
        (None, date(2027, 3, 31), False),
        (date(2027, 1, 1), None, False),
        (date(2027, 1, 1), date(2027, 1, 1), False),
    ],
)
def test_time_bound(start, due, passed):
    assert rule(replace(GOOD, start_date=start, due_date=due), "time-bound").passed is passed


def test_results_focused_needs_a_lagging_outcome_kpi():
    assert rule(GOOD, "results-focused").passed
    result = rule(replace(GOOD, indicator="leading"), "results-focused")
    assert not result.passed and result.hint
    assert not smart_check(replace(GOOD, indicator="leading"), stretch_limit=LIMIT).passed
