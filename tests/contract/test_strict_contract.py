"""One strict, uniform contract on every route, enumerated from the URL conf (a new route joins
by existing):

- every write (POST, PUT, PATCH) refuses a field it does not know with a 400 naming it;
- every collection answers the same paginated envelope, and a malformed `page`, `page_size`
  or `ordering` is a 400;
- no operation of the published schema answers a bare array;
- a trailing slash gets the same answer as the route without it.
"""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.filters import OrderingFilter

from plms.people.models import Employee
from tests.contract import test_authorization_matrix as matrix
from tests.factories import TENANT_FACTORIES

UNKNOWN = "zz_not_a_field"
ENVELOPE = {"count", "next", "previous", "results"}


def _object_routes():
    for route, pattern in matrix.ROUTES:
        names = set(pattern.pattern.regex.groupindex)
        if names - {"id"}:
            continue  # looked up by another key (the shipped catalogue): tested with it
        yield route, pattern, "id" in names


def _url(route, pattern, org, has_object) -> str:
    view = matrix._view_class(pattern)
    model = getattr(getattr(getattr(view, "serializer_class", None), "Meta", None), "model", None)
    # A person's sub-resource: the id is theirs.
    if route.startswith(("employees/<str:id>/", "employees/<uuid:id>/")):
        model = Employee
    obj = TENANT_FACTORIES[model](organization=org) if has_object else None
    return matrix._path(route, obj)


WRITES = [
    (route, pattern, has_object, method)
    for route, pattern, has_object in _object_routes()
    for method in matrix._methods(pattern)
    if method in ("post", "put", "patch")
]
READS = [
    (route, pattern, has_object)
    for route, pattern, has_object in _object_routes()
    if "get" in matrix._methods(pattern)
]


@pytest.mark.parametrize(
    ("route", "pattern", "has_object", "method"),
    WRITES,
    ids=[f"{method.upper()} {route}" for route, _, _, method in WRITES],
)
def test_every_write_refuses_an_unknown_field(
    route, pattern, has_object, method, org_a, hr_admin, key_client_a
):
    url = _url(route, pattern, org_a, has_object)
    response = getattr(key_client_a, method)(url, {UNKNOWN: 1}, format="json")
    assert response.status_code == 400, (url, response.status_code, response.content[:300])
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"].get(UNKNOWN) == ["Unknown field."], body


def test_an_unknown_field_is_named_beside_the_other_problems(org_a, key_client_a):
    response = key_client_a.post("/api/v1/departments", {"parnt": None}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"name", "parnt"}


def test_a_misspelt_field_in_a_patch_changes_nothing_and_says_so(org_a, key_client_a):
    created = key_client_a.post(
        "/api/v1/employees", {"email": "ada@a.example", "first_name": "Ada"}, format="json"
    )
    employee = created.json()["id"]
    response = key_client_a.patch(
        f"/api/v1/employees/{employee}", {"frist_name": "Eve"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"frist_name": ["Unknown field."]}
    assert key_client_a.get(f"/api/v1/employees/{employee}").json()["first_name"] == "Ada"


@pytest.mark.parametrize(
    ("route", "pattern", "has_object"), READS, ids=[route for route, _, _ in READS]
)
def test_every_collection_pages_and_every_route_takes_a_trailing_slash(
    route, pattern, has_object, org_a, hr_admin, key_client_a
):
    url = _url(route, pattern, org_a, has_object)
    response = key_client_a.get(url)
    slashed = key_client_a.get(url + "/")
    assert slashed.status_code == response.status_code, url
    assert response.status_code != 404, url
    if response.status_code != 200:
        return  # needs a query (e.g. a cycle): the schema check below covers its shape
    if not response["Content-Type"].startswith("application/json"):
        return  # a file to download (a payroll or an export), not a collection
    body = response.json()
    assert not isinstance(body, list), f"{url} answers a bare array"
    if "results" not in body:
        return  # one object, not a collection
    assert set(body) == ENVELOPE, url
    assert slashed.json()["results"] == body["results"]
    queries = ["page=", "page=x", "page=0", "page=1&page=2", "page_size=", "page_size=0"]
    if _orders(pattern):
        queries.append("ordering=zz")
    for query in queries:
        refused = key_client_a.get(f"{url}?{query}")
        assert refused.status_code == 400, (url, query, refused.status_code)
        assert refused.json()["code"] == "invalid"


def _orders(pattern) -> bool:
    backends = pattern.callback.initkwargs.get(
        "filter_backends", matrix._view_class(pattern).filter_backends
    )
    return any(issubclass(backend, OrderingFilter) for backend in backends)


def test_no_operation_answers_a_bare_array(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    bare = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        for status, response in operation["responses"].items():
            content = response.get("content", {}).get("application/json", {})
            if status.startswith("2") and content.get("schema", {}).get("type") == "array":
                bare.append(path)
    assert bare == []


def test_every_request_body_refuses_unknown_properties_in_the_schema(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    open_bodies = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            reference = body["schema"].get("$ref", "")
            component = components.get(reference.rsplit("/", 1)[-1], body["schema"])
            if component.get("additionalProperties") is not False:
                open_bodies.append(f"{method.upper()} {path}")
    assert open_bodies == []


def test_search_is_advertised_only_where_it_works(org_a, key_client_a):
    scales = key_client_a.get("/api/v1/competency-scales?search=zz-nothing-like-it").json()
    assert scales["count"] == 0
    assert key_client_a.get("/api/v1/competency-scales?search=").json()["count"] == 1


def test_a_boolean_is_json_true_or_false(org_a, key_client_a):
    body = {"email": "ada@a.example", "first_name": "Ada", "active": 0}
    response = key_client_a.post("/api/v1/employees", body, format="json")
    assert response.status_code == 400 and "active" in response.json()["fields"]


def test_a_body_that_is_not_an_object_is_a_400_before_if_match_is_compared(org_a, key_client_a):
    created = key_client_a.post(
        "/api/v1/employees", {"email": "ada@a.example", "first_name": "Ada"}, format="json"
    )
    url = f"/api/v1/employees/{created.json()['id']}"
    response = key_client_a.patch(
        url, data="-3.5", content_type="application/json", HTTP_IF_MATCH='W/"stale"'
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_a_text_longer_than_its_limit_is_refused_even_when_trimming_would_fit_it(
    org_a, key_client_a
):
    # A leading file-separator character (U+001C) is whitespace to str.strip(): trimming it
    # would bring the title to the limit, but the text as sent breaks the schema's maxLength.
    title = "\x1c" + "T" * 200
    response = key_client_a.post(
        "/api/v1/goal-templates", {"name": "Too long", "title": title}, format="json"
    )
    assert response.status_code == 400, response.content[:300]
    assert "title" in response.json()["fields"]
