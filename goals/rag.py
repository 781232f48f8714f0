"""A goal's RAG status computed by the database: the SQL twin of `goals.kpi.rag_status`, for
lists that filter, count, order and page goals by their status (`goals.selectors`'s goals at
risk, `goals.scorecards`'s team summary, the organisation's section of the HR home).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    DecimalField,
    F,
    Func,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from goals import kpi as kpi_math
from goals.models import GoalSettings

# Types of the values computed in SQL (no cast: PostgreSQL's numeric keeps full precision).
NUMBER = DecimalField()
TEXT = CharField()
HUNDRED = Value(kpi_math.HUNDRED, output_field=NUMBER)
ZERO = Value(kpi_math.ZERO, output_field=NUMBER)


class _Days(Func):
    """`later - earlier` of two dates, in days, as a number (PostgreSQL's date subtraction;
    julian days on SQLite)."""

    arg_joiner = " - "
    template = "(%(expressions)s)::numeric"
    output_field = NUMBER

    def as_sqlite(self, compiler, connection, **extra_context):
        later, earlier = (compiler.compile(e) for e in self.get_source_expressions())
        sql = f"(julianday({later[0]}) - julianday({earlier[0]}))"
        return sql, (*later[1], *earlier[1])


def goal_rag_expression(*, settings: GoalSettings, today: date) -> Case:
    """A goal's RAG status computed by the database, exactly as `goals.kpi.rag_status` (its
    Python twin, which `goals.judgement` applies to one goal or a page of them) computes it:
    progress from baseline to target, or the band around a range, against the share of the
    goal's time that has passed, on the goal's own thresholds, else the organisation's.

    Both compare products instead of quotients (PostgreSQL's numeric multiplication is exact,
    as is `Decimal`'s at the precision `goals.kpi` uses), so no goal is judged differently for
    the rounding of a division: lists can filter, count, order and page goals by their status
    in SQL and read only the rows they show.
    """
    defaults = settings.thresholds
    current, baseline, target = F("current"), F("baseline"), F("target")
    low, high = F("range_low"), F("range_high")
    green_at = Coalesce("rag_green_at", Value(defaults.green_at), output_field=NUMBER)
    amber_at = Coalesce("rag_amber_at", Value(defaults.amber_at), output_field=NUMBER)
    tolerance = Coalesce(
        "range_tolerance_percent", Value(defaults.range_tolerance), output_field=NUMBER
    )
    green = Value(kpi_math.GREEN, output_field=TEXT)
    amber = Value(kpi_math.AMBER, output_field=TEXT)
    red = Value(kpi_math.RED, output_field=TEXT)
    none = Value(None, output_field=TEXT)
    one = Value(Decimal(1), output_field=NUMBER)

    # Range: the band is `tolerance` percent of the width; everything x 100.
    band = (high - low) * tolerance
    current_100 = current * HUNDRED
    range_rag = Case(
        When(Q(range_low__isnull=True) | Q(range_high__isnull=True), then=none),
        When(Q(current__gte=low, current__lte=high), then=green),
        When(
            Q(GreaterThanOrEqual(current_100, low * HUNDRED - band))
            & Q(LessThanOrEqual(current_100, high * HUNDRED + band)),
            then=amber,
        ),
        default=red,
        output_field=TEXT,
    )

    # Increase or decrease: progress as a share of the way (part of whole, clamped) ...
    sign = Case(When(direction=kpi_math.DECREASE, then=Value(-1)), default=Value(1))
    span = (target - baseline) * sign
    moved = (current - baseline) * sign
    reached = Case(
        When(direction=kpi_math.INCREASE, then=GreaterThanOrEqual(current, target)),
        default=LessThanOrEqual(current, target),
        output_field=BooleanField(),
    )
    behind = LessThanOrEqual(span, ZERO)
    progress_part = Case(
        When(behind, then=Case(When(reached, then=one), default=ZERO, output_field=NUMBER)),
        default=Least(Greatest(moved, ZERO), span),
        output_field=NUMBER,
    )
    progress_whole = Case(When(behind, then=one), default=span, output_field=NUMBER)
    # ... and the time passed as a share of the goal's days (all of it without dates).
    undated = (
        Q(start_date__isnull=True) | Q(due_date__isnull=True) | Q(due_date__lte=F("start_date"))
    )
    days = _Days(F("due_date"), F("start_date"))
    today_value = Value(today, output_field=DateField())
    time_part = Case(
        When(undated, then=one),
        default=Least(Greatest(_Days(today_value, F("start_date")), ZERO), days),
        output_field=NUMBER,
    )
    time_whole = Case(When(undated, then=one), default=days, output_field=NUMBER)
    # score >= threshold, with score = (part / whole) / (time part / time whole) x 100
    score = progress_part * time_whole * HUNDRED
    return Case(
        When(current__isnull=True, then=none),
        When(direction=kpi_math.RANGE, then=range_rag),
        When(Q(target__isnull=True) | Q(baseline__isnull=True), then=none),
        When(LessThanOrEqual(time_part, ZERO), then=green),
        When(GreaterThanOrEqual(score, green_at * time_part * progress_whole), then=green),
        When(GreaterThanOrEqual(score, amber_at * time_part * progress_whole), then=amber),
        default=red,
        output_field=TEXT,
    )
