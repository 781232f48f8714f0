"""Survey results: per round, for the whole audience, a department or a team, with suppression.

Every figure is of one round (rounds are never added up, so no round can be found by
subtraction from a total) and of one group, a cell named by the filters applied: nothing,
a department, a team (the respondents' manager), or both. A cell is shown only when

1. it has at least the organisation's minimum group size of responses, and
2. for each filter applied, its parent (the cell without that filter) is shown, and the cell is
   shown in the breakdown of that parent by the filter's dimension. In such a breakdown every
   group below the minimum is hidden, and while the hidden groups add up to more than none
   but fewer than the minimum, the smallest shown group is hidden too (complementary
   suppression): what the parent shows minus the groups shown is never a group below the
   minimum.

So combining filters (a department and a team, in any round) cannot show a group the
breakdowns hide, and a hidden group cannot be found by subtracting shown groups from their
parent. Scale questions are required (only open text may be skipped), so every figure of a
shown cell is over the whole cell. Comments are those of shown cells only, in alphabetical
order (never the order they arrived in).

Who sees what: HR admins and API keys any cell; a manager only their own team's cells (the
team filter is theirs, whatever they ask for); anyone else nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor
from surveys.models import Survey, SurveyQuestion, SurveyResponse, SurveyRound
from surveys.services import survey_settings_get

DEPARTMENT = "department"
TEAM = "team"
DIMENSIONS = (DEPARTMENT, TEAM)
_COLUMNS = {DEPARTMENT: "department_id", TEAM: "team_manager_id"}

HIDDEN_BELOW_MINIMUM = "below_minimum"
HIDDEN_COMPLEMENT = "complement"
HIDDEN_PARENT = "parent"


@dataclass(frozen=True)
class Enps:
    """Employee Net Promoter Score: % promoters (9-10) - % detractors (0-6), -100 … 100."""

    score: int
    promoters: int
    passives: int
    detractors: int

    @classmethod
    def of(cls, values: Sequence[int]) -> Enps | None:
        if not values:
            return None
        promoters = sum(1 for v in values if v >= 9)
        detractors = sum(1 for v in values if v <= 6)
        passives = len(values) - promoters - detractors
        score = round(100 * (promoters - detractors) / len(values))
        return cls(score, promoters, passives, detractors)


@dataclass(frozen=True)
class QuestionResult:
    question: SurveyQuestion
    mean: float | None = None
    distribution: dict[str, int] = field(default_factory=dict)
    enps: Enps | None = None


@dataclass
class GroupResult:
    round: SurveyRound
    department: Department | None = None
    team: Employee | None = None
    responses: int | None = None
    hidden: str = ""  # why the cell is not shown ("" when shown)
    questions: list[QuestionResult] = field(default_factory=list)
    enps: Enps | None = None
    comments: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return not self.hidden

    @property
    def label(self) -> str:
        parts = [str(x) for x in (self.department, self.team and f"Team of {self.team}") if x]
        return " · ".join(parts) or "Everyone"

    @property
    def engagement(self) -> float | None:
        """The mean of the scale questions (not eNPS) as % of each scale's range."""
        values = [
            (q.mean - q.question.scale_min) / (q.question.scale_max - q.question.scale_min) * 100
            for q in self.questions
            if q.mean is not None and q.question.kind == SurveyQuestion.Kind.SCALE
        ]
        return round(sum(values) / len(values), 1) if values else None


Filters = Mapping[str, Any]  # dimension -> id (department or manager pk)
Row = tuple[int | None, int | None, dict]


def _matches(row: Row, filters: Filters) -> bool:
    return all(row[DIMENSIONS.index(dim)] == value for dim, value in filters.items())


def shown_values(rows: Sequence[Row], dim: str, minimum: int) -> set:
    """The groups of `dim` shown in a breakdown of `rows` (see the module's rule 2)."""
    counts = Counter(row[DIMENSIONS.index(dim)] for row in rows)
    shown = {value for value, n in counts.items() if n >= minimum}
    hidden = sum(n for value, n in counts.items() if value not in shown)
    for value in sorted(shown, key=lambda v: (counts[v], str(v))):
        if hidden == 0 or hidden >= minimum:
            break
        shown.discard(value)
        hidden += counts[value]
    return shown


def why_hidden(rows: Sequence[Row], filters: Filters, minimum: int) -> str:
    """ "" when the cell `filters` of `rows` (one round's responses) may be shown, else why not."""
    size = sum(1 for row in rows if _matches(row, filters))
    if size < minimum:
        return HIDDEN_BELOW_MINIMUM
    for dim in filters:
        parent = {d: v for d, v in filters.items() if d != dim}
        if why_hidden(rows, parent, minimum):
            return HIDDEN_PARENT
        siblings = [row for row in rows if _matches(row, parent)]
        if filters[dim] not in shown_values(siblings, dim, minimum):
            return HIDDEN_COMPLEMENT
    return ""


