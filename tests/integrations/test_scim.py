import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from plms.integrations.models import OutboxEvent
from plms.people.models import Employee
from tests.conftest import in_org
from tests.factories import DepartmentFactory, EmployeeFactory

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


@pytest.fixture
def scim(org_a, make_key_client):
    return make_key_client(org_a, ["people:write"])


def call(client, method, path, body=None, **params):
    kwargs = {"data": json.dumps(body), "content_type": SCIM} if body is not None else {}
    if params:
        kwargs = {"data": params} if method == "get" else kwargs
    response = getattr(client, method)(f"/scim/v2/{path}", **kwargs)
    return response, (response.json() if response.content else None)


def okta_user(email="ada@a.example", **extra):
    return {
        "schemas": [USER],
        "userName": email,
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"primary": True, "value": email, "type": "work"}],
        "externalId": "00u1",
        "active": True,
        **extra,
    }


def _events(org):
    with in_org(org):
        return list(OutboxEvent.objects.order_by("id").values_list("type", flat=True))


def test_user_round_trip_create_update_deactivate(org_a, scim):
    boss = EmployeeFactory(organization=org_a, email="boss@a.example")
    response, body = call(
        scim,
        "post",
        "Users",
        okta_user(
            title="Analyst",
            **{ENTERPRISE: {"department": "Research", "manager": {"value": str(boss.uuid)}}},
        ),
    )
    assert response.status_code == 201, body
    assert response["Content-Type"].startswith(SCIM)
    assert response["Location"] == body["meta"]["location"]
    assert body["userName"] == "ada@a.example" and body["externalId"] == "00u1"
    assert body["active"] is True and body["title"] == "Analyst"
    assert body[ENTERPRISE]["department"] == "Research"
    assert body[ENTERPRISE]["manager"]["value"] == str(boss.uuid)
    user_id = body["id"]

    # The identity provider looks the user up the way Okta and Entra ID do.
    for query in (
        'userName eq "ADA@a.example"',
        'externalId eq "00u1"',
        'emails[type eq "work"].value eq "ada@a.example"',
        f'id eq "{user_id}" and userName eq "ada@a.example"',
    ):
        _, found = call(scim, "get", "Users", filter=query)
        assert found["totalResults"] == 1 and found["Resources"][0]["id"] == user_id, query

    response, body = call(
        scim,
        "put",
        f"Users/{user_id}",
        okta_user(name={"givenName": "Augusta", "familyName": "King"}, title="Lead"),
    )
    assert response.status_code == 200, body
    assert (body["name"]["givenName"], body["title"]) == ("Augusta", "Lead")
    assert body[ENTERPRISE]["department"] == "Research"  # not sent, so kept

    response, body = call(
        scim,
        "patch",
        f"Users/{user_id}",
        {"schemas": [PATCH], "Operations": [{"op": "replace", "value": {"active": False}}]},
    )
    assert response.status_code == 200 and body["active"] is False
    with in_org(org_a):
        employee = Employee.objects.get(uuid=user_id)
        assert (employee.first_name, employee.title, employee.active) == ("Augusta", "Lead", False)
    assert _events(org_a) == [
        "employee.created",
        "employee.updated",  # reporting line
        "employee.updated",
        "employee.deactivated",
    ]


