"""Reports over a whole cycle's consolidated levels, cached until something they show changes.

The department heatmap and the HR home's departments x categories aggregate every level of a
cycle (100,000 of them for 10,000 people): a fraction of a second of database work that HR
pages repeat although closed results rarely change. A report is cached under a key that holds

- the cycle's public id and `results_version` (and those of the cycles a report compares it
  with), which every write to its levels increases (`results_changed`: consolidation,
  calibration, a scale remap, a capability merge);
- a fingerprint of what the reports join the levels to: each person's department (a move, a
  new or deleted person) and the ids, public ids and names of departments, capabilities and
  categories, and the scale's proficient level (the gap and team reports count who holds
  it). It is one query over those rows, about 5 ms for 10,000 people, and needs no
  bookkeeping in the code that changes them. The people are counted and summed as a 64-bit
  hash of each id keyed by its department (no text built or sorted: 2 ms where an md5 of
  their text took 6); the other, small tables go in as text.

A report that also depends on something else (a manager's team, a department) names it in
`name`. A changed key is a miss; the stale entry just expires. On other databases than
PostgreSQL (the embedded SQLite default) reports are built each time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import F

from assessments.models import AssessmentCycle
from capabilities.models import Capability, CapabilityCategory, CompetencyScale
from plms.common.build_once import build_once
from plms.people.models import Department, Employee

T = TypeVar("T")


def results_changed(*, cycle_ids: list[int] | None = None) -> None:
    """Record that the consolidated levels of these cycles (all of the organisation's when
    None) changed: their cached reports are no longer used."""
    cycles = AssessmentCycle.objects.all()
    if cycle_ids is not None:
        cycles = cycles.filter(pk__in=cycle_ids)
    cycles.update(results_version=F("results_version") + 1)


def _rows(model, columns: str) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    return (
        f"(SELECT string_agg(ROW({columns})::text, ',' ORDER BY id) FROM {table} "
        "WHERE organization_id = %s)"
    )


def _placements() -> str:
    table = connection.ops.quote_name(Employee._meta.db_table)
    return (
        "(SELECT concat(count(*), ':', sum(hashint8extended(id, coalesce(department_id, 0)))) "
        f"FROM {table} WHERE organization_id = %s)"
    )


def _version_and_fingerprint(cycles: Sequence[AssessmentCycle]) -> tuple[str, str]:
    """The cycles' `results_version`s as stored now and the fingerprint, in one query."""
    parts = [
        _placements(),
        _rows(Department, "id, uuid, name"),
        _rows(Capability, "id, uuid, key, name, category_id"),
        _rows(CapabilityCategory, "id, name"),
        _rows(CompetencyScale, "id, proficient_level"),
    ]
    table = connection.ops.quote_name(AssessmentCycle._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT string_agg(concat(id, '.', results_version), ',' ORDER BY id) "
            f"FROM {table} WHERE id = ANY(%s)), md5(concat_ws('|', {', '.join(parts)}))",
            [[c.pk for c in cycles], *[cycles[0].organization_id] * len(parts)],
        )
        return cursor.fetchone()


def cached_report(
    *,
    cycle: AssessmentCycle,
    name: str,
    build: Callable[[], T],
    other_cycles: Sequence[AssessmentCycle] = (),
) -> T:
    """`build()` (a report of `cycle`'s levels, and of `other_cycles`' when it compares them),
    from the cache while nothing it shows has changed. Runs in the cycle's organisation."""
    if connection.vendor != "postgresql" or not settings.PLMS_RESULTS_CACHE_SECONDS:
        return build()
    cycles = [cycle, *other_cycles]

    def key() -> str:
        versions, fingerprint = _version_and_fingerprint(cycles)
        return f"plms:results:{name}:{cycle.uuid}:{versions}:{fingerprint}"

    before = key()
    # One build per key (the web worker's threads would each hold the whole report), kept
    # only if nothing changed while it was built: a report of newer data under an older key
    # could be served again if that change were later undone.
    return build_once(
        before,
        build,
        seconds=settings.PLMS_RESULTS_CACHE_SECONDS,
        keep=lambda: key() == before,
    )
