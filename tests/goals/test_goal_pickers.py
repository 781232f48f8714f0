"""The goal form's owner and parent pickers: a few likely choices, a search over what the
viewer may choose, and any allowed choice accepted, found by a search or not."""

from __future__ import annotations

import re
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals.models import Goal
from tests.capabilities.factories import (
    CapabilityFactory,
    JobRoleFactory,
    KeyResultFactory,
    RoleAssignmentFactory,
    RoleRequirementFactory,
)
from tests.conftest import in_org
from tests.factories import DepartmentFactory, EmployeeFactory
from tests.goals.conftest import GOAL_FORM as FORM
from tests.goals.factories import GoalFactory


def _options(html: str) -> dict[str, tuple[str, bool]]:
    """{value: (label, selected)} of the options in `html`."""
    return {
        value: (label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html
        )
    }


def test_the_owner_search_offers_whom_the_viewer_may_set_goals_for(client, org_a, cast):
    with in_org(org_a):
        deep = EmployeeFactory(
            organization=org_a, manager=cast.owner.employee, first_name="Zelda", last_name="Deep"
        )
        EmployeeFactory(organization=org_a, first_name="Zelda", last_name="Outside")
    client.force_login(cast.manager.user)

    found = _options(client.get("/goals/owner-choices/", {"q": "zelda"}).content.decode())
    assert list(found) == [f"employee:{deep.uuid}"]  # a report's report; not someone outside
    # Without a search: the viewer and their direct reports, and a chosen owner stays chosen.
    chosen = f"employee:{deep.uuid}"
    start = _options(client.get("/goals/owner-choices/", {"owner": chosen}).content.decode())
    assert start[chosen] == ("Zelda Deep", True)
    assert f"employee:{cast.manager.employee.uuid}" in start
    assert f"employee:{cast.owner.employee.uuid}" in start

    client.force_login(cast.hr.user)  # HR admins may set goals for anyone, and for departments
    found = _options(client.get("/goals/owner-choices/", {"q": "zelda"}).content.decode())
    assert len(found) == 2
    start = _options(client.get("/goals/owner-choices/").content.decode())
    assert start["organization:"] == ("The organisation", False)


def test_the_parent_search_finds_goals_one_may_support(client, org_a, org_b, cast, goal):
    with in_org(org_a):
        GoalFactory(
            organization=org_a,
            owner_employee=cast.owner.employee,
            title="Churn below four percent",
        )
        GoalFactory(
            organization=org_a,
            owner_employee=cast.owner.employee,
            title="Churn below five percent",
            status="completed",
        )
        GoalFactory(organization=org_a, owner_employee=cast.peer.employee, title="Churn hidden")
    with in_org(org_b):
        GoalFactory(organization=org_b, title="Churn elsewhere")
    client.force_login(cast.owner.user)

    found = _options(client.get("/goals/parent-choices/", {"q": "churn"}).content.decode())
    assert [label for label, _selected in found.values()] == [
        "Churn below four percent (Operational)"
    ]
    kept = client.get(
        "/goals/parent-choices/", {"q": "churn", "parents": [str(goal.strategy.uuid)]}
    ).content.decode()
    assert _options(kept)[str(goal.strategy.uuid)][1] is True  # chosen already: kept, selected


def test_the_form_takes_a_parent_found_by_search_and_refuses_others(
    client, org_a, org_b, cast, goal
):
    with in_org(org_a):
        found = GoalFactory(
            organization=org_a, owner_employee=cast.owner.employee, title="Found by search"
        )
        done = GoalFactory(
            organization=org_a, owner_employee=cast.owner.employee, status="completed"
        )
        hidden = GoalFactory(organization=org_a, owner_employee=cast.peer.employee)
    client.force_login(cast.owner.user)
    page = client.get("/goals/new/").content.decode()
    assert 'hx-get="/goals/parent-choices/"' in page and 'hx-get="/goals/owner-choices/"' in page
    owner = f"employee:{cast.owner.employee.uuid}"

    for refused in (done, hidden):
        response = client.post("/goals/new/", {**FORM, "owner": owner, "parents": [refused.uuid]})
        assert response.status_code == 200
        assert "Choose goals you can see" in response.content.decode()
    with in_org(org_b):
        elsewhere = EmployeeFactory(organization=org_b)
    for nobody in ("employee:nobody", f"employee:{elsewhere.uuid}", f"department:{found.uuid}"):
        response = client.post("/goals/new/", {**FORM, "owner": nobody, "parents": []})
        assert "Choose an owner." in response.content.decode(), nobody
    with in_org(org_a):
        assert not Goal.objects.filter(title=FORM["title"]).exists()

    response = client.post("/goals/new/", {**FORM, "owner": owner, "parents": [found.uuid]})
    assert response.status_code == 302
    with in_org(org_a):
        assert list(Goal.objects.get(title=FORM["title"]).parents.all()) == [found]


