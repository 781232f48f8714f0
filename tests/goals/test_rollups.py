"""Roll-ups kept on write (`goals.rollups`): after every service write that changes what a
roll-up reads, the stored roll-ups equal those computed again over the whole forest, and the
organisation's goal tree (HR admins) shows what the tree computed on read shows."""

from __future__ import annotations

import importlib
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from goals import rollups, services
from goals import tree as tree_selectors
from goals.models import Goal, GoalRollup
from tests.conftest import in_org
from tests.goals.conftest import actor_for
from tests.goals.factories import GoalAlignmentFactory, GoalFactory

pytestmark = pytest.mark.usefixtures("in_a")


def _computed(hr) -> dict[int, D]:
    """Every roll-up that comes from supporting goals, computed on read over the forest HR
    admins see."""
    forest = tree_selectors.visible_goal_forest(actor=hr)
    return {
        pk: forest.rolled_up(pk)
        for pk, kids in forest.children.items()
        if any(forest.rolled_up(kid) is not None for kid in kids)
    }


def _stored() -> dict[int, D]:
    return dict(GoalRollup.objects.values_list("goal_id", "rolled_up"))


def _nodes(nodes) -> list:
    return [(n.goal.pk, n.rolled_up, n.more, _nodes(n.children)) for n in nodes]


def _same_tree(hr) -> None:
    stored = tree_selectors.goal_forest(actor=hr)
    computed = tree_selectors.visible_goal_forest(actor=hr)
    assert isinstance(stored, tree_selectors.OrganisationForest)
    assert list(stored.roots) == computed.roots
    for depth in (1, 3):  # the whole cascade, and the levels as the page shows them
        assert _nodes(
            tree_selectors.goal_tree(actor=hr, forest=stored, ids=stored.roots, depth=depth)
        ) == _nodes(
            tree_selectors.goal_tree(actor=hr, forest=computed, ids=computed.roots, depth=depth)
        )


@pytest.fixture
def cascade(org_a, cast):
    """A strategy supported by two tactical goals, supported by three operational ones (one
    under both), weighted unevenly, with thirds and sevenths of progress; written directly, so
    refreshed as bulk loads are."""

    def make(title, level="operational", current=None, weight=D(1), **fields):
        return GoalFactory(
            organization=org_a,
            owner_employee=cast.owner.employee,
            title=title,
            level=level,
            current=current,
            weight=weight,
            **fields,
        )

    goals = {
        "strategy": make("Strategy", "strategic", current=D(50)),
        "sales": make("Sales", "tactical", weight=D(3)),
        "service": make("Service", "tactical", current=D(41)),
        "calls": make("Calls", current=D("46.6666"), weight=D(2)),
        "visits": make("Visits", current=D(47), target=D(61)),
        "shared": make("Shared", current=D(55), weight=D("0.5")),
        "draft": make("Draft", status=Goal.Status.DRAFT, current=D(60)),
    }
    for child, parent in (
        ("sales", "strategy"),
        ("service", "strategy"),
        ("calls", "sales"),
        ("visits", "sales"),
        ("shared", "sales"),
        ("shared", "service"),
    ):
        GoalAlignmentFactory(organization=org_a, child=goals[child], parent=goals[parent])
    rollups.goal_rollups_refresh(goal_ids=[goal.pk for goal in goals.values()])
    return goals


def test_a_bulk_refresh_stores_the_roll_ups_of_the_forest(cast, cascade):
    hr = actor_for(cast.hr)
    stored = _stored()
    assert stored == _computed(hr)
    assert set(stored) == {cascade[name].pk for name in ("strategy", "sales", "service")}
    # Goals without supporting goals keep no row: their roll-up is their own progress.
    assert rollups.goal_rollups_refresh(goal_ids=[cascade["calls"].pk]) == 0
    _same_tree(hr)


def test_the_migration_stores_the_roll_ups_of_the_goals_there_are(cast, cascade):
    expected = _stored()
    GoalRollup.objects.all().delete()
    migration = importlib.import_module("goals.migrations.0009_goal_rollups")
    migration.store_rollups(apps, SimpleNamespace(connection=connection))
    assert _stored() == expected


def test_recording_progress_refreshes_the_goals_it_supports(cast, cascade):
    hr = actor_for(cast.hr)
    before = _stored()
    services.goal_progress_record(actor=hr, goal=cascade["shared"], value=D(59))
    after = _stored()
    assert after == _computed(hr)
    for name in ("strategy", "sales", "service"):
        assert after[cascade[name].pk] != before[cascade[name].pk]
    _same_tree(hr)


