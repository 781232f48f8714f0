"""Expert assessors granted per assessment through an object permission: HR admins and the
employee's managers grant and revoke; the expert sees and rates that one assessment only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Assessment, AssessmentUserObjectPermission
from assessments.services import raters as rater_services
from assessments.services import ratings as rating_services
from plms.common.errors import ApplicationError
from tests.assessments.conftest import actor_of, count_queries
from tests.conftest import in_org
from tests.factories import EmployeeFactory, member


def _client(member_) -> APIClient:
    client = APIClient()
    client.force_login(member_.user)
    return client


def _grant(world, by=None, employee=None):
    with in_org(world.org):
        return rater_services.expert_grant(
            actor=actor_of(by) if by else world.system,
            cycle=world.cycle,
            employee=(employee or world.employee).employee,
            expert=world.expert.employee,
        )


@pytest.fixture
def launched(world):
    world.launch()
    return world


def test_the_manager_grants_and_the_expert_sees_and_rates_only_that_assessment(launched):
    world = launched
    granted = _grant(world, by=world.manager)
    assert granted.kind == "expert" and granted.status == "pending"
    listed = _client(world.expert).get("/api/v1/assessments", {"page_size": 200}).json()
    assert [row["id"] for row in listed["results"]] == [str(granted.uuid)]
    body = {"ratings": [{"capability": str(world.capabilities[0].uuid), "level": 3}]}
    saved = _client(world.expert).put(
        f"/api/v1/assessments/{granted.uuid}/ratings", body, format="json"
    )
    assert saved.status_code == 200
    own = world.assessment(rater=world.employee, kind="self")
    assert _client(world.expert).get(f"/api/v1/assessments/{own.uuid}").status_code == 404


def test_only_hr_and_the_employees_managers_grant(launched):
    world = launched
    for who in (world.peer, world.employee):
        with in_org(world.org), pytest.raises(ApplicationError) as refused:
            rater_services.expert_grant(
                actor=actor_of(who),
                cycle=world.cycle,
                employee=world.employee.employee,
                expert=world.expert.employee,
            )
        assert refused.value.code == "not_found"
    with in_org(world.org):
        assert not Assessment.objects.filter(kind="expert").exists()
    assert _grant(world, by=world.matrix).rater_id == world.expert.employee.pk


def test_grant_rules_refuse_clearly(launched):
    world = launched
    with in_org(world.org):
        nobody = EmployeeFactory(organization=world.org)  # has never signed in
        cases = [
            (world.employee.employee, nobody, "expert"),
            (world.employee.employee, world.employee.employee, "expert"),
        ]
        for employee, expert, field in cases:
            with pytest.raises(ApplicationError) as refused:
                rater_services.expert_grant(
                    actor=world.system, cycle=world.cycle, employee=employee, expert=expert
                )
            assert refused.value.code == "invalid" and field in refused.value.fields
        assert not Assessment.objects.filter(kind="expert").exists()


def test_revoking_hides_the_assessment_and_granting_again_restores_it(launched):
    world = launched
    granted = _grant(world)
    world.rate(world.expert, granted, {0: 4})
    with in_org(world.org):
        rater_services.expert_revoke(actor=actor_of(world.manager), assessment=granted)
        assert not AssessmentUserObjectPermission.objects.filter(content_object=granted).exists()
    client = _client(world.expert)
    assert client.get(f"/api/v1/assessments/{granted.uuid}").status_code == 404
    assert client.get("/api/v1/assessments").json()["count"] == 0
    with in_org(world.org), pytest.raises(ApplicationError) as refused:
        rating_services.ratings_save(
            actor=actor_of(world.expert),
            assessment=granted,
            items=[rating_services.RatingInput(world.capabilities[1], 3)],
        )
    assert refused.value.code == "not_rater"
    again = _grant(world)
    assert again.pk == granted.pk and again.status == "draft"  # the saved rating is kept
    assert client.get(f"/api/v1/assessments/{granted.uuid}").status_code == 200


def test_a_submitted_expert_assessment_cannot_be_revoked(launched):
    world = launched
    granted = _grant(world)
    world.rate(world.expert, granted, {0: 3, 1: 3, 2: 3}, submit=True)
    with in_org(world.org), pytest.raises(ApplicationError) as refused:
        rater_services.expert_revoke(actor=world.system, assessment=granted)
    assert refused.value.code == "already_submitted" and refused.value.status == 409
    with in_org(world.org):
        assert Assessment.objects.get(pk=granted.pk).status == "submitted"


def test_expert_grants_through_the_api(launched, key_client_b):
    world = launched
    client = _client(world.manager)
    body = {
        "cycle": str(world.cycle.uuid),
        "employee": str(world.employee.employee.uuid),
        "expert": str(world.expert.employee.uuid),
    }
    created = client.post("/api/v1/expert-grants", body, format="json")
    assert created.status_code == 201, created.json()
    grant = created.json()
    assert grant["expert"] == body["expert"] and grant["status"] == "pending"
    assert client.get("/api/v1/expert-grants").json()["count"] == 1
    assert _client(world.peer).get("/api/v1/expert-grants").json()["count"] == 0
    refused = _client(world.peer).post("/api/v1/expert-grants", body, format="json")
    assert refused.status_code == 404
    assert key_client_b.delete(f"/api/v1/expert-grants/{grant['id']}").status_code == 404
    assert client.delete(f"/api/v1/expert-grants/{grant['id']}").status_code == 204
    assert client.get(f"/api/v1/expert-grants/{grant['id']}").status_code == 404
    unknown = client.post(
        "/api/v1/expert-grants", {**body, "expert": str(world.cycle.uuid)}, format="json"
    )
    assert unknown.status_code == 400 and "expert" in unknown.json()["fields"]


def test_expert_grant_list_queries_do_not_grow(launched):
    world = launched
    _grant(world)
    client = _client(world.hr)
    small, _ = count_queries(client, "/api/v1/expert-grants")
    with in_org(world.org):
        for index in range(8):
            expert = member(world.org, email=f"expert{index}@a.example").employee
            rater_services.expert_grant(
                actor=world.system,
                cycle=world.cycle,
                employee=world.employee.employee,
                expert=expert,
            )
    large, response = count_queries(client, "/api/v1/expert-grants")
    assert response.json()["count"] == 9 and large == small


def test_the_page_grants_and_revokes(launched, client):
    world = launched
    client.force_login(world.hr.user)
    url = reverse("assessments:expert_grants")
    page = client.get(url).content.decode()
    assert world.cycle.name in page and "No expert has been granted" in page
    bad = client.post(
        url, {"cycle": world.cycle.uuid, "employee": "x@a.example", "expert": "y@a.example"}
    )
    assert bad.status_code == 200 and "Nobody in the organisation" in bad.content.decode()
    done = client.post(
        url,
        {
            "cycle": world.cycle.uuid,
            "employee": world.employee.employee.email,
            "expert": world.expert.employee.email,
        },
    )
    assert done.status_code == 302
    listed = client.get(url, {"q": world.expert.employee.last_name}).content.decode()
    assert world.expert.employee.full_name in listed
    with in_org(world.org):
        granted = Assessment.objects.get(kind="expert")
    revoked = client.post(reverse("assessments:expert_revoke", args=[granted.uuid]))
    assert revoked.status_code == 302
    with in_org(world.org):
        assert Assessment.objects.get(pk=granted.pk).status == "declined"


def test_the_page_refuses_a_manager_outside_their_team(launched, client):
    world = launched
    client.force_login(world.peer.user)
    response = client.post(
        reverse("assessments:expert_grants"),
        {
            "cycle": world.cycle.uuid,
            "employee": world.employee.employee.email,
            "expert": world.expert.employee.email,
        },
    )
    assert response.status_code == 200 and "Not found" in response.content.decode()
    with in_org(world.org):
        assert not Assessment.objects.filter(kind="expert").exists()
