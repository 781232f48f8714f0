"""Peer nomination through the API, with the services the page uses: the employee nominates,
the manager approves or declines, a per-person cap on peer requests per cycle, and
suggestions of the least-loaded colleagues."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Assessment, AssessmentCycle
from tests.assessments.conftest import count_queries
from tests.conftest import in_org
from tests.factories import member


def _client(member_) -> APIClient:
    client = APIClient()
    client.force_login(member_.user)
    return client


@pytest.fixture
def launched(world):
    world.launch()
    return world


def _nominate(world, who, peers, **extra):
    body = {"cycle": str(world.cycle.uuid), "peers": [str(p.uuid) for p in peers], **extra}
    return _client(who).post("/api/v1/peer-nominations", body, format="json")


def test_the_employee_nominates_and_the_manager_approves_or_declines(launched):
    world = launched
    with in_org(world.org):
        other = member(world.org, email="other@a.example").employee
    created = _nominate(world, world.employee, [world.peer.employee, other])
    assert created.status_code == 201, created.json()
    rows = {row["peer"]: row for row in created.json()}
    assert {row["status"] for row in rows.values()} == {"nominated"}
    first, second = rows[str(world.peer.employee.uuid)], rows[str(other.uuid)]
    # The employee cannot decide; the manager and the matrix manager can.
    assert (
        _client(world.employee).post(f"/api/v1/peer-nominations/{first['id']}/approve")
    ).status_code == 404
    approved = _client(world.manager).post(f"/api/v1/peer-nominations/{first['id']}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "pending"
    declined = _client(world.matrix).post(f"/api/v1/peer-nominations/{second['id']}/decline")
    assert declined.json()["status"] == "declined"
    again = _client(world.manager).post(f"/api/v1/peer-nominations/{first['id']}/decline")
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    listed = _client(world.manager).get("/api/v1/peer-nominations", {"status": "pending"})
    assert [row["id"] for row in listed.json()["results"]] == [first["id"]]
    # The approved peer now has an assessment to complete.
    todo = _client(world.peer).get("/api/v1/assessments", {"kind": "peer"}).json()
    assert todo["count"] == 1


def test_the_cap_on_peer_requests_refuses_and_changes_nothing(launched):
    world = launched
    with in_org(world.org):
        AssessmentCycle.objects.filter(pk=world.cycle.pk).update(max_peer_requests=1)
        third = member(world.org, email="third@a.example", manager=world.manager.employee)
    assert _nominate(world, third, [world.peer.employee]).status_code == 201
    refused = _nominate(world, world.employee, [world.peer.employee])
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "peer_limit_reached"
    assert body["fields"]["peers"] == [world.peer.employee.full_name]
    with in_org(world.org):
        assert Assessment.objects.filter(kind="peer", rater=world.peer.employee).count() == 1


def test_nomination_rules_are_clear_errors(launched, key_client_a, key_client_b):
    world = launched
    own = _nominate(world, world.employee, [world.employee.employee])
    assert own.status_code == 400 and own.json()["code"] == "invalid_peer"
    stranger = _nominate(
        world, world.peer, [world.manager.employee], employee=str(world.employee.employee.uuid)
    )
    assert stranger.status_code == 404
    no_employee = key_client_a.post(
        "/api/v1/peer-nominations",
        {"cycle": str(world.cycle.uuid), "peers": [str(world.peer.employee.uuid)]},
        format="json",
    )
    assert no_employee.status_code == 400 and "employee" in no_employee.json()["fields"]
    other_org = key_client_b.post(
        "/api/v1/peer-nominations",
        {
            "cycle": str(world.cycle.uuid),
            "employee": str(world.employee.employee.uuid),
            "peers": [str(world.peer.employee.uuid)],
        },
        format="json",
    )
    assert other_org.status_code == 400 and "cycle" in other_org.json()["fields"]
    with in_org(world.org):
        assert not Assessment.objects.filter(kind="peer").exists()


def test_suggestions_are_the_least_loaded_colleagues_below_the_cap(launched):
    world = launched
    with in_org(world.org):
        AssessmentCycle.objects.filter(pk=world.cycle.pk).update(max_peer_requests=2)
        busy = member(world.org, email="busy@a.example", title="Busy")
        calm = member(world.org, email="calm@a.example", title="Calm")
        asker = member(world.org, email="asker@a.example", title="Asker")
        full = member(world.org, email="full@a.example", title="Full")
    assert _nominate(world, asker, [busy.employee, full.employee]).status_code == 201
    assert _nominate(world, world.peer, [full.employee]).status_code == 201
    response = _client(world.employee).get(
        "/api/v1/peer-nominations/suggestions", {"cycle": str(world.cycle.uuid), "limit": 20}
    )
    assert response.status_code == 200
    names = [row["name"] for row in response.json()["results"]]
    assert full.employee.full_name not in names  # at the cap
    assert names.index(calm.employee.full_name) < names.index(busy.employee.full_name)
    loads = {row["name"]: row["peer_requests"] for row in response.json()["results"]}
    assert loads[busy.employee.full_name] == 1 and loads[calm.employee.full_name] == 0
    missing = _client(world.employee).get("/api/v1/peer-nominations/suggestions")
    assert missing.status_code == 400 and "cycle" in missing.json()["fields"]
    theirs = _client(world.peer).get(
        "/api/v1/peer-nominations/suggestions",
        {"cycle": str(world.cycle.uuid), "employee": str(world.employee.employee.uuid)},
    )
    assert theirs.status_code == 404


def test_the_page_and_the_api_share_the_rules(launched, client):
    world = launched
    client.force_login(world.employee.user)
    url = reverse("assessments:peer_nominate", args=[world.cycle.uuid])
    assert world.peer.employee.full_name in client.get(url).content.decode()
    client.post(url, {"peers": [str(world.peer.employee.uuid), "not-a-uuid"]})
    listed = _client(world.employee).get("/api/v1/peer-nominations").json()
    assert [row["peer"] for row in listed["results"]] == [str(world.peer.employee.uuid)]
    again = _nominate(world, world.employee, [world.peer.employee])
    assert again.status_code == 201 and again.json() == []  # already nominated: nothing new


def test_nomination_list_queries_do_not_grow(launched):
    world = launched
    _nominate(world, world.employee, [world.peer.employee])
    client = _client(world.manager)
    small, _ = count_queries(client, "/api/v1/peer-nominations")
    with in_org(world.org):
        peers = [member(world.org, email=f"p{index}@a.example").employee for index in range(4)]
    _nominate(world, world.employee, peers)
    large, response = count_queries(client, "/api/v1/peer-nominations")
    assert response.json()["count"] == 5 and large == small
