"""Balanced scorecards: weighted achievement per perspective with RAG, weight share and
leading vs lagging, for a person (themselves, their managers and HR admins) and a team (its
manager).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import (
    QuerySet,
)

from goals import kpi as kpi_math
from goals.models import (
    Goal,
    Indicator,
    Perspective,
)
from goals.selectors import goal_list, goal_list_for_display, goal_list_judged, goal_queryset
from plms.people.models import Employee
from plms.people.selectors import (
    all_reports,
    is_manager_of,
)
from plms.tenancy.actors import Actor

# --- Goals -----------------------------------------------------------------------------------


def scorecard(goals: list[Goal]) -> dict:
    """Weighted goal achievement, by balanced-scorecard perspective and leading vs lagging.

    `goals` come from `goal_list_for_display` (they carry `progress`).
    """

    def score(items: list[Goal]) -> Decimal | None:
        return kpi_math.weighted_score((goal.progress, goal.weight) for goal in items)

    perspectives = defaultdict(list)
    indicators = defaultdict(list)
    for goal in goals:
        perspectives[goal.perspective].append(goal)
        indicators[goal.indicator].append(goal)
    return {
        "overall": score(goals),
        "perspectives": {name: score(items) for name, items in perspectives.items()},
        "indicators": {name: score(items) for name, items in indicators.items()},
    }


# --- Scorecards ------------------------------------------------------------------------------


RAG_ORDER = {kpi_math.RED: 0, kpi_math.AMBER: 1, kpi_math.GREEN: 2}


def _score(goals: Sequence[Goal]) -> Decimal | None:
    return kpi_math.weighted_score((goal.progress, goal.weight) for goal in goals)


def _worst_rag(goals: Sequence[Goal]) -> str | None:
    rags = [goal.rag for goal in goals if goal.rag in RAG_ORDER]
    return min(rags, key=RAG_ORDER.__getitem__) if rags else None


@dataclass
class ScorecardPart:
    """One perspective (or one kind of indicator) of a scorecard."""

    key: str
    label: str
    goals: list[Goal]
    total_weight: Decimal

    @property
    def score(self) -> Decimal | None:
        return _score(self.goals)

    @property
    def weight(self) -> Decimal:
        return sum((goal.weight for goal in self.goals), Decimal(0))

    @property
    def weight_share(self) -> Decimal | None:
        if not self.total_weight:
            return None
        return (self.weight / self.total_weight * 100).quantize(Decimal("1"))

    @property
    def rag(self) -> str | None:
        return _worst_rag(self.goals)

    @property
    def rag_counts(self) -> dict[str, int]:
        counts = {kpi_math.GREEN: 0, kpi_math.AMBER: 0, kpi_math.RED: 0}
        for goal in self.goals:
            if goal.rag in counts:
                counts[goal.rag] += 1
        return counts


@dataclass
class BalancedScorecard:
    """Weighted goal achievement by balanced-scorecard perspective, and leading vs lagging.

    Every perspective is listed, empty ones too, so a missing perspective shows as a gap.
    """

    goals: list[Goal]
    perspectives: list[ScorecardPart] = field(default_factory=list)
    indicators: list[ScorecardPart] = field(default_factory=list)

    @property
    def overall(self) -> Decimal | None:
        return _score(self.goals)

    @property
    def at_risk(self) -> int:
        return sum(1 for goal in self.goals if goal.at_risk)

    @property
    def rag(self) -> str | None:
        return _worst_rag(self.goals)


def balanced_scorecard(goals: Sequence[Goal]) -> BalancedScorecard:
    """`goals` come from `goal_list_for_display` or `goal_list_judged` (they carry `progress`,
    `rag` and `at_risk`)."""
    goals = list(goals)
    total = sum((goal.weight for goal in goals), Decimal(0))

    def parts(attribute: str, choices) -> list[ScorecardPart]:
        return [
            ScorecardPart(
                key=value,
                label=str(label),
                goals=[g for g in goals if getattr(g, attribute) == value],
                total_weight=total,
            )
            for value, label in choices
        ]

    return BalancedScorecard(
        goals=goals,
        perspectives=parts("perspective", Perspective.choices),
        indicators=parts("indicator", Indicator.choices),
    )


def _scorecard_goals(goals: QuerySet[Goal]) -> QuerySet[Goal]:
    return goals.filter(status=Goal.Status.ACTIVE).order_by(
        "perspective", "due_date", "title", "id"
    )


def person_scorecard(
    *, actor: Actor, employee: Employee, today: date | None = None
) -> BalancedScorecard:
    """The person's active goals as a balanced scorecard (what the actor may see of them)."""
    goals = _scorecard_goals(goal_list(actor=actor, owner_employee=employee))
    return balanced_scorecard(goal_list_for_display(goals, today=today))


@dataclass
class TeamMemberScore:
    employee: Employee
    scorecard: BalancedScorecard


@dataclass
class TeamScorecard:
    scorecard: BalancedScorecard
    members: list[TeamMemberScore]


def team_scorecard(
    *, manager: Employee, search: str = "", today: date | None = None
) -> TeamScorecard:
    """The manager's reports (all levels, matrix too): one balanced scorecard over all their
    active goals, and each person's own (people matching `search`). Three queries whatever the
    size of the team. The goals are judged from their stored forecast verdicts: a team of
    thousands has tens of thousands of updates that a scorecard does not show."""
    people = list(all_reports(manager=manager, include_matrix=True).filter(active=True))
    goals = goal_list_judged(
        _scorecard_goals(goal_queryset().filter(owner_employee__in=people)), today=today
    )
    by_owner: dict[int, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_owner[goal.owner_employee_id].append(goal)
    words = search.lower().split()
    return TeamScorecard(
        scorecard=balanced_scorecard(goals),
        members=[
            TeamMemberScore(employee=person, scorecard=balanced_scorecard(by_owner[person.pk]))
            for person in people
            if all(word in f"{person.full_name} {person.title}".lower() for word in words)
        ],
    )


def scorecard_employee_get(*, actor: Actor, uuid: UUID | str) -> Employee | None:
    """The person whose scorecard the actor may open: themselves, their reports (at any
    level, matrix too) and, for HR admins, anyone. None for missing and forbidden alike."""
    employee = Employee.objects.select_related("department").filter(uuid=uuid).first()
    if employee is None or actor.is_admin:
        return employee
    me = actor.employee
    if me is not None and (me.pk == employee.pk or is_manager_of(manager=me, employee=employee)):
        return employee
    return None
