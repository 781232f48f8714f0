"""Roll-ups of the goal cascade kept on write (as the forecasts are): a goal's progress rolled
up from the goals supporting it, over the organisation's goals that are not cancelled.

The whole organisation's goal tree (what HR admins see) shows each goal's roll-up; computed on
read it needs every goal of the organisation and every alignment (30,000 and 28,190 in the
benchmark's organisation) for a page of twenty. Stored, a page reads the roll-ups of its own
goals. A goal's roll-up changes with its own progress (KPI and current value), its weight, its
status (a cancelled goal leaves the cascade) and its alignments, and then so do those of every
goal it supports, directly or through others: the services refresh the goal and its parents
with every such write, and writers that bypass them (bulk loads, goal templates) refresh the
goals they wrote.

`GoalRollup` holds the roll-ups that come from supporting goals (rounded to 0.01 as
`goals.kpi.rollup` rounds them); every other goal's roll-up is its own progress, computed from
its columns where it is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db.models.expressions import RawSQL

from goals import kpi as kpi_math
from goals.judgement import KPI_COLUMNS
from goals.models import Goal, GoalAlignment, GoalRollup
from plms.tenancy.context import require_organization_id

# Besides the alignments: what a goal's roll-up and those of the goals it supports read.
ROLLUP_FIELDS = (*KPI_COLUMNS, "weight", "status")


def supported_ids(goal_ids: Iterable[int]) -> set[int]:
    """`goal_ids` and every goal they support, directly or through others (one recursive
    query)."""
    ids = sorted(set(goal_ids))
    if not ids:
        return set()
    organization_id = require_organization_id()
    placeholders = ", ".join(["%s"] * len(ids))
    sql = f"""
        WITH RECURSIVE up(id) AS (
            SELECT id FROM goals_goal WHERE organization_id = %s AND id IN ({placeholders})
            UNION
            SELECT a.parent_id FROM goals_goalalignment a JOIN up ON a.child_id = up.id
            WHERE a.organization_id = %s
        )
        SELECT id FROM up
    """
    raw = RawSQL(sql, [organization_id, *ids, organization_id])
    return set(Goal.objects.filter(id__in=raw).values_list("id", flat=True))


def goal_rollups_refresh(*, goal_ids: Iterable[int]) -> int:
    """Compute again the stored roll-ups of `goal_ids` and of every goal they support, from
    the goals supporting each (their stored roll-ups, or their own progress). Five queries
    and at most two writes whatever the number of goals; returns how many roll-ups changed."""
    affected = supported_ids(goal_ids)
    if not affected:
        return 0
    children: dict[int, list[int]] = defaultdict(list)
    edges = (
        GoalAlignment.objects.filter(parent_id__in=affected)
        .exclude(child__status=Goal.Status.CANCELLED)
        .order_by("id")
        .values_list("parent_id", "child_id")
    )
    for parent_id, child_id in edges:
        children[parent_id].append(child_id)
    needed = affected | {kid for kids in children.values() for kid in kids}
    progress: dict[int, Decimal | None] = {}
    weights: dict[int, Decimal] = {}
    cancelled: set[int] = set()
    for pk, weight, status, *kpi in Goal.objects.filter(pk__in=needed).values_list(
        "pk", "weight", "status", *KPI_COLUMNS
    ):
        progress[pk] = kpi_math.progress_percent(kpi_math.Kpi(*kpi))
        weights[pk] = weight
        if status == Goal.Status.CANCELLED:
            cancelled.add(pk)
    stored = dict(GoalRollup.objects.filter(goal_id__in=needed).values_list("goal_id", "rolled_up"))
    # The supporting goals whose roll-ups do not change are known; the others are computed.
    memo = {pk: stored.get(pk, progress.get(pk)) for pk in needed - affected if pk in progress}
    tree = {parent: kids for parent, kids in children.items() if parent in affected}
    fresh: dict[int, Decimal | None] = {}
    for pk in affected & progress.keys():
        kpi_math.rollup(pk, children=tree, own_progress=progress, weights=weights, memo=memo)
        scored = any(memo.get(kid) is not None for kid in children.get(pk, ()))
        fresh[pk] = memo[pk] if scored and pk not in cancelled else None
    return _store(fresh, stored)


def _store(fresh: Mapping[int, Decimal | None], stored: Mapping[int, Decimal]) -> int:
    gone = [pk for pk, value in fresh.items() if value is None and pk in stored]
    changed = [
        GoalRollup(goal_id=pk, rolled_up=value)
        for pk, value in sorted(fresh.items())
        if value is not None and stored.get(pk) != value
    ]
    if gone:
        GoalRollup.objects.filter(goal_id__in=gone).delete()
    if changed:
        organization_id = require_organization_id()
        for rollup in changed:
            rollup.organization_id = organization_id
        GoalRollup.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["organization", "goal"],
            update_fields=["rolled_up"],
        )
    return len(gone) + len(changed)


def goal_rollups(goal_ids: Iterable[int]) -> dict[int, Decimal]:
    """The stored roll-ups of those of `goal_ids` that have one (one query)."""
    rows = GoalRollup.objects.filter(goal_id__in=list(goal_ids)).values_list("goal_id", "rolled_up")
    return dict(rows)
