"""The authorization matrix: every API route x method x caller -> the expected outcome.

Routes are enumerated from the URL conf, so a new route joins by existing. Callers: anonymous,
an employee, their manager, their matrix manager, an HR admin, a key with the route's scope, a
key with another area's scope only, and another organization's key. Object-level rules (who
may edit which goal) are each domain's own tests; this matrix pins the rules every route
shares:

- anonymous -> 401; a key without the area's scope -> 403; the right key -> allowed;
- another organization's key -> 404 on any object route;
- on routes whose writes are for HR admins, members get 403 and HR admins are allowed;
- members can always read lists.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver
from rest_framework.test import APIClient

from plms import api_urls
from plms.tenancy.scopes import AREAS, scopes_of
from plms.tenancy.services import api_key_create
from tests import factories
from tests.factories import TENANT_FACTORIES

ALLOWED = "allowed"  # anything but 401 and 403

# The write policy of each resource (first path segment), declared here independently of the
# code: a new resource fails test_every_route_has_a_declared_policy until it is added.
#   "admin" - writes are for HR admins (and keys with the write scope); members get 403
#   "object" - writes depend on the object (owner, manager, ...): the domain's tests decide
#   "admin-read" - reads and writes are for HR admins (configuration such as webhook URLs)
#   "none" - no organization data behind it (me, ping, the shipped catalogue)
POLICIES = {
    "me": "none",
    "ping": "none",
    "employees": "admin",
    "departments": "admin",
    "capabilities": "admin",
    "competency-scales": "admin",
    "job-roles": "admin",
    "job-role-assignments": "admin",
    "capability-updates": "admin",
    "external-ratings": "admin-read",
    "catalogue": "none",
    "webhooks": "admin-read",
    "workflows": "admin",
    "notifications": "object",
    "goals": "object",
    "check-ins": "object",
    "feedback": "object",
    "goal-templates": "admin",
    "assessment-cycles": "admin",
    "assessments": "object",
    "peer-nominations": "object",
    "expert-grants": "object",
    "rating-previews": "object",
    "review-templates": "admin",
    "review-answers": "object",
    "learning-items": "admin",
    "development-plans": "object",
    "learning-completions": "admin",
    "learning-content-gaps": "none",
    "learning-impact": "none",
    "audit-events": "admin-read",
    "personal-data-exports": "admin-read",
    "performance-ratings": "object",
    "pay-grades": "admin-read",
    "pay-records": "admin",
    "pay-equity": "admin-read",
    "compensation-reviews": "object",
    "bonus-runs": "admin",
    "performance-outliers": "object",
    "career-paths": "admin",
    "aspirations": "object",
    "critical-roles": "admin",
    "successors": "admin",
    "potential-assessments": "object",
    "talent-pools": "admin",
    "successor-nominations": "object",
    "talent-reviews": "object",
    "talent-review-actions": "object",
    "surveys": "admin",
    "survey-responses": "object",
    "survey-results": "object",
}
# Writes only the object's own person may make, whoever else asks (HR admins and keys get
# 403): rating is the rater's alone (`not_rater`; a key gets `rating_on_behalf`).
OWN_PERSON_ONLY = {"^assessments/(?P<id>[^/.]+)/submit$"}
DENIED = {401: 401, 403: 403, 404: 404}
WRITE_METHODS = ("post", "put", "patch", "delete")


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _methods(pattern) -> list[str]:
    callback = pattern.callback
    view_class = _view_class(pattern)
    actions = getattr(callback, "actions", None)
    if actions:
        candidates = actions
    else:
        candidates = [
            m for m in ("get", "post", "put", "patch", "delete") if hasattr(view_class, m)
        ]
    return sorted(m for m in candidates if m in view_class.http_method_names)


def _view_class(pattern):
    callback = pattern.callback
    return getattr(callback, "cls", None) or callback.view_class


ROUTES = [
    (route, pattern)
    for route, pattern in _patterns(api_urls.urlpatterns)
    if "format" not in pattern.pattern.regex.groupindex
]


def _path(route: str, obj) -> str:
    path = "/api/v1/" + route.lstrip("^").rstrip("$")
    path = re.sub(r"\(\?P<id>[^)]*\)", str(obj.uuid) if obj else "", path)
    path = re.sub(r"<[^>]*id>", str(obj.uuid) if obj else "", path)
    # Reference data looked up by another key: any key will do for the permission outcome.
    return re.sub(r"\(\?P<\w+>[^)]*\)", "sample-key", path)


def _resource(route: str) -> str:
    return route.lstrip("^").split("/")[0].split("$")[0]


def test_every_route_has_a_declared_policy():
    undeclared = sorted({_resource(route) for route, _ in ROUTES} - set(POLICIES))
    assert undeclared == [], f"declare the write policy of {undeclared} in POLICIES"


def test_every_route_can_be_placed_in_the_matrix():
    problems = []
    for route, pattern in ROUTES:
        names = set(pattern.pattern.regex.groupindex)
        if _resource(route) == "catalogue":
            continue  # shared reference data, looked up by its key
        if names - {"id"}:
            problems.append(f"{route}: only {{id}} routes are generated; add it to this test")
        view = _view_class(pattern)
        if "id" in names:
            model = getattr(getattr(view.serializer_class, "Meta", None), "model", None)
            if model not in TENANT_FACTORIES:
                problems.append(f"{route}: its model needs a registered factory")
    assert problems == []


@pytest.fixture
def callers(org_a, org_b, hr_admin, manager, employee):
    matrix_manager = factories.member(org_a, email="matrix@a.example", title="Project lead")
    factories.SecondaryManagerFactory(
        organization=org_a, employee=employee.employee, manager=matrix_manager.employee, weight=40
    )

    def session(member):
        client = APIClient()
        client.force_authenticate(user=None)
        client.force_login(member.user)
        return client

    def key(organization, scopes):
        _, secret = api_key_create(organization=organization, name="matrix", scopes=scopes)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return {
        "anonymous": lambda area: APIClient(),
        "employee": lambda area: session(employee),
        "manager": lambda area: session(manager),
        "matrix manager": lambda area: session(matrix_manager),
        "HR admin": lambda area: session(hr_admin),
        "key with scope": lambda area: key(org_a, list(scopes_of(area)) if area else []),
        "key without scope": lambda area: key(
            org_a,
            [scope for other in AREAS if other != area for scope in scopes_of(other)],
        ),
        "other organization's key": lambda area: key(org_b, list(scopes_of(area)) if area else []),
    }


def expected(view, route: str, method: str, caller: str, has_object: bool):
    area = getattr(view, "scope_area", "")
    policy = POLICIES.get(_resource(route))
    admin_writes = policy in ("admin", "admin-read")
    if caller in ("employee", "manager", "matrix manager") and policy == "admin-read":
        return 403
    if caller == "anonymous":
        return 401
    if caller == "key without scope":
        return 403 if area else ALLOWED
    if caller == "other organization's key":
        return 404 if has_object else ALLOWED
    if (
        caller in ("employee", "manager", "matrix manager")
        and method in WRITE_METHODS
        and admin_writes
    ):
        return 403
    if method == "get" and not has_object:
        return ALLOWED
    if caller in ("key with scope", "HR admin"):
        if route in OWN_PERSON_ONLY and method in WRITE_METHODS:
            return 403
        return ALLOWED
    return None  # object-level rule: the domain's own tests decide


@pytest.mark.parametrize(("route", "pattern"), ROUTES, ids=[r for r, _ in ROUTES])
def test_authorization_matrix(route, pattern, org_a, callers):
    view = _view_class(pattern)
    has_object = "id" in pattern.pattern.regex.groupindex
    model = getattr(getattr(getattr(view, "serializer_class", None), "Meta", None), "model", None)
    failures = []
    for method in _methods(pattern):
        for caller, make_client in callers.items():
            want = expected(view, route, method, caller, has_object)
            if want is None:
                continue
            obj = TENANT_FACTORIES[model](organization=org_a) if has_object else None
            client = make_client(getattr(view, "scope_area", ""))
            response = getattr(client, method)(_path(route, obj), {}, format="json")
            got = response.status_code
            ok = got not in (401, 403) if want == ALLOWED else got == want
            if not ok:
                failures.append(f"{method.upper()} {caller}: expected {want}, got {got}")
    assert failures == []