def test_the_edit_form_never_offers_the_goal_as_its_own_parent(client, org_a, cast, goal):
    client.force_login(cast.owner.user)
    page = client.get(f"/goals/{goal.uuid}/edit/").content.decode()
    url = f"/goals/parent-choices/?exclude={goal.uuid}"
    assert f'hx-get="{url}"' in page
    # The search box belongs to no form: Enter searches, it never saves the goal.
    assert 'form="id_parents_search_only"' in page and 'id="id_parents_search_only"' not in page
    search = {"q": goal.title, "exclude": goal.uuid}
    found = _options(client.get("/goals/parent-choices/", search).content.decode())
    assert str(goal.uuid) not in found
    assert str(goal.uuid) in _options(
        client.get("/goals/parent-choices/", {"q": goal.title}).content.decode()
    )


def _library(org, n: int, *, prefix: str = "Skill"):
    """`n` capabilities and `n` roles with a key result each, and `n` departments."""
    for i in range(n):
        CapabilityFactory(organization=org, name=f"{prefix} {i:03}")
        KeyResultFactory(organization=org, outcome=f"{prefix} outcome {i:03}")
        DepartmentFactory(organization=org, name=f"{prefix} department {i:03}")


def test_the_goal_form_lists_a_bounded_few_of_each_choice(client, org_a, cast):
    """Capabilities, key results and departments are picked with a search: the form's size
    and queries do not grow with the library or the organisation."""
    client.force_login(cast.hr.user)

    def measure() -> tuple[int, int]:
        client.get("/goals/new/")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/goals/new/")
        return len(captured), len(response.content)

    with in_org(org_a):
        _library(org_a, 25)
    queries, size = measure()
    with in_org(org_a):
        _library(org_a, 40, prefix="Other")  # names as long, listed first
    queries_after, size_after = measure()
    assert queries_after == queries and abs(size_after - size) < 200
    page = client.get("/goals/new/").content.decode()
    assert 'hx-get="/goals/capability-choices/"' in page
    assert 'hx-get="/goals/key-result-choices/"' in page


def test_the_capability_and_key_result_searches_reach_the_whole_library(client, org_a, org_b, cast):
    with in_org(org_a):
        _library(org_a, 30)
        rare = CapabilityFactory(organization=org_a, name="Zebra taming")
        retired = CapabilityFactory(organization=org_a, name="Zebra riding", status="retired")
        result = KeyResultFactory(organization=org_a, outcome="Zebras fed on time")
        # The viewer's role: its capabilities and key results are offered without a search.
        role = JobRoleFactory(organization=org_a, name="Keeper")
        RoleAssignmentFactory(organization=org_a, employee=cast.owner.employee, role=role)
        mine = KeyResultFactory(organization=org_a, role=role, outcome="Enclosures clean")
        required = CapabilityFactory(organization=org_a, name="Animal care")
        RoleRequirementFactory(organization=org_a, role=role, capability=required)
    with in_org(org_b):
        CapabilityFactory(organization=org_b, name="Zebra elsewhere")
    client.force_login(cast.owner.user)

    found = _options(client.get("/goals/capability-choices/", {"q": "zebra"}).content.decode())
    assert list(found) == [str(rare.uuid)]  # not the retired one, not another organisation's
    start = _options(client.get("/goals/capability-choices/").content.decode())
    assert list(start) == [str(required.uuid)]
    kept = client.get("/goals/capability-choices/", {"q": "care", "capabilities": [rare.uuid]})
    assert _options(kept.content.decode())[str(rare.uuid)] == ("Zebra taming", True)

    found = _options(client.get("/goals/key-result-choices/", {"q": "zebras"}).content.decode())
    assert list(found) == ["", str(result.uuid)]  # "No key result" stays first
    start = _options(client.get("/goals/key-result-choices/").content.decode())
    assert list(start) == ["", str(mine.uuid)] and start[""] == ("No key result", True)

    owner = f"employee:{cast.owner.employee.uuid}"
    for field, value, error in (
        ("capabilities", [retired.uuid], "Retired"),
        ("capabilities", ["not-an-id"], ""),
        ("capabilities", [uuid.uuid4()], "Choose capabilities of the library."),
        ("key_result", str(uuid.uuid4()), "Choose a key result."),
        ("key_result", "nonsense", "Choose a key result."),
    ):
        response = client.post("/goals/new/", {**FORM, "owner": owner, field: value})
        assert response.status_code == 200, (field, value)
        assert error in response.content.decode(), (field, value)
    response = client.post(
        "/goals/new/",
        {**FORM, "owner": owner, "capabilities": [rare.uuid], "key_result": str(mine.uuid)},
    )
    assert response.status_code == 302
    with in_org(org_a):
        goal = Goal.objects.get(title=FORM["title"])
        assert list(goal.capabilities.all()) == [rare] and goal.key_result == mine
    edit = client.get(f"/goals/{goal.uuid}/edit/").content.decode()
    assert _options(edit)[str(rare.uuid)] == ("Zebra taming", True)
    assert _options(edit)[str(mine.uuid)] == ("Keeper: Enclosures clean", True)
