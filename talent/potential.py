"""Potential and the 9-box: the shipped criteria, a level from criterion scores, and the boxes.

Performance comes from `talent.performance` (the overall rating of the cycle, else the
consolidated results against targets); potential from the latest potential assessment
(calibrated when it was), else what the manager gave in the latest closed cycle's assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assessments.fairness import NINE_BOX_LEVELS, NINE_BOX_NAMES


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    description: str
    low: str
    medium: str
    high: str


DEFAULT_CRITERIA = (
    Criterion(
        "learning-agility",
        "Learning agility",
        "Learns quickly from experience and applies it in new situations.",
        "Needs the same situation explained again; prefers the familiar.",
        "Applies lessons from one situation to similar ones.",
        "Seeks the unfamiliar and is effective there quickly.",
    ),
    Criterion(
        "drive",
        "Drive",
        "Takes on more than the role asks and sees it through.",
        "Does what is asked.",
        "Takes on extra work within their area.",
        "Seeks larger responsibility and delivers it.",
    ),
    Criterion(
        "leading-others",
        "Leading others",
        "Brings people along, with or without authority.",
        "Works mostly alone.",
        "Guides peers in their own area.",
        "People follow their lead beyond their area.",
    ),
    Criterion(
        "breadth",
        "Breadth of perspective",
        "Sees the organisation beyond their own job.",
        "Focuses on their own tasks.",
        "Understands how their team fits with neighbouring ones.",
        "Decides with the whole organisation in mind.",
    ),
)


def level_from_scores(scores: Mapping[str, int]) -> int:
    """The rounded mean of the criterion scores (1-3)."""
    values = [int(v) for v in scores.values()]
    mean = Decimal(sum(values)) / len(values)
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


BOX_KEYS = [(p, q) for q in (3, 2, 1) for p in (1, 2, 3)]


def box_name(performance: int, potential: int) -> str:
    return str(NINE_BOX_NAMES[(performance, potential)])


def boxes(placed: Mapping[int, tuple[int, int]], people: Mapping[int, object]) -> list[list[dict]]:
    """3 x 3 boxes, high potential first, each with its name, levels in words and people."""
    grouped: dict[tuple[int, int], list] = {key: [] for key in BOX_KEYS}
    for employee_id, key in placed.items():
        if employee_id in people:
            grouped[key].append(people[employee_id])
    return [
        [
            {
                "performance": p,
                "potential": q,
                "key": f"{p}-{q}",
                "name": box_name(p, q),
                "performance_label": NINE_BOX_LEVELS[p],
                "potential_label": NINE_BOX_LEVELS[q],
                "tone": p + q,
                "people": sorted(grouped[(p, q)], key=lambda e: (e.last_name, e.first_name)),
            }
            for p in (1, 2, 3)
        ]
        for q in (3, 2, 1)
    ]
