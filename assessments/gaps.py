"""Gap analysis: target level (role requirement) - current level (consolidated, calibrated).

Per employee: capability, target, current, gap, weighted gap and trend since the previous
cycle. Per team, department or organisation (a cycle's consolidated levels): share of people
below target per capability, the weighted gap index, the weakest capabilities, coverage (how
many are proficient; "at risk" when two people or fewer), and the training needs. Everything
aggregated by the database; Python only shapes the rows it returns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from assessments.models import AssessmentCycle, ConsolidatedLevel
from assessments.selectors.requirements import proficient_level, required_capabilities
from assessments.selectors.results import external_rating_sources
from capabilities.models import Capability, RoleRequirement
from plms.people.models import Department, Employee

AT_RISK_HOLDERS = 2
TWO = Decimal("0.01")
DECIMAL = DecimalField(max_digits=8, decimal_places=2)

EFFECTIVE = Coalesce(F("adjusted_level"), F("level"), output_field=DECIMAL)
GAP = ExpressionWrapper(F("target_level") - EFFECTIVE, output_field=DECIMAL)
POSITIVE_GAP = Case(
    When(Q(level_gap__gt=0), then=F("level_gap")), default=Value(Decimal("0")), output_field=DECIMAL
)


def _q(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


# --- One employee ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingSources:
    """Where the attested ratings counted in a consolidated level came from: the other
    systems named by imported external ratings, and how many were passed exams."""

    external: tuple[str, ...] = ()
    exams: int = 0


def rating_sources(levels: list[ConsolidatedLevel]) -> dict[int, RatingSources]:
    """{consolidated level pk: its RatingSources} (one query, none without attested ratings);
    the results page, the calibration page and the gaps API all name the sources this way."""
    external = external_rating_sources(levels=levels)
    found = {}
    for level in levels:
        counted = [
            str(uuid)
            for part in (level.contributions or {}).values()
            if isinstance(part, dict)
            for uuid in part.get("attested", [])
        ]
        found[level.pk] = RatingSources(
            external=tuple(sorted({external[u] for u in counted if u in external})),
            exams=len([u for u in counted if u not in external]),
        )
    return found


@dataclass(frozen=True)
class EmployeeGap:
    capability: Capability
    target: int
    weight: int
    current: Decimal | None
    previous: Decimal | None
    cycle: AssessmentCycle | None
    sources: RatingSources = RatingSources()

    @property
    def gap(self) -> Decimal | None:
        return None if self.current is None else _q(self.target - self.current)

    @property
    def weighted_gap(self) -> Decimal | None:
        return None if self.gap is None else _q(max(self.gap, Decimal(0)) * self.weight)

    @property
    def trend(self) -> Decimal | None:
        if self.current is None or self.previous is None:
            return None
        return _q(self.current - self.previous)

    @property
    def below_target(self) -> bool:
        return self.gap is not None and self.gap > 0


def employee_gaps(*, employee: Employee) -> list[EmployeeGap]:
    """The employee's gaps against their current role (two queries, a third when external
    ratings count): the latest consolidated level of each required capability with the
    sources of its attested ratings, and the one before it for the trend."""
    requirements = required_capabilities(employee_id=employee.pk)
    history: dict[int, list[ConsolidatedLevel]] = {}
    levels = (
        ConsolidatedLevel.objects.filter(employee=employee, capability_id__in=list(requirements))
        .select_related("cycle")
        .order_by("-cycle__period_end", "-cycle_id")
    )
    for level in levels:
        history.setdefault(level.capability_id, []).append(level)
    sources = rating_sources([rows[0] for rows in history.values()])
    gaps = []
    for capability_id, requirement in requirements.items():
        rows = history.get(capability_id, [])
        gaps.append(
            EmployeeGap(
                capability=requirement.capability,
                target=requirement.target_level,
                weight=requirement.weight,
                current=rows[0].effective if rows else None,
                previous=rows[1].effective if len(rows) > 1 else None,
                cycle=rows[0].cycle if rows else None,
                sources=sources[rows[0].pk] if rows else RatingSources(),
            )
        )
    return gaps


def weighted_gap_index(gaps: list[EmployeeGap]) -> Decimal | None:
    """Σ weight · max(gap, 0) / Σ weight over the assessed capabilities."""
    assessed = [g for g in gaps if g.gap is not None]
    total = sum(g.weight for g in assessed)
    if not total:
        return None
    return _q(sum(g.weighted_gap for g in assessed) / total)


# --- Groups (team, department, organisation) -------------------------------------------------


def group_levels(
    *, cycle: AssessmentCycle, employee_ids=None, department=None
) -> QuerySet[ConsolidatedLevel]:
    """A cycle's consolidated levels with a target, narrowed to a team or a department."""
    queryset = ConsolidatedLevel.objects.filter(cycle=cycle, target_level__isnull=False)
    if employee_ids is not None:
        queryset = queryset.filter(employee_id__in=employee_ids)
    if department is not None:
        queryset = queryset.filter(employee__department=department)
    return queryset.annotate(current_level=EFFECTIVE, level_gap=GAP)


