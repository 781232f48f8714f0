"""Structured logs: one JSON object per line, carrying the ids an operator searches by.

Every log line written while a request or a Celery task is being handled carries
`request_id`, `organization_id` and `user_id` or `api_key_id` (internal ids, never names or
e-mail addresses), and a task's lines add `task_id` and `task`. Each request ends with one
`request` line (route, method, status, duration_ms) and each task with one `task` line
(state, duration_ms). A request's id travels with the tasks it enqueues, so a worker's lines
can be found from the request that caused them. `X-Request-ID` is taken from the proxy when it
sends a sane one and is always returned.

`PLMS_LOG_FORMAT=json` (the production default) selects `JsonFormatter`; `plain` keeps the
human-readable lines, still with the ids.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

from plms.common import metrics
from plms.tenancy.context import current_organization_id

logger = logging.getLogger("plms.request")
task_logger = logging.getLogger("plms.task")

_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "plms_log_context", default=None
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
CONTEXT_FIELDS = ("request_id", "organization_id", "user_id", "api_key_id", "task_id", "task")


def current_request_id() -> str | None:
    return (_context.get() or {}).get("request_id")


class ContextFilter(logging.Filter):
    """Adds the current request's or task's ids to every record (as attributes)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _context.get() or {}
        for name in CONTEXT_FIELDS:
            if getattr(record, name, None) is None:
                setattr(record, name, context.get(name))
        if record.organization_id is None:
            record.organization_id = current_organization_id()
        return True


_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the ids and any `extra`."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in _RESERVED and not name.startswith("_") and value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


# --- Requests ------------------------------------------------------------------------------


class RequestLogMiddleware:
    """Outermost: gives the request its id, times it and writes its `request` line."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _REQUEST_ID.match(offered) else uuid.uuid4().hex
        context = {"request_id": request_id}
        token = _context.set(context)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration = time.perf_counter() - started
            route = _route(request)
            _identify(request, context)
            logger.info(
                "request",
                extra={
                    **context,
                    "route": route,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(duration * 1000, 1),
                },
            )
            metrics.observe_request(
                route=route, method=request.method, status=response.status_code, seconds=duration
            )
            response["X-Request-ID"] = request_id
            return response
        finally:
            _context.reset(token)


class RequestIdentityMiddleware:
    """Inside OrganizationMiddleware: puts the organization and the caller on the context so
    that every line the view logs carries them."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        context = _context.get()
        if context is not None:
            _identify(request, context)
        return self.get_response(request)


def _identify(request, context: dict) -> None:
    organization = getattr(request, "organization", None)
    if organization is not None:
        context["organization_id"] = organization.pk
    api_key = getattr(request, "api_key", None)
    if api_key is not None:
        context["api_key_id"] = api_key.pk
        return
    user = getattr(request, "user", None)  # resolved by then; never an e-mail address
    if user is not None and user.is_authenticated and user.pk is not None:
        context["user_id"] = user.pk


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unnamed"


# --- Celery tasks --------------------------------------------------------------------------

_task_tokens: dict[str, tuple[contextvars.Token, float]] = {}


def task_publish_headers(headers: dict | None = None, **_kwargs) -> None:
    """before_task_publish: the request's id travels with the task."""
    request_id = current_request_id()
    if headers is not None and request_id and "plms_request_id" not in headers:
        headers["plms_request_id"] = request_id


def task_started(task_id: str, task, kwargs: dict | None = None, **_kwargs) -> None:
    """task_prerun: the task's lines carry its id, name, organization and request."""
    headers = getattr(task.request, "headers", None) or {}
    context = {
        "task_id": task_id,
        "task": task.name,
        "request_id": getattr(task.request, "plms_request_id", None)
        or headers.get("plms_request_id"),
        "organization_id": (kwargs or {}).get("organization_id"),
    }
    _task_tokens[task_id] = (_context.set(context), time.perf_counter())


def task_finished(task_id: str, task, state: str | None = None, **_kwargs) -> None:
    """task_postrun: one `task` line with the state and the duration."""
    token, started = _task_tokens.pop(task_id, (None, None))
    if token is None:
        return
    try:
        task_logger.info(
            "task",
            extra={
                "state": state,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
    finally:
        _context.reset(token)
