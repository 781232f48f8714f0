"""API permissions: a member or a key of the organization, and the key's scope per area."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from plms.tenancy.scopes import scopes_of


class IsOrganizationMember(BasePermission):
    """The caller acts in an organization: a session member or an API key of it."""

    message = "Authenticate with an API key or sign in as a member of an organization."

    def has_permission(self, request, view) -> bool:
        django_request = request._request
        return django_request.organization is not None and (
            django_request.api_key is not None or django_request.membership is not None
        )


class HasScope(BasePermission):
    """Keys need `<area>:read` for safe methods and `<area>:write` otherwise.

    Views name their area in `scope_area`; people signed in through the browser are not limited
    by scopes (their role and object permissions apply in the services).
    """

    message = "This API key lacks the scope for this operation."

    def has_permission(self, request, view) -> bool:
        api_key = request._request.api_key
        if api_key is None:
            return True
        read, write = scopes_of(view.scope_area)
        return (read if request.method in SAFE_METHODS else write) in api_key.scopes


class IsOrganizationAdmin(BasePermission):
    """Writes reserved to HR admins (or a key with the write scope)."""

    message = "Only HR admins may do this."

    def has_permission(self, request, view) -> bool:
        django_request = request._request
        if django_request.api_key is not None:
            return True
        if request.method in SAFE_METHODS:
            return True
        return django_request.membership is not None and django_request.membership.is_admin
