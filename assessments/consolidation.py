"""Consolidation: the level per employee and capability from a cycle's submitted ratings.

For each rater kind with at least one submitted rating (not "not observed"), the kind's mean is
weighted by each rater's share within the kind (matrix managers by their reporting weights,
peers equally); the consolidated level is the mean of the kinds' means weighted by the cycle's
kind weights, renormalised over the kinds that rated:

    level = Σ_k W_k · mean_k / Σ_k W_k      (k over kinds with ratings)

The whole cycle is one aggregate query (grouped by employee and capability), then one bulk
insert of plain rows (an upsert when the cycle is consolidated again: calibration adjustments of
the earlier consolidation are kept).

The pooled anonymous kinds (peers in a cycle that keeps them anonymous, and reports rating
their manager) count for a capability only once as many of them rated the person on it as the
cycle's minimum (`min_peers`, `min_upward`; `pooled_minimum`): below it they are shown nowhere,
and a level they moved would give them away to anyone who knows the other kinds' ratings. The
minimum is counted per capability, not per submitted assessment: of two peers who submitted,
one may have marked a capability "not observed", and the other's rating alone would then be
the peers' mean there.

Attested ratings (a passed exam attests a level, `AttestedRating`) whose time falls in the
cycle's period join the expert kind as one expert rater each at full weight (100), when the
cycle weights expert ratings at all; a capability with only attested ratings is consolidated
from them alone.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from assessments.models import (
    RATER_KINDS,
    Assessment,
    AssessmentCycle,
    AttestedRating,
    ConsolidatedLevel,
    Rating,
)
from assessments.results_cache import results_changed
from assessments.reviews.selectors import POOLED_KINDS, pooled_minimum
from assessments.selectors.requirements import current_requirements_for
from plms.common.db import insert_rows

TWO_PLACES = Decimal("0.01")
ATTESTED_WEIGHT = 100  # an attested rating counts as one expert rater at full weight


def _kind_aggregates(minimums: dict[str, int]) -> dict:
    """Each kind's Σ level·weight, Σ weight and count per group; a pooled kind's only where at
    least its minimum of raters rated that capability (else none: the kind did not rate)."""
    aggregates = {}
    for kind in RATER_KINDS:
        of_kind = Q(assessment__kind=kind)
        parts = {
            "sum": Sum(
                F("level") * F("assessment__weight"), filter=of_kind, output_field=IntegerField()
            ),
            "weight": Sum("assessment__weight", filter=of_kind),
            "count": Count("id", filter=of_kind),
        }
        minimum = minimums.get(kind, 1)
        for part, aggregate in parts.items():
            if minimum > 1:
                aggregate = Case(
                    When(GreaterThanOrEqual(Count("id", filter=of_kind), minimum), then=aggregate),
                    default=Value(0 if part == "count" else None),
                    output_field=IntegerField(),
                )
            aggregates[f"{part}_{kind}"] = aggregate
    return aggregates


def _kind_mean(kind: str):
    return Cast(F(f"sum_{kind}"), FloatField()) / Cast(NullIf(F(f"weight_{kind}"), 0), FloatField())


def consolidated_rows(*, cycle: AssessmentCycle) -> QuerySet:
    """One row per (employee, capability) rated in the cycle, with each kind's sums and
    count and the consolidated `level` — all computed by the database."""
    weights = cycle.weights
    minimums = {kind: pooled_minimum(cycle, kind) for kind in POOLED_KINDS}
    numerator = sum(
        (
            Coalesce(_kind_mean(kind) * Value(float(weights[kind])), Value(0.0))
            for kind in RATER_KINDS
        ),
        Value(0.0),
    )
    denominator = sum(
        (
            Case(
                When(**{f"count_{kind}__gt": 0}, then=Value(float(weights[kind]))),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for kind in RATER_KINDS
        ),
        Value(0.0),
    )
    return (
        Rating.objects.filter(
            assessment__cycle=cycle,
            assessment__status=Assessment.Status.SUBMITTED,
            level__isnull=False,
        )
        .values("assessment__employee_id", "capability_id")
        .annotate(**_kind_aggregates(minimums))
        .annotate(level=numerator / NullIf(denominator, Value(0.0)))
        .order_by("assessment__employee_id", "capability_id")
    )


def attested_in_period(
    *, cycle: AssessmentCycle, employee_ids: QuerySet
) -> dict[tuple[int, int], list[tuple[int, str]]]:
    """(level, uuid) of the attested ratings of `employee_ids` dated in the cycle's period (in
    the organisation's time zone), by (employee, capability); none when the cycle does not
    weight expert ratings."""
    if not cycle.weight_expert:
        return {}
    zone = ZoneInfo(cycle.organization.time_zone or "UTC")
    start = datetime.combine(cycle.period_start, time.min, tzinfo=zone)
    end = datetime.combine(cycle.period_end + timedelta(days=1), time.min, tzinfo=zone)
    rows = AttestedRating.objects.filter(
        employee_id__in=employee_ids, attested_at__gte=start, attested_at__lt=end
    ).values_list("employee_id", "capability_id", "level", "uuid")
    result: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    for employee_id, capability_id, level, rating_uuid in rows:
        result[(employee_id, capability_id)].append((level, str(rating_uuid)))
    return result


def _level_of(row: dict, weights: dict[str, int]) -> float | None:
    """The consolidated level of one row of kind sums: `consolidated_rows`' rule in Python."""
    used = [kind for kind in RATER_KINDS if row[f"count_{kind}"] and row[f"weight_{kind}"]]
    total = sum(weights[kind] for kind in used)
    if not total:
        return None
    return sum(weights[kind] * row[f"sum_{kind}"] / row[f"weight_{kind}"] for kind in used) / total


