"""SCIM is in the published contract: every `/scim/v2/` route is a path of the OpenAPI
document, with the filter subset and the PATCH operations it understands."""

from __future__ import annotations

import json

import pytest
from drf_spectacular.generators import SchemaGenerator

from plms.integrations import scim
from plms.integrations.scim_schema import GROUP_FILTERS, USER_FILTERS


@pytest.fixture
def document(db):
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_scim_route_is_in_the_openapi_document(document):
    routes = {
        "/scim/v2/" + str(pattern.pattern).replace("<str:id>", "{id}")
        for pattern in scim.urlpatterns
    }
    assert routes <= set(document["paths"])
    users = document["paths"]["/scim/v2/Users/{id}"]
    assert set(users) == {"get", "put", "patch", "delete"}
    assert users["patch"]["requestBody"]["content"]["application/scim+json"]["schema"] == {
        "$ref": "#/components/schemas/ScimPatchOp"
    }
    operations = document["components"]["schemas"]["ScimPatchOp"]["properties"]["Operations"]
    assert operations["items"]["properties"]["op"]["enum"] == ["add", "replace", "remove"]
    listing = document["paths"]["/scim/v2/Users"]["get"]
    described = next(p for p in listing["parameters"] if p["name"] == "filter")["description"]
    assert all(f"`{f}`" in described for f in (*USER_FILTERS, *GROUP_FILTERS))


def test_a_created_user_has_the_documented_shape(document, org_a, make_key_client):
    client = make_key_client(org_a, ["people:write"])
    body = {
        "schemas": [scim.USER_SCHEMA],
        "userName": "ada@a.example",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "title": "Analyst",
    }
    response = client.post(
        "/scim/v2/Users", data=json.dumps(body), content_type="application/scim+json"
    )
    assert response.status_code == 201
    documented = set(document["components"]["schemas"]["ScimUser"]["properties"])
    assert set(response.json()) - {"externalId"} <= documented