def capability_report(*, levels: QuerySet[ConsolidatedLevel]) -> list[dict]:
    """Per capability, weakest first: people assessed, people below target and their share,
    mean level and target, the weighted gap index and the people proficient."""
    proficient = proficient_level()
    rows = (
        levels.values("capability_id", "capability__name", "capability__key")
        .annotate(
            # A cycle has one level per person and capability: its rows are its people.
            people=Count("id"),
            below=Count("id", filter=Q(level_gap__gt=0)),
            mean_level=Avg("current_level"),
            mean_target=Avg("target_level"),
            weighted_gap=Sum(F("requirement_weight") * POSITIVE_GAP, output_field=DECIMAL),
            weight=Sum("requirement_weight"),
            proficient=Count("id", filter=Q(current_level__gte=proficient)),
        )
        .order_by("capability__name")
    )
    return _weakest_first([_report_row(row) for row in rows])


def _report_row(row: dict) -> dict:
    """A row of the capability report from its aggregates (with the capability's name and key
    as `capability__name`, `capability__key`)."""
    index = _q(row["weighted_gap"] / row["weight"]) if row["weight"] else Decimal(0)
    return {
        "capability_id": row["capability_id"],
        "name": row["capability__name"],
        "key": row["capability__key"],
        "people": row["people"],
        "below": row["below"],
        "share_below": round(100 * row["below"] / row["people"]) if row["people"] else 0,
        "mean_level": _q(row["mean_level"]),
        "mean_target": _q(row["mean_target"]),
        "gap_index": index,
        "proficient": row["proficient"],
        "at_risk": row["proficient"] <= AT_RISK_HOLDERS,
    }


def _weakest_first(report: list[dict]) -> list[dict]:
    return sorted(report, key=lambda r: (-r["gap_index"], -r["share_below"], r["name"]))


def overall_gap_index(*, levels: QuerySet[ConsolidatedLevel]) -> Decimal | None:
    totals = levels.aggregate(
        weighted_gap=Sum(F("requirement_weight") * POSITIVE_GAP, output_field=DECIMAL),
        weight=Sum("requirement_weight"),
    )
    if not totals["weight"]:
        return None
    return _q(totals["weighted_gap"] / totals["weight"])


def proficient_counts(*, cycle: AssessmentCycle, department=None) -> dict[int, int]:
    """{capability id: people at the proficient level or above in the cycle} (one aggregate
    over the cycle's levels, with or without a target; a cycle has one level per person and
    capability)."""
    proficient = proficient_level()
    levels = ConsolidatedLevel.objects.filter(cycle=cycle)
    if department is not None:
        levels = levels.filter(employee__department=department)
    return dict(
        levels.annotate(current_level=EFFECTIVE)
        .filter(current_level__gte=proficient)
        .order_by()
        .values("capability_id")
        .annotate(people=Count("id"))
        .values_list("capability_id", "people")
    )


def coverage(
    *, cycle: AssessmentCycle, department=None, counts: dict[int, int] | None = None
) -> list[dict]:
    """Every capability some current role requires, with how many people hold it at the
    proficient level or above in the cycle; "at risk" when two or fewer (skills inventory),
    fewest first. `counts` are the cycle's `proficient_counts` when the caller has them."""
    if counts is None:
        counts = proficient_counts(cycle=cycle, department=department)
    required = RoleRequirement.objects.filter(role__assignments__ended_at__isnull=True)
    rows = (
        Capability.objects.filter(id__in=required.values("capability_id"))
        .order_by("name", "id")
        .values("id", "name", "key")
    )
    held = [{**row, "proficient": counts.get(row["id"], 0)} for row in rows]
    return [
        {**row, "at_risk": row["proficient"] <= AT_RISK_HOLDERS}
        for row in sorted(held, key=lambda row: row["proficient"])
    ]


