"""The assessments API: cycles (admin writes, launch with progress, close, reopen),
assessments with ratings and submit, gaps; another organization's objects are 404."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from assessments.models import Assessment
from tests.capabilities.factories import RoleAssignmentFactory
from tests.conftest import in_org
from tests.factories import EmployeeFactory

CYCLE = {
    "name": "H2 review",
    "period_start": "2027-07-01",
    "period_end": "2027-12-31",
    "scope": "organization",
    "weights": {"self": 30, "manager": 70, "peer": 0, "expert": 0},
    "deadlines": {"self": "2027-12-01", "manager": "2027-12-15"},
}


def _session(member):
    client = APIClient()
    client.force_login(member.user)
    return client


def test_hr_creates_launches_and_closes_a_cycle(world, django_capture_on_commit_callbacks):
    client = _session(world.hr)
    created = client.post("/api/v1/assessment-cycles", CYCLE, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["weights"] == {"self": 30, "manager": 70, "peer": 0, "expert": 0, "upward": 0}
    assert body["deadlines"]["manager"] == "2027-12-15" and body["status"] == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        launched = client.post(f"/api/v1/assessment-cycles/{body['id']}/launch")
    assert launched.status_code == 202
    detail = client.get(f"/api/v1/assessment-cycles/{body['id']}").json()
    assert detail["status"] == "open"
    assert detail["launch"]["state"] == "done" and detail["launch"]["percent"] == 100
    assert detail["assessment_count"] == 5
    closed = client.post(f"/api/v1/assessment-cycles/{body['id']}/close")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    reopen = client.post(f"/api/v1/assessment-cycles/{body['id']}/reopen", {}, format="json")
    assert reopen.status_code == 400
    reopen = client.post(
        f"/api/v1/assessment-cycles/{body['id']}/reopen", {"reason": "Late."}, format="json"
    )
    assert reopen.json()["status"] == "open"


def test_invalid_weights_are_a_clear_error(world):
    response = _session(world.hr).post(
        "/api/v1/assessment-cycles",
        {**CYCLE, "weights": {"self": 30, "manager": 60}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_weights"


def test_members_cannot_write_cycles_but_can_read_them(world):
    client = _session(world.employee)
    assert client.post("/api/v1/assessment-cycles", CYCLE, format="json").status_code == 403
    assert client.get("/api/v1/assessment-cycles").status_code == 200
    url = f"/api/v1/assessment-cycles/{world.cycle.uuid}/launch"
    assert client.post(url).status_code == 403


def test_rate_and_submit_through_the_api(world):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    client = _session(world.employee)
    url = f"/api/v1/assessments/{own.uuid}"
    ratings = [
        {"capability": str(world.capabilities[0].uuid), "level": 3, "evidence": "Calls."},
        {"capability": str(world.capabilities[1].uuid), "level": 3},
        {"capability": str(world.capabilities[2].uuid), "not_observed": True},
    ]
    saved = client.put(f"{url}/ratings", {"ratings": ratings}, format="json")
    assert saved.status_code == 200, saved.json()
    assert [(r["capability_key"], r["level"], r["not_observed"]) for r in saved.json()] == [
        ("complaint-resolution", 3, False),
        ("customer-communication", 3, False),
        ("negotiation", None, True),
    ]
    outside = client.put(
        f"{url}/ratings",
        {"ratings": [{"capability": str(world.capabilities[0].uuid), "level": 9}]},
        format="json",
    )
    assert outside.status_code == 400 and outside.json()["code"] == "level_out_of_scale"
    submitted = client.post(f"{url}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    cycle = client.get(f"/api/v1/assessment-cycles/{world.cycle.uuid}").json()
    assert (cycle["submitted_count"], cycle["assessment_count"]) == (1, 5)
    again = client.post(f"{url}/submit")
    assert again.status_code == 409 and again.json()["code"] == "already_submitted"
    edit = client.put(f"{url}/ratings", {"ratings": ratings[:1]}, format="json")
    assert edit.status_code == 409 and edit.json()["code"] == "assessment_locked"


def test_ratings_need_a_level_or_not_observed(world):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    response = _session(world.employee).put(
        f"/api/v1/assessments/{own.uuid}/ratings",
        {"ratings": [{"capability": str(world.capabilities[0].uuid)}]},
        format="json",
    )
    assert response.status_code == 400


def test_gaps_endpoint(world, key_client_a):
    world.launch()
    for rater, kind in ((world.employee, "self"), (world.manager, "manager")):
        world.rate(rater, world.assessment(rater=rater, kind=kind), {0: 2, 1: 3, 2: 3}, submit=True)
    with in_org(world.org):
        from assessments.services import cycles as cycle_services

        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
    response = key_client_a.get(f"/api/v1/employees/{world.employee.employee.uuid}/gaps")
    assert response.status_code == 200
    body = response.json()
    rows = {row["capability_key"]: row for row in body["gaps"]}
    assert rows["complaint-resolution"]["target_level"] == 4
    assert rows["complaint-resolution"]["current_level"] == "3.00"
    assert rows["complaint-resolution"]["gap"] == "1.00"
    assert rows["customer-communication"]["cycle"] == str(world.cycle.uuid)


def test_gaps_need_the_read_scope(world, make_key_client):
    client = make_key_client(world.org, ["people:read"])
    response = client.get(f"/api/v1/employees/{world.employee.employee.uuid}/gaps")
    assert response.status_code == 403


def test_another_organizations_objects_are_404(world, key_client_b):
    world.launch()
    own = world.assessment(rater=world.employee, kind="self")
    for url in (
        f"/api/v1/assessments/{own.uuid}",
        f"/api/v1/assessments/{own.uuid}/ratings",
        f"/api/v1/assessment-cycles/{world.cycle.uuid}",
        f"/api/v1/employees/{world.employee.employee.uuid}/gaps",
    ):
        assert key_client_b.get(url).status_code == 404, url
    assert key_client_b.post(f"/api/v1/assessments/{own.uuid}/submit").status_code == 404
    assert (
        key_client_b.post(f"/api/v1/assessment-cycles/{world.cycle.uuid}/close").status_code == 404
    )


def _grow(world, n):
    with in_org(world.org):
        for _ in range(n):
            person = EmployeeFactory(organization=world.org, manager=world.manager.employee)
            RoleAssignmentFactory(organization=world.org, employee=person, role=world.role)
    world.launch()


@pytest.mark.parametrize("who", ["hr", "manager"])
def test_assessment_list_queries_do_not_grow(world, who):
    client = _session(getattr(world, who))
    _grow(world, 3)
    client.get("/api/v1/assessments")  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        assert client.get("/api/v1/assessments").status_code == 200
    _grow(world, 6)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/api/v1/assessments").status_code == 200
    with in_org(world.org):
        assert Assessment.objects.count() > 12
    assert len(small) == len(large)


def test_cycle_list_queries_do_not_grow(world, key_client_a):
    key_client_a.get("/api/v1/assessment-cycles")
    with CaptureQueriesContext(connection) as small:
        key_client_a.get("/api/v1/assessment-cycles")
    for n in range(3):
        key_client_a.post("/api/v1/assessment-cycles", {**CYCLE, "name": f"C{n}"}, format="json")
    with CaptureQueriesContext(connection) as large:
        assert len(key_client_a.get("/api/v1/assessment-cycles").json()["results"]) == 4
    assert len(small) == len(large)
