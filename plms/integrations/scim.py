"""SCIM 2.0 (RFC 7643/7644) at `/scim/v2/`: identity providers provision employees and
departments.

`Users` are employees (`userName` is the work e-mail; `DELETE` deactivates), `Groups` are
departments (members are the employees in them). The filter subset Okta and Microsoft Entra ID
send is understood: `attr eq "value"` clauses joined by `and`, on `userName`, `externalId`,
`id`, `emails.value`, `emails[type eq "work"].value` (Users) and `displayName`, `id`,
`members[value eq "…"]` (Groups). Authentication is an API key with `people:write`. Answers are
`application/scim+json`; errors use the SCIM error schema.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import path, reverse
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, set_rollback

from capabilities.selectors import with_current_role
from plms.common.errors import ApplicationError
from plms.integrations.services import provisioning as provisioning_services
from plms.people.models import Department, Employee
from plms.tenancy.actors import actor_from_request
from plms.tenancy.authentication import ApiKeyAuthentication

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
SCOPE = "people:write"
DEFAULT_COUNT = 100
MAX_COUNT = 200


class ScimError(Exception):
    def __init__(self, status_code: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status_code, self.detail, self.scim_type = status_code, detail, scim_type


def scim_error_body(status_code: int, detail: str, scim_type: str | None = None) -> dict:
    body = {"schemas": [ERROR_SCHEMA], "status": str(status_code), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return body


def scim_exception_handler(exc: Exception, context: dict) -> Response:
    """Every error of a SCIM route in the SCIM error format; writes are rolled back."""
    set_rollback()
    headers = {}
    if isinstance(exc, ScimError):
        status_code, detail, scim_type = exc.status_code, exc.detail, exc.scim_type
    elif isinstance(exc, ApplicationError):
        status_code = exc.status
        messages = [f"{name}: {' '.join(msgs)}" for name, msgs in exc.fields.items()]
        detail = " ".join([exc.message, *messages])
        duplicate = exc.code.startswith("duplicate")
        status_code = status.HTTP_409_CONFLICT if duplicate else status_code
        scim_type = "uniqueness" if duplicate else ("invalidValue" if status_code == 400 else None)
    elif isinstance(exc, exceptions.APIException):
        status_code, detail = exc.status_code, str(exc.detail)
        scim_type = "invalidSyntax" if isinstance(exc, exceptions.ParseError) else None
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
    else:
        raise exc
    return Response(scim_error_body(status_code, detail, scim_type), status_code, headers=headers)


class ScimRenderer(JSONRenderer):
    media_type = "application/scim+json"


class ScimParser(JSONParser):
    media_type = "application/scim+json"


class HasScimAccess(BasePermission):
    message = f"SCIM needs an API key with the {SCOPE} scope."

    def has_permission(self, request, view) -> bool:
        api_key = request._request.api_key
        return api_key is not None and SCOPE in api_key.scopes


class ScimView(APIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScimAccess]
    renderer_classes = [ScimRenderer, JSONRenderer]
    parser_classes = [ScimParser, JSONParser]
    schema = None  # described by hand in scim_schema.py (SCIM is its own standard)

    def get_exception_handler(self) -> Callable:
        return scim_exception_handler

    @property
    def actor(self):
        return actor_from_request(self.request)

    def location(self, name: str, obj) -> str:
        return self.request.build_absolute_uri(reverse(f"scim:{name}", args=[obj.uuid]))


# --- Filters and paging ------------------------------------------------------------------------

_AND = re.compile(r'\s+and\s+(?=(?:[^"]*"[^"]*")*[^"]*$)', re.IGNORECASE)
_CLAUSE = re.compile(r'^(?P<attr>[\w.:$\[\]" ]+?)\s+eq\s+"(?P<value>(?:[^"\\]|\\.)*)"$', re.I)
_MEMBER = re.compile(r'^members\[value\s+eq\s+"(?P<value>[^"]*)"\]$', re.IGNORECASE)
_WORK_EMAIL = re.compile(r'^emails\[type\s+eq\s+"work"\]\.value$', re.IGNORECASE)


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _id_q(value: str) -> Q:
    parsed = _uuid_or_none(value)
    return Q(uuid=parsed) if parsed else Q(pk__in=[])


def _user_clause(attr: str, value: str) -> Q:
    name = attr.lower()
    if name in {"username", "emails", "emails.value"} or _WORK_EMAIL.match(attr):
        return Q(email__iexact=value)
    if name == "externalid":
        return Q(external_id=value)
    if name == "id":
        return _id_q(value)
    raise ScimError(400, f"Filtering on {attr} is not supported.", "invalidFilter")


def _group_clause(attr: str, value: str) -> Q:
    name = attr.lower()
    if name == "displayname":
        return Q(name__iexact=value)
    if name == "id":
        return _id_q(value)
    raise ScimError(400, f"Filtering on {attr} is not supported.", "invalidFilter")


def parse_filter(text: str, clause: Callable[[str, str], Q], *, members: bool = False) -> Q:
    """`a eq "x" and b eq "y"` as a Q; anything else is an `invalidFilter` error."""
    condition = Q()
    for part in _AND.split(text.strip()):
        part = part.strip()
        member = _MEMBER.match(part) if members else None
        if member:
            parsed = _uuid_or_none(member["value"])
            condition &= Q(employees__uuid=parsed) if parsed else Q(pk__in=[])
            continue
        match = _CLAUSE.match(part)
        if not match:
            raise ScimError(400, f"Unsupported filter: {part}", "invalidFilter")
        condition &= clause(match["attr"].strip(), match["value"].replace('\\"', '"'))
    return condition


def _page(request, queryset: QuerySet, render: Callable[[Any], dict]) -> Response:
    def number(name: str, default: int) -> int:
        try:
            return int(request.query_params.get(name, default))
        except ValueError as exc:
            raise ScimError(400, f"{name} must be an integer.", "invalidValue") from exc

    start = max(number("startIndex", 1), 1)
    count = min(max(number("count", DEFAULT_COUNT), 0), MAX_COUNT)
    total = queryset.count()
    resources = [render(obj) for obj in queryset[start - 1 : start - 1 + count]] if count else []
    return Response(
        {
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(resources),
            "Resources": resources,
        }
    )


def _meta(view: ScimView, kind: str, obj, modified) -> dict:
    return {
        "resourceType": kind,
        "created": obj.created_at.isoformat(),
        "lastModified": modified.isoformat(),
        "location": view.location(kind.lower(), obj),
    }


# --- Users ----------------------------------------------------------------------------------------


def _users() -> QuerySet[Employee]:
    employees = Employee.objects.select_related("department", "manager")
    return with_current_role(employees).order_by("created_at", "id")


def user_resource(view: ScimView, employee: Employee) -> dict:
    enterprise: dict[str, Any] = {}
    if employee.department_id:
        enterprise["department"] = employee.department.name
    if employee.manager_id:
        enterprise["manager"] = {
            "value": str(employee.manager.uuid),
            "displayName": employee.manager.full_name,
            "$ref": view.location("user", employee.manager),
        }
    resource = {
        "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
        "id": str(employee.uuid),
        "userName": employee.email,
        "name": {
            "givenName": employee.first_name,
            "familyName": employee.last_name,
            "formatted": employee.full_name,
        },
        "displayName": employee.full_name,
        "title": employee.title,
        "active": employee.active,
        "emails": [{"value": employee.email, "type": "work", "primary": True}],
        "roles": (
            [{"value": employee.job_role_key, "display": employee.job_role_name, "primary": True}]
            if getattr(employee, "job_role_key", None)
            else []
        ),
        ENTERPRISE_SCHEMA: enterprise,
        "meta": _meta(view, "User", employee, employee.updated_at),
    }
    if employee.external_id:
        resource["externalId"] = employee.external_id
    return resource


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise ScimError(400, f"{value!r} is not a boolean.", "invalidValue")


def _manager(value: Any) -> Employee | None:
    reference = value.get("value") if isinstance(value, Mapping) else value
    if not reference:
        return None
    manager = _users().filter(_id_q(str(reference))).first()
    if manager is None:
        raise ScimError(400, f"No user {reference} to be the manager.", "invalidValue")
    return manager


def _work_email(emails: Any) -> str | None:
    if not isinstance(emails, list) or not emails:
        return None
    ranked = sorted(
        (e for e in emails if isinstance(e, Mapping) and e.get("value")),
        key=lambda e: (not e.get("primary"), e.get("type") != "work"),
    )
    return str(ranked[0]["value"]) if ranked else None


def _primary_role(value: Any) -> str | None:
    """The job role named by SCIM `roles`: its `value` is the job role's key or id. A person
    holds one job role, so the list names one (the same role may repeat); several roles, or
    one marked `primary: false`, are refused rather than dropped. An empty list takes the
    role away."""
    if isinstance(value, str) or value is None:
        return value or None
    if not isinstance(value, list):
        raise ScimError(400, "roles is a list of {value, primary}.", "invalidValue")
    named = [role for role in value if isinstance(role, Mapping) and role.get("value")]
    if len({str(role["value"]) for role in named}) > 1 or any(
        role.get("primary") is False for role in named
    ):
        raise ScimError(
            400,
            "A person holds one job role: send one role, as the primary one.",
            "invalidValue",
        )
    return str(named[0]["value"]) if named else None


def _set_user_attribute(attributes: dict[str, Any], path: str, value: Any) -> None:
    """Apply one SCIM attribute (path as in PATCH) to the employee attributes; attributes
    PLMS does not keep (phone numbers, addresses, …) are accepted and ignored."""
    name = path.strip()
    lowered = name.lower()
    enterprise = ENTERPRISE_SCHEMA.lower()
    if lowered.startswith(enterprise):
        rest = name[len(enterprise) :].lstrip(":.")
        if not rest and isinstance(value, Mapping):
            for key, item in value.items():
                _set_user_attribute(attributes, f"{ENTERPRISE_SCHEMA}:{key}", item)
        elif rest.lower() == "department":
            attributes["department"] = value or None
        elif rest.lower() in {"manager", "manager.value"}:
            attributes["manager"] = _manager(value)
        return
    if lowered.startswith(USER_SCHEMA.lower() + ":"):
        name = name[len(USER_SCHEMA) + 1 :]
        lowered = name.lower()
    if lowered == "username":
        attributes["email"] = value
    elif lowered in {"emails", "emails.value"} or _WORK_EMAIL.match(name):
        # userName is the e-mail; the work e-mail stands in when userName is not one.
        email = _work_email(value) if isinstance(value, list) else value
        current = str(attributes.get("email") or "")
        if email and "@" not in current:
            attributes["email"] = email
    elif lowered == "externalid":
        attributes["external_id"] = value or ""
    elif lowered == "name" and isinstance(value, Mapping):
        for key, item in value.items():
            _set_user_attribute(attributes, f"name.{key}", item)
    elif lowered == "name.givenname":
        attributes["first_name"] = value or ""
    elif lowered == "name.familyname":
        attributes["last_name"] = value or ""
    elif lowered == "title":
        attributes["title"] = value or ""
    elif lowered == "active":
        attributes["active"] = _boolean(value)
    elif lowered in {"roles", "roles.value"}:
        attributes["job_role"] = _primary_role(value)


def user_attributes(resource: Mapping[str, Any]) -> dict[str, Any]:
    """Employee attributes from a SCIM User (POST and PUT bodies)."""
    if not isinstance(resource, Mapping):
        raise ScimError(400, "The body must be a JSON object.", "invalidSyntax")
    attributes: dict[str, Any] = {}
    keys = ("userName", "externalId", "name", "title", "active", "emails", "roles")
    for key in (*keys, ENTERPRISE_SCHEMA):
        if key in resource:
            _set_user_attribute(attributes, key, resource[key])
    if not attributes.get("email"):
        raise ScimError(400, "userName (the work e-mail) is required.", "invalidValue")
    return attributes


def _user_or_404(id) -> Employee:
    employee = _users().filter(_id_q(str(id))).first()
    if employee is None:
        raise ScimError(404, f"User {id} not found.")
    return employee


class UsersView(ScimView):
    def get(self, request):
        queryset = _users()
        if request.query_params.get("filter"):
            queryset = queryset.filter(parse_filter(request.query_params["filter"], _user_clause))
        return _page(request, queryset, lambda employee: user_resource(self, employee))

    def post(self, request):
        attributes = user_attributes(request.data)
        employee = provisioning_services.employee_provision(
            actor=self.actor, employee=None, attributes=attributes
        )
        body = user_resource(self, _user_or_404(employee.uuid))
        return Response(
            body, status.HTTP_201_CREATED, headers={"Location": body["meta"]["location"]}
        )


class UserView(ScimView):
    def get(self, request, id):
        return Response(user_resource(self, _user_or_404(id)))

    def put(self, request, id):
        employee = _user_or_404(id)
        attributes = {"external_id": "", "last_name": "", "title": "", "active": True}
        attributes.update(user_attributes(request.data))
        provisioning_services.employee_provision(
            actor=self.actor, employee=employee, attributes=attributes
        )
        return Response(user_resource(self, _user_or_404(id)))

    def patch(self, request, id):
        employee = _user_or_404(id)
        attributes: dict[str, Any] = {}
        for operation in _operations(request.data):
            kind, op_path, value = operation
            if op_path:
                _set_user_attribute(attributes, op_path, None if kind == "remove" else value)
            elif isinstance(value, Mapping):
                for key, item in value.items():
                    _set_user_attribute(attributes, key, item)
            else:
                raise ScimError(400, "An operation without a path needs an object.", "noTarget")
        if attributes.get("email") is None:
            attributes.pop("email", None)
        provisioning_services.employee_provision(
            actor=self.actor, employee=employee, attributes=attributes
        )
        return Response(user_resource(self, _user_or_404(id)))

    def delete(self, request, id):
        employee = _user_or_404(id)
        provisioning_services.employee_provision(
            actor=self.actor, employee=employee, attributes={"active": False}
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _operations(body: Any) -> list[tuple[str, str, Any]]:
    if not isinstance(body, Mapping) or not isinstance(body.get("Operations"), list):
        raise ScimError(400, f"A PATCH body is a {PATCH_SCHEMA} with Operations.", "invalidSyntax")
    operations = []
    for operation in body["Operations"]:
        kind = str(operation.get("op", "")).lower() if isinstance(operation, Mapping) else ""
        if kind not in {"add", "replace", "remove"}:
            raise ScimError(400, "op must be add, replace or remove.", "invalidSyntax")
        operations.append((kind, str(operation.get("path") or ""), operation.get("value")))
    return operations


# --- Groups ---------------------------------------------------------------------------------------


def _groups() -> QuerySet[Department]:
    return Department.objects.prefetch_related(
        Prefetch("employees", queryset=Employee.objects.order_by("created_at", "id"))
    ).order_by("created_at", "id")


def group_resource(view: ScimView, department: Department, *, members: bool = True) -> dict:
    resource = {
        "schemas": [GROUP_SCHEMA],
        "id": str(department.uuid),
        "displayName": department.name,
        "meta": _meta(view, "Group", department, department.created_at),
    }
    if members:
        resource["members"] = [
            {
                "value": str(employee.uuid),
                "display": employee.full_name,
                "type": "User",
                "$ref": view.location("user", employee),
            }
            for employee in department.employees.all()
        ]
    return resource


def _group_or_404(id) -> Department:
    department = _groups().filter(_id_q(str(id))).first()
    if department is None:
        raise ScimError(404, f"Group {id} not found.")
    return department


def _members(value: Any) -> list[Employee]:
    """Employees named by SCIM member references ([{"value": id}, …]); unknown ids are errors."""
    items = value if isinstance(value, list) else [value]
    ids = [item.get("value") if isinstance(item, Mapping) else item for item in items if item]
    parsed = {_uuid_or_none(str(i)) for i in ids}
    found = {e.uuid: e for e in Employee.objects.filter(uuid__in=parsed - {None})}
    missing = [str(i) for i in ids if _uuid_or_none(str(i)) not in found]
    if missing:
        raise ScimError(400, f"Unknown member(s): {', '.join(missing)}.", "invalidValue")
    return list(found.values())


def _wants_members(request) -> bool:
    excluded = request.query_params.get("excludedAttributes", "")
    return "members" not in {name.strip().lower() for name in excluded.split(",")}


class GroupsView(ScimView):
    def get(self, request):
        queryset = _groups()
        if request.query_params.get("filter"):
            condition = parse_filter(request.query_params["filter"], _group_clause, members=True)
            queryset = queryset.filter(condition).distinct()
        members = _wants_members(request)
        return _page(request, queryset, lambda d: group_resource(self, d, members=members))

    def post(self, request):
        data = request.data if isinstance(request.data, Mapping) else {}
        name = str(data.get("displayName") or "").strip()
        if not name:
            raise ScimError(400, "displayName is required.", "invalidValue")
        department = provisioning_services.department_provision(
            actor=self.actor,
            department=None,
            name=name,
            members=_members(data.get("members") or []),
        )
        body = group_resource(self, _group_or_404(department.uuid))
        return Response(
            body, status.HTTP_201_CREATED, headers={"Location": body["meta"]["location"]}
        )


class GroupView(ScimView):
    def get(self, request, id):
        department = _group_or_404(id)
        return Response(group_resource(self, department, members=_wants_members(request)))

    def put(self, request, id):
        department = _group_or_404(id)
        data = request.data if isinstance(request.data, Mapping) else {}
        provisioning_services.department_provision(
            actor=self.actor,
            department=department,
            name=data.get("displayName"),
            members=_members(data.get("members") or []),
        )
        return Response(group_resource(self, _group_or_404(id)))

    def patch(self, request, id):
        department = _group_or_404(id)
        name, members, add, remove = None, None, [], []
        for kind, op_path, value in _operations(request.data):
            member = _MEMBER.match(op_path)
            lowered = op_path.lower()
            if not op_path and isinstance(value, Mapping):
                name = value.get("displayName", name)
                if "members" in value:
                    members = _members(value["members"])
            elif lowered == "displayname":
                name = value
            elif lowered == "members" and kind == "replace":
                members = _members(value or [])
            elif lowered == "members" and kind == "add":
                add += _members(value)
            elif lowered == "members" and kind == "remove":
                if value is None:
                    members = []
                else:
                    remove += _members(value)
            elif member and kind == "remove":
                remove += _members(member["value"])
            else:
                raise ScimError(400, f"Unsupported operation on {op_path!r}.", "invalidPath")
        provisioning_services.department_provision(
            actor=self.actor,
            department=department,
            name=name,
            members=members,
            add=add,
            remove=remove,
        )
        members = _wants_members(request)
        return Response(group_resource(self, _group_or_404(id), members=members))


# --- Discovery ------------------------------------------------------------------------------------


class ServiceProviderConfigView(ScimView):
    def get(self, request):
        return Response(
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
                "documentationUri": request.build_absolute_uri("/api/docs/"),
                "patch": {"supported": True},
                "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
                "filter": {"supported": True, "maxResults": MAX_COUNT},
                "changePassword": {"supported": False},
                "sort": {"supported": False},
                "etag": {"supported": False},
                "authenticationSchemes": [
                    {
                        "type": "oauthbearertoken",
                        "name": "API key",
                        "description": f"Authorization: Bearer <API key with {SCOPE}>",
                        "primary": True,
                    }
                ],
            }
        )


class ResourceTypesView(ScimView):
    def get(self, request):
        types = [
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
                "id": "User",
                "name": "User",
                "endpoint": "/Users",
                "schema": USER_SCHEMA,
                "schemaExtensions": [{"schema": ENTERPRISE_SCHEMA, "required": False}],
            },
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
                "id": "Group",
                "name": "Group",
                "endpoint": "/Groups",
                "schema": GROUP_SCHEMA,
            },
        ]
        return Response(
            {
                "schemas": [LIST_SCHEMA],
                "totalResults": len(types),
                "startIndex": 1,
                "itemsPerPage": len(types),
                "Resources": types,
            }
        )


urlpatterns = [
    path("ServiceProviderConfig", ServiceProviderConfigView.as_view(), name="service_provider"),
    path("ResourceTypes", ResourceTypesView.as_view(), name="resource_types"),
    path("Users", UsersView.as_view(), name="users"),
    path("Users/<str:id>", UserView.as_view(), name="user"),
    path("Groups", GroupsView.as_view(), name="groups"),
    path("Groups/<str:id>", GroupView.as_view(), name="group"),
]
