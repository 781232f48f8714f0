"""SCIM 2.0 in the published contract: the `/scim/v2/` routes as paths of the OpenAPI document
(tag `SCIM`), with the filter subset and the PATCH operations PLMS understands.

SCIM is its own standard (RFC 7643/7644), so these paths are described here rather than
generated from DRF serializers; tests/integrations/test_scim_contract.py checks that every
SCIM route is described and that the answers of a round trip match the schemas.
"""

from __future__ import annotations

from typing import Any

from plms.common.schema import register_schema_part
from plms.integrations.scim import ENTERPRISE_SCHEMA, MAX_COUNT

SCIM_JSON = "application/scim+json"

USER_FILTERS = (
    'userName eq "…"',
    'externalId eq "…"',
    'id eq "…"',
    'emails.value eq "…"',
    'emails[type eq "work"].value eq "…"',
)
GROUP_FILTERS = ('displayName eq "…"', 'id eq "…"', 'members[value eq "<user id>"]')

FILTER_DESCRIPTION = (
    "The subset Okta and Microsoft Entra ID send: `eq` clauses joined by `and`. Users: "
    + ", ".join(f"`{f}`" for f in USER_FILTERS)
    + ". Groups: "
    + ", ".join(f"`{f}`" for f in GROUP_FILTERS)
    + ". Any other filter is `400` with `scimType: invalidFilter`."
)
PATCH_DESCRIPTION = (
    "`PatchOp` with `Operations` of `op` `add`, `replace` or `remove`. Users: a `path` of "
    "`userName`, `externalId`, `name.givenName`, `name.familyName`, `title`, `active`, "
    "`emails`, `roles` (the job role: key or id) or the enterprise extension's `department` "
    "and `manager`, or no `path` with an object of them. Groups: `displayName`, and `members` "
    '(add, remove — also `members[value eq "<id>"]` — or replace).'
)


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(name: str) -> dict:
    return {"content": {SCIM_JSON: {"schema": _ref(name)}}}


def _error(description: str) -> dict:
    return {"description": description, "content": {SCIM_JSON: {"schema": _ref("ScimError")}}}


ERRORS = {
    "400": _error("Invalid (`scimType` invalidValue, invalidSyntax or invalidFilter)."),
    "401": _error("No or invalid API key."),
    "403": _error("The key lacks `people:write`."),
    "404": _error("No such resource in the organisation."),
    "409": _error("Uniqueness (`scimType` uniqueness): the e-mail or external id is taken."),
}
LIST_PARAMETERS = [
    {
        "name": "filter",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": FILTER_DESCRIPTION,
    },
    {
        "name": "startIndex",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1},
        "description": "1-based.",
    },
    {
        "name": "count",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
    },
]
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def _operation(
    operation_id: str, summary: str, *, ok: str, body: str | None = None, **extra: Any
) -> dict:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "tags": ["SCIM"],
        "summary": summary,
        "security": [{"scimBearer": []}],
        "responses": {ok.split(":")[0]: {"description": "OK", **_body(ok.split(":")[1])}}
        if ":" in ok
        else {ok: {"description": "Done."}},
    }
    operation["responses"].update(ERRORS)
    if body:
        operation["requestBody"] = {"required": True, **_body(body)}
    if "_" in operation_id and operation_id.endswith(
        ("_retrieve", "_update", "_partial_update", "_destroy")
    ):
        operation["parameters"] = [ID]
    operation.update(extra)
    return operation


