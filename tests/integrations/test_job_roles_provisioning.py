"""Job roles in provisioning: bulk upsert's `job_role` (role key or id) and SCIM `roles`."""

from __future__ import annotations

import json

from capabilities.models import RoleAssignment
from tests.capabilities.factories import JobRoleFactory
from tests.conftest import in_org

BULK = "/api/v1/employees/bulk-upsert"
SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def _roles(org):
    with in_org(org):
        return (
            JobRoleFactory(organization=org, name="Advisor", key="advisor"),
            JobRoleFactory(organization=org, name="Team lead", key="team-lead"),
        )


def _held(org) -> dict[str, str]:
    with in_org(org):
        return dict(
            RoleAssignment.objects.filter(ended_at__isnull=True).values_list(
                "employee__email", "role__key"
            )
        )


def test_bulk_upsert_assigns_roles_by_key_or_id(org_a, key_client_a):
    _, lead = _roles(org_a)
    items = [
        {"email": "ada@a.example", "first_name": "Ada", "job_role": "advisor"},
        {"email": "bo@a.example", "first_name": "Bo", "job_role": str(lead.uuid)},
        {"email": "cy@a.example", "first_name": "Cy"},
    ]
    response = key_client_a.post(BULK, {"items": items}, format="json")
    assert response.status_code == 200, response.json()
    assert _held(org_a) == {"ada@a.example": "advisor", "bo@a.example": "team-lead"}
    again = [
        {"email": "ada@a.example", "first_name": "Ada", "job_role": "team-lead"},
        {"email": "bo@a.example", "first_name": "Bo", "job_role": None},
        {"email": "cy@a.example", "first_name": "Cy"},
    ]
    assert key_client_a.post(BULK, {"items": again}, format="json").status_code == 200
    assert _held(org_a) == {"ada@a.example": "team-lead"}


def test_an_unknown_role_writes_nothing_and_names_the_item(org_a, key_client_a):
    _roles(org_a)
    items = [
        {"email": "ada@a.example", "first_name": "Ada", "job_role": "advisor"},
        {"email": "bo@a.example", "first_name": "Bo", "job_role": "astronaut"},
    ]
    response = key_client_a.post(BULK, {"items": items}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_reference"
    assert list(response.json()["fields"]) == ["items.1.job_role"]
    assert key_client_a.get("/api/v1/employees").json()["count"] == 0


def _scim(client, method, path, body=None):
    kwargs = {"data": json.dumps(body), "content_type": SCIM} if body is not None else {}
    response = getattr(client, method)(f"/scim/v2/{path}", **kwargs)
    return response, (response.json() if response.content else None)


def test_scim_roles_are_the_job_role(org_a, make_key_client):
    _roles(org_a)
    scim = make_key_client(org_a, ["people:write"])
    user = {
        "schemas": [USER],
        "userName": "ada@a.example",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "title": "Senior advisor",
        "roles": [{"value": "advisor", "primary": True}],
    }
    response, body = _scim(scim, "post", "Users", user)
    assert response.status_code == 201, body
    assert body["roles"] == [{"value": "advisor", "display": "Advisor", "primary": True}]
    assert body["title"] == "Senior advisor"  # the title stays free text
    patch = {
        "schemas": [PATCH],
        "Operations": [{"op": "replace", "path": "roles", "value": [{"value": "team-lead"}]}],
    }
    response, body = _scim(scim, "patch", f"Users/{body['id']}", patch)
    assert response.status_code == 200, body
    assert body["roles"][0]["value"] == "team-lead"
    assert _held(org_a) == {"ada@a.example": "team-lead"}
    unknown = {**patch, "Operations": [{"op": "replace", "path": "roles", "value": "astronaut"}]}
    user_id = body["id"]
    response, body = _scim(scim, "patch", f"Users/{user_id}", unknown)
    assert response.status_code == 400 and body["scimType"] == "invalidValue"
    assert _held(org_a) == {"ada@a.example": "team-lead"}


def test_scim_refuses_secondary_roles_instead_of_dropping_them(org_a, make_key_client):
    _roles(org_a)
    scim = make_key_client(org_a, ["people:write"])
    user = {"schemas": [USER], "userName": "ada@a.example", "name": {"givenName": "Ada"}}
    for roles in (
        [{"value": "advisor", "primary": True}, {"value": "team-lead"}],
        [{"value": "advisor", "primary": False}],
    ):
        response, body = _scim(scim, "post", "Users", {**user, "roles": roles})
        assert response.status_code == 400 and body["scimType"] == "invalidValue", body
        assert "one job role" in body["detail"]
    same_twice = [{"value": "advisor", "primary": True}, {"value": "advisor"}]
    response, body = _scim(scim, "post", "Users", {**user, "roles": same_twice})
    assert response.status_code == 201, body
