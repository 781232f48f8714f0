"""The embedded default: with no broker, the serving process runs the Momentum tick itself.

`make run` has no Redis and no beat, and Celery runs tasks in-process. A daemon thread calls
the tick every PLMS_WORKFLOW_TICK_SECONDS in the serving process only (the runserver child that
serves requests, or a process that asks for it), never in `migrate`, `test` or a worker.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_started = threading.Event()


def _serving() -> bool:
    argv = sys.argv
    if len(argv) < 2 or argv[1] != "runserver":
        return False
    # With the autoreloader, only the child process (RUN_MAIN) serves requests.
    return os.environ.get("RUN_MAIN") == "true" or "--noreload" in argv


def should_start() -> bool:
    return bool(settings.PLMS_INPROCESS_TICK and settings.CELERY_TASK_ALWAYS_EAGER and _serving())


def _loop(stop: threading.Event, interval: float) -> None:
    from workflows.tasks import workflow_tick

    while not stop.wait(interval):
        try:
            workflow_tick.apply()
        except Exception:  # the next tick tries again; the database holds what is due
            logger.exception("In-process Momentum tick failed")
        finally:
            connections.close_all()


def start(*, interval: float | None = None) -> threading.Event | None:
    """Start the timer thread once per process; return the event that stops it."""
    if _started.is_set():
        return None
    _started.set()
    stop = threading.Event()
    seconds = float(interval or settings.PLMS_WORKFLOW_TICK_SECONDS)
    thread = threading.Thread(target=_loop, args=(stop, seconds), name="momentum-tick", daemon=True)
    thread.start()
    logger.info("Momentum tick runs in-process every %s s (no broker configured).", seconds)
    return stop
