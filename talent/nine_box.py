"""The 9-box at organisation scale: performance x potential for 10,000 people without reading
them.

Where a person stands is `talent.performance` (the overall rating of the cycle, else the
results against targets) and `talent.selectors.potential_levels` (the latest potential
assessment, calibrated when it was, else the manager's view in the cycle), as `placements`
applies them person by person. A 9-box needs everyone's place in the latest closed cycle and
the one before (to count the boxes and who moved): as plain rows, (employee id, department
id, performance, potential, the same two in the cycle before), which the page counts and
filters by department; only a box's people and a page of moves are read as people, by name.

On PostgreSQL the rows come from one query that joins what the rules read (the overall
ratings, the potential assessments and the managers' placements, each through its own app's
selector, and each person's results band), and are kept in the cache of cycle reports
(`assessments.results_cache`): its key follows the cycles' consolidated levels and the
people's departments, and ours adds a fingerprint of the overall ratings and potential
assessments the rows were placed by and the rating scale. The managers' placements are
submitted assessments of closed cycles, which cannot change while the cycle is closed;
reopening it takes it out of the 9-box and closing it again consolidates it (a new results
version). The results bands (summing 100,000 levels a cycle) are `performance.results_ratings`,
cached the same way, so a change of potential or rating costs one query over the rest.
Elsewhere than on PostgreSQL the rows come from `placements`; a test holds the two equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import BooleanField, F, Func, QuerySet, Value

from assessments import fairness
from assessments.results_cache import cached_report
from assessments.selectors import cycles as cycle_selectors
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from reward import selectors as reward_selectors
from talent import performance, potential
from talent.selectors import potential_assessment_rows, potential_levels

if TYPE_CHECKING:
    from assessments.models import AssessmentCycle

PERSON_FIELDS = ("id", "uuid", "first_name", "last_name", "title", "department__name")
MOVE_FIELDS = ("id", "uuid", "first_name", "last_name")

Box = tuple[int, int]  # (performance, potential), each 1-3
# (employee id, department id, performance, potential or None, the same two in the cycle
# before or None): everyone with a performance in the 9-box's cycle.
Row = tuple[int, int | None, int, int | None, int | None, int | None]


@dataclass
class NineBox:
    boxes: list[list[dict]]  # 3 x 3, high potential first; each with its "count"
    cycle: AssessmentCycle | None
    previous: AssessmentCycle | None
    moves: Sequence[dict]  # {"employee", "from", "to", "up"} by name, sliced for a page
    unplaced: int  # people with a performance but no potential yet (everyone's)
    department_id: int | None = None
    shown: list[Row] = field(default_factory=list, repr=False)  # the department's rows


def nine_box(*, department_id: int | None = None) -> NineBox:
    """Everyone with both a performance and a potential in the latest closed cycle, counted per
    box (of `department_id`, when given), and who moved box since the cycle before. A
    constant number of queries, none of them over people when the rows are cached."""
    closed = list(cycle_selectors.closed_cycles()[:2])
    cycle = closed[0] if closed else None
    previous = closed[1] if len(closed) > 1 else None
    if cycle is None:
        return NineBox(_boxes(Counter()), None, None, [], 0, department_id)
    rows = nine_box_rows(cycle=cycle, previous=previous)
    shown = [row for row in rows if department_id is None or row[1] == department_id]
    counts = Counter((p, q) for _, _, p, q, _, _ in shown if q is not None)
    moved = {
        employee_id: ((was_p, was_q), (p, q))
        for employee_id, _, p, q, was_p, was_q in shown
        if q is not None and was_q is not None and (was_p, was_q) != (p, q)
    }
    return NineBox(
        boxes=_boxes(counts),
        cycle=cycle,
        previous=previous,
        moves=_Moves(moved),
        unplaced=sum(1 for row in rows if row[3] is None),
        department_id=department_id,
        shown=shown,
    )


def box_people(view: NineBox, *, key: str, limit: int) -> list[Employee]:
    """The first `limit` people of the box `key` ("performance-potential"), by name."""
    box = tuple(int(part) for part in key.split("-"))
    ids = [employee_id for employee_id, _, p, q, _, _ in view.shown if (p, q) == box]
    return list(_by_name(ids, 0, limit).select_related("department").only(*PERSON_FIELDS))


def nine_box_rows(*, cycle: AssessmentCycle, previous: AssessmentCycle | None) -> list[Row]:
    """Everyone's row (`Row`) in `cycle` and `previous`: on PostgreSQL from one query, kept in
    the cache while nothing it was placed by has changed; elsewhere from `placements`."""
    if _database().vendor != "postgresql":
        return rows_in_python(cycle=cycle, previous=previous)
    cycles = [cycle, previous] if previous is not None else [cycle]
    bounds = reward_selectors.scale_bounds()
    return cached_report(
        cycle=cycle,
        other_cycles=cycles[1:],
        name=f"talent-nine-box:{bounds[0]}-{bounds[1]}:{_fingerprint(cycles)}",
        build=lambda: rows_in_sql(cycles=cycles, bounds=bounds),
    )


def placements(
    *, cycle: AssessmentCycle, previous: AssessmentCycle | None
) -> tuple[dict[int, Box], dict[int, int], dict[int, Box]]:
    """The rules person by person: ({employee id: box} of everyone placed in `cycle`, {employee
    id: performance} of those with no potential yet, {employee id: box} in `previous` of those
    placed in both)."""
    ratings = performance.performance_ratings(cycle=cycle)
    potentials = potential_levels(employee_ids=ratings)
    placed = {e: (ratings[e], potentials[e]) for e in ratings if e in potentials}
    waiting = {e: level for e, level in ratings.items() if e not in potentials}
    before: dict[int, Box] = {}
    if previous is not None and placed:
        before_ratings = performance.performance_ratings(employee_ids=placed, cycle=previous)
        before_potential = potential_levels(employee_ids=before_ratings, cycle=previous)
        before = {
            e: (before_ratings[e], before_potential[e])
            for e in before_ratings
            if e in before_potential
        }
    return placed, waiting, before


def rows_in_python(*, cycle: AssessmentCycle, previous: AssessmentCycle | None) -> list[Row]:
    placed, waiting, before = placements(cycle=cycle, previous=previous)
    departments = dict(
        people_selectors.employees()
        .filter(id__in=[*placed, *waiting])
        .values_list("id", "department_id")
    )
    rows: list[Row] = [
        (e, departments[e], p, q, *before.get(e, (None, None))) for e, (p, q) in placed.items()
    ]
    rows += [(e, departments[e], p, None, None, None) for e, p in waiting.items()]
    return rows


# --- PostgreSQL --------------------------------------------------------------------------------


def rows_in_sql(*, cycles: list[AssessmentCycle], bounds: tuple[int, int]) -> list[Row]:
    """`rows_in_python`, by the database (one query, and the results bands)."""
    bands = _results_bands(cycles)
    now, params = _placement_sql("now", cycles[0], latest=True, bounds=bounds, bands=bands)
    people, people_params = _compiled(
        people_selectors.employees().order_by().values("id", "department_id")
    )
    sql = f"{now}, people AS ({people})"
    params += people_params
    before_columns, before_join = "NULL, NULL", ""
    if len(cycles) > 1:
        before, before_params = _placement_sql(
            "before", cycles[1], latest=False, bounds=bounds, bands=bands
        )
        sql += ", " + before.removeprefix("WITH ")
        params += before_params
        before_columns = "b.performance, b.potential"
        before_join = (
            " LEFT JOIN before b ON b.employee_id = n.employee_id AND b.potential IS NOT NULL"
        )
    sql += (
        f" SELECT n.employee_id, e.department_id, n.performance, n.potential, {before_columns}"
        f" FROM now n JOIN people e ON e.id = n.employee_id{before_join}"
    )
    with _database().cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Moves compare people placed in both cycles: the one before only counts with a potential.
    return [tuple(row) if row[3] is not None else (*row[:4], None, None) for row in rows]


def _database():
    return connections[Employee.objects.all().db]


def _compiled(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _array(values: Iterable[int]) -> str:
    """An array literal, "{1,2,3}": one constant to PostgreSQL, where a list parameter would
    be sent as `ARRAY[…]`, an expression per element (150 ms to plan for 10,000)."""
    return "{" + ",".join(str(value) for value in values) + "}"


class _InArray(Func):
    """`id = ANY('{…}'::bigint[])`: the ids as one array constant."""

    arg_joiner = " = ANY("
    template = "%(expressions)s::bigint[])"
    output_field = BooleanField()


def _among(ids: list[int]) -> QuerySet[Employee]:
    if _database().vendor != "postgresql":
        return people_selectors.employees().filter(id__in=ids)
    return people_selectors.employees().filter(_InArray(F("id"), Value(_array(ids))))


def _by_name(ids: list[int], start: int, stop: int) -> QuerySet[Employee]:
    """The people of `ids` from `start` to `stop` by name. Their ids are read from the people's
    name index alone, each looked up in the array (hashed), stopping once the page is full
    (0.6 ms for the first 25 of 7,500 who moved, 10 ms for the last); then the page's people.
    As `IN (SELECT unnest(…))` everyone was joined to the ids and sorted on every page (24 to
    33 ms)."""
    order = ("last_name", "first_name", "id")
    page = _among(ids).order_by(*order).values("id")[start:stop]
    return people_selectors.employees().filter(id__in=page).order_by(*order)


def _results_bands(cycles: list[AssessmentCycle]) -> dict[int, tuple[str, str]]:
    """`performance.results_ratings` of each cycle as two array literals, the employee ids and
    their bands, from the cache while the cycles' consolidated levels are unchanged."""

    def build() -> dict[int, tuple[str, str]]:
        found = {}
        for cycle in cycles:
            bands = performance.results_ratings(employee_ids=None, cycle=cycle)
            found[cycle.pk] = (_array(bands), _array(bands.values()))
        return found

    return cached_report(
        cycle=cycles[0], name="talent-results-bands", build=build, other_cycles=cycles[1:]
    )


