"""Reads of the goal cascade: the forest of goals a viewer sees (strategic, tactical,
operational, a few levels at once) and a goal's subtree loaded on demand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When

from goals import kpi as kpi_math
from goals.models import (
    Goal,
    GoalAlignment,
)
from goals.rollups import goal_rollups
from goals.selectors import KPI_COLUMNS, goal_list, goal_list_judged, goal_visibility_q
from plms.tenancy.actors import Actor

# --- Goals -----------------------------------------------------------------------------------


TREE_DEPTH = 2  # levels of the tree shown at once; deeper goals are loaded on demand
# Levels of the trees of pages shown at once: the organisation's top-level goals are supported
# by hundreds of goals each (a page of twenty strategic goals showed 143 goals, 85 KB; a
# manager's first page, 69 KB, half of its time rendering them).
ORGANISATION_TREE_DEPTH = 1
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
    depth: int = TREE_DEPTH
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

    def contains(self, goal: Goal) -> bool:
        return goal.pk in self.progress

    def children_of(self, ids: Iterable[int]) -> dict[int, list[int]]:
        return {pk: self.children.get(pk, []) for pk in ids}

    def counts_of(self, ids: Iterable[int]) -> dict[int, int]:
        return {pk: len(self.children.get(pk, ())) for pk in ids}

    def rolled_up_of(self, goals: Iterable[Goal]) -> dict[int, Decimal | None]:
        return {goal.pk: self.rolled_up(goal.pk) for goal in goals}


class PagedForest:
    """The cascade of the goals a viewer sees (`visible`, a condition on goals; every goal for
    HR admins) but the cancelled ones, read a page at a time instead of whole: the top-level
    goals are ordered and paged by the database, a level's supporting goals are looked up by
    their parents, and the roll-ups are the stored ones (`goals.rollups`, kept on write).

    Its structure is `GoalForest`'s for the same viewer (the same top-level goals in the same
    order, the same supporting goals); its roll-ups are the goals' own, over every goal that
    is not cancelled, which is what HR admins see too: a goal's rolled-up progress is one
    figure whoever looks at it."""

    def __init__(self, *, visible: Q | None = None, depth: int = TREE_DEPTH) -> None:
        self.visible = visible
        self.depth = depth

    def _goals(self) -> QuerySet[Goal]:
        goals = Goal.objects.exclude(status=Goal.Status.CANCELLED)
        return goals if self.visible is None else goals.filter(self.visible)

    def _edges(self) -> QuerySet[GoalAlignment]:
        """The alignments whose supporting goal is visible and not cancelled."""
        edges = GoalAlignment.objects.exclude(child__status=Goal.Status.CANCELLED)
        if self.visible is not None:
            edges = edges.filter(child_id__in=self._goals().order_by().values("pk"))
        return edges

    @cached_property
    def roots(self) -> list[int]:
        """The visible goals without a visible parent that is not cancelled, in
        `GoalForest`'s order: their ids in one query (1,810 of 30,000 goals in the benchmark's
        organisation, for HR admins)."""
        supported = GoalAlignment.objects.filter(child=OuterRef("pk")).exclude(
            parent__status=Goal.Status.CANCELLED
        )
        if self.visible is not None:
            supported = supported.filter(parent_id__in=self._goals().order_by().values("pk"))
        level = Case(
            *(When(level=name, then=Value(rank)) for name, rank in LEVEL_ORDER.items()),
            default=Value(len(LEVEL_ORDER)),
        )
        roots = self._goals().exclude(Exists(supported)).order_by(level, "title", "pk")
        return list(roots.values_list("pk", flat=True))

    def contains(self, goal: Goal) -> bool:
        """Whether a goal the viewer may see is in the forest."""
        return goal.status != Goal.Status.CANCELLED

    def children_of(self, ids: Iterable[int]) -> dict[int, list[int]]:
        ids = list(ids)
        children: dict[int, list[int]] = {pk: [] for pk in ids}
        if not ids:
            return children
        edges = self._edges().filter(parent_id__in=ids).order_by("id")
        for parent_id, child_id in edges.values_list("parent_id", "child_id"):
            children[parent_id].append(child_id)
        return children

    def counts_of(self, ids: Iterable[int]) -> dict[int, int]:
        """How many visible goals support each of `ids` (one query, which reads no goal's
        row but for the visibility rule)."""
        ids = list(ids)
        counts = dict.fromkeys(ids, 0)
        if ids:
            edges = (
                self._edges()
                .filter(parent_id__in=ids)
                .order_by()
                .values("parent_id")
                .annotate(n=Count("id"))
                .values_list("parent_id", "n")
            )
            counts.update(edges)
        return counts

    def rolled_up_of(self, goals: Iterable[Goal]) -> dict[int, Decimal | None]:
        """Judged goals' roll-ups: the stored one, else the goal's own progress."""
        goals = list(goals)
        stored = goal_rollups(goal.pk for goal in goals)
        return {goal.pk: stored.get(goal.pk, goal.progress) for goal in goals}


class OrganisationForest(PagedForest):
    """The whole organisation's cascade, for viewers who see every goal (HR admins): one
    level at a time (its top-level goals are supported by hundreds of goals each)."""

    def __init__(self) -> None:
        super().__init__(visible=None, depth=ORGANISATION_TREE_DEPTH)


class VisibleForest(PagedForest):
    """The cascade of the goals a viewer who sees part of the organisation's goals may see
    (`visible`), its structure read in two queries of ids (the visible goals in the tree's
    order, and their alignments), the roll-ups stored. The visibility rule is a recursive
    query over the viewer's reports: asked once per goal in the database, as the top-level
    goals' anti-join would ask it, it took seconds for a line of 1,656 people."""

    @cached_property
    def _structure(self) -> tuple[list[int], dict[int, list[int]]]:
        level = Case(
            *(When(level=name, then=Value(rank)) for name, rank in LEVEL_ORDER.items()),
            default=Value(len(LEVEL_ORDER)),
        )
        goals = self._goals()
        ordered = list(goals.order_by(level, "title", "pk").values_list("pk", flat=True))
        visible = set(ordered)
        children: dict[int, list[int]] = defaultdict(list)
        supported: set[int] = set()
        edges = GoalAlignment.objects.filter(child_id__in=goals.order_by().values("pk"))
        for child_id, parent_id in edges.order_by("id").values_list("child_id", "parent_id"):
            if parent_id in visible:
                children[parent_id].append(child_id)
                supported.add(child_id)
        return [pk for pk in ordered if pk not in supported], dict(children)

    @cached_property
    def roots(self) -> list[int]:
        return self._structure[0]

    def children_of(self, ids: Iterable[int]) -> dict[int, list[int]]:
        children = self._structure[1]
        return {pk: list(children.get(pk, ())) for pk in ids}

    def counts_of(self, ids: Iterable[int]) -> dict[int, int]:
        children = self._structure[1]
        return {pk: len(children.get(pk, ())) for pk in ids}


