"""Reads of the goal cascade: the forest of goals a viewer sees (strategic, tactical,
operational, a few levels at once) and a goal's subtree loaded on demand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from goals import kpi as kpi_math
from goals.models import (
    Goal,
    GoalAlignment,
)
from goals.selectors import KPI_COLUMNS, goal_list, goal_list_judged
from plms.tenancy.actors import Actor

# --- Goals -----------------------------------------------------------------------------------


TREE_DEPTH = 2  # levels of the tree shown at once; deeper goals are loaded on demand
LEVEL_ORDER = {"strategic": 0, "tactical": 1, "operational": 2}


@dataclass
class TreeNode:
    goal: Goal
    children: list[TreeNode]
    rolled_up: Decimal | None
    more: int = 0  # supporting goals not shown yet (below the depth shown at once)


@dataclass
class GoalForest:
    """The cascade of visible active and draft goals, as ids: `roots` (goals without a visible
    parent, strategic first, then by title), each goal's `children`, and what the roll-up
    reads (`progress`, `weights`)."""

    roots: list[int]
    children: dict[int, list[int]]
    progress: dict[int, Decimal | None]
    weights: dict[int, Decimal]
    _rolled_up: dict[int, Decimal | None] = field(default_factory=dict, repr=False)

    def rolled_up(self, goal_id: int) -> Decimal | None:
        """The goal's progress rolled up through the forest; each goal's is computed once for
        all the goals of a page."""
        return kpi_math.rollup(
            goal_id,
            children=self.children,
            own_progress=self.progress,
            weights=self.weights,
            memo=self._rolled_up,
        )


def goal_forest(*, actor: Actor) -> GoalForest:
    """Two queries whatever the size of the tree (the goals as plain values, the alignments);
    a goal supporting two parents is under both."""
    goals = goal_list(actor=actor).exclude(status=Goal.Status.CANCELLED).order_by()
    rows = goals.values_list("pk", "level", "title", "weight", *KPI_COLUMNS)
    progress: dict[int, Decimal | None] = {}
    weights: dict[int, Decimal] = {}
    order: dict[int, tuple] = {}
    for pk, level, title, weight, *kpi in rows:
        progress[pk] = kpi_math.progress_percent(kpi_math.Kpi(*kpi))
        weights[pk] = weight
        order[pk] = (LEVEL_ORDER.get(level, 3), title, pk)
    children: dict[int, list[int]] = defaultdict(list)
    has_parent: set[int] = set()
    # The alignments of visible goals to visible goals: the rule again as a subquery for the
    # supporting goal (a list of every visible goal's id made the statement itself the
    # slowest part of the page), the goal supported looked up here.
    edges = GoalAlignment.objects.filter(child_id__in=goals.values("pk"))
    for child_id, parent_id in edges.values_list("child_id", "parent_id").order_by("id"):
        if parent_id in progress:
            children[parent_id].append(child_id)
            has_parent.add(child_id)
    roots = sorted((pk for pk in progress if pk not in has_parent), key=order.__getitem__)
    return GoalForest(roots=roots, children=dict(children), progress=progress, weights=weights)


def goal_tree(
    *,
    actor: Actor,
    forest: GoalForest,
    ids: Sequence[int],
    depth: int = TREE_DEPTH,
    today: date | None = None,
) -> list[TreeNode]:
    """The nodes of goals `ids` of `forest` with their supporting goals `depth` levels down
    (deeper ones are counted in `more`), each with its progress rolled up through the whole
    forest. Two queries (the goals shown, the goal settings)."""
    shown: set[int] = set()
    level = [(pk, frozenset({pk})) for pk in ids]
    for step in range(depth):
        shown.update(pk for pk, _path in level)
        if step == depth - 1:
            break  # the level below is only counted, by `build`
        level = [
            (kid, path | {kid})
            for pk, path in level
            for kid in forest.children.get(pk, ())
            if kid not in path
        ]
    goals = {
        goal.pk: goal
        for goal in goal_list_judged(goal_list(actor=actor).filter(pk__in=shown), today=today)
    }

    def build(pk: int, path: frozenset[int], remaining: int) -> TreeNode:
        kids = [kid for kid in forest.children.get(pk, ()) if kid not in path]
        node = TreeNode(goal=goals[pk], children=[], rolled_up=forest.rolled_up(pk))
        if remaining > 1:
            node.children = [build(kid, path | {kid}, remaining - 1) for kid in kids]
        else:
            node.more = len(kids)
        return node

    return [build(pk, frozenset({pk}), depth) for pk in ids if pk in goals]