def _fingerprint(cycles: list[AssessmentCycle]) -> str:
    """What the rows were placed by beside the consolidated levels, departments and the
    managers' placements: the cycles' overall ratings and the potential assessments that count
    (the latest of each person's, and of each person's in the cycle before), in one query."""
    parts = [(reward_selectors.final_level_rows(cycle=cycle), "level") for cycle in cycles]
    parts += [
        (potential_assessment_rows(cycle=cycle).distinct("employee_id"), "potential")
        for cycle in [None, *cycles[1:]]
    ]
    selects, params = [], []
    for queryset, column in parts:
        sql, part_params = _compiled(queryset)
        selects.append(
            f"(SELECT concat(count(*), ':', sum(hashint8extended(employee_id, {column})))"
            f" FROM ({sql}) part)"
        )
        params += part_params
    with _database().cursor() as cursor:
        cursor.execute(f"SELECT md5(concat_ws('|', {', '.join(selects)}))", params)
        return cursor.fetchone()[0]


def _placement_sql(
    name: str,
    cycle: AssessmentCycle,
    *,
    latest: bool,
    bounds: tuple[int, int],
    bands: dict[int, tuple[str, str]],
) -> tuple[str, list]:
    """`WITH … name AS (employee_id, performance, potential)`: everyone with a performance in
    `cycle`, with their potential or NULL: the latest potential assessment (of any cycle when
    `latest`, else of `cycle`), else the managers' placements in `cycle`
    (`talent.selectors.potential_levels`)."""
    rated, rated_params = _compiled(reward_selectors.final_level_rows(cycle=cycle))
    assessed, assessed_params = _compiled(
        potential_assessment_rows(cycle=None if latest else cycle).distinct("employee_id")
    )
    typed, typed_params = _compiled(
        fairness.manager_potential_rows(cycle=cycle).distinct("employee_id")
    )
    rating_band, band_params = _rating_band_sql("r.level", bounds)
    ids, results = bands[cycle.pk]
    sql = (
        f"WITH {name}_rated AS ({rated}), "
        f"{name}_results AS ("
        " SELECT * FROM unnest(%s::bigint[], %s::integer[]) AS s (employee_id, band)), "
        f"{name}_assessed AS ({assessed}), {name}_typed AS ({typed}), "
        f"{name}_performance AS ("
        " SELECT COALESCE(r.employee_id, s.employee_id) AS employee_id,"
        f" CASE WHEN r.employee_id IS NOT NULL THEN {rating_band} ELSE s.band END AS performance"
        f" FROM {name}_rated r FULL JOIN {name}_results s ON s.employee_id = r.employee_id), "
        f"{name} AS ("
        " SELECT p.employee_id, p.performance, COALESCE(a.potential, t.potential) AS potential"
        f" FROM {name}_performance p"
        f" LEFT JOIN {name}_assessed a ON a.employee_id = p.employee_id"
        f" LEFT JOIN {name}_typed t ON t.employee_id = p.employee_id)"
    )
    params = [*rated_params, ids, results, *assessed_params, *typed_params, *band_params]
    return sql, params


