"""Fairness: rater analytics and calibration inputs, aggregated by the database.

- Each rater's distribution against the organisation's in a cycle, their mean offset
  (leniency when ≥ +0.5, severity when ≤ -0.5) and central tendency (every rating the same
  level, from three ratings up). Self-ratings are left out: they are not rater behaviour;
  nor are anonymous raters (reports rating their manager, peers in a cycle that keeps them
  anonymous): a named rater's mean over the one or two people they rated is their rating.
- Self-rating vs manager rating by department (mean difference).
- The calibration distribution of consolidated levels per department, and the 9-box
  (performance x potential as captured by managers).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from assessments.gaps import EFFECTIVE, _q
from assessments.models import Assessment, AssessmentCycle, ConsolidatedLevel, Rating
from assessments.selectors.requirements import scale_levels

LENIENCY = Decimal("0.5")
CENTRAL_MIN_RATINGS = 3


def _cycle_ratings(cycle: AssessmentCycle):
    return Rating.objects.filter(
        assessment__cycle=cycle,
        assessment__status=Assessment.Status.SUBMITTED,
        level__isnull=False,
    )


def rater_analytics(*, cycle: AssessmentCycle) -> dict:
    """{"organisation": {mean, count, distribution}, "raters": [...]} (three queries)."""
    numbers = [level.number for level in scale_levels()] or [1, 2, 3, 4, 5]
    # Self-ratings are not a rater's view of others; anonymous ratings are shown by no name.
    left_out = [Assessment.Kind.SELF, Assessment.Kind.UPWARD]
    if cycle.peer_anonymous:
        left_out.append(Assessment.Kind.PEER)
    ratings = _cycle_ratings(cycle).exclude(assessment__kind__in=left_out)
    histogram = {f"n{n}": Count("id", filter=Q(level=n)) for n in numbers}
    org = ratings.aggregate(mean=Avg("level"), count=Count("id"), **histogram)
    rows = (
        ratings.values(
            "assessment__rater_id",
            "assessment__rater__first_name",
            "assessment__rater__last_name",
        )
        .annotate(
            mean=Avg("level"),
            count=Count("id"),
            distinct_levels=Count("level", distinct=True),
            **histogram,
        )
        .order_by("assessment__rater__last_name", "assessment__rater__first_name")
    )
    org_mean = _q(org["mean"]) if org["mean"] is not None else None
    raters = []
    for row in rows:
        mean = _q(row["mean"])
        offset = _q(mean - org_mean) if org_mean is not None else None
        raters.append(
            {
                "name": f"{row['assessment__rater__first_name']} "
                f"{row['assessment__rater__last_name']}".strip(),
                "count": row["count"],
                "mean": mean,
                "offset": offset,
                "lenient": offset is not None and offset >= LENIENCY,
                "severe": offset is not None and offset <= -LENIENCY,
                "central": row["count"] >= CENTRAL_MIN_RATINGS and row["distinct_levels"] == 1,
                "distribution": _shares(row, numbers),
            }
        )
    return {
        "numbers": numbers,
        "organisation": {
            "mean": org_mean,
            "count": org["count"],
            "distribution": _shares(org, numbers),
        },
        "raters": raters,
    }


def _shares(row: dict, numbers: list[int]) -> list[dict]:
    total = row["count"] or 0
    return [
        {
            "level": n,
            "count": row[f"n{n}"],
            "percent": round(100 * row[f"n{n}"] / total) if total else 0,
        }
        for n in numbers
    ]


def self_vs_manager_by_department(*, cycle: AssessmentCycle) -> list[dict]:
    rows = (
        _cycle_ratings(cycle)
        .values("assessment__employee__department__name")
        .annotate(
            self_mean=Avg("level", filter=Q(assessment__kind=Assessment.Kind.SELF)),
            manager_mean=Avg("level", filter=Q(assessment__kind=Assessment.Kind.MANAGER)),
        )
        .order_by("assessment__employee__department__name")
    )
    return [
        {
            "department": row["assessment__employee__department__name"] or "",
            "self_mean": _q(row["self_mean"]),
            "manager_mean": _q(row["manager_mean"]),
            "delta": _q(row["self_mean"] - row["manager_mean"])
            if row["self_mean"] is not None and row["manager_mean"] is not None
            else None,
        }
        for row in rows
    ]


def level_distribution_by_department(*, cycle: AssessmentCycle) -> dict:
    """Consolidated levels per department, counted per nearest whole level (one query)."""
    numbers = [level.number for level in scale_levels()] or [1, 2, 3, 4, 5]
    bands = {
        f"n{n}": Count(
            "id",
            filter=Q(
                current_level__gte=Decimal(n) - Decimal("0.5"),
                current_level__lt=Decimal(n) + Decimal("0.5"),
            ),
        )
        for n in numbers
    }
    rows = (
        ConsolidatedLevel.objects.filter(cycle=cycle)
        .annotate(current_level=EFFECTIVE)
        .values("employee__department__name")
        .annotate(count=Count("id"), mean=Avg("current_level"), **bands)
        .order_by("employee__department__name")
    )
    return {
        "numbers": numbers,
        "rows": [
            {
                "department": row["employee__department__name"] or "",
                "count": row["count"],
                "mean": _q(row["mean"]),
                "distribution": _shares(row, numbers),
            }
            for row in rows
        ],
    }


# The boxes' usual names, by (performance, potential), 1 low … 3 high.
NINE_BOX_NAMES = {
    (1, 3): _("Rough diamond"),
    (2, 3): _("Emerging talent"),
    (3, 3): _("Future leader"),
    (1, 2): _("Inconsistent performer"),
    (2, 2): _("Core player"),
    (3, 2): _("High performer"),
    (1, 1): _("Underperformer"),
    (2, 1): _("Effective"),
    (3, 1): _("Trusted professional"),
}
NINE_BOX_LEVELS = {1: _("low"), 2: _("medium"), 3: _("high")}


def manager_potentials(*, cycle: AssessmentCycle) -> dict[int, int]:
    """{employee id: potential 1-3} as managers placed people in the cycle's 9-box (the
    primary manager's when several managers rated): `nine_box`'s placement, as plain values.
    One query."""
    found: dict[int, int] = {}
    for employee_id, level in manager_potential_rows(cycle=cycle).values_list(
        "employee_id", "potential"
    ):
        found.setdefault(employee_id, level)
    return found


def manager_potential_rows(*, cycle: AssessmentCycle) -> QuerySet[Assessment]:
    """The managers' placements of `manager_potentials` as rows (`employee_id`, `potential`),
    each person's primary manager's first: the first row per person is theirs (for a query
    that joins them, with `DISTINCT ON (employee_id)`)."""
    return (
        Assessment.objects.filter(
            cycle=cycle,
            kind=Assessment.Kind.MANAGER,
            status=Assessment.Status.SUBMITTED,
            performance__isnull=False,
            potential__isnull=False,
        )
        .order_by("employee_id", "-weight", "id")
        .values("employee_id", "potential")
    )


def nine_box(*, cycle: AssessmentCycle) -> list[list[dict]]:
    """3 x 3 boxes, high potential first: each with its name, its performance and potential
    (1 low … 3 high, and in words) and the people managers placed in it (from the primary
    manager's assessment when several managers rated). One query."""
    placed = (
        Assessment.objects.filter(
            cycle=cycle,
            kind=Assessment.Kind.MANAGER,
            status=Assessment.Status.SUBMITTED,
            performance__isnull=False,
            potential__isnull=False,
        )
        .select_related("employee")
        .order_by("employee_id", "-weight", "id")
    )
    seen: set[int] = set()
    boxes = {(p, q): [] for p in (1, 2, 3) for q in (1, 2, 3)}
    for assessment in placed:
        if assessment.employee_id in seen:
            continue
        seen.add(assessment.employee_id)
        boxes[(assessment.performance, assessment.potential)].append(assessment.employee)
    return [
        [
            {
                "performance": p,
                "potential": q,
                "name": NINE_BOX_NAMES[(p, q)],
                "performance_label": NINE_BOX_LEVELS[p],
                "potential_label": NINE_BOX_LEVELS[q],
                "tone": p + q,  # 2 (both low) … 6 (both high): the box's colour
                "people": boxes[(p, q)],
            }
            for p in (1, 2, 3)
        ]
        for q in (3, 2, 1)
    ]
