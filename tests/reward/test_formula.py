"""The overall rating formula on constructed results: each part and the total."""

from __future__ import annotations

from decimal import Decimal

from reward import formula as f

D = Decimal
CAPS = [
    f.CapabilityResult("Customer communication", D("3.00"), 4, 3),  # 75 %
    f.CapabilityResult("Complaint resolution", D("3.50"), 3, 2),  # 116.67 %, capped at 100
    f.CapabilityResult("Data protection", D("2.00"), 2, 1),  # 100 %
]
GOALS = [
    f.GoalResult("Resolve at first contact", "customer", D(2), D(50)),
    f.GoalResult("Cut handling cost", "financial", D(1), D(80)),
    f.GoalResult("Document the process", "process", D(1), D(100)),
]
LEVELS = [(1, D(0)), (2, D(50)), (3, D(70)), (4, D(85)), (5, D(95))]


def test_the_capability_part_weights_attainment_and_caps_it():
    score, rows = f.capability_part(CAPS, cap=100)
    # (75*3 + 100*2 + 100*1) / 6
    assert score == D("87.50")
    assert [row["attainment"] for row in rows] == ["75.00", "100.00", "100.00"]
    assert f.capability_part(CAPS, cap=120)[0] == D("93.06")  # (225 + 116.67*2 + 100) / 6


def test_a_capability_without_a_target_does_not_count():
    score, rows = f.capability_part([f.CapabilityResult("Extra", D(5), 0, 1)], cap=100)
    assert score is None and rows == []


def test_the_goal_part_weights_each_goal():
    score, rows, perspectives = f.goal_part(GOALS, perspective_weights={})
    assert score == D("70.00")  # (50*2 + 80 + 100) / 4
    assert perspectives == [] and len(rows) == 3


def test_the_goal_part_per_perspective_renormalises_over_perspectives_with_goals():
    weights = {"financial": 40, "customer": 40, "process": 10, "learning": 10}
    score, _, perspectives = f.goal_part(GOALS, perspective_weights=weights)
    # (80*40 + 50*40 + 100*10) / 90; learning has no goals
    assert score == D("68.89")
    assert {p["perspective"]: p["score"] for p in perspectives} == {
        "financial": "80.00",
        "customer": "50.00",
        "process": "100.00",
        "learning": None,
    }


def test_the_total_weights_the_two_parts():
    outcome = f.evaluate(f.Formula(60, 40), capabilities=CAPS, goals=GOALS)
    assert (outcome.capability_score, outcome.goal_score) == (D("87.50"), D("70.00"))
    assert outcome.score == D("80.50")  # 0.6 * 87.5 + 0.4 * 70
    assert outcome.parts["capability_weight"] == 60
    assert f.propose(outcome.score, LEVELS) == 3


def test_a_missing_part_leaves_the_other_alone():
    assert f.evaluate(f.Formula(60, 40), capabilities=CAPS, goals=[]).score == D("87.50")
    assert f.evaluate(f.Formula(60, 40), capabilities=[], goals=GOALS).score == D("70.00")
    nothing = f.evaluate(f.Formula(), capabilities=[], goals=[])
    assert nothing.score is None and f.propose(nothing.score, LEVELS) is None


def test_the_proposal_at_the_thresholds():
    assert f.propose(D("94.99"), LEVELS) == 4
    assert f.propose(D("95.00"), LEVELS) == 5
    assert f.propose(D("0"), LEVELS) == 1
    assert f.propose(D("69.99"), LEVELS) == 2


def test_the_formula_reads_in_words():
    words = f.describe(
        f.Formula(60, 40, {"financial": 50, "customer": 50}),
        [(3, "Meets", D(70)), (5, "Outstanding", D(95))],
    )
    text = " ".join(words)
    assert "count 60 %, goal achievement 40 %" in text
    assert "Financial 50 %, Customer 50 %" in text
    assert words[-2:] == [
        "A score of 95 or more proposes Outstanding.",
        "A score of 70 or more proposes Meets.",
    ]