def _rating_band_sql(level: str, bounds: tuple[int, int]) -> tuple[str, list]:
    """`performance.band_rating` of the column `level` on a scale from `bounds[0]` to
    `bounds[1]`."""
    lowest, highest = bounds
    span = highest - lowest
    if span <= 0:
        return "2", []
    position = f"(LEAST(GREATEST({level}, %s), %s) - %s) * 3"
    sql = f"CASE WHEN {position} < %s THEN 1 WHEN {position} > %s THEN 3 ELSE 2 END"
    return sql, [lowest, highest, lowest, span, lowest, highest, lowest, 2 * span]


# --- The page's pieces -------------------------------------------------------------------------


class _Moves(Sequence):
    """The people who changed box ({employee id: (box then, box now)}), by name, read a slice
    at a time (what a page shows)."""

    def __init__(self, moved: dict[int, tuple[Box, Box]]) -> None:
        self.moved = moved

    def __len__(self) -> int:
        return len(self.moved)

    def count(self, value: Any = None) -> int:  # what Paginator asks
        return len(self.moved)

    def __getitem__(self, index):  # type: ignore[override]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self.moved))
        if stop <= start:
            return []
        people = _by_name(list(self.moved), start, stop).only(*MOVE_FIELDS)
        return [_move(person, *self.moved[person.pk]) for person in people]


def _move(employee: Employee, then: Box, now: Box) -> dict:
    return {
        "employee": employee,
        "from": potential.box_name(*then),
        "to": potential.box_name(*now),
        "up": sum(now) > sum(then),
    }


def _boxes(counts: Counter) -> list[list[dict]]:
    """`potential.boxes` with each box's number of people instead of its people."""
    return [
        [
            {
                **{name: value for name, value in box.items() if name != "people"},
                "count": counts[(box["performance"], box["potential"])],
            }
            for box in row
        ]
        for row in potential.boxes({}, {})
    ]
