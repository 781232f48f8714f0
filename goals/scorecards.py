"""Balanced scorecards: weighted achievement per perspective with RAG, weight share and
leading vs lagging, for a person (themselves, their managers and HR admins) and a team (its
manager: a summary of the whole team computed by the database, and the scorecard of each
person of one page of it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Case,
    DecimalField,
    Expression,
    F,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone

from goals import kpi as kpi_math
from goals.models import (
    Goal,
    Indicator,
    Perspective,
)
from goals.selectors import (
    goal_list,
    goal_list_for_display,
    goal_list_judged,
    goal_queryset,
    goal_rag_expression,
    goal_settings_get,
)
from plms.people.models import Employee
from plms.people.selectors import (
    all_report_ids_sql,
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
    def count(self) -> int:
        return len(self.goals)

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
    def count(self) -> int:
        return len(self.goals)

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


# --- Team scorecard --------------------------------------------------------------------------


class _Numeric(Func):
    """The expression as a number with 30 decimal places, so that a division of it is carried
    further than `Decimal`'s 28 digits (PostgreSQL's numeric division keeps the dividend's
    scale, and only 16 significant digits without it)."""

    template = "CAST(%(expressions)s AS numeric(60, 30))"
    output_field = DecimalField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])


def goal_progress_expression() -> Case:
    """A goal's progress computed by the database, step for step as
    `goals.kpi.progress_percent` (0-100 of the way from baseline to target; for a range, 100
    inside it and less the further outside)."""
    number = DecimalField()
    hundred, zero = Value(kpi_math.HUNDRED, output_field=number), Value(kpi_math.ZERO)
    current, baseline, target = F("current"), F("baseline"), F("target")
    low, high = F("range_low"), F("range_high")
    width = high - low
    distance = Case(When(current__lt=low, then=low - current), default=current - high)
    outside = hundred - _Numeric(distance) / width * hundred
    range_progress = Case(
        When(Q(range_low__isnull=True) | Q(range_high__isnull=True), then=Value(None)),
        When(Q(current__gte=low, current__lte=high), then=hundred),
        When(LessThanOrEqual(width, zero), then=zero),
        default=Greatest(Least(outside, hundred), zero),
        output_field=number,
    )
    sign = Case(When(direction=kpi_math.DECREASE, then=Value(-1)), default=Value(1))
    span: Expression = (target - baseline) * sign
    moved = (current - baseline) * sign
    reached = Case(
        When(direction=kpi_math.INCREASE, then=GreaterThanOrEqual(current, target)),
        default=LessThanOrEqual(current, target),
    )
    return Case(
        When(current__isnull=True, then=Value(None)),
        When(direction=kpi_math.RANGE, then=range_progress),
        When(Q(target__isnull=True) | Q(baseline__isnull=True), then=Value(None)),
        When(
            LessThanOrEqual(span, zero),
            then=Case(When(reached, then=hundred), default=zero, output_field=number),
        ),
        default=Greatest(Least(_Numeric(moved) / span * hundred, hundred), zero),
        output_field=number,
    )


@dataclass
class PartSummary:
    """One perspective (or one kind of indicator) of a team's scorecard, from counts and sums
    instead of the goals: what `ScorecardPart` shows, for any number of goals."""

    key: str
    label: str
    total_weight: Decimal = kpi_math.ZERO
    count: int = 0
    weight: Decimal = kpi_math.ZERO
    scored: int = 0  # goals with a progress (and so a RAG status)
    scored_weight: Decimal = kpi_math.ZERO
    weighted: Decimal = kpi_math.ZERO  # progress x weight, summed over the scored goals
    plain: Decimal = kpi_math.ZERO  # progress, summed over the scored goals
    amber: int = 0
    red: int = 0

    def add(self, sums: dict) -> None:
        self.count += sums["goals"]
        self.weight += sums["weights"] or kpi_math.ZERO
        self.scored += sums["scored_goals"]
        self.scored_weight += sums["scored_weights"] or kpi_math.ZERO
        self.weighted += sums["weighted_progress"] or kpi_math.ZERO
        self.plain += sums["progress_sum"] or kpi_math.ZERO
        self.amber += sums["amber_goals"]
        self.red += sums["red_goals"]

    @property
    def score(self) -> Decimal | None:
        """As `goals.kpi.weighted_score` of the goals' (progress, weight)."""
        if not self.scored:
            return None
        if self.scored_weight <= 0:
            return (self.plain / Decimal(self.scored)).quantize(Decimal("0.01"))
        return (self.weighted / self.scored_weight).quantize(Decimal("0.01"))

    @property
    def weight_share(self) -> Decimal | None:
        if not self.total_weight:
            return None
        return (self.weight / self.total_weight * 100).quantize(Decimal("1"))

    @property
    def rag_counts(self) -> dict[str, int]:
        green = self.scored - self.amber - self.red
        return {kpi_math.GREEN: green, kpi_math.AMBER: self.amber, kpi_math.RED: self.red}

    @property
    def rag(self) -> str | None:
        counts = self.rag_counts
        return next((rag for rag in RAG_ORDER if counts[rag]), None)


@dataclass
class TeamSummary:
    """A team's balanced scorecard as counts and sums (see `team_summary`)."""

    whole: PartSummary
    perspectives: list[PartSummary]
    indicators: list[PartSummary]
    at_risk: int

    @property
    def count(self) -> int:
        return self.whole.count

    @property
    def overall(self) -> Decimal | None:
        return self.whole.score

    @property
    def rag(self) -> str | None:
        return self.whole.rag