def goal_forest(*, actor: Actor) -> PagedForest:
    """The forest the actor sees, read a page at a time: the whole organisation's for HR
    admins (`OrganisationForest`), else the goals they may see (`VisibleForest`)."""
    if actor.is_admin:
        return OrganisationForest()
    return VisibleForest(visible=goal_visibility_q(actor=actor), depth=ORGANISATION_TREE_DEPTH)


def visible_goal_forest(*, actor: Actor) -> GoalForest:
    """The forest of the goals the actor may see, whole: two queries whatever its size (the
    goals as plain values, the alignments); a goal supporting two parents is under both."""
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
    forest: GoalForest | PagedForest,
    ids: Sequence[int],
    depth: int | None = None,
    today: date | None = None,
) -> list[TreeNode]:
    """The nodes of goals `ids` of `forest` with their supporting goals `depth` levels down
    (the forest's depth by default; deeper ones are counted in `more`), each with its progress
    rolled up through the whole forest. The same queries whatever the size of the forest (the
    goals shown, the goal settings; for `PagedForest` also each level's supporting
    goals, their counts and the stored roll-ups)."""
    depth = forest.depth if depth is None else depth
    children: dict[int, list[int]] = {}
    level = list(dict.fromkeys(ids))
    shown = set(level)
    for _step in range(depth - 1):
        children.update(forest.children_of(pk for pk in level if pk not in children))
        level = list(dict.fromkeys(kid for pk in level for kid in children[pk]))
        shown.update(level)
    more = forest.counts_of(level)  # the goals supporting the level shown last are counted
    goals = {
        goal.pk: goal
        for goal in goal_list_judged(goal_list(actor=actor).filter(pk__in=shown), today=today)
    }
    rolled_up = forest.rolled_up_of(goals.values())

    def build(pk: int, path: frozenset[int], remaining: int) -> TreeNode:
        node = TreeNode(goal=goals[pk], children=[], rolled_up=rolled_up[pk])
        if remaining > 1:
            kids = [kid for kid in children.get(pk, ()) if kid not in path]
            node.children = [build(kid, path | {kid}, remaining - 1) for kid in kids]
        else:
            node.more = more[pk]
        return node

    return [build(pk, frozenset({pk}), depth) for pk in ids if pk in goals]
