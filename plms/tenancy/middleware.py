"""Resolves the organization a request acts for and runs the request inside it.

Browser: the active membership (kept in the session; the organization switcher changes it).
API: the organization of the `Authorization: Bearer` key. The whole request, including template
rendering, runs in `organization_scope()`, whose transaction carries the row-level-security
setting. `ATOMIC_REQUESTS` additionally wraps the view, so a failed view rolls back its writes.
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from plms.tenancy import selectors
from plms.tenancy.context import organization_scope

SESSION_KEY = "plms_organization_id"
API_PREFIXES = ("/api/", "/scim/")


class OrganizationMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organization = None
        request.membership = None
        request.api_key = None
        request.api_key_error = None
        request.employee = None
        request.memberships = []

        header = request.headers.get("Authorization", "")
        if request.path.startswith(API_PREFIXES) and header.lower().startswith("bearer "):
            key, error = selectors.api_key_for_secret(secret=header[7:].strip())
            request.api_key, request.api_key_error = key, error
            if key is not None:
                request.organization = key.organization
        elif request.user.is_authenticated:
            # Read once a request: the organization switcher lists the same memberships.
            request.memberships = selectors.memberships_for_user(user=request.user)
            membership = selectors.membership_for_session(
                user=request.user,
                organization_id=request.session.get(SESSION_KEY),
                memberships=request.memberships,
            )
            if membership is not None:
                request.membership = membership
                request.organization = membership.organization
                if request.session.get(SESSION_KEY) != membership.organization_id:
                    request.session[SESSION_KEY] = membership.organization_id

        if request.organization is None:
            return self.get_response(request)

        # Inside the scope the rest of the chain runs: `plms.people.middleware` then finds the
        # member's employee record.
        with organization_scope(request.organization):
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
            return response