def team_ids(*, manager: Employee) -> list[int]:
    """The ids of the manager's active reports (all levels, matrix too), by name: read once,
    so that the team's recursive query is not planned and run again by each query of the
    page, and a page of the team is a slice of the list."""
    team = Employee.objects.filter(
        id__in=all_report_ids_sql(manager_id=manager.pk, include_matrix=True), active=True
    )
    return list(team.order_by("last_name", "first_name", "id").values_list("id", flat=True))


def team_summary(*, people: Sequence[int], today: date | None = None) -> TeamSummary:
    """The balanced scorecard of all the active goals of `people` (ids), equal to
    `balanced_scorecard` of those goals judged one by one, in one query whatever the size of
    the team and without loading a goal.

    The database sums each perspective and kind of indicator (goals, weights, progress by
    `goal_progress_expression`) and counts the goals amber and red (`goal_rag_expression`,
    the exact twin of the rule `goals.judgement` applies) and at risk (amber, red or forecast
    to miss). A goal has a status exactly when it has a progress, so the green ones are the
    rest of those."""
    today = today or timezone.localdate()
    settings = goal_settings_get()
    goals = Goal.objects.filter(owner_employee_id__in=list(people), status=Goal.Status.ACTIVE)
    return _summary(_summary_sums(goals, settings=settings, today=today))


# A team's sums with each goal judged once: progress and status are computed in a subquery
# the planner may not flatten (`OFFSET 0`), and the sums read them (as filters of the sums they
# were computed again for each).
TEAM_SUMS_SQL = """
SELECT perspective, indicator, count(*), sum(weight),
       count(*) FILTER (WHERE sql_progress IS NOT NULL),
       sum(weight) FILTER (WHERE sql_progress IS NOT NULL),
       sum(sql_progress * weight), sum(sql_progress),
       count(*) FILTER (WHERE sql_rag = %s), count(*) FILTER (WHERE sql_rag = %s),
       count(*) FILTER (WHERE sql_rag IN (%s, %s) OR forecast_misses)
FROM ({judged} OFFSET 0) AS judged
GROUP BY perspective, indicator
"""
SUM_NAMES = (
    "perspective",
    "indicator",
    "goals",
    "weights",
    "scored_goals",
    "scored_weights",
    "weighted_progress",
    "progress_sum",
    "amber_goals",
    "red_goals",
    "at_risk_goals",
)


def _summary_sums(goals: QuerySet[Goal], *, settings, today: date) -> list[dict]:
    """Sums per perspective and indicator of `goals`, as `_summary` reads them (one query)."""
    judged = (
        goals.annotate(
            sql_progress=goal_progress_expression(),
            sql_rag=goal_rag_expression(settings=settings, today=today),
        )
        .order_by()
        .values("perspective", "indicator", "weight", "forecast_misses", "sql_progress", "sql_rag")
    )
    try:
        sql, params = judged.query.sql_with_params()
    except EmptyResultSet:  # nobody's goals
        return []
    amber, red = kpi_math.AMBER, kpi_math.RED
    with connection.cursor() as cursor:
        cursor.execute(TEAM_SUMS_SQL.format(judged=sql), [amber, red, amber, red, *params])
        return [dict(zip(SUM_NAMES, row, strict=True)) for row in cursor.fetchall()]


def _summary(rows: Iterable[dict]) -> TeamSummary:
    perspectives = {key: PartSummary(key, str(label)) for key, label in Perspective.choices}
    indicators = {key: PartSummary(key, str(label)) for key, label in Indicator.choices}
    whole = PartSummary("whole", "")
    at_risk = 0
    for row in rows:
        for part in (perspectives.get(row["perspective"]), indicators.get(row["indicator"])):
            if part is not None:
                part.add(row)
        whole.add(row)
        at_risk += row["at_risk_goals"]
    for part in (*perspectives.values(), *indicators.values(), whole):
        part.total_weight = whole.weight
    return TeamSummary(
        whole=whole,
        perspectives=list(perspectives.values()),
        indicators=list(indicators.values()),
        at_risk=at_risk,
    )


def team_members(*, people: Sequence[int], search: str = "") -> list[int]:
    """The ids of `people` (ids, by name) whose name or title has every word of `search`, in
    the same order: the rows of the team scorecard, to page through (no query without a
    search)."""
    if not search.split():
        return list(people)
    members = Employee.objects.filter(id__in=list(people))
    for word in search.split():
        members = members.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(title__icontains=word)
        )
    found = set(members.values_list("id", flat=True))
    return [pk for pk in people if pk in found]


def team_member_scores(
    people: Sequence[int], *, today: date | None = None
) -> list[TeamMemberScore]:
    """The people of `people` (ids; one page of a team), in that order, each with the
    balanced scorecard of their active goals, judged from the goals' stored forecast
    verdicts. Three queries (the people, the goals, the settings)."""
    employees = Employee.objects.select_related("department").in_bulk(list(people))
    goals = goal_list_judged(
        _scorecard_goals(goal_queryset().filter(owner_employee__in=list(people))), today=today
    )
    by_owner: dict[int, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_owner[goal.owner_employee_id].append(goal)
    return [
        TeamMemberScore(employee=employees[pk], scorecard=balanced_scorecard(by_owner[pk]))
        for pk in people
        if pk in employees
    ]


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
