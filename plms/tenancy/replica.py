"""Reports from a PostgreSQL streaming replica, when `DATABASE_REPLICA_URL` names one.

Dashboards and reports that tolerate a few seconds of lag run their reads inside
`replica_reads()` (or are decorated with `@replica_view`): the database router sends every read
of the block to the `replica` connection, inside a read-only transaction of its own in which
the row-level-security key is set exactly as on the primary (`organization_scope`), so the
replica returns only the current organization's rows. Writes always go to the primary.

A person's own writes are read from the primary on the next pages: a successful write request
(any method but GET, HEAD, OPTIONS) pins the signed-in person to the primary for
`PLMS_REPLICA_PIN_SECONDS` (a key in the cache, shared by every web process), and
`replica_reads()` stays on the primary while the pin lasts. Without a replica everything reads
from the primary and nothing here costs a query or a cache round trip.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpRequest, HttpResponse

from plms.tenancy.context import RLS_SETTING, _set_database_setting, current_organization_id

REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PIN_KEY = "plms:primary-pin:{}"

_reading: contextvars.ContextVar[bool] = contextvars.ContextVar("plms_replica_reads", default=False)
_viewer: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "plms_replica_viewer", default=None
)

F = TypeVar("F", bound=Callable[..., Any])


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def pin_seconds() -> int:
    return int(getattr(settings, "PLMS_REPLICA_PIN_SECONDS", 10))


class ReplicaRouter:
    """Reads inside `replica_reads()` go to the replica; everything else to the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        return REPLICA if _reading.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same rows on both

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def pinned_to_primary() -> bool:
    viewer = _viewer.get()
    return viewer is not None and bool(cache.get(PIN_KEY.format(viewer)))


def pin_to_primary(viewer: str) -> None:
    cache.set(PIN_KEY.format(viewer), 1, timeout=pin_seconds())


def reading_from_replica() -> bool:
    return _reading.get()


@contextmanager
def replica_reads() -> Iterator[str]:
    """Reads of the block from the replica when there is one and the viewer has written
    nothing within the pin; yields the alias the block reads from."""
    if not replica_configured() or _reading.get() or pinned_to_primary():
        yield DEFAULT_DB_ALIAS
        return
    organization_id = current_organization_id()
    with transaction.atomic(using=REPLICA):
        # Row-level security on the replica too: no organization, no tenant rows.
        _set_database_setting(
            RLS_SETTING, "" if organization_id is None else str(organization_id), REPLICA
        )
        token = _reading.set(True)
        try:
            yield REPLICA
        finally:
            _reading.reset(token)


def replica_view(view: F) -> F:
    """A page or API view whose reads tolerate the replica's lag."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with replica_reads():
            response = view(*args, **kwargs)
            render = getattr(response, "render", None)
            if callable(render) and not getattr(response, "is_rendered", True):
                response = render()  # templates read inside the block too
            return response

    return wrapper  # type: ignore[return-value]


class ReplicaPinMiddleware:
    """Names the signed-in person for `replica_reads()` and pins them to the primary after a
    successful write. Does nothing when no replica is configured."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        user = getattr(request, "user", None)
        viewer = f"user:{user.pk}" if user is not None and user.is_authenticated else None
        token = _viewer.set(viewer)
        try:
            response = self.get_response(request)
        finally:
            _viewer.reset(token)
        user = getattr(request, "user", None)  # an API key's caller is known only now
        if viewer is None and user is not None and user.is_authenticated:
            viewer = f"user:{user.pk}"
        if viewer and request.method not in SAFE_METHODS and response.status_code < 400:
            pin_to_primary(viewer)
        return response
