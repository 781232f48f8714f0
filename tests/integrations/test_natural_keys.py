"""References by natural key, the same on every channel (docs/provisioning.md): a job role by
its id or key, a department by its id or name, a person (where provisioning and imports take
one) by their id, e-mail or external id — in the REST API, bulk upsert and SCIM alike."""

from __future__ import annotations

import json

from capabilities.models import RoleAssignment
from plms.people.models import Employee
from tests import factories
from tests.capabilities.factories import CapabilityFactory, JobRoleFactory
from tests.conftest import in_org

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


def _world(org):
    with in_org(org):
        role = JobRoleFactory(organization=org, name="Advisor", key="advisor")
        research = factories.DepartmentFactory(organization=org, name="Research")
        person = factories.EmployeeFactory(
            organization=org, email="ada@a.example", external_id="H-1"
        )
    return role, research, person


def _held(org, person) -> str | None:
    with in_org(org):
        held = RoleAssignment.objects.filter(employee=person, ended_at__isnull=True).first()
        return held.role.key if held else None


def test_a_role_is_assigned_by_key_to_a_person_named_by_email_or_external_id(org_a, key_client_a):
    _role, _research, person = _world(org_a)
    url = "/api/v1/job-role-assignments"
    body = {"employee": "ADA@a.example", "role": "advisor"}
    by_email = key_client_a.post(url, body, format="json")
    assert by_email.status_code == 201, by_email.json()
    assert by_email.json()["employee"] == str(person.uuid)
    again = key_client_a.post(url, {"employee": "H-1", "role": "Advisor"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == by_email.json()["id"]

    unknown = key_client_a.post(url, {"employee": "H-1", "role": "astronaut"}, format="json")
    assert unknown.status_code == 400 and unknown.json()["code"] == "invalid"
    assert unknown.json()["fields"]["role"] == ["No such object: give its id or its key."]


def test_employees_take_the_role_key_and_the_department_name(org_a, key_client_a):
    role, research, _person = _world(org_a)
    created = key_client_a.post(
        "/api/v1/employees",
        {
            "email": "bo@a.example",
            "first_name": "Bo",
            "department": "research",
            "job_role": "advisor",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["department"] == str(research.uuid)
    assert created.json()["job_role"] == str(role.uuid)
    department = key_client_a.post(
        "/api/v1/departments", {"name": "Lab", "parent": "Research"}, format="json"
    )
    assert department.status_code == 201 and department.json()["parent"] == str(research.uuid)
    unknown = key_client_a.patch(
        f"/api/v1/employees/{created.json()['id']}", {"department": "Nowhere"}, format="json"
    )
    assert unknown.status_code == 400 and "department" in unknown.json()["fields"]


def test_an_external_rating_names_the_person_by_email(org_a, key_client_a):
    _role, _research, person = _world(org_a)
    with in_org(org_a):
        capability = CapabilityFactory(organization=org_a)
    body = {
        "external_id": "SK-1",
        "employee": "ada@a.example",
        "capability": str(capability.uuid),
        "level": 3,
        "rated_on": "2027-02-15",
        "source": "SkillCheck",
    }
    response = key_client_a.post("/api/v1/external-ratings", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["employee"] == str(person.uuid)


def test_bulk_upsert_and_scim_take_a_department_by_id_or_name(org_a, key_client_a, make_key_client):
    _role, research, _person = _world(org_a)
    items = [
        {"email": "cy@a.example", "first_name": "Cy", "department": str(research.uuid)},
        {"email": "di@a.example", "first_name": "Di", "department": "research"},
    ]
    response = key_client_a.post("/api/v1/employees/bulk-upsert", {"items": items}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["departments_created"] == 0
    with in_org(org_a):
        assert set(
            Employee.objects.filter(department=research).values_list("email", flat=True)
        ) == {"cy@a.example", "di@a.example"}

    ghost = "0b7e6c1e-6a55-4a47-9d0e-5a3f3f0c2a11"
    refused = key_client_a.post(
        "/api/v1/employees/bulk-upsert",
        {"items": [{"email": "ed@a.example", "first_name": "Ed", "department": ghost}]},
        format="json",
    )
    assert refused.status_code == 400
    assert "items.0.department" in refused.json()["fields"]

    scim = make_key_client(org_a, ["people:write"])
    user = {
        "schemas": [USER, ENTERPRISE],
        "userName": "fay@a.example",
        "name": {"givenName": "Fay"},
        ENTERPRISE: {"department": str(research.uuid)},
    }
    created = scim.post("/scim/v2/Users", data=json.dumps(user), content_type=SCIM)
    assert created.status_code == 201, created.json()
    with in_org(org_a):
        assert Employee.objects.get(email="fay@a.example").department == research
    user = {**user, "userName": "gus@a.example", ENTERPRISE: {"department": ghost}}
    refused = scim.post("/scim/v2/Users", data=json.dumps(user), content_type=SCIM)
    assert refused.status_code == 400