def _schemas() -> dict[str, dict]:
    string = {"type": "string"}
    multi = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "value": string,
                "display": string,
                "type": string,
                "primary": {"type": "boolean"},
            },
        },
    }
    return {
        "ScimUser": {
            "type": "object",
            "description": "An employee. `roles`: the one job role held (`value` its key or id; "
            "a person holds one role, so several roles are refused).",
            "properties": {
                "schemas": {"type": "array", "items": string},
                "id": {**string, "readOnly": True},
                "externalId": string,
                "userName": {**string, "description": "The work e-mail."},
                "name": {
                    "type": "object",
                    "properties": {"givenName": string, "familyName": string, "formatted": string},
                },
                "displayName": string,
                "title": {**string, "description": "Free text; not the job role."},
                "active": {"type": "boolean"},
                "emails": multi,
                "roles": multi,
                ENTERPRISE_SCHEMA: {
                    "type": "object",
                    "properties": {
                        "department": {**string, "description": "By name; created when new."},
                        "manager": {"type": "object", "properties": {"value": string}},
                    },
                },
                "meta": {"type": "object", "readOnly": True},
            },
            "required": ["userName"],
        },
        "ScimGroup": {
            "type": "object",
            "description": "A department.",
            "properties": {
                "schemas": {"type": "array", "items": string},
                "id": {**string, "readOnly": True},
                "displayName": string,
                "members": multi,
                "meta": {"type": "object", "readOnly": True},
            },
            "required": ["displayName"],
        },
        "ScimListResponse": {
            "type": "object",
            "properties": {
                "schemas": {"type": "array", "items": string},
                "totalResults": {"type": "integer"},
                "startIndex": {"type": "integer"},
                "itemsPerPage": {"type": "integer"},
                "Resources": {"type": "array", "items": {"type": "object"}},
            },
        },
        "ScimPatchOp": {
            "type": "object",
            "description": PATCH_DESCRIPTION,
            "properties": {
                "schemas": {"type": "array", "items": string},
                "Operations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "op": {"type": "string", "enum": ["add", "replace", "remove"]},
                            "path": string,
                            "value": {},
                        },
                        "required": ["op"],
                    },
                },
            },
            "required": ["Operations"],
        },
        "ScimDocument": {"type": "object", "additionalProperties": True},
        "ScimError": {
            "type": "object",
            "properties": {
                "schemas": {"type": "array", "items": string},
                "status": string,
                "detail": string,
                "scimType": string,
            },
        },
    }


def scim_paths() -> dict[str, dict]:
    """The OpenAPI paths of the SCIM routes (path → operations)."""
    return {
        "/scim/v2/Users": {
            "get": _operation(
                "scim_users_list",
                "List users",
                ok="200:ScimListResponse",
                parameters=LIST_PARAMETERS,
            ),
            "post": _operation(
                "scim_users_create", "Create a user", ok="201:ScimUser", body="ScimUser"
            ),
        },
        "/scim/v2/Users/{id}": {
            "get": _operation("scim_users_retrieve", "Get a user", ok="200:ScimUser"),
            "put": _operation(
                "scim_users_update", "Replace a user", ok="200:ScimUser", body="ScimUser"
            ),
            "patch": _operation(
                "scim_users_partial_update",
                "Change a user",
                ok="200:ScimUser",
                body="ScimPatchOp",
                description=PATCH_DESCRIPTION,
            ),
            "delete": _operation(
                "scim_users_destroy",
                "Deactivate a user",
                ok="204",
                description="Deactivates the employee (their history stays) and withdraws "
                "their sign-in to the organisation.",
            ),
        },
        "/scim/v2/Groups": {
            "get": _operation(
                "scim_groups_list",
                "List groups (departments)",
                ok="200:ScimListResponse",
                parameters=LIST_PARAMETERS,
            ),
            "post": _operation(
                "scim_groups_create", "Create a group", ok="201:ScimGroup", body="ScimGroup"
            ),
        },
        "/scim/v2/Groups/{id}": {
            "get": _operation("scim_groups_retrieve", "Get a group", ok="200:ScimGroup"),
            "put": _operation(
                "scim_groups_update", "Replace a group", ok="200:ScimGroup", body="ScimGroup"
            ),
            "patch": _operation(
                "scim_groups_partial_update",
                "Change a group",
                ok="200:ScimGroup",
                body="ScimPatchOp",
                description=PATCH_DESCRIPTION,
            ),
        },
        "/scim/v2/ServiceProviderConfig": {
            "get": _operation(
                "scim_service_provider_config",
                "What this SCIM service supports",
                ok="200:ScimDocument",
            )
        },
        "/scim/v2/ResourceTypes": {
            "get": _operation(
                "scim_resource_types", "The resource types", ok="200:ScimListResponse"
            )
        },
    }


def add_scim(result: dict) -> None:
    result.setdefault("paths", {}).update(scim_paths())
    components = result.setdefault("components", {})
    components.setdefault("schemas", {}).update(_schemas())
    components.setdefault("securitySchemes", {})["scimBearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key of the organisation with `people:write`.",
    }
    tags = result.setdefault("tags", [])
    tags.append(
        {
            "name": "SCIM",
            "description": "SCIM 2.0 (RFC 7643/7644) at `/scim/v2/` for identity providers: "
            "Users are employees, Groups are departments. "
            + FILTER_DESCRIPTION
            + " See docs/provisioning.md for the attribute mapping.",
        }
    )


register_schema_part(add_scim)
