"""Unexplained pay and increase gaps: what is left of a group's gap once grade, overall rating
and (for increases) position in range are accounted for, listed for review when it reaches the
organisation's threshold.

An ordinary least-squares regression per scope (all grades together, with each grade as a
control, and each grade alone):
- pay: log base pay ~ grade + rating + group. The group's coefficient b is the adjusted gap
  (e^b - 1, in % of the reference group's pay). Position in range is not a control here: it is
  pay restated within the grade, so it would explain away any gap by construction.
- increases (a review's proposals): increase % ~ grade + position in range before the increase
  + rating + group, the merit matrix's own inputs; b is in percentage points.
People without a final rating count with an "unrated" indicator. The reference is the scope's
largest shown group. Groups the suppression rule hides (`reward.equity.hidden_groups`) are in
the regression, as themselves, but get no figure. The regression is solved from the normal
equations (a Cholesky factorisation that leaves out a column the others already explain, e.g. a
group that is exactly one grade): a few dozen columns, summed in one pass over the people.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

from reward.equity import GRADE, INCREASE, PAY, EquityPerson, hidden_groups

ALL_GRADES = "All grades"
PIVOT_TOLERANCE = 1e-9


@dataclass
class AdjustedGap:
    value: str
    count: int
    suppressed: bool
    raw_gap: Decimal | None = None
    adjusted_gap: Decimal | None = None
    for_review: bool = False


@dataclass
class ScopeGaps:
    scope: str
    grade_id: UUID | None
    reference: str | None
    people: int
    estimated: bool  # False: too few people (or no second group) to separate the effects
    groups: list[AdjustedGap]


def least_squares(
    rows: Sequence[dict[int, float]], targets: Sequence[float], width: int
) -> list[float | None]:
    """Coefficients minimising the squared residuals of `targets` on the sparse `rows`
    ({column: value}); None for a column the earlier ones already explain."""
    xtx = [[0.0] * width for _ in range(width)]
    xty = [0.0] * width
    for row, target in zip(rows, targets, strict=True):
        items = list(row.items())
        for i, a in items:
            xty[i] += a * target
            line = xtx[i]
            for j, b in items:
                line[j] += a * b
    lower = [[0.0] * width for _ in range(width)]
    kept: list[int] = []
    for j in range(width):
        pivot = xtx[j][j] - sum(lower[j][k] ** 2 for k in kept)
        if pivot <= PIVOT_TOLERANCE * max(xtx[j][j], 1.0):
            continue
        lower[j][j] = math.sqrt(pivot)
        for i in range(j + 1, width):
            lower[i][j] = (xtx[i][j] - sum(lower[i][k] * lower[j][k] for k in kept)) / lower[j][j]
        kept.append(j)
    forward: dict[int, float] = {}
    for j in kept:
        forward[j] = (xty[j] - sum(lower[j][k] * forward[k] for k in kept if k < j)) / lower[j][j]
    beta: dict[int, float] = {}
    for j in reversed(kept):
        beta[j] = (forward[j] - sum(lower[k][j] * beta[k] for k in kept if k > j)) / lower[j][j]
    return [beta.get(j) for j in range(width)]


def _round(value: float, places: str) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _scope_gaps(
    people: list[EquityPerson],
    *,
    scope: str,
    grade_id: UUID | None,
    metric: str,
    hidden: set[str],
    threshold: Decimal,
) -> ScopeGaps:
    by_value: dict[str, list[EquityPerson]] = defaultdict(list)
    for person in people:
        by_value[person.value].append(person)
    shown = {v: m for v, m in by_value.items() if v not in hidden}
    reference = max(shown, key=lambda v: (len(shown[v]), v)) if shown else None
    columns: dict[tuple[str, str], int] = {("intercept", ""): 0}

    def column(kind: str, name: str = "") -> int:
        return columns.setdefault((kind, name), len(columns))

    grades = sorted({p.grade for p in people})
    for grade in grades[1:]:
        column("grade", grade)
    column("rating")
    column("unrated")
    if metric == INCREASE:
        column("position")
    others = sorted(v for v in by_value if v != reference)
    for value in others:
        column("group", value)
    rows: list[dict[int, float]] = []
    targets: list[float] = []
    for person in people:
        row = {0: 1.0}
        if person.grade != grades[0]:
            row[columns[("grade", person.grade)]] = 1.0
        if person.rating is None:
            row[columns[("unrated", "")]] = 1.0
        else:
            row[columns[("rating", "")]] = float(person.rating)
        if metric == INCREASE:
            row[columns[("position", "")]] = float(person.position or 0)
        if person.value != reference:
            row[columns[("group", person.value)]] = 1.0
        rows.append(row)
        if metric == INCREASE:
            targets.append(float(person.increase or 0))
        else:
            targets.append(math.log(float(person.pay)) if person.pay > 0 else 0.0)
    estimated = reference is not None and len(by_value) > 1 and len(people) > len(columns)
    beta = least_squares(rows, targets, len(columns)) if estimated else []
    means = {
        value: sum(targets[i] for i, p in enumerate(people) if p.value == value) / len(members)
        for value, members in by_value.items()
    }
    groups = []
    for value, members in sorted(by_value.items()):
        if value not in shown:
            groups.append(AdjustedGap(value, len(members), True))
            continue
        assert reference is not None
        raw = means[value] - means[reference]
        coefficient: float | None = None
        if beta:
            coefficient = 0.0 if value == reference else beta[columns[("group", value)]]
        if metric == PAY:
            raw = math.expm1(raw) * 100
            coefficient = math.expm1(coefficient) * 100 if coefficient is not None else None
        adjusted = _round(coefficient, "0.1") if coefficient is not None else None
        groups.append(
            AdjustedGap(
                value,
                len(members),
                False,
                _round(raw, "0.1"),
                adjusted,
                adjusted is not None and abs(adjusted) >= threshold,
            )
        )
    return ScopeGaps(scope, grade_id, reference, len(people), estimated, groups)


def unexplained_gaps(
    people: list[EquityPerson],
    *,
    metric: str = PAY,
    min_group: int,
    threshold: Decimal,
    grade_id: UUID | None = None,
) -> list[ScopeGaps]:
    """All grades together (unless a grade is chosen), then each grade: each shown group's raw
    and adjusted gap to the reference group, flagged `for_review` at `threshold` or more.
    All grades together leaves out the people whose group is hidden in their grade."""
    hidden = hidden_groups(people, GRADE, min_group)
    # All grades together counts only the groups shown in their own grade: a group hidden in
    # a grade must not be recoverable as the all-grades figure minus the shown grades'.
    counted = [p for p in people if ((p.grade, ""), p.value) not in hidden]
    overall = {value for (_key, value) in hidden_groups(_as_one_grade(counted), GRADE, min_group)}
    by_grade: dict[str, list[EquityPerson]] = defaultdict(list)
    for person in people:
        by_grade[person.grade].append(person)
    scopes = []
    if grade_id is None and counted:
        scopes.append(
            _scope_gaps(
                counted,
                scope=ALL_GRADES,
                grade_id=None,
                metric=metric,
                hidden=overall,
                threshold=threshold,
            )
        )
    for grade, members in sorted(by_grade.items()):
        if grade_id is not None and members[0].grade_id != grade_id:
            continue
        scopes.append(
            _scope_gaps(
                members,
                scope=grade,
                grade_id=members[0].grade_id,
                metric=metric,
                hidden={value for (key, value) in hidden if key[0] == grade},
                threshold=threshold,
            )
        )
    return scopes


def for_review(scopes: list[ScopeGaps]) -> list[tuple[ScopeGaps, AdjustedGap]]:
    return [(scope, group) for scope in scopes for group in scope.groups if group.for_review]


def _as_one_grade(people: list[EquityPerson]) -> list[EquityPerson]:
    """The people as if in one grade, so the small-group rule applies to the whole
    organisation's groups."""
    return [replace(person, grade=ALL_GRADES) for person in people]
