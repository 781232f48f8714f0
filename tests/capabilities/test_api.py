import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.utils.encoders import JSONEncoder

from capabilities import selectors
from capabilities.api import CapabilitySerializer
from capabilities.models import Capability, RoleRequirement
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from plms.tenancy.actors import system_actor
from tests.capabilities.conftest import full_levels
from tests.capabilities.factories import CapabilityCategoryFactory
from tests.conftest import in_org
from tests.factories import EmployeeFactory


def levels_payload(name, count=5):
    return [
        {"level": n, "descriptor": f"{name} {n}.", "indicators": [f"{name} {n} shows."]}
        for n in range(1, count + 1)
    ]


def test_catalogue_is_readable_with_the_read_scope(org_a, make_key_client, catalogue):
    client = make_key_client(org_a, ["capabilities:read"])
    response = client.get(
        "/api/v1/catalogue/capabilities", {"category": "customer", "page_size": 200}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 12
    first = body["results"][0]
    assert [level["level"] for level in first["levels"]] == [1, 2, 3, 4, 5]
    assert 2 <= len(first["levels"][0]["indicators"]) <= 4
    detail = client.get("/api/v1/catalogue/capabilities/complaint-resolution")
    assert detail.json()["name"] == "Complaint resolution"
    searched = client.get("/api/v1/catalogue/capabilities", {"search": "negotiation"}).json()
    assert any(c["key"] == "commercial-negotiation" for c in searched["results"])
    assert client.post("/api/v1/catalogue/capabilities", {}, format="json").status_code in (
        403,
        405,
    )
    no_scope = make_key_client(org_a, ["people:read"])
    assert no_scope.get("/api/v1/catalogue/capabilities").status_code == 403


def test_capabilities_carry_levels_and_filter(org_a, key_client_a, library):
    response = key_client_a.get("/api/v1/capabilities", {"search": "negotiation"})
    (item,) = response.json()["results"]
    assert item["name"] == "Negotiation"
    assert item["levels"][2] == {
        "level": 3,
        "descriptor": "Negotiation at level 3.",
        "indicators": ["Negotiation 3 a.", "Negotiation 3 b."],
    }
    category = item["category"]
    by_category = key_client_a.get("/api/v1/capabilities", {"category": category}).json()
    assert [c["name"] for c in by_category["results"]] == ["Negotiation"]
    assert key_client_a.get("/api/v1/capabilities", {"tag": "core"}).json()["count"] == 3
    assert key_client_a.get("/api/v1/capabilities", {"tag": "nothing"}).json()["count"] == 0
    assert key_client_a.get("/api/v1/capabilities", {"status": "retired"}).json()["count"] == 0


def test_admins_create_update_and_retire_through_the_api(org_a, hr_admin, login_client, library):
    client = login_client(hr_admin)
    category = CapabilityCategoryFactory(organization=org_a, name="Digital")
    response = client.post(
        "/api/v1/capabilities",
        {
            "name": "Data literacy",
            "category": str(category.uuid),
            "tags": ["Data"],
            "levels": levels_payload("Data"),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["key"] == "data-literacy" and body["tags"] == ["data"]
    assert len(body["levels"]) == 5
    url = f"/api/v1/capabilities/{body['id']}"
    bad = client.patch(url, {"levels": levels_payload("Data", 6)}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "level_outside_scale"
    retired = client.patch(url, {"status": "retired"}, content_type="application/json")
    assert retired.json()["status"] == "retired"


def test_members_read_but_do_not_write(org_a, employee, login_client, library):
    client = login_client(employee)
    assert client.get("/api/v1/capabilities").json()["count"] == 3
    capability = library["Negotiation"]
    response = client.patch(
        f"/api/v1/capabilities/{capability.uuid}", {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert (
        client.post("/api/v1/job-roles", {"name": "X"}, content_type="application/json").status_code
        == 403
    )
    scale = client.get("/api/v1/competency-scales").json()["results"][0]
    response = client.patch(
        f"/api/v1/competency-scales/{scale['id']}", {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_another_organization_gets_404(org_a, library, key_client_b):
    capability = library["Negotiation"]
    assert key_client_b.get(f"/api/v1/capabilities/{capability.uuid}").status_code == 404
    assert key_client_b.get("/api/v1/capabilities").json()["count"] == 0


def test_scale_change_is_guarded_through_the_api(org_a, key_client_a, library):
    with in_org(org_a):
        role = role_services.job_role_create(actor=system_actor(org_a), name="Advisor")
        role_services.requirement_set(
            actor=system_actor(org_a), role=role, capability=library["Negotiation"], target_level=5
        )
    scale = key_client_a.get("/api/v1/competency-scales").json()["results"][0]
    assert [level["name"] for level in scale["levels"]][2] == "Proficient"
    three = [{"number": n, "name": f"L{n}"} for n in (1, 2, 3)]
    url = f"/api/v1/competency-scales/{scale['id']}"
    refused = key_client_a.patch(url, {"levels": three, "proficient_level": 2}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "scale_in_use"
    mapping = {"1": 1, "2": 1, "3": 2, "4": 3, "5": 3}
    done = key_client_a.patch(
        url, {"levels": three, "proficient_level": 2, "mapping": mapping}, format="json"
    )
    assert done.status_code == 200, done.json()
    assert done.json()["revision"] == 2
    with in_org(org_a):
        assert RoleRequirement.objects.get().target_level == 3


def test_job_roles_nest_requirements_and_key_results(org_a, key_client_a, library):
    negotiation = library["Negotiation"]
    payload = {
        "name": "Account executive",
        "family": "Sales",
        "grade": "B",
        "requirements": [
            {"capability": str(negotiation.uuid), "target_level": 4, "weight": 3, "core": True}
        ],
        "key_results": [
            {
                "outcome": f"Outcome {i}",
                "kpi_unit": "£",
                "kpi_target": "1000",
                "kpi_direction": "increase",
            }
            for i in range(3)
        ],
    }
    created = key_client_a.post("/api/v1/job-roles", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["requirements"][0]["capability_name"] == "Negotiation"
    assert body["requirements"][0]["framework_version"] is None
    assert len(body["key_results"]) == 3
    url = f"/api/v1/job-roles/{body['id']}"
    unknown = key_client_a.patch(
        url,
        {
            "requirements": [
                {"capability": "00000000-0000-0000-0000-000000000000", "target_level": 3}
            ]
        },
        format="json",
    )
    assert unknown.status_code == 400
    updated = key_client_a.patch(url, {"requirements": []}, format="json")
    assert updated.json()["requirements"] == []
    assert key_client_a.get("/api/v1/job-roles", {"family": "Sales"}).json()["count"] == 1
    assert key_client_a.delete(url).status_code == 204


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_rows(org_a, key_client_a, library):
    actor = system_actor(org_a)

    def grow(n):
        with in_org(org_a):
            category = Capability.objects.first().category
            for i in range(n):
                capability = library_services.capability_create(
                    actor=actor, name=f"Extra {n}-{i}", category=category, levels=full_levels("E")
                )
                role = role_services.job_role_create(actor=actor, name=f"Role {n}-{i}")
                role_services.requirement_set(
                    actor=actor, role=role, capability=capability, target_level=2
                )

    grow(2)
    key_client_a.get("/api/v1/me")  # the key's first use is recorded once
    before = [_count(key_client_a, url) for url in ("/api/v1/capabilities", "/api/v1/job-roles")]
    grow(5)
    after = [_count(key_client_a, url) for url in ("/api/v1/capabilities", "/api/v1/job-roles")]
    assert before == after


def test_patches_with_incomplete_nested_items_are_400(org_a, key_client_a, library):
    scale = key_client_a.get("/api/v1/competency-scales").json()["results"][0]
    url = f"/api/v1/competency-scales/{scale['id']}"
    for payload in ({"levels": [{}]}, {"mapping": {"x": 1}}, {"name": 5}):
        response = key_client_a.patch(url, payload, format="json")
        assert response.status_code == 400, (payload, response.json())
    capability = library["Negotiation"]
    response = key_client_a.patch(
        f"/api/v1/capabilities/{capability.uuid}", {"levels": [{}]}, format="json"
    )
    assert response.status_code == 400
    role = key_client_a.post("/api/v1/job-roles", {"name": "R"}, format="json").json()
    for payload in ({"key_results": [{}]}, {"requirements": [{}]}, {"description": 0}):
        response = key_client_a.patch(f"/api/v1/job-roles/{role['id']}", payload, format="json")
        assert response.status_code == 400, (payload, response.json())


def test_list_of_plain_rows_is_the_serializers_representation(org_a, key_client_a, library):
    """The list renders `capability_rows()` without model instances: field for field what
    `CapabilitySerializer` writes for the same capabilities (levels, tags, steward, dates),
    in the same order, on every page and with search and ordering."""
    steward = EmployeeFactory(organization=org_a)
    with in_org(org_a):
        first = Capability.objects.order_by("name").first()
        library_services.capability_update(
            actor=system_actor(org_a), capability=first, data_steward=steward, tags=["a", "b"]
        )
    for params in (
        {"page_size": 2},
        {"page_size": 2, "page": 2},
        {"search": "resol"},
        {"ordering": "-name"},
        {"status": "active", "page_size": 200},
    ):
        body = key_client_a.get("/api/v1/capabilities", params).json()
        with in_org(org_a):
            order = [row["id"] for row in body["results"]]
            expected = CapabilitySerializer(
                [selectors.capability_get(uuid=uuid) for uuid in order], many=True
            ).data
        rendered = key_client_a.get("/api/v1/capabilities", params).content
        assert body["results"] and body["results"] == _json(expected), params
        assert rendered.decode().count('"levels"') == len(order)
    names = [r["name"] for r in key_client_a.get("/api/v1/capabilities").json()["results"]]
    assert names == sorted(names)


def _json(data):
    return json.loads(json.dumps(data, cls=JSONEncoder))
