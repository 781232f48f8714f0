"""A goal's progress and RAG status on a day, from the plain values of its columns.

The one rule for every reader: lists of model instances (`goals.selectors.goal_rag`,
`goal_list_judged`, `goal_list_for_display`) pass a goal's attributes, lists of plain rows
(the API's list of goals, the goals at risk) pass `values()` rows of the same columns, and
both go through `judge`; `goals.kpi` does the arithmetic. Progress is the way from baseline to
target; the RAG status compares it with the share of the goal's time that has passed, on the
goal's own thresholds where it sets them, else the organisation's. The status is compared
exactly (`goals.kpi.rag_status`), as its SQL twin `goals.selectors.goal_rag_expression` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from goals import kpi as kpi_math
from goals.models import Goal

# A goal's KPI columns in the order of `kpi_math.Kpi`: plain rows of them make a Kpi.
KPI_COLUMNS = tuple(field.name for field in dataclass_fields(kpi_math.Kpi))
# Every column the judgement reads, in the order `judge` takes them.
JUDGED_COLUMNS = (
    *KPI_COLUMNS,
    "start_date",
    "due_date",
    "rag_green_at",
    "rag_amber_at",
    "range_tolerance_percent",
)

_of_goal = attrgetter(*JUDGED_COLUMNS)
_of_row = itemgetter(*JUDGED_COLUMNS)


class Judgement(NamedTuple):
    progress: Decimal | None  # 0-100, None when the KPI cannot say
    rag: str | None  # green, amber, red; None when there is nothing to judge yet


def judge(values: Sequence[Any], *, defaults: kpi_math.Thresholds, today: date) -> Judgement:
    """The judgement of a goal whose `JUDGED_COLUMNS` are `values` (in that order), with the
    organisation's thresholds `defaults`, on `today`."""
    kpi = kpi_math.Kpi(*values[: len(KPI_COLUMNS)])
    start, due, green_at, amber_at, tolerance = values[len(KPI_COLUMNS) :]
    thresholds = defaults.overridden(green_at, amber_at, tolerance)
    expected = kpi_math.time_passed(start, due, today)
    return Judgement(
        progress=kpi_math.progress_percent(kpi),
        rag=kpi_math.rag_status(kpi, thresholds, expected=expected),
    )


def judge_goal(goal: Goal, *, defaults: kpi_math.Thresholds, today: date) -> Judgement:
    """`judge` of a goal instance."""
    return judge(_of_goal(goal), defaults=defaults, today=today)


def judge_row(row: Mapping[str, Any], *, defaults: kpi_math.Thresholds, today: date) -> Judgement:
    """`judge` of a plain row holding (at least) the `JUDGED_COLUMNS`."""
    return judge(_of_row(row), defaults=defaults, today=today)


def likely_to_miss(status: str, forecast_misses: bool | None) -> bool | None:
    """The verdict a list shows from the one stored on a goal (`Goal.forecast_misses`): only
    an active goal is forecast."""
    return forecast_misses if status == Goal.Status.ACTIVE else None