def _figures(result: GroupResult, questions: Sequence[SurveyQuestion], rows: Sequence[Row]):
    answers = [row[2] for row in rows]
    result.responses = len(rows)
    for question in questions:
        key = str(question.uuid)
        given = [a[key] for a in answers if key in a]
        if question.kind == SurveyQuestion.Kind.TEXT:
            result.comments += [str(text) for text in given]
            continue
        if question.kind == SurveyQuestion.Kind.CHOICE:
            counts = Counter(given)
            distribution = {choice: counts.get(choice, 0) for choice in question.choices}
            result.questions.append(QuestionResult(question, None, distribution))
            continue
        numbers = [int(v) for v in given]
        counts = Counter(numbers)
        distribution = {
            str(v): counts.get(v, 0) for v in range(question.scale_min, question.scale_max + 1)
        }
        mean = round(sum(numbers) / len(numbers), 2) if numbers else None
        enps = Enps.of(numbers) if question.kind == SurveyQuestion.Kind.ENPS else None
        if enps is not None and result.enps is None:
            result.enps = enps
        result.questions.append(QuestionResult(question, mean, distribution, enps))
    result.comments.sort(key=lambda text: (text.casefold(), text))


def _rows(rounds: Sequence[SurveyRound]) -> dict[int, list[Row]]:
    by_round: dict[int, list[Row]] = {r.pk: [] for r in rounds}
    for round_id, department_id, team_id, answers in SurveyResponse.objects.filter(
        round__in=[r.pk for r in rounds]
    ).values_list("round_id", "department_id", "team_manager_id", "answers"):
        by_round[round_id].append((department_id, team_id, answers))
    return by_round


def viewer_team(actor: Actor) -> Employee | bool | None:
    """True: may see every cell; an Employee: only that team's; None: nothing."""
    if actor.is_admin:
        return True
    employee = actor.employee
    if employee is not None and Employee.objects.filter(manager=employee, active=True).exists():
        return employee
    return None


def may_see_results(actor: Actor) -> bool:
    return viewer_team(actor) is not None


def survey_results(
    *,
    actor: Actor,
    survey: Survey,
    survey_round: SurveyRound | None = None,
    department: Department | None = None,
    team: Employee | None = None,
    by: str = "",
) -> list[GroupResult]:
    """The cells the actor asked for, per round (oldest first): the one the filters name and,
    with `by="department"` (or `"team"`), each group of that dimension under it. Hidden cells
    carry no figures, only why they are hidden."""
    scope = viewer_team(actor)
    if scope is None:
        return []
    if isinstance(scope, Employee):
        team = scope
    minimum = survey_settings_get().min_group_size
    rounds = (
        [survey_round]
        if survey_round is not None
        else list(SurveyRound.objects.filter(survey=survey).order_by("number"))
    )
    questions = list(survey.questions.all())
    filters: dict[str, Any] = {}
    if department is not None:
        filters[DEPARTMENT] = department.pk
    if team is not None:
        filters[TEAM] = team.pk
    rows_by_round = _rows(rounds)
    groups: list[tuple[Department | None, Employee | None, dict[str, Any]]] = [
        (department, team, filters)
    ]
    if by == DEPARTMENT and DEPARTMENT not in filters:
        groups += [
            (d, team, {**filters, DEPARTMENT: d.pk}) for d in _departments(survey, rows_by_round)
        ]
    elif by == TEAM and TEAM not in filters:
        groups += [(department, m, {**filters, TEAM: m.pk}) for m in _teams(rows_by_round)]
    results: list[GroupResult] = []
    for survey_round_ in rounds:
        rows = rows_by_round[survey_round_.pk]
        for group_department, group_team, cell in groups:
            result = GroupResult(survey_round_, group_department, group_team)
            result.hidden = why_hidden(rows, cell, minimum)
            if result.shown:
                _figures(result, questions, [row for row in rows if _matches(row, cell)])
            results.append(result)
    return results


def _departments(survey: Survey, rows_by_round: dict[int, list[Row]]) -> list[Department]:
    """The audience's departments and any a response counts in (all of them, answered or
    not, so the list itself says nothing about who answered)."""
    ids = {row[0] for rows in rows_by_round.values() for row in rows if row[0] is not None}
    queryset = Department.objects.all()
    if survey.audience == Survey.Audience.DEPARTMENTS:
        queryset = Department.objects.filter(
            uuid__in=survey.audience_ids
        ) | Department.objects.filter(pk__in=ids)
    return list(queryset.distinct().order_by("name", "id"))


def _teams(rows_by_round: dict[int, list[Row]]) -> list[Employee]:
    ids = {row[1] for rows in rows_by_round.values() for row in rows if row[1] is not None}
    return list(Employee.objects.filter(pk__in=ids).order_by("last_name", "first_name", "id"))