def gap_report(
    *, cycle: AssessmentCycle, department=None, previous: AssessmentCycle | None = None
) -> dict:
    """What the gap report shows of a cycle's levels (a department's or everyone's): the
    capability report with the trend of each mean level since `previous`, the overall weighted
    gap index, the training needs and the people proficient per capability (to which
    `coverage` adds the capabilities roles require). Depends on the levels of `cycle` and
    `previous` only, so it can be cached with them.

    Three aggregates: the cycle's levels per capability once (the capability report, the
    overall index as the sum of its sums, the mean levels the trend compares and the people
    proficient with or without a target), the previous cycle's mean levels and the training
    needs. The same figures as `capability_report`, `overall_gap_index`,
    `trend_by_capability`, `training_needs` and `proficient_counts`, which read the levels
    six times."""
    proficient = proficient_level()
    levels = ConsolidatedLevel.objects.filter(cycle=cycle)
    if department is not None:
        levels = levels.filter(employee__department=department)
    targeted = Q(target_level__isnull=False)
    rows = list(
        levels.annotate(current_level=EFFECTIVE, level_gap=GAP)
        .order_by()
        .values("capability_id")
        .annotate(
            # A cycle has one level per person and capability: its rows are its people.
            people=Count("id", filter=targeted),
            below=Count("id", filter=Q(level_gap__gt=0)),
            mean_level=Avg("current_level", filter=targeted),
            mean_target=Avg("target_level"),
            weighted_gap=Sum(
                F("requirement_weight") * POSITIVE_GAP, filter=targeted, output_field=DECIMAL
            ),
            weight=Sum("requirement_weight", filter=targeted),
            proficient=Count("id", filter=targeted & Q(current_level__gte=proficient)),
            held=Count("id", filter=Q(current_level__gte=proficient)),
        )
    )
    capabilities = {
        capability_id: (name, key)
        for capability_id, name, key in Capability.objects.filter(
            id__in=[row["capability_id"] for row in rows]
        ).values_list("id", "name", "key")
    }
    targeted_rows = [row for row in rows if row["people"]]
    before: dict[int, Decimal] = {}
    if previous is not None:
        before = dict(
            group_levels(cycle=previous, department=department)
            .values("capability_id")
            .annotate(m=Avg("current_level"))
            .values_list("capability_id", "m")
        )
    report = []
    for row in sorted(
        targeted_rows, key=lambda r: (capabilities[r["capability_id"]][0], r["capability_id"])
    ):
        name, key = capabilities[row["capability_id"]]
        shaped = _report_row({**row, "capability__name": name, "capability__key": key})
        then, now = before.get(row["capability_id"]), row["mean_level"]
        shaped["trend"] = None if then is None or now is None else _q(now - then)
        report.append(shaped)
    weight = sum(row["weight"] or 0 for row in targeted_rows)
    weighted_gap = sum((row["weighted_gap"] or Decimal(0)) for row in targeted_rows)
    return {
        "report": _weakest_first(report),
        "overall": _q(weighted_gap / weight) if weight else None,
        "needs": training_needs(levels=group_levels(cycle=cycle, department=department)),
        "proficient": {row["capability_id"]: row["held"] for row in rows if row["held"]},
    }


def training_needs(*, levels: QuerySet[ConsolidatedLevel]) -> list[dict]:
    """Aggregated gaps → what learning is needed: per capability and target level, how many
    people are below it and by how much on average."""
    rows = (
        levels.filter(level_gap__gt=0)
        .values("capability__name", "capability__key", "target_level")
        .annotate(people=Count("id"), mean_gap=Avg("level_gap"))
        .order_by("-people", "capability__name", "target_level")
    )
    return [
        {
            "name": row["capability__name"],
            "key": row["capability__key"],
            "target_level": row["target_level"],
            "people": row["people"],
            "mean_gap": _q(row["mean_gap"]),
        }
        for row in rows
    ]


def trend_by_capability(
    *, cycle: AssessmentCycle, levels: QuerySet[ConsolidatedLevel], previous: QuerySet | None
) -> dict[int, Decimal]:
    """{capability id: change of the mean level since the previous cycle} (two aggregates)."""
    if previous is None:
        return {}
    now = dict(
        levels.values("capability_id")
        .annotate(m=Avg("current_level"))
        .values_list("capability_id", "m")
    )
    before = dict(
        previous.values("capability_id")
        .annotate(m=Avg("current_level"))
        .values_list("capability_id", "m")
    )
    return {
        capability_id: _q(now[capability_id] - before[capability_id])
        for capability_id in now
        if capability_id in before
        and now[capability_id] is not None
        and before[capability_id] is not None
    }


