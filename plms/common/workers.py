"""Heartbeats of Celery worker processes, so that work held by a dead one is taken over in
seconds instead of after a long lease.

Each prefork child names itself (`host:pid:random`) when it starts, writes a heartbeat row at
once and then every PLMS_WORKER_HEARTBEAT_SECONDS from a daemon thread. Work it takes is
stamped with that name (`claimed_by`); `orphaned(field)` is the condition "stamped by a
process whose heartbeat is older than PLMS_WORKER_HEARTBEAT_TIMEOUT_SECONDS (or gone)". A
process killed with SIGKILL stops beating, and its work becomes claimable again. A process
that is only slow keeps beating (the thread does not wait for the task), so its work stays
its own. Outside a worker (the web process, eager tasks) there is no owner and nothing is
stamped: the long leases still apply.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from plms.common.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

_owner: str | None = None
_stop = threading.Event()


def current_owner() -> str | None:
    """This worker process's name, or None outside a worker."""
    return _owner


def orphaned(field: str) -> Q:
    """`field` names an owner whose heartbeat is missing or older than the timeout."""
    cutoff = timezone.now() - timedelta(seconds=settings.PLMS_WORKER_HEARTBEAT_TIMEOUT_SECONDS)
    alive = WorkerHeartbeat.objects.filter(owner=OuterRef(field), beat_at__gte=cutoff)
    return Q(**{f"{field}__isnull": False}) & ~Exists(alive)


def beat() -> None:
    WorkerHeartbeat.objects.update_or_create(owner=_owner, defaults={"beat_at": timezone.now()})


def start() -> str:
    """In a new worker process: take a name, beat once, then keep beating from a thread."""
    global _owner
    _owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
    _stop.clear()
    beat()
    connection.close()  # the task's connection is opened by the task, not inherited from here
    threading.Thread(target=_keep_beating, name="plms-heartbeat", daemon=True).start()
    return _owner


def stop() -> None:
    """On a clean exit: stop beating and say so, so nothing waits for the timeout."""
    _stop.set()
    if _owner is not None:
        try:
            WorkerHeartbeat.objects.filter(owner=_owner).delete()
        except Exception:  # the database may be gone at shutdown; the timeout covers it
            logger.warning("could not remove the heartbeat of %s", _owner, exc_info=True)


def _keep_beating() -> None:
    interval = settings.PLMS_WORKER_HEARTBEAT_SECONDS
    while not _stop.wait(interval):
        try:
            beat()
        except Exception:
            logger.warning("heartbeat failed", exc_info=True)
            connection.close()


def purge_stale(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget processes that stopped beating long ago."""
    deleted, _ = WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - older_than).delete()
    return deleted
