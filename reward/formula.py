"""The overall rating formula: pure arithmetic on a person's results, each part kept.

    capability part = Σ weight * min(level / target, cap) / Σ weight          (in %)
    goal part       = Σ weight * progress / Σ weight                           (in %)
                      or, with perspective weights, the same mean per balanced-scorecard
                      perspective, weighted by the perspectives' weights (those with goals)
    score           = (capability weight * capability part + goal weight * goal part)
                      / (the weights of the parts that have results)

The proposed rating is the highest level of the scale whose lowest score the score reaches.
`describe` says the same in words for the settings page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

PERSPECTIVE_NAMES = {
    "financial": "Financial",
    "customer": "Customer",
    "process": "Internal process",
    "learning": "Learning and growth",
}


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CapabilityResult:
    name: str
    level: Decimal
    target: int
    weight: int = 1


@dataclass(frozen=True)
class GoalResult:
    title: str
    perspective: str
    weight: Decimal
    progress: Decimal


@dataclass(frozen=True)
class Formula:
    capability_weight: int = 50
    goal_weight: int = 50
    perspective_weights: Mapping[str, int] = field(default_factory=dict)
    attainment_cap: int = 100


@dataclass
class Outcome:
    capability_score: Decimal | None
    goal_score: Decimal | None
    score: Decimal | None
    parts: dict


def _weighted_mean(pairs: Sequence[tuple[Decimal, Decimal]]) -> Decimal | None:
    total = sum((weight for _, weight in pairs), Decimal(0))
    if total <= 0:
        return None
    return sum((value * weight for value, weight in pairs), Decimal(0)) / total


def capability_part(
    results: Sequence[CapabilityResult], *, cap: int
) -> tuple[Decimal | None, list[dict]]:
    rows, pairs = [], []
    for result in results:
        if not result.target:
            continue
        attainment = min(Decimal(result.level) / Decimal(result.target) * HUNDRED, Decimal(cap))
        pairs.append((attainment, Decimal(result.weight)))
        rows.append(
            {
                "capability": result.name,
                "level": str(_round(Decimal(result.level))),
                "target": result.target,
                "weight": result.weight,
                "attainment": str(_round(attainment)),
            }
        )
    mean = _weighted_mean(pairs)
    return (_round(mean) if mean is not None else None), rows


def goal_part(
    results: Sequence[GoalResult], *, perspective_weights: Mapping[str, int]
) -> tuple[Decimal | None, list[dict], list[dict]]:
    rows = [
        {
            "goal": result.title,
            "perspective": result.perspective,
            "weight": str(result.weight),
            "progress": str(_round(result.progress)),
        }
        for result in results
    ]
    weights = {key: value for key, value in perspective_weights.items() if value}
    if not weights:
        mean = _weighted_mean([(r.progress, Decimal(r.weight)) for r in results])
        return (_round(mean) if mean is not None else None), rows, []
    perspectives = []
    pairs = []
    for key, weight in weights.items():
        inside = [(r.progress, Decimal(r.weight)) for r in results if r.perspective == key]
        mean = _weighted_mean(inside)
        perspectives.append(
            {
                "perspective": key,
                "weight": weight,
                "score": str(_round(mean)) if mean is not None else None,
            }
        )
        if mean is not None:
            pairs.append((mean, Decimal(weight)))
    total = _weighted_mean(pairs)
    return (_round(total) if total is not None else None), rows, perspectives


def evaluate(
    formula: Formula,
    *,
    capabilities: Sequence[CapabilityResult],
    goals: Sequence[GoalResult],
) -> Outcome:
    capability_score, capability_rows = capability_part(capabilities, cap=formula.attainment_cap)
    goal_score, goal_rows, perspective_rows = goal_part(
        goals, perspective_weights=formula.perspective_weights
    )
    pairs = []
    if capability_score is not None:
        pairs.append((capability_score, Decimal(formula.capability_weight)))
    if goal_score is not None:
        pairs.append((goal_score, Decimal(formula.goal_weight)))
    score = _weighted_mean(pairs)
    return Outcome(
        capability_score=capability_score,
        goal_score=goal_score,
        score=_round(score) if score is not None else None,
        parts={
            "capabilities": capability_rows,
            "goals": goal_rows,
            "perspectives": perspective_rows,
            "capability_weight": formula.capability_weight,
            "goal_weight": formula.goal_weight,
        },
    )


def propose(score: Decimal | None, thresholds: Sequence[tuple[int, Decimal]]) -> int | None:
    """The highest level (value) whose lowest score `score` reaches; None without a score."""
    if score is None:
        return None
    reached = [value for value, lowest in thresholds if score >= lowest]
    return max(reached) if reached else min((value for value, _ in thresholds), default=None)


def describe(formula: Formula, levels: Sequence[tuple[int, str, Decimal]]) -> list[str]:
    """The formula in sentences, for people."""
    sentences = [
        f"Capability results against the role's targets count {formula.capability_weight} %, "
        f"goal achievement {formula.goal_weight} %.",
        "A capability's result is the level reached over the role's target level, counted up "
        f"to {formula.attainment_cap} % of the target and weighted as the role weights it.",
    ]
    order = list(PERSPECTIVE_NAMES)
    weights = {
        k: v
        for k, v in sorted(
            formula.perspective_weights.items(),
            key=lambda item: order.index(item[0]) if item[0] in order else len(order),
        )
        if v
    }
    if weights:
        listed = ", ".join(f"{PERSPECTIVE_NAMES.get(k, k)} {v} %" for k, v in weights.items())
        sentences.append(
            "Goal achievement is the weighted progress of the person's goals within each "
            f"balanced-scorecard perspective, the perspectives weighted {listed}."
        )
    else:
        sentences.append("Goal achievement is the progress of the person's goals, each weighted.")
    sentences.append(
        "When a person has no capability results or no goals, the other part counts alone."
    )
    for _value, name, lowest in sorted(levels, key=lambda level: level[0], reverse=True):
        sentences.append(f"A score of {_round(lowest).normalize():f} or more proposes {name}.")
    return sentences
