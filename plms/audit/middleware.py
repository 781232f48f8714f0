"""Keeps the request's client address and user agent for the audit entries written while it
runs, so services (which never see the request) record where an action came from."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from plms.audit.services import use_request


class AuditOriginMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with use_request(request):
            return self.get_response(request)