def previous_cycle(cycle: AssessmentCycle) -> AssessmentCycle | None:
    return (
        AssessmentCycle.objects.filter(
            status=AssessmentCycle.Status.CLOSED, period_end__lt=cycle.period_end
        )
        .order_by("-period_end", "-id")
        .first()
    )


def heatmap(
    *, levels: QuerySet[ConsolidatedLevel], capabilities: Sequence[Capability] | None = None
) -> dict:
    """People x capabilities of a team or department (one query): rows of cells with the
    level, target and gap; people by name. The columns are `capabilities` when given (a page
    of people keeps the whole team's columns), else those of `levels`, by name."""
    cells = levels.select_related("employee", "capability").order_by(
        "employee__last_name", "employee__first_name", "employee_id", "capability__name"
    )
    people: dict[int, dict] = {}
    found: dict[int, Capability] = {}
    for cell in cells:
        found.setdefault(cell.capability_id, cell.capability)
        row = people.setdefault(cell.employee_id, {"employee": cell.employee, "cells": {}})
        row["cells"][cell.capability_id] = cell
    if capabilities is None:
        columns = sorted(found.values(), key=lambda c: c.name)
    else:
        columns = list(capabilities)
    return {
        "capabilities": columns,
        "rows": [
            {"employee": row["employee"], "cells": [row["cells"].get(c.pk) for c in columns]}
            for row in people.values()
        ],
    }


def team_heatmap_summary(*, levels: QuerySet[ConsolidatedLevel]) -> dict:
    """What every page of a team's heatmap shares: the capability report, the number of
    people assessed and the columns (the capabilities, by name). Depends on the levels only,
    so it can be cached with them."""
    report = capability_report(levels=levels)
    return {
        "report": report,
        "people": levels.aggregate(people=Count("employee_id", distinct=True))["people"],
        "capabilities": heatmap_columns(report=report),
    }


def heatmap_grid(
    *,
    levels: QuerySet[ConsolidatedLevel],
    people: Sequence[Employee],
    capabilities: Sequence[Capability],
) -> dict:
    """A page of a team's heatmap: a row for each of `people` (in their order) with a cell per
    capability of `capabilities` (None: not assessed), in one query of their levels."""
    cells = {
        (cell.employee_id, cell.capability_id): cell
        for cell in levels.filter(
            employee_id__in=[person.pk for person in people],
            capability_id__in=[capability.pk for capability in capabilities],
        )
        .order_by()
        .only("employee_id", "capability_id", "level", "adjusted_level", "target_level")
    }
    return {
        "capabilities": list(capabilities),
        "rows": [
            {
                "employee": person,
                "cells": [cells.get((person.pk, capability.pk)) for capability in capabilities],
            }
            for person in people
        ],
    }


def heatmap_people(*, levels: QuerySet[ConsolidatedLevel]) -> QuerySet[Employee]:
    """The people of `levels`, by name: what a heatmap page is paged by."""
    return Employee.objects.filter(pk__in=levels.values("employee_id")).order_by(
        "last_name", "first_name", "id"
    )


def heatmap_columns(*, report: list[dict]) -> list[Capability]:
    """The capabilities of a `capability_report`, by name: the columns of every page of the
    heatmap of the same levels."""
    ids = [row["capability_id"] for row in report]
    return list(
        Capability.objects.filter(pk__in=ids).order_by("name", "id").only("id", "uuid", "name")
    )


def heatmap_focus(heatmap: dict, *, columns: int) -> dict:
    """`heatmap` cut to the `columns` capabilities where most people are below target (then
    the largest total gap, then name), in name order: what a dashboard card can show. Adds
    `total`, the number of capabilities of the whole heatmap."""
    below: dict[int, int] = defaultdict(int)
    gap: dict[int, Decimal] = defaultdict(Decimal)
    for row in heatmap["rows"]:
        for capability, cell in zip(heatmap["capabilities"], row["cells"], strict=True):
            if cell is not None and cell.level_gap > 0:
                below[capability.pk] += 1
                gap[capability.pk] += cell.level_gap
    ranked = sorted(
        range(len(heatmap["capabilities"])),
        key=lambda i: (
            -below[heatmap["capabilities"][i].pk],
            -gap[heatmap["capabilities"][i].pk],
            heatmap["capabilities"][i].name,
        ),
    )
    kept = sorted(ranked[:columns], key=lambda i: heatmap["capabilities"][i].name)
    return {
        "capabilities": [heatmap["capabilities"][i] for i in kept],
        "rows": [{**row, "cells": [row["cells"][i] for i in kept]} for row in heatmap["rows"]],
        "total": len(heatmap["capabilities"]),
    }


