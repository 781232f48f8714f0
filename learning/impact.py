"""Learning impact: did competence move after learning, by how much, at what cost?

For each completed plan item, the employee's consolidated level in the item's capability
*before* (the latest assessment whose period ended on or before the completion) and *after*
(the first assessment whose period ended after it). Aggregated per item, capability and plan:
mean change, levels gained, cost per level gained, time to proficiency, completion rates, and
per item the learners' satisfaction (their mean rating of it, 1-5).

This is association, not proof: people learn from many things at once, assessments vary, and
those who choose to learn differ from those who do not. The pages and the API say so.

The maths (`measure`, `summarise`) is pure; `impact_report` loads the data in a constant
number of queries. For 10,000 people that is about a second of work (every completed item
joined with the person's levels in its capability), so the page and the API read it through
`impact_report_cached`, kept until something it shows changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet

from assessments.models import AssessmentCycle, ConsolidatedLevel
from assessments.selectors.requirements import proficient_level
from capabilities.models import Capability, CompetencyScale, ScaleLevel
from learning.models import DevelopmentPlan, LearningFeedback, PlanItem
from plms.common.build_once import build_once
from plms.tenancy.context import require_organization_id
from plms.tenancy.models import Organization

T = TypeVar("T")

CAVEAT = (
    "These figures show association, not proof: competence may have moved for other reasons, "
    "and people who complete learning may differ from those who do not."
)
TWO = Decimal("0.01")


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Completed:
    """A done plan item, as the maths needs it."""

    plan_id: int
    item_id: int | None
    item_title: str
    capability_id: int
    capability_name: str
    employee_id: int
    completed_on: date
    plan_start: date
    cost: Decimal


@dataclass(frozen=True, slots=True)
class Measured:
    completed: Completed
    before: Decimal | None
    after: Decimal | None
    after_on: date | None

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


History = dict[tuple[int, int], list[tuple[date, Decimal]]]


def measure(completed: Completed, history: History) -> Measured:
    points = history.get((completed.employee_id, completed.capability_id), [])
    days = [day for day, _ in points]
    index = bisect_right(days, completed.completed_on)
    before = points[index - 1][1] if index > 0 else None
    after, after_on = (points[index][1], points[index][0]) if index < len(points) else (None, None)
    return Measured(completed, before, after, after_on)


def _days_to_proficiency(completed: Completed, history: History, proficient: int) -> int | None:
    for day, level in history.get((completed.employee_id, completed.capability_id), []):
        if day >= completed.plan_start and level >= proficient:
            return (day - completed.plan_start).days
    return None


def summarise(
    completed: list[Completed], history: History, *, proficient: int
) -> dict[str, list[dict] | dict]:
    """Per item, capability and plan: completions, how many were measured (a level before and
    after), mean change, levels gained, cost per level gained; time to proficiency."""
    measured = [measure(c, history) for c in completed]
    by_item: dict[tuple, list[Measured]] = defaultdict(list)
    by_capability: dict[tuple, list[Measured]] = defaultdict(list)
    by_plan: dict[int, list[Measured]] = defaultdict(list)
    for m in measured:
        c = m.completed
        by_item[(c.item_id, c.item_title)].append(m)
        by_capability[(c.capability_id, c.capability_name)].append(m)
        by_plan[c.plan_id].append(m)

    def stats(rows: list[Measured], *, with_cost: bool) -> dict:
        changes = [m.change for m in rows if m.change is not None]
        gained = sum((max(change, Decimal(0)) for change in changes), Decimal(0))
        result = {
            "completions": len(rows),
            "measured": len(changes),
            "mean_change": _q(sum(changes, Decimal(0)) / len(changes)) if changes else None,
            "levels_gained": _q(gained),
        }
        if with_cost:
            cost = sum((m.completed.cost for m in rows if m.change is not None), Decimal(0))
            result["cost"] = _q(sum((m.completed.cost for m in rows), Decimal(0)))
            result["cost_per_level"] = _q(cost / gained) if gained else None
        return result

    items = [
        {"item_id": item_id, "item": title, **stats(rows, with_cost=True)}
        for (item_id, title), rows in by_item.items()
    ]
    capabilities = []
    for (capability_id, name), rows in by_capability.items():
        days = [
            d
            for d in (_days_to_proficiency(m.completed, history, proficient) for m in rows)
            if d is not None
        ]
        capabilities.append(
            {
                "capability_id": capability_id,
                "capability": name,
                **stats(rows, with_cost=True),
                "reached_proficiency": len(days),
                "mean_days_to_proficiency": round(sum(days) / len(days)) if days else None,
            }
        )
    plans = [
        {"plan_id": plan_id, **stats(rows, with_cost=False)} for plan_id, rows in by_plan.items()
    ]

    def order(row: dict) -> tuple:
        change = row["mean_change"]
        return (change is None, -(change or 0), row.get("item") or row.get("capability") or "")

    return {
        "items": sorted(items, key=order),
        "capabilities": sorted(capabilities, key=order),
        "plans": sorted(plans, key=lambda r: r["plan_id"]),
        "overall": stats(measured, with_cost=True),
        "measurements": measured,
    }


def _history(done: QuerySet[PlanItem]) -> History:
    """The consolidated levels of each (person, capability) that a done item of `done` pairs,
    oldest first. Only those pairs: the levels of everyone who completed something, in every
    capability anyone completed something in, would be 30 times as many rows for 10,000
    people (and the memory to hold them)."""
    history: History = defaultdict(list)
    paired = done.filter(
        capability=OuterRef("capability_id"), plan__employee=OuterRef("employee_id")
    )
    rows = (
        ConsolidatedLevel.objects.filter(Exists(paired))
        .order_by("employee_id", "capability_id", "cycle__period_end", "cycle_id")
        .values_list("employee_id", "capability_id", "cycle__period_end", "level", "adjusted_level")
    )
    day_of, level_of = _sharing(), _sharing()
    for employee_id, capability_id, day, level, adjusted in rows.iterator(chunk_size=5000):
        history[(employee_id, capability_id)].append(
            (day_of(day), level_of(adjusted if adjusted is not None else level))
        )
    return history


def _sharing() -> Callable[[T], T]:
    """`share(value)`: the first equal value it was given. The rows of a report repeat a few
    hundred titles, days, levels and costs tens of thousands of times, each a new object as
    the database driver returns it (for 10,000 people, megabytes of a build's memory). One
    per column: values of different types may be equal (`Decimal(1) == 1`)."""
    seen: dict = {}
    return lambda value: seen.setdefault(value, value)


def _done(*, employee=None) -> QuerySet[PlanItem]:
    queryset = PlanItem.objects.filter(
        status=PlanItem.Status.DONE, capability__isnull=False, completed_at__isnull=False
    )
    if employee is not None:
        queryset = queryset.filter(plan__employee=employee)
    return queryset


def completed_items(*, employee=None) -> list[Completed]:
    rows = (
        _done(employee=employee)
        .order_by("id")
        .values_list(
            "plan_id",
            "item_id",
            "item__title",
            "capability_id",
            "capability__name",
            "plan__employee_id",
            "completed_at",
            "plan__period_start",
            "item__cost",
        )
    )
    title, name, day, start, cost = _sharing(), _sharing(), _sharing(), _sharing(), _sharing()
    return [
        Completed(
            plan_id=row[0],
            item_id=row[1],
            item_title=title(row[2] or ""),
            capability_id=row[3],
            capability_name=name(row[4]),
            employee_id=row[5],
            completed_on=day(row[6].date()),
            plan_start=start(row[7]),
            cost=cost(row[8] or Decimal(0)),
        )
        for row in rows.iterator(chunk_size=5000)
    ]


def completion_rates() -> dict:
    """Items done of the items in approved, active and completed plans; plans completed."""
    running = [
        DevelopmentPlan.Status.APPROVED,
        DevelopmentPlan.Status.ACTIVE,
        DevelopmentPlan.Status.COMPLETED,
    ]
    items = PlanItem.objects.filter(plan__status__in=running).aggregate(
        total=Count("id"), done=Count("id", filter=Q(status=PlanItem.Status.DONE))
    )
    plans = DevelopmentPlan.objects.filter(status__in=running).aggregate(
        total=Count("id"), completed=Count("id", filter=Q(status=DevelopmentPlan.Status.COMPLETED))
    )
    return {
        "items_total": items["total"],
        "items_done": items["done"],
        "item_rate": round(100 * items["done"] / items["total"]) if items["total"] else None,
        "plans_total": plans["total"],
        "plans_completed": plans["completed"],
        "plan_rate": round(100 * plans["completed"] / plans["total"]) if plans["total"] else None,
    }


def _satisfaction(item_ids: set[int]) -> dict[int, tuple[Decimal | None, int]]:
    """{item id: (the learners' mean rating 1-5, ratings)} (one query)."""
    rows = (
        LearningFeedback.objects.filter(item_id__in=item_ids)
        .values("item_id")
        .annotate(mean=Avg("rating"), count=Count("id"))
        .order_by()
    )
    return {row["item_id"]: (_q(Decimal(row["mean"])), row["count"]) for row in rows}


def impact_report(*, employee=None) -> dict:
    """The organisation's learning impact (or one employee's), in a constant number of
    queries whatever the number of plans, items and assessments."""
    completed = completed_items(employee=employee)
    history = _history(_done(employee=employee)) if completed else {}
    report = summarise(completed, history, proficient=proficient_level())
    satisfaction = _satisfaction({row["item_id"] for row in report["items"] if row["item_id"]})
    for row in report["items"]:
        row["satisfaction"], row["ratings"] = satisfaction.get(row["item_id"], (None, 0))
    report["rates"] = completion_rates()
    report["caveat"] = CAVEAT
    return report


# --- Cached for the organisation ------------------------------------------------------------


def _version() -> str:
    """What learning's reports read, as of now, in one query: the organisation (its public
    id: row ids come again in a database made anew, as tests do), its learning version
    (increased by PostgreSQL in every statement that writes plan items, plans, learning items,
    the capabilities they develop or feedback: migrations `learning.0006` and `0007`), each
    cycle's end, status and `results_version` (which every write to its consolidated levels
    increases), the capabilities' names and the scale's proficient level and levels."""
    organization_id = require_organization_id()
    quote = connection.ops.quote_name
    cycles = quote(AssessmentCycle._meta.db_table)
    capabilities = quote(Capability._meta.db_table)
    scales = quote(CompetencyScale._meta.db_table)
    levels = quote(ScaleLevel._meta.db_table)
    organizations = quote(Organization._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT md5(concat_ws('|', "
            f"(SELECT uuid FROM {organizations} WHERE id = %s), "
            "(SELECT version FROM learning_impactversion WHERE organization_id = %s), "
            "(SELECT string_agg(ROW(id, period_end, status, results_version)::text, ',' "
            f" ORDER BY id) FROM {cycles} WHERE organization_id = %s), "
            "(SELECT md5(string_agg(ROW(id, name)::text, ',' ORDER BY id)) "
            f" FROM {capabilities} WHERE organization_id = %s), "
            f"(SELECT proficient_level FROM {scales} WHERE organization_id = %s "
            "  ORDER BY id LIMIT 1), "
            "(SELECT string_agg(number::text, ',' ORDER BY number) "
            f" FROM {levels} WHERE organization_id = %s)))",
            [organization_id] * 6,
        )
        return cursor.fetchone()[0]


def reports_cached() -> bool:
    """Whether learning's reports are kept in the cache (on PostgreSQL, whose triggers keep
    the version the key reads, unless `PLMS_RESULTS_CACHE_SECONDS` is 0)."""
    return connection.vendor == "postgresql" and bool(settings.PLMS_RESULTS_CACHE_SECONDS)


def impact_report_cached(*, name: str, build: Callable[[], T]) -> T:
    """`build()` (a shape of the organisation's `impact_report()`, or another report of
    learning that reads no more than it, as the content gap report), from the cache while
    nothing the report reads has changed (`_version`), built by one request at a time.
    Elsewhere than on PostgreSQL (no triggers) it is built each time."""
    if not reports_cached():
        return build()

    def key() -> str:
        return f"plms:learning-impact:{name}:{require_organization_id()}:{_version()}"

    before = key()
    # One build per key: requests that miss it at once wait for the first one's report
    # (`plms.common.build_once`). Kept only if nothing changed while it was built (a report
    # of newer data under an older key could be served again if that change were undone).
    return build_once(
        before,
        build,
        seconds=settings.PLMS_RESULTS_CACHE_SECONDS,
        keep=lambda: key() == before,
    )


def impact_page_report() -> dict:
    """What the impact page shows (`impact_report()` without the per-plan rows and the
    measurements), cached."""

    def build() -> dict:
        report = impact_report()
        report.pop("measurements")
        report.pop("plans")
        return report

    return impact_report_cached(name="page", build=build)
