"""Goal results beside capabilities: the rating form and the results page list the employee's
active and completed goals that exercise each capability (title, progress, RAG in words), only
beside that capability, never someone else's goals, only goals the viewer may see, and in a
number of queries that does not grow with the goals."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.selectors import ratings as rating_selectors
from tests.assessments.conftest import actor_of
from tests.assessments.conftest import closed_cycle as _closed_cycle
from tests.assessments.conftest import count_queries as _count
from tests.conftest import in_org
from tests.goals.factories import GoalCapabilityFactory, GoalContributorFactory, GoalFactory


def _goal(world, capability, *, owner=None, title="Resolve 60 % of calls at first contact", **kw):
    """A goal of `owner` (default: the assessed employee) exercising `capability`."""
    with in_org(world.org):
        if "owner_type" not in kw:
            kw["owner_employee"] = (owner or world.employee).employee
        goal = GoalFactory(organization=world.org, title=title, **kw)
        GoalCapabilityFactory(organization=world.org, goal=goal, capability=capability)
    return goal


def _sections(html: str, world) -> dict[int, str]:
    """The rating form's HTML per capability block, by capability index."""
    parts = {}
    for index, capability in enumerate(world.capabilities):
        start = html.index(f'id="cap-{capability.uuid}"')
        end = html.find('id="cap-', start + 1)
        parts[index] = html[start : end if end != -1 else len(html)]
    return parts


def test_a_goal_appears_beside_the_capability_it_exercises_only(world, client):
    world.launch()
    communication = world.capabilities[0]
    _goal(world, communication, current=Decimal(50))
    _goal(world, communication, owner=world.peer, title="The peer's own goal")
    _goal(world, world.capabilities[1], title="A draft goal", status="draft")
    theirs = world.assessment(rater=world.manager, kind="manager")
    client.force_login(world.manager.user)
    response = client.get(reverse("assessments:assessment_form", args=[theirs.uuid]))
    html = response.content.decode()

    goals = {item["capability"].pk: item["goals"] for item in response.context["items"]}
    assert [g.title for g in goals[communication.pk]] == ["Resolve 60 % of calls at first contact"]
    assert goals[world.capabilities[1].pk] == [] and goals[world.capabilities[2].pk] == []
    sections = _sections(html, world)
    assert "Resolve 60 % of calls at first contact" in sections[0]
    assert "Goal result to consider" in sections[0]
    assert f'aria-labelledby="goals-{communication.uuid}"' in sections[0]
    assert "progress 50 %" in sections[0] and 'class="rag rag-' in sections[0]
    assert "At risk" in sections[0] or "On track" in sections[0] or "Off track" in sections[0]
    assert "Goal result" not in sections[1] and "Goal result" not in sections[2]
    assert "The peer's own goal" not in html and "A draft goal" not in html


def test_the_employee_sees_their_goals_on_the_self_assessment(world, client):
    world.launch()
    _goal(world, world.capabilities[2], title="Close three renewals")
    own = world.assessment(rater=world.employee, kind="self")
    client.force_login(world.employee.user)
    html = client.get(reverse("assessments:assessment_form", args=[own.uuid])).content.decode()
    assert "Close three renewals" in _sections(html, world)[2]


def test_raters_see_only_the_goals_they_may_see(world):
    communication, resolution = world.capabilities[0], world.capabilities[1]
    personal = _goal(world, communication)
    shared = _goal(
        world,
        resolution,
        title="Cut complaints by a third",
        owner_type="organization",
        owner_employee=None,
        level="strategic",
    )
    with in_org(world.org):
        GoalContributorFactory(
            organization=world.org, goal=shared, employee=world.employee.employee
        )

    def seen(member):
        with in_org(world.org):
            results = rating_selectors.goal_results_for_viewer(
                actor=actor_of(member),
                employee=world.employee.employee,
                capabilities=world.capabilities,
            )
        return {capability_id: set(goals) for capability_id, goals in results.items()}

    everything = {communication.pk: {personal}, resolution.pk: {shared}}
    assert seen(world.employee) == everything
    assert seen(world.manager) == everything
    assert seen(world.matrix) == everything
    assert seen(world.hr) == everything
    # A peer or an expert rater sees the organisation's goal, never the personal one.
    assert seen(world.peer) == {resolution.pk: {shared}}
    assert seen(world.expert) == {resolution.pk: {shared}}


def test_ones_own_goal_results_need_no_visibility_query(world):
    """Everyone sees the goals they own or contribute to, so the rule (with its subquery of
    the whole reporting line) is not run for them, as it is not for HR."""
    _goal(world, world.capabilities[0])

    def queries(member):
        with in_org(world.org), CaptureQueriesContext(connection) as captured:
            results = rating_selectors.goal_results_for_viewer(
                actor=actor_of(member),
                employee=world.employee.employee,
                capabilities=world.capabilities,
            )
        assert list(results) == [world.capabilities[0].pk]
        return len(captured)

    assert queries(world.employee) == queries(world.hr) == queries(world.manager) - 1


def test_rating_form_queries_do_not_grow_with_goals(world, client):
    world.launch()
    theirs = world.assessment(rater=world.manager, kind="manager")
    client.force_login(world.manager.user)
    url = reverse("assessments:assessment_form", args=[theirs.uuid])
    _goal(world, world.capabilities[0], title="Goal 0")
    one, _ = _count(client, url)
    for index in range(1, 5):
        _goal(world, world.capabilities[index % 3], title=f"Goal {index}")
    five, response = _count(client, url)
    html = response.content.decode()
    assert all(f"Goal {index}" in html for index in range(5))
    assert one == five


def test_results_page_lists_goal_results_by_capability(world, client):
    _closed_cycle(world, "Results with goals")
    communication = world.capabilities[0]
    _goal(world, communication, title="Goal 0")
    _goal(world, communication, owner=world.peer, title="The peer's own goal")
    client.force_login(world.manager.user)
    url = reverse("assessments:results", args=[world.employee.employee.uuid])
    one, response = _count(client, url)
    html = response.content.decode()
    assert [(c, [g.title for g in goals]) for c, goals in response.context["goal_rows"]] == [
        (communication, ["Goal 0"])
    ]
    assert f'href="#goals-{communication.uuid}"' in html and "Goal 0" in html
    assert "The peer's own goal" not in html
    for index in range(1, 5):
        _goal(world, world.capabilities[index % 3], title=f"Goal {index}")
    five, response = _count(client, url)
    assert all(f"Goal {index}" in response.content.decode() for index in range(5))
    assert one == five


def test_results_page_without_goal_results_says_so(world, client):
    _closed_cycle(world, "Results without goals")
    client.force_login(world.employee.user)
    url = reverse("assessments:results", args=[world.employee.employee.uuid])
    html = client.get(url).content.decode()
    assert "No active or completed goal names a capability of the role yet." in html
