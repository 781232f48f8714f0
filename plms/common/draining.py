"""Draining an instance for a restart without failing a request.

While the file `PLMS_DRAIN_FILE` exists the instance refuses new work: every request except
the probes (`/healthz`, `/readyz`, `/metrics`) is answered at once with `503 draining` and
`Retry-After: 1`, before anything reads the body or touches the database, and `/readyz`
says 503 as well. A proxy that passes such an answer to the next instance (nginx:
`proxy_next_upstream error timeout http_503 non_idempotent`) moves the traffic to the other
instances; requests already running finish; then SIGTERM stops the instance gracefully.
Since a draining answer guarantees the request was not processed, retrying it elsewhere is
safe even for a POST.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import JsonResponse

from plms.common.exceptions import error_body

PROBES = ("/healthz", "/readyz", "/metrics")


def draining() -> bool:
    return bool(settings.PLMS_DRAIN_FILE) and os.path.exists(settings.PLMS_DRAIN_FILE)


class DrainMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if draining() and not request.path.startswith(PROBES):
            response = JsonResponse(
                error_body("draining", "This instance is restarting; retry."), status=503
            )
            response["Retry-After"] = "1"
            response["Connection"] = "close"
            return response
        return self.get_response(request)
