"""Consolidation: the level per employee and capability from a cycle's submitted ratings.

For each rater kind with at least one submitted rating (not "not observed"), the kind's mean is
weighted by each rater's share within the kind (matrix managers by their reporting weights,
peers equally); the consolidated level is the mean of the kinds' means weighted by the cycle's
kind weights, renormalised over the kinds that rated:

    level = Σ_k W_k · mean_k / Σ_k W_k      (k over kinds with ratings)

The whole cycle is one aggregate query (grouped by employee and capability), then one bulk
upsert; calibration adjustments of an earlier consolidation of the same cycle are kept.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

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
from django.utils import timezone

from assessments.models import RATER_KINDS, Assessment, AssessmentCycle, ConsolidatedLevel, Rating
from assessments.selectors import current_requirements_for

TWO_PLACES = Decimal("0.01")


def _kind_aggregates() -> dict:
    aggregates = {}
    for kind in RATER_KINDS:
        of_kind = Q(assessment__kind=kind)
        aggregates[f"sum_{kind}"] = Sum(
            F("level") * F("assessment__weight"), filter=of_kind, output_field=IntegerField()
        )
        aggregates[f"weight_{kind}"] = Sum("assessment__weight", filter=of_kind)
        aggregates[f"count_{kind}"] = Count("id", filter=of_kind)
    return aggregates


def _kind_mean(kind: str):
    return Cast(F(f"sum_{kind}"), FloatField()) / Cast(NullIf(F(f"weight_{kind}"), 0), FloatField())


def consolidated_rows(*, cycle: AssessmentCycle) -> QuerySet:
    """One row per (employee, capability) rated in the cycle, with each kind's sums and
    count and the consolidated `level` — all computed by the database."""
    weights = cycle.weights
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
        .annotate(**_kind_aggregates())
        .annotate(level=numerator / NullIf(denominator, Value(0.0)))
        .order_by("assessment__employee_id", "capability_id")
    )


def _contributing(cycle: AssessmentCycle) -> dict[tuple[int, int], list[str]]:
    rows = Rating.objects.filter(
        assessment__cycle=cycle,
        assessment__status=Assessment.Status.SUBMITTED,
        level__isnull=False,
    ).values_list("assessment__employee_id", "capability_id", "uuid")
    result: dict[tuple[int, int], list[str]] = defaultdict(list)
    for employee_id, capability_id, rating_uuid in rows:
        result[(employee_id, capability_id)].append(str(rating_uuid))
    return result


def consolidate_cycle(*, cycle: AssessmentCycle) -> int:
    """Write the cycle's consolidated levels (a constant number of queries); returns how many."""
    weights = cycle.weights
    rows = [row for row in consolidated_rows(cycle=cycle) if row["level"] is not None]
    employee_ids = Assessment.objects.filter(cycle=cycle).values("employee_id")
    requirements = current_requirements_for(employee_ids=employee_ids)
    contributing = _contributing(cycle)
    now = timezone.now()
    objects = []
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
        objects.append(
            ConsolidatedLevel(
                organization_id=cycle.organization_id,
                cycle=cycle,
                employee_id=key[0],
                capability_id=key[1],
                level=Decimal(str(row["level"])).quantize(TWO_PLACES, rounding=ROUND_HALF_UP),
                contributions=contributions,
                rating_ids=sorted(contributing.get(key, [])),
                rating_count=sum(row[f"count_{kind}"] for kind in RATER_KINDS),
                framework_version_id=cycle.framework_version_id,
                target_level=requirement.get("target_level"),
                requirement_weight=requirement.get("weight") or 1,
                computed_at=now,
            )
        )
    ConsolidatedLevel.objects.filter(cycle=cycle).exclude(
        employee_id__in=[o.employee_id for o in objects] or [0]
    ).delete()
    ConsolidatedLevel.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["organization", "cycle", "employee", "capability"],
        update_fields=[
            "level",
            "contributions",
            "rating_ids",
            "rating_count",
            "framework_version",
            "target_level",
            "requirement_weight",
            "computed_at",
        ],
    )
    return len(objects)


def weighted_level(ratings: list[tuple[str, int, int]], weights: dict[str, int]) -> Decimal | None:
    """The same rule in Python, for one employee and capability: `ratings` are
    (kind, level, rater weight within the kind). Used to explain a level on screen."""
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
