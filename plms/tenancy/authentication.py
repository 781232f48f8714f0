from __future__ import annotations

from rest_framework import authentication, exceptions


class ApiKeyPrincipal:
    """What `request.user` is for a call made with an API key: no person, just the key."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    pk = None

    def __init__(self, api_key) -> None:
        self.api_key = api_key

    def __str__(self) -> str:
        return f"API key {self.api_key.name}"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>`, resolved by OrganizationMiddleware before the view."""

    keyword = "Bearer"

    def authenticate(self, request):
        django_request = request._request
        if getattr(django_request, "api_key", None) is not None:
            return ApiKeyPrincipal(django_request.api_key), django_request.api_key
        error = getattr(django_request, "api_key_error", None)
        if error:
            raise exceptions.AuthenticationFailed(error)
        return None

    def authenticate_header(self, request) -> str:
        return self.keyword