@dataclass(frozen=True)
class HeatmapCell:
    department_id: int | None
    capability_id: int
    people: int
    below: int
    mean_level: Decimal | None
    mean_target: Decimal | None
    mean_gap: Decimal | None

    @property
    def share_below(self) -> int:
        return round(100 * self.below / self.people) if self.people else 0


def department_heatmap(*, levels: QuerySet[ConsolidatedLevel]) -> dict:
    """Departments x capabilities of one cycle's levels, aggregated by the database in one
    query however many people (grouped by ids only; the names come in two small queries): per
    cell the people assessed, how many are below target and their share, the mean level,
    target and gap. People without a department form their own row (id None). A cycle has one
    level per person and capability, so a cell's rows are its people.

    Returns {"departments": [{id, uuid, name}], "capabilities": [{id, uuid, key, name}],
    "rows": [{"department", "cells": [HeatmapCell | None per capability]}], "cells": [...]}."""
    rows = list(
        levels.order_by()
        .values("employee__department_id", "capability_id")
        .annotate(
            people=Count("id"),
            below=Count("id", filter=Q(level_gap__gt=0)),
            mean_level=Avg("current_level"),
            mean_target=Avg("target_level"),
            mean_gap=Avg("level_gap"),
        )
    )
    department_ids = {row["employee__department_id"] for row in rows}
    departments: dict[int | None, dict] = {
        row["id"]: row
        for row in Department.objects.filter(id__in=department_ids - {None}).values(
            "id", "uuid", "name"
        )
    }
    if None in department_ids:
        departments[None] = {"id": None, "uuid": None, "name": ""}
    capabilities: dict[int, dict] = {
        row["id"]: row
        for row in Capability.objects.filter(id__in={row["capability_id"] for row in rows})
        .order_by()
        .values("id", "uuid", "key", "name")
    }
    cells: dict[tuple[int | None, int], HeatmapCell] = {}
    for row in rows:
        department_id = row["employee__department_id"]
        cells[(department_id, row["capability_id"])] = HeatmapCell(
            department_id=department_id,
            capability_id=row["capability_id"],
            people=row["people"],
            below=row["below"],
            mean_level=_q(row["mean_level"]),
            mean_target=_q(row["mean_target"]),
            mean_gap=_q(row["mean_gap"]),
        )
    # Named departments by name, then the people without one.
    ordered_departments = sorted(
        departments.values(), key=lambda d: (d["id"] is None, d["name"].lower(), d["id"] or 0)
    )
    ordered_capabilities = sorted(capabilities.values(), key=lambda c: (c["name"].lower(), c["id"]))
    return {
        "departments": ordered_departments,
        "capabilities": ordered_capabilities,
        "rows": [
            {
                "department": department,
                "cells": [cells.get((department["id"], c["id"])) for c in ordered_capabilities],
            }
            for department in ordered_departments
        ],
        "cells": [
            cells[(d["id"], c["id"])]
            for d in ordered_departments
            for c in ordered_capabilities
            if (d["id"], c["id"]) in cells
        ],
    }


def department_heatmap_columns(heatmap: dict, *, start: int, stop: int) -> dict:
    """A `department_heatmap` cut to its capabilities [start, stop) (a page of columns): every
    department keeps its row, with the cells of those capabilities only."""
    kept = {c["id"] for c in heatmap["capabilities"][start:stop]}
    return {
        "departments": heatmap["departments"],
        "capabilities": heatmap["capabilities"][start:stop],
        "rows": [{**row, "cells": row["cells"][start:stop]} for row in heatmap["rows"]],
        "cells": [cell for cell in heatmap["cells"] if cell.capability_id in kept],
    }


def heatmap_hot_spots(heatmap: dict, *, limit: int = 5) -> list[dict]:
    """The heatmap's largest gaps in words: the cells with the largest share below target
    (then the most people below), as {department, capability, cell}."""
    departments = {d["id"]: d["name"] for d in heatmap["departments"]}
    capabilities = {c["id"]: c["name"] for c in heatmap["capabilities"]}
    cells = sorted(
        (cell for cell in heatmap["cells"] if cell.below),
        key=lambda cell: (-cell.share_below, -cell.below),
    )[:limit]
    return [
        {
            "department": departments[cell.department_id],
            "capability": capabilities[cell.capability_id],
            "cell": cell,
        }
        for cell in cells
    ]
