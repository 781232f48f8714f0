"""Request shaping shared by every route."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/v1/"


class ApiTrailingSlashMiddleware:
    """`/api/v1/employees/` is `/api/v1/employees`: the API's routes have no trailing slash,
    but most clients (and DRF's own default) add one. The same answer, not a redirect, so a
    POST keeps its body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(API_PREFIX) and path.endswith("/") and len(path) > len(API_PREFIX):
            request.path_info = path.rstrip("/")
        return self.get_response(request)
