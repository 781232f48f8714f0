"""Who may read an assessment, rate it, and see an employee's results:
(employee, manager, matrix manager, peer, expert, HR admin, outsider) x (read, rate, results),
through the API as each of them."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from assessments.models import Assessment
from assessments.services import raters as rater_services
from assessments.services import ratings as rating_services
from plms.common.errors import ApplicationError
from tests.assessments.conftest import actor_of
from tests.conftest import in_org

PEOPLE = ("employee", "manager", "matrix", "peer", "expert", "hr", "outsider")


@pytest.fixture
def scene(world):
    """Launched; the peer and the expert each have an assessment of the employee; the
    employee's self-assessment is submitted; the cycle keeps peers anonymous."""
    world.launch()
    with in_org(world.org):
        Assessment.objects.create(
            cycle=world.cycle,
            employee=world.employee.employee,
            rater=world.peer.employee,
            kind="peer",
        )
        rater_services.expert_grant(
            actor=world.system,
            cycle=world.cycle,
            employee=world.employee.employee,
            expert=world.expert.employee,
        )
    world.rate(
        world.employee,
        world.assessment(rater=world.employee, kind="self"),
        {0: 3, 1: 3, 2: 3},
        submit=True,
    )
    return world


def _client(world, who):
    client = APIClient()
    client.force_login(getattr(world, who).user)
    return client


def _own_assessment(world, who):
    """The assessment of the employee this person rates, if any."""
    kinds = {"employee": "self", "manager": "manager", "matrix": "manager", "peer": "peer"}
    kinds["expert"] = "expert"
    if who not in kinds:
        return None
    return world.assessment(rater=getattr(world, who), kind=kinds[who])


READ_SELF_ASSESSMENT = {
    "employee": 200,
    "manager": 200,  # submitted: the manager sees the self-rating
    "matrix": 200,
    "peer": 404,
    "expert": 404,
    "hr": 200,
    "outsider": 404,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_read_the_self_assessment(scene, who):
    own = scene.assessment(rater=scene.employee, kind="self")
    response = _client(scene, who).get(f"/api/v1/assessments/{own.uuid}")
    assert response.status_code == READ_SELF_ASSESSMENT[who]


def test_managers_see_the_self_assessment_only_once_submitted(world):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 3})
    for who in ("manager", "matrix"):
        assert _client(world, who).get(f"/api/v1/assessments/{own.uuid}").status_code == 404


def test_anonymous_peer_assessments_are_never_shown_individually(scene):
    peer = scene.assessment(rater=scene.peer, kind="peer")
    scene.rate(scene.peer, peer, {0: 4, 1: 3, 2: 3}, submit=True)
    for who, expected in (("peer", 200), ("manager", 404), ("employee", 404), ("hr", 200)):
        response = _client(scene, who).get(f"/api/v1/assessments/{peer.uuid}")
        assert response.status_code == expected, who


RATE = {
    "employee": 200,
    "manager": 200,
    "matrix": 200,
    "peer": 200,
    "expert": 200,
    "hr": None,
    "outsider": None,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_rate_only_ones_own_assessment(scene, who):
    body = {"ratings": [{"capability": str(scene.capabilities[0].uuid), "level": 3}]}
    own = _own_assessment(scene, who)
    client = _client(scene, who)
    if own is not None and who != "employee":
        assert (
            client.put(f"/api/v1/assessments/{own.uuid}/ratings", body, format="json").status_code
            == 200
        )
    # Only the manager rates the manager's assessment; others see it or not at all.
    target = scene.assessment(rater=scene.manager, kind="manager")
    response = client.put(f"/api/v1/assessments/{target.uuid}/ratings", body, format="json")
    if who == "manager":
        assert response.status_code == 200
    elif who in ("hr",):
        assert response.status_code == 403 and response.json()["code"] == "not_rater"
    else:
        assert response.status_code == 404, who


def test_expert_without_the_grant_neither_sees_nor_rates(scene):
    from guardian.shortcuts import remove_perm

    expert = scene.assessment(rater=scene.expert, kind="expert")
    with in_org(scene.org):
        remove_perm("assessments.rate_assessment", scene.expert.user, expert)
    body = {"ratings": [{"capability": str(scene.capabilities[0].uuid), "level": 3}]}
    client = _client(scene, "expert")
    response = client.put(f"/api/v1/assessments/{expert.uuid}/ratings", body, format="json")
    assert response.status_code == 404
    assert client.get(f"/api/v1/assessments/{expert.uuid}").status_code == 404
    with in_org(scene.org), pytest.raises(ApplicationError) as refused:
        rating_services.ratings_save(
            actor=actor_of(scene.expert),
            assessment=expert,
            items=[rating_services.RatingInput(scene.capabilities[0], 3)],
        )
    assert refused.value.code == "not_rater"


RESULTS = {
    "employee": 200,
    "manager": 200,
    "matrix": 200,
    "peer": 404,
    "expert": 404,
    "hr": 200,
    "outsider": 404,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_see_results(scene, who):
    employee = scene.employee.employee
    response = _client(scene, who).get(f"/api/v1/employees/{employee.uuid}/gaps")
    assert response.status_code == RESULTS[who]
    page = _client(scene, who).get(f"/assessments/results/{employee.uuid}/")
    assert page.status_code == RESULTS[who]


def test_lists_show_only_what_each_may_see(scene):
    def ids(who):
        response = _client(scene, who).get("/api/v1/assessments", {"page_size": 200})
        assert response.status_code == 200
        return {(row["kind"], row["rater"]) for row in response.json()["results"]}

    e = str(scene.employee.employee.uuid)
    assert ids("employee") == {("self", e)}
    assert ("self", e) in ids("manager") and ("peer", str(scene.peer.employee.uuid)) not in ids(
        "manager"
    )
    assert ids("expert") == {("expert", str(scene.expert.employee.uuid))}
    everything = _client(scene, "hr").get("/api/v1/assessments", {"page_size": 200}).json()
    assert everything["count"] == 7
    assert ids("outsider") == set()
