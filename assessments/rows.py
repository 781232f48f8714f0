"""Assessments as plain rows: the API's lists of assessments and of peer nominations, paged
cycle by cycle, without model instances.

Both lists are ordered newest cycle first, then by the person's name (`-cycle__period_end`,
`employee__last_name`, ...): an order across three tables that no index holds, so each page
joined every assessment the caller may see (180,000 for HR) to its cycle and people and
sorted them all, about a second. Within one cycle the same order is the people's name index
(`employee_org_name_order`) walked in a nested loop, each person's few assessments sorted
as they come (an incremental sort): `CyclePagePaginator` counts the assessments per cycle,
finds the cycles a page falls in and reads the page's ids cycle by cycle in that order, then
the page's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.utils.functional import cached_property

from assessments.models import Assessment
from plms.common.api import api_date_time
from plms.common.db import index_order
from plms.tenancy.models import CurrentOrganizationId

NEWEST_CYCLE_FIRST = "-cycle__period_end"
# A cycle's share of a page read by sorting rather than by walking the name index.
SORTED_UP_TO = 2000


class CyclePagePaginator(Paginator):
    """Pages of a list of assessments ordered newest cycle first (`NEWEST_CYCLE_FIRST`, then
    any order within a cycle) whose ids are read cycle by cycle, holding `assessment_rows()`.
    A list of assessments in another order (a client's `ordering`) is paged as usual, its ids
    first; anything else the view pages (an action's ratings or suggestions) as Django does."""

    object_list: QuerySet[Assessment]

    @cached_property
    def rows(self) -> bool:
        """Whether the pages hold assessment rows (the view's list) or the objects given."""
        return isinstance(self.object_list, QuerySet) and self.object_list.model is Assessment

    @cached_property
    def by_cycle(self) -> bool:
        return self.rows and self.order[:1] == (NEWEST_CYCLE_FIRST,)

    @cached_property
    def order(self) -> tuple[str, ...]:
        return tuple(str(field) for field in self.object_list.query.order_by)

    @cached_property
    def cycles(self) -> list[tuple[list[int], int]]:
        """[(cycle ids, assessments)] newest first; cycles that end on the same day together
        (the order cannot tell them apart). One query."""
        counted = (
            self.object_list.order_by()
            .values_list("cycle__period_end", "cycle_id")
            .annotate(n=Count("id"))
        )
        groups: list[tuple[object, list[int], int]] = []
        for end, cycle_id, n in sorted(counted, reverse=True):
            if groups and groups[-1][0] == end:
                groups[-1][1].append(cycle_id)
                groups[-1] = (end, groups[-1][1], groups[-1][2] + n)
            else:
                groups.append((end, [cycle_id], n))
        return [(cycle_ids, n) for _, cycle_ids, n in groups]

    @cached_property
    def count(self) -> int:
        if not self.by_cycle:
            return Paginator.count.func(self)  # type: ignore[attr-defined]
        return sum(n for _, n in self.cycles)

    def page(self, number) -> Page:
        if not self.rows:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        ids = self._ids(bottom, top)
        return self._get_page(assessment_rows(ids) if ids else [], number, self)  # type: ignore[attr-defined]

    def _ids(self, bottom: int, top: int) -> list[int]:
        ids_query = self.object_list.values_list("id", flat=True)
        if not self.by_cycle:
            return list(ids_query[bottom:top])
        # The people's name index, with its organisation as a constant (row-level security's
        # test on the joined table is no equality the index can start from).
        ids_query = ids_query.filter(employee__organization_id=CurrentOrganizationId())
        ids: list[int] = []
        for cycle_ids, low, high, large in self._spans(bottom, top):
            within = ids_query.filter(cycle_id__in=cycle_ids)
            if large:  # one cycle: its own order, on the index
                with index_order():
                    ids += within.order_by(*self.order[1:])[low:high]
            else:  # cycles of fewer rows than a page, sorted together
                ids += within[low:high]
        return ids

    def _spans(self, bottom: int, top: int) -> list[tuple[list[int], int, int, bool]]:
        """What to read for rows `bottom` to `top`: (cycle ids, from, to within them, one
        large cycle). A page spans at most three reads: the end of a large cycle, the small
        cycles after it together, the start of the next large one."""
        spans: list[tuple[list[int], int, int, bool]] = []
        span_start = start = 0
        for cycle_ids, n in self.cycles:
            low, high = max(bottom, start), min(top, start + n)
            if low < high:
                large = n > SORTED_UP_TO
                if spans and not large and not spans[-1][3]:
                    ids, first, _, _ = spans[-1]
                    spans[-1] = (ids + cycle_ids, first, high - span_start, False)
                else:
                    span_start = start
                    spans.append((cycle_ids, low - start, high - start, large))
            start += n
            if start >= top:
                break
        return spans


ASSESSMENT_ROW_FIELDS = (
    "id",
    "uuid",
    "cycle__uuid",
    "employee__uuid",
    "rater__uuid",
    "rater__first_name",
    "rater__last_name",
    "kind",
    "weight",
    "status",
    "performance",
    "potential",
    "submitted_at",
    "created_at",
    "updated_at",
)


def assessment_rows(ids: Sequence[int]) -> list[dict[str, Any]]:
    """These assessments as dicts of `ASSESSMENT_ROW_FIELDS`, in the order of `ids` (one
    query)."""
    rows = {
        row["id"]: row
        for row in Assessment.objects.filter(id__in=ids).order_by().values(*ASSESSMENT_ROW_FIELDS)
    }
    return [rows[pk] for pk in ids if pk in rows]


def assessment_list_item(row: dict, *, zone: tzinfo) -> dict:
    """`AssessmentSerializer`'s representation of an `assessment_rows()` row, field for field
    and in its order (`zone`: the current time zone)."""
    return {
        "id": str(row["uuid"]),
        "cycle": str(row["cycle__uuid"]),
        "employee": str(row["employee__uuid"]),
        "rater": str(row["rater__uuid"]),
        "kind": row["kind"],
        "weight": row["weight"],
        "status": row["status"],
        "performance": row["performance"],
        "potential": row["potential"],
        "submitted_at": api_date_time(row["submitted_at"], zone),
        "created_at": api_date_time(row["created_at"], zone),
        "updated_at": api_date_time(row["updated_at"], zone),
    }


def peer_nomination_list_item(row: dict, *, zone: tzinfo) -> dict:
    """`PeerNominationSerializer`'s representation of an `assessment_rows()` row."""
    return {
        "id": str(row["uuid"]),
        "cycle": str(row["cycle__uuid"]),
        "employee": str(row["employee__uuid"]),
        "peer": str(row["rater__uuid"]),
        "peer_name": f"{row['rater__first_name']} {row['rater__last_name']}".strip(),
        "status": row["status"],
        "created_at": api_date_time(row["created_at"], zone),
    }
