"""Records each signed-in browser for "Your sessions" (plms.accounts.user_sessions)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from plms.accounts.user_sessions import user_session_seen


class UserSessionMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not request.path.startswith(("/api/", "/scim/")):
            user_session_seen(request=request)
        return self.get_response(request)
