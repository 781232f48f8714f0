"""The SMART-R check of a goal: one concrete rule per letter, each with pass/fail and a hint.

Pure: it reads a `GoalDraft` (built from a form, a request or a saved goal) and never the
database, so it runs while a goal is being written as well as when it is activated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from goals.kpi import RANGE

# Verbs that describe activity, not a result. A goal made only of these says what someone
# will do, not what will be different.
ACTIVITY_WORDS = frozenset(
    [
        "attend",
        "call",
        "calls",
        "coordinate",
        "discuss",
        "do",
        "email",
        "emails",
        "follow",
        "handle",
        "help",
        "join",
        "learn",
        "meet",
        "meeting",
        "meetings",
        "participate",
        "plan",
        "prepare",
        "read",
        "research",
        "review",
        "send",
        "support",
        "talk",
        "try",
        "visit",
        "work",
        "write",
        "and",
        "or",
        "the",
        "a",
        "an",
        "with",
        "on",
        "for",
        "of",
        "in",
        "at",
        "about",
        "more",
        "some",
        "regular",
        "regularly",
    ]
)
# Words that state an outcome: a change in a measured state.
OUTCOME_WORDS = frozenset(
    [
        "increase",
        "increased",
        "raise",
        "grow",
        "reduce",
        "reduced",
        "decrease",
        "cut",
        "lower",
        "improve",
        "achieve",
        "reach",
        "deliver",
        "launch",
        "win",
        "retain",
        "keep",
        "maintain",
        "hit",
        "halve",
        "double",
        "eliminate",
        "save",
        "close",
        "ship",
        "complete",
        "certify",
        "resolve",
        "resolution",
        "rate",
        "score",
        "revenue",
        "cost",
        "satisfaction",
        "nps",
        "margin",
    ]
)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:[.,]\d+)?%?")


@dataclass(frozen=True)
class GoalDraft:
    title: str
    description: str = ""
    level: str = "operational"
    owner_type: str = "employee"
    unit: str = ""
    direction: str = "increase"
    baseline: Decimal | None = None
    target: Decimal | None = None
    range_low: Decimal | None = None
    range_high: Decimal | None = None
    indicator: str = "lagging"
    start_date: date | None = None
    due_date: date | None = None
    parent_count: int = 0
    has_key_result: bool = False
    stretch_approved: bool = False


@dataclass(frozen=True)
class Rule:
    letter: str
    name: str
    passed: bool
    hint: str = ""


@dataclass(frozen=True)
class SmartCheck:
    rules: list[Rule] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(rule.passed for rule in self.rules)

    @property
    def failed(self) -> list[Rule]:
        return [rule for rule in self.rules if not rule.passed]

    def as_dict(self) -> dict:
        return {
            "passed": self.passed,
            "rules": [
                {"letter": r.letter, "rule": r.name, "passed": r.passed, "hint": str(r.hint)}
                for r in self.rules
            ],
        }


def _specific(draft: GoalDraft) -> Rule:
    words = [w.lower() for w in WORD.findall(f"{draft.title} {draft.description}")]
    title_words = WORD.findall(draft.title)
    if len(title_words) < 3:
        return Rule("S", "specific", False, _("Say in a sentence what will be different."))
    has_number = any(w[0].isdigit() for w in words)
    has_outcome = has_number or any(w in OUTCOME_WORDS for w in words)
    only_activity = all(w in ACTIVITY_WORDS for w in (w.lower() for w in title_words))
    if only_activity or not has_outcome:
        return Rule(
            "S",
            "specific",
            False,
            _(
                "Name the result, not only the activities: e.g. “Raise first-contact "
                "resolution to 80 %”."
            ),
        )
    return Rule("S", "specific", True)


def _measurable(draft: GoalDraft) -> Rule:
    missing = []
    if not draft.unit.strip():
        missing.append("unit")
    if draft.baseline is None:
        missing.append("baseline")
    if draft.direction == RANGE:
        if draft.range_low is None or draft.range_high is None:
            missing.append("range")
        elif draft.range_low >= draft.range_high:
            return Rule("M", "measurable", False, _("The range's low end must be below its high."))
    elif draft.target is None:
        missing.append("target")
    if missing:
        return Rule(
            "M",
            "measurable",
            False,
            _("Give the KPI a unit, a baseline and a target (missing: %(missing)s).")
            % {"missing": ", ".join(missing)},
        )
    return Rule("M", "measurable", True)


def stretch_percent(draft: GoalDraft) -> Decimal | None:
    """How far the target is from the baseline, in percent of the baseline."""
    if draft.baseline is None:
        return None
    if draft.direction == RANGE:
        if draft.range_low is None or draft.range_high is None:
            return None
        target = (draft.range_low + draft.range_high) / 2
    elif draft.target is None:
        return None
    else:
        target = draft.target
    if draft.baseline == 0:
        return Decimal(0) if target == 0 else None
    return abs(target - draft.baseline) / abs(draft.baseline) * 100


def _achievable(draft: GoalDraft, stretch_limit: Decimal) -> Rule:
    if draft.stretch_approved:
        return Rule("A", "achievable", True)
    stretch = stretch_percent(draft)
    if stretch is None:
        return Rule(
            "A",
            "achievable",
            False,
            _("With no baseline to compare with, the target needs a manager's approval."),
        )
    if stretch > stretch_limit:
        return Rule(
            "A",
            "achievable",
            False,
            _(
                "The target is %(stretch)s %% away from the baseline; the organisation's "
                "stretch limit is %(limit)s %%. Lower it or ask your manager to approve it."
            )
            % {"stretch": stretch.quantize(Decimal("1")), "limit": stretch_limit.normalize()},
        )
    return Rule("A", "achievable", True)


def _relevant(draft: GoalDraft) -> Rule:
    # The organisation's own strategic goals are the top of the cascade.
    if (
        draft.parent_count > 0
        or draft.has_key_result
        or (draft.level == "strategic" and draft.owner_type == "organization")
    ):
        return Rule("R", "relevant", True)
    return Rule(
        "R",
        "relevant",
        False,
        _("Align the goal to a goal it supports or to a key result of the job role."),
    )


def _time_bound(draft: GoalDraft) -> Rule:
    if draft.start_date is None or draft.due_date is None:
        return Rule("T", "time-bound", False, _("Give the goal a start date and a due date."))
    if draft.due_date <= draft.start_date:
        return Rule("T", "time-bound", False, _("The due date must come after the start date."))
    return Rule("T", "time-bound", True)


def _results_focused(draft: GoalDraft) -> Rule:
    if draft.indicator != "lagging":
        return Rule(
            "R",
            "results-focused",
            False,
            _("Measure an outcome (a lagging KPI), not only an activity that leads to it."),
        )
    return Rule("R", "results-focused", True)


def smart_check(draft: GoalDraft, *, stretch_limit: Decimal) -> SmartCheck:
    return SmartCheck(
        rules=[
            _specific(draft),
            _measurable(draft),
            _achievable(draft, stretch_limit),
            _relevant(draft),
            _time_bound(draft),
            _results_focused(draft),
        ]
    )