def test_entra_style_patch_and_delete_deactivates(org_a, scim):
    employee = EmployeeFactory(organization=org_a, email="bo@a.example", external_id="e1")
    operations = [
        {"op": "Replace", "path": "name.givenName", "value": "Bo"},
        {"op": "Add", "path": 'emails[type eq "work"].value', "value": "bo.new@a.example"},
        {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "Ops"},
        {"op": "Replace", "path": 'phoneNumbers[type eq "work"].value', "value": "123"},
        {"op": "Replace", "path": "active", "value": "False"},
    ]
    response, body = call(
        scim, "patch", f"Users/{employee.uuid}", {"schemas": [PATCH], "Operations": operations}
    )
    assert response.status_code == 200, body
    assert (body["name"]["givenName"], body["userName"], body["active"]) == (
        "Bo",
        "bo.new@a.example",
        False,
    )
    assert body[ENTERPRISE]["department"] == "Ops"
    reactivated = call(
        scim,
        "patch",
        f"Users/{employee.uuid}",
        {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active", "value": True}]},
    )[1]
    assert reactivated["active"] is True
    response, _ = call(scim, "delete", f"Users/{employee.uuid}")
    assert response.status_code == 204
    assert call(scim, "get", f"Users/{employee.uuid}")[1]["active"] is False


def test_paging_and_filters(org_a, scim):
    for i in range(5):
        EmployeeFactory(organization=org_a, email=f"p{i}@a.example")
    _, page = call(scim, "get", "Users", startIndex=2, count=2)
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (5, 2, 2)
    assert [r["userName"] for r in page["Resources"]] == ["p1@a.example", "p2@a.example"]
    _, none = call(scim, "get", "Users", filter='userName eq "nobody@a.example"')
    assert none["totalResults"] == 0 and none["Resources"] == []
    response, error = call(scim, "get", "Users", filter='title co "x"')
    assert response.status_code == 400
    assert (
        error["schemas"] == [ERROR]
        and error["scimType"] == "invalidFilter"
        and error["status"] == "400"
    )


def test_errors_use_the_scim_format(org_a, org_b, scim):
    EmployeeFactory(organization=org_a, email="ada@a.example")
    response, error = call(scim, "post", "Users", okta_user())
    assert response.status_code == 409 and error["scimType"] == "uniqueness"
    response, error = call(scim, "post", "Users", {"schemas": [USER], "name": {"givenName": "X"}})
    assert response.status_code == 400 and error["scimType"] == "invalidValue"
    foreign = EmployeeFactory(organization=org_b)
    for path in (f"Users/{foreign.uuid}", "Users/not-a-uuid"):
        response, error = call(scim, "get", path)
        assert response.status_code == 404 and error["schemas"] == [ERROR]
    response, error = call(scim, "patch", f"Users/{foreign.uuid}", {"Operations": []})
    assert response.status_code == 404
    response, error = call(
        scim, "patch", f"Users/{EmployeeFactory(organization=org_a).uuid}", {"nope": 1}
    )
    assert response.status_code == 400 and error["scimType"] == "invalidSyntax"


def test_authentication_and_scope(org_a, make_key_client, client, hr_admin):
    response, error = call(APIClient(), "get", "Users")
    assert response.status_code == 401 and error["schemas"] == [ERROR]
    reader = make_key_client(org_a, ["people:read"])
    assert call(reader, "get", "Users")[0].status_code == 403
    client.force_login(hr_admin.user)  # a browser session is not a SCIM client
    assert client.get("/scim/v2/Users").status_code in (401, 403)
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Bearer plms_nope_nope")
    assert call(bad, "get", "Users")[0].status_code == 401


def test_groups_are_departments(org_a, scim):
    ada = EmployeeFactory(organization=org_a, email="ada@a.example")
    bo = EmployeeFactory(organization=org_a, email="bo@a.example")
    response, group = call(
        scim,
        "post",
        "Groups",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "Sales",
            "members": [{"value": str(ada.uuid)}],
        },
    )
    assert response.status_code == 201, group
    assert [m["value"] for m in group["members"]] == [str(ada.uuid)]
    _, found = call(scim, "get", "Groups", filter='displayName eq "sales"')
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == group["id"]
    _, member_of = call(
        scim,
        "get",
        "Groups",
        filter=f'id eq "{group["id"]}" and members[value eq "{ada.uuid}"]',
        excludedAttributes="members",
    )
    assert member_of["totalResults"] == 1 and "members" not in member_of["Resources"][0]

    operations = [
        {"op": "add", "path": "members", "value": [{"value": str(bo.uuid)}]},
        {"op": "remove", "path": f'members[value eq "{ada.uuid}"]'},
        {"op": "replace", "value": {"displayName": "Sales EMEA"}},
    ]
    response, group = call(
        scim, "patch", f"Groups/{group['id']}", {"schemas": [PATCH], "Operations": operations}
    )
    assert response.status_code == 200, group
    assert group["displayName"] == "Sales EMEA"
    assert [m["value"] for m in group["members"]] == [str(bo.uuid)]
    with in_org(org_a):
        assert Employee.objects.get(pk=ada.pk).department is None
        assert Employee.objects.get(pk=bo.pk).department.name == "Sales EMEA"

    response, error = call(
        scim,
        "patch",
        f"Groups/{group['id']}",
        {
            "Operations": [
                {
                    "op": "add",
                    "path": "members",
                    "value": [{"value": "00000000-0000-0000-0000-000000000000"}],
                }
            ]
        },
    )
    assert response.status_code == 400 and error["scimType"] == "invalidValue"
    response, _ = call(
        scim, "put", f"Groups/{group['id']}", {"displayName": "Sales EMEA", "members": []}
    )
    assert response.status_code == 200
    with in_org(org_a):
        assert Employee.objects.get(pk=bo.pk).department is None


def test_discovery_endpoints(scim):
    response, config = call(scim, "get", "ServiceProviderConfig")
    assert response.status_code == 200 and config["patch"]["supported"] is True
    _, types = call(scim, "get", "ResourceTypes")
    assert {t["id"] for t in types["Resources"]} == {"User", "Group"}


@pytest.mark.parametrize("resource", ["Users", "Groups"])
def test_lists_have_a_steady_query_count(org_a, scim, resource):
    def people(n):
        for _ in range(n):
            boss = EmployeeFactory(organization=org_a)
            EmployeeFactory(
                organization=org_a, department=DepartmentFactory(organization=org_a), manager=boss
            )

    people(2)
    scim.get("/scim/v2/ServiceProviderConfig")
    with CaptureQueriesContext(connection) as few:
        assert scim.get(f"/scim/v2/{resource}").status_code == 200
    people(5)
    with CaptureQueriesContext(connection) as many:
        assert scim.get(f"/scim/v2/{resource}").status_code == 200
    assert len(many) == len(few)