def test_a_change_of_kpi_or_weight_refreshes_the_goals_it_supports(cast, cascade):
    hr = actor_for(cast.hr)
    draft = cascade["draft"]
    services.goal_update(actor=hr, goal=draft, version=draft.version, parents=[cascade["service"]])
    assert _stored() == _computed(hr)
    draft.refresh_from_db()
    services.goal_update(actor=hr, goal=draft, version=draft.version, target=D(80), weight=D(4))
    assert _stored() == _computed(hr)
    # An active goal's weight changes when the change is approved.
    visits = cascade["visits"]
    before = _stored()
    services.goal_update(
        actor=hr, goal=visits, version=visits.version, weight=D(5), justification="Priority"
    )
    assert _stored() == before
    change = visits.change_requests.get()
    services.goal_change_request_decide(actor=hr, change_request=change, approve=True)
    assert _stored() == _computed(hr) != before
    _same_tree(hr)


def test_realigning_a_goal_refreshes_its_old_and_new_parents(cast, cascade):
    hr = actor_for(cast.hr)
    shared = cascade["shared"]
    services.goal_update(actor=hr, goal=shared, version=shared.version, parents=[])
    stored = _stored()
    assert stored == _computed(hr)
    # The service goal has no scored supporting goal left: its roll-up is its own progress.
    assert cascade["service"].pk not in stored
    calls = cascade["calls"]
    services.goal_update(actor=hr, goal=calls, version=calls.version, parents=[cascade["service"]])
    assert _stored() == _computed(hr) and cascade["service"].pk in _stored()
    _same_tree(hr)


def test_cancelling_or_creating_a_goal_refreshes_the_goals_it_supports(cast, cascade):
    hr = actor_for(cast.hr)
    services.goal_transition(actor=hr, goal=cascade["calls"], status=Goal.Status.CANCELLED)
    assert _stored() == _computed(hr)
    services.goal_transition(actor=hr, goal=cascade["sales"], status=Goal.Status.CANCELLED)
    stored = _stored()
    assert stored == _computed(hr) and cascade["sales"].pk not in stored
    services.goal_create(
        actor=hr,
        title="New",
        owner_employee=cast.owner.employee,
        parents=[cascade["strategy"]],
        baseline=D(0),
        target=D(10),
    )
    assert _stored() == _computed(hr)
    _same_tree(hr)


def test_roll_ups_stay_in_their_organisation(cast, cascade, org_b):
    with in_org(org_b):
        assert not GoalRollup.objects.exists()
        assert rollups.goal_rollups_refresh(goal_ids=[cascade["strategy"].pk]) == 0


def _shape(nodes) -> list:
    return [(n.goal.pk, n.more, _shape(n.children)) for n in nodes]


def _rolled_up(nodes) -> dict:
    found = {}
    for node in nodes:
        found[node.goal.pk] = node.rolled_up
        found.update(_rolled_up(node.children))
    return found


@pytest.mark.parametrize("viewer", ["manager", "owner"])
def test_a_managers_tree_is_read_a_page_at_a_time_with_the_stored_roll_ups(
    cast, cascade, org_a, viewer
):
    """Viewers who see part of the organisation's goals get the tree of the goals they see
    (the same top-level goals, levels and counts as computed on read over them), with the
    goals' stored roll-ups: the figure HR admins see, over every goal."""
    member = getattr(cast, viewer)
    actor = actor_for(member)
    # A goal the viewer may not see, under the strategy: in its roll-up, not in the tree.
    hidden = GoalFactory(
        organization=org_a, owner_employee=cast.contributor.employee, current=D(59), title="Hid"
    )
    services.goal_update(
        actor=actor_for(cast.hr), goal=hidden, version=hidden.version, parents=[cascade["draft"]]
    )
    services.goal_progress_record(actor=actor_for(cast.hr), goal=cascade["calls"], value=D(52))
    paged = tree_selectors.goal_forest(actor=actor)
    computed = tree_selectors.visible_goal_forest(actor=actor)
    assert isinstance(paged, tree_selectors.PagedForest)
    assert hidden.pk not in computed.progress
    assert list(paged.roots) == computed.roots
    stored = _stored()
    for depth in (1, 2, 3):
        shown = tree_selectors.goal_tree(actor=actor, forest=paged, ids=paged.roots, depth=depth)
        assert _shape(shown) == _shape(
            tree_selectors.goal_tree(actor=actor, forest=computed, ids=computed.roots, depth=depth)
        )
        for pk, rolled_up in _rolled_up(shown).items():
            own = computed.progress[pk]
            assert rolled_up == stored.get(pk, own)
    assert stored[cascade["draft"].pk] == D(95)  # the hidden goal's progress, rolled up
    assert stored == _computed(actor_for(cast.hr))