def _with_attested(
    rows: list[dict],
    attested: dict[tuple[int, int], list[tuple[int, str]]],
    weights: dict[str, int],
) -> list[dict]:
    """Add each attested rating to its row's expert sums (a row of its own where no rater
    rated that capability) and recompute those rows' levels."""
    by_key = {(row["assessment__employee_id"], row["capability_id"]): row for row in rows}
    for (employee_id, capability_id), ratings in attested.items():
        row = by_key.setdefault(
            (employee_id, capability_id),
            {
                "assessment__employee_id": employee_id,
                "capability_id": capability_id,
                **{
                    f"{part}_{kind}": 0
                    for part in ("sum", "weight", "count")
                    for kind in RATER_KINDS
                },
            },
        )
        row["sum_expert"] = (row["sum_expert"] or 0) + sum(
            level * ATTESTED_WEIGHT for level, _ in ratings
        )
        row["weight_expert"] = (row["weight_expert"] or 0) + ATTESTED_WEIGHT * len(ratings)
        row["count_expert"] += len(ratings)
        row["attested_ids"] = sorted(rating_uuid for _, rating_uuid in ratings)
        row["level"] = _level_of(row, weights)
    return list(by_key.values())


UPSERT_FIELDS = (
    "level",
    "contributions",
    "rating_count",
    "framework_version_id",
    "target_level",
    "requirement_weight",
    "computed_at",
)


def consolidate_cycle(*, cycle: AssessmentCycle) -> int:
    """Write the cycle's consolidated levels (a constant number of queries); returns how many.

    A cycle's first consolidation inserts plain rows (`insert_rows`); consolidating it again
    (after a reopen) upserts them, keeping calibration adjustments, and removes the levels of
    people no longer rated."""
    weights = cycle.weights
    employee_ids = Assessment.objects.filter(cycle=cycle).values("employee_id")
    rows = _with_attested(
        list(consolidated_rows(cycle=cycle)),
        attested_in_period(cycle=cycle, employee_ids=employee_ids),
        weights,
    )
    rows = [row for row in rows if row["level"] is not None]
    requirements = current_requirements_for(employee_ids=employee_ids)
    now = timezone.now()
    values = []
    for row in rows:
        key = (row["assessment__employee_id"], row["capability_id"])
        requirement = requirements.get(key) or {}
        contributions = {
            kind: {
                "weight": weights[kind],
                "mean": str(
                    (Decimal(row[f"sum_{kind}"]) / Decimal(row[f"weight_{kind}"])).quantize(
                        TWO_PLACES, rounding=ROUND_HALF_UP
                    )
                ),
                "ratings": row[f"count_{kind}"],
            }
            for kind in RATER_KINDS
            if row[f"count_{kind}"] and weights[kind]
        }
        if row.get("attested_ids") and "expert" in contributions:
            contributions["expert"]["attested"] = row["attested_ids"]
        values.append(
            (
                key[0],
                key[1],
                Decimal(str(row["level"])).quantize(TWO_PLACES, rounding=ROUND_HALF_UP),
                contributions,
                sum(row[f"count_{kind}"] for kind in RATER_KINDS),
                cycle.framework_version_id,
                requirement.get("target_level"),
                requirement.get("weight") or 1,
                now,
            )
        )
    results_changed(cycle_ids=[cycle.pk])
    existing = ConsolidatedLevel.objects.filter(cycle=cycle)
    if not existing.exists():
        insert_rows(
            ConsolidatedLevel,
            ["cycle_id", "employee_id", "capability_id", *UPSERT_FIELDS],
            ((cycle.pk, *row) for row in values),
        )
        return len(values)
    existing.exclude(employee_id__in={row[0] for row in values} or [0]).delete()
    ConsolidatedLevel.objects.bulk_create(
        (
            ConsolidatedLevel(
                organization_id=cycle.organization_id,
                cycle=cycle,
                employee_id=employee_id,
                capability_id=capability_id,
                **dict(zip(UPSERT_FIELDS, rest, strict=True)),
            )
            for employee_id, capability_id, *rest in values
        ),
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["organization", "cycle", "employee", "capability"],
        update_fields=[name.removesuffix("_id") for name in UPSERT_FIELDS],
    )
    return len(values)


def weighted_level(ratings: list[tuple[str, int, int]], weights: dict[str, int]) -> Decimal | None:
    """The same rule in Python, for one employee and capability: `ratings` are
    (kind, level, rater weight within the kind), a pooled kind's only once enough of them rated
    the capability: the reference the SQL is tested against."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for kind, level, weight in ratings:
        sums[kind][0] += level * weight
        sums[kind][1] += weight
    used = {kind: s / w for kind, (s, w) in sums.items() if w and weights.get(kind)}
    total = sum(weights[kind] for kind in used)
    if not total:
        return None
    level = sum(weights[kind] * mean for kind, mean in used.items()) / total
    return Decimal(str(level)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
