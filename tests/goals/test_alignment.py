"""Goals name the capabilities they exercise and the role key result they serve: services,
the SMART-R "relevant" rule, the selector other apps call, the API, the form."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capabilities.services import library as library_services
from goals import selectors, services
from goals.models import Goal, GoalCapability
from plms.common.errors import ApplicationError, NotFound
from tests.capabilities.factories import (
    CapabilityFactory,
    KeyResultFactory,
    RoleAssignmentFactory,
)
from tests.conftest import in_org
from tests.goals.conftest import actor_for
from tests.goals.factories import GoalCapabilityFactory, GoalContributorFactory, GoalFactory

SMART = {
    "unit": "%",
    "baseline": D(60),
    "target": D(70),
    "start_date": date(2027, 1, 1),
    "due_date": date(2027, 3, 31),
}
TITLE = "Raise first-contact resolution to 70 %"


@pytest.fixture
def role_of_owner(org_a, cast):
    """The owner holds a job role with a key result."""
    key_result = KeyResultFactory(organization=org_a, outcome="Customers' issues solved")
    RoleAssignmentFactory(organization=org_a, employee=cast.owner.employee, role=key_result.role)
    return key_result


# --- Services and the SMART-R check ----------------------------------------------------------


def test_a_goal_serving_a_key_result_of_the_owners_role_is_relevant(in_a, cast, role_of_owner):
    capability = CapabilityFactory(organization=in_a)
    goal = services.goal_create(
        actor=actor_for(cast.owner),
        title=TITLE,
        key_result=role_of_owner,
        capabilities=[capability],
        **SMART,
    )
    assert goal.key_result == role_of_owner and list(goal.capabilities.all()) == [capability]
    check = selectors.goal_smart_check(goal)
    assert next(r for r in check.rules if r.name == "relevant").passed
    assert check.passed  # no parent goal needed
    services.goal_transition(actor=actor_for(cast.owner), goal=goal, status="active")
    created = selectors.goal_history(goal=goal).get(action="goal.created")
    assert created.changes["key_result"] == str(role_of_owner.uuid)
    assert created.changes["capabilities"] == [str(capability.uuid)]


def test_without_a_parent_or_a_key_result_the_goal_is_not_relevant(in_a, cast):
    goal = services.goal_create(actor=actor_for(cast.owner), title=TITLE, **SMART)
    assert not next(
        r for r in selectors.goal_smart_check(goal).rules if r.name == "relevant"
    ).passed


def test_a_key_result_of_another_role_is_refused(in_a, cast, role_of_owner):
    other = KeyResultFactory(organization=in_a)
    with pytest.raises(ApplicationError) as caught:
        services.goal_create(actor=actor_for(cast.owner), title=TITLE, key_result=other, **SMART)
    assert caught.value.code == "key_result_not_in_role"
    assert "key_result" in caught.value.fields
    assert not Goal.objects.filter(title=TITLE).exists()


def test_another_organizations_key_result_or_capability_is_not_found(in_a, org_b, cast):
    with in_org(org_b):
        foreign_key_result = KeyResultFactory(organization=org_b)
        foreign_capability = CapabilityFactory(organization=org_b)
    for extra in ({"key_result": foreign_key_result}, {"capabilities": [foreign_capability]}):
        with pytest.raises(NotFound):
            services.goal_create(actor=actor_for(cast.owner), title=TITLE, **SMART, **extra)


def test_a_retired_capability_cannot_be_named(in_a, cast):
    retired = CapabilityFactory(organization=in_a, status="retired")
    with pytest.raises(ApplicationError) as caught:
        services.goal_create(
            actor=actor_for(cast.owner), title=TITLE, capabilities=[retired], **SMART
        )
    assert "capabilities" in caught.value.fields


def test_updating_alignment_is_versioned_and_recorded(in_a, cast, goal, role_of_owner):
    first, second = CapabilityFactory(organization=in_a), CapabilityFactory(organization=in_a)
    owner = actor_for(cast.owner)
    goal = services.goal_update(
        actor=owner, goal=goal, version=1, capabilities=[first], key_result=role_of_owner
    )
    assert goal.version == 2
    goal = services.goal_update(actor=owner, goal=goal, version=2, capabilities=[second])
    assert list(goal.capabilities.all()) == [second]
    changes = selectors.goal_history(goal=goal).filter(action="goal.updated").first().changes
    assert changes["capabilities"] == {"before": [str(first.uuid)], "after": [str(second.uuid)]}
    other = KeyResultFactory(organization=in_a)
    with pytest.raises(ApplicationError) as caught:
        services.goal_update(actor=owner, goal=goal, version=goal.version, key_result=other)
    assert caught.value.code == "key_result_not_in_role"


def test_a_merged_capability_moves_to_the_kept_one(in_a, cast, goal):
    keep, duplicate = CapabilityFactory(organization=in_a), CapabilityFactory(organization=in_a)
    other = GoalFactory(organization=in_a, owner_employee=cast.owner.employee)
    GoalCapabilityFactory(organization=in_a, goal=goal, capability=duplicate)
    GoalCapabilityFactory(organization=in_a, goal=other, capability=duplicate)
    GoalCapabilityFactory(organization=in_a, goal=other, capability=keep)
    library_services.capability_merge(actor=actor_for(cast.hr), keep=keep, duplicate=duplicate)
    assert list(goal.capabilities.all()) == [keep] and list(other.capabilities.all()) == [keep]
    assert not GoalCapability.objects.filter(capability=duplicate).exists()


# --- Goal results beside capabilities (for assessments) --------------------------------------


def test_goal_results_appear_beside_the_capabilities_they_exercise(in_a, cast, goal):
    communication, analysis = (CapabilityFactory(organization=in_a) for _ in range(2))
    GoalCapabilityFactory(organization=in_a, goal=goal, capability=communication)
    contributed = GoalFactory(organization=in_a, owner_employee=cast.peer.employee)
    GoalContributorFactory(organization=in_a, goal=contributed, employee=cast.owner.employee)
    GoalCapabilityFactory(organization=in_a, goal=contributed, capability=communication)
    GoalCapabilityFactory(organization=in_a, goal=contributed, capability=analysis)
    draft = GoalFactory(organization=in_a, owner_employee=cast.owner.employee, status="draft")
    GoalCapabilityFactory(organization=in_a, goal=draft, capability=analysis)
    someone_elses = GoalFactory(organization=in_a, owner_employee=cast.peer.employee)
    GoalCapabilityFactory(organization=in_a, goal=someone_elses, capability=analysis)

    results = selectors.goal_results_by_capability(employee=cast.owner.employee)
    assert set(results[communication.pk]) == {goal, contributed}
    assert results[analysis.pk] == [contributed]
    assert all(hasattr(g, "rag") and hasattr(g, "progress") for g in results[communication.pk])
    only = selectors.goal_results_by_capability(
        employee=cast.owner.employee, capabilities=[analysis]
    )
    assert only == {analysis.pk: [contributed]}
    assert selectors.goal_results_by_capability(employee=cast.manager.employee) == {}


def test_goal_results_by_capability_take_constant_queries(in_a, cast):
    owner = cast.owner.employee

    def grow(n):
        for _ in range(n):
            goal = GoalFactory(organization=in_a, owner_employee=owner)
            GoalCapabilityFactory(organization=in_a, goal=goal)
            GoalCapabilityFactory(organization=in_a, goal=goal)

    def count():
        with CaptureQueriesContext(connection) as captured:
            selectors.goal_results_by_capability(employee=owner)
        return len(captured)

    grow(2)
    first = count()
    grow(8)
    assert count() == first


# --- API -------------------------------------------------------------------------------------

URL = "/api/v1/goals"


def _client(api_client, member):
    api_client.force_login(member.user)
    return api_client


def test_the_api_creates_and_filters_goals_by_capability_and_key_result(
    api_client, org_a, cast, role_of_owner
):
    with in_org(org_a):
        capability = CapabilityFactory(organization=org_a)
        GoalFactory(organization=org_a, owner_employee=cast.owner.employee, title="Unrelated")
    client = _client(api_client, cast.owner)
    response = client.post(
        URL,
        {
            "title": TITLE,
            "owner_type": "employee",
            "key_result": str(role_of_owner.uuid),
            "capabilities": [str(capability.uuid)],
            "unit": "%",
            "baseline": "60",
            "target": "70",
            "start_date": "2027-01-01",
            "due_date": "2027-03-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["key_result"] == str(role_of_owner.uuid)
    assert body["capabilities"] == [str(capability.uuid)] and body["smart"]["passed"] is True
    for query in (f"capability={capability.uuid}", f"key_result={role_of_owner.uuid}"):
        assert [row["title"] for row in client.get(f"{URL}?{query}").json()["results"]] == [TITLE]


@pytest.mark.parametrize(
    "query",
    [
        "owner=",
        "owner=not-an-id",
        "status=",
        "status=open",
        "level=",
        "capability=",
        "perspective=x",
    ],
)
def test_malformed_goal_filters_are_a_400(api_client, cast, query):
    response = _client(api_client, cast.owner).get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["code"]


@pytest.mark.parametrize(
    "url",
    ["/api/v1/check-ins?status=", "/api/v1/check-ins?report=x", "/api/v1/feedback?kind="],
)
def test_malformed_check_in_and_feedback_filters_are_a_400(api_client, cast, url):
    assert _client(api_client, cast.owner).get(url).status_code == 400


# --- Form ------------------------------------------------------------------------------------


def test_the_goal_form_names_a_key_result_and_capabilities(client, org_a, cast, role_of_owner):
    with in_org(org_a):
        capability = CapabilityFactory(organization=org_a, name="Customer communication")
    client.force_login(cast.owner.user)
    page = client.get("/goals/new/").content.decode()
    assert "Customers&#x27; issues solved" in page and "Customer communication" in page
    data = {
        "title": TITLE,
        "level": "operational",
        "owner": f"employee:{cast.owner.employee.uuid}",
        "key_result": str(role_of_owner.uuid),
        "capabilities": [str(capability.uuid)],
        "start_date": "2027-01-01",
        "due_date": "2027-06-30",
        "unit": "%",
        "direction": "increase",
        "baseline": "60",
        "target": "70",
        "indicator": "lagging",
        "perspective": "customer",
        "update_frequency": "monthly",
        "weight": "1",
    }
    check = client.post("/goals/new/", {**data, "check": "1"}, HTTP_HX_REQUEST="true")
    assert "passes" in check.content.decode()
    assert client.post("/goals/new/", data).status_code == 302
    with in_org(org_a):
        goal = Goal.objects.get(title=TITLE)
        assert goal.key_result == role_of_owner and list(goal.capabilities.all()) == [capability]
    detail = client.get(f"/goals/{goal.uuid}/").content.decode()
    assert "Customer communication" in detail and "Customers&#x27; issues solved" in detail
