"""The Celery app. Without REDIS_URL tasks run in-process (embedded default)."""

import gc
import os

from celery import Celery
from celery.signals import (
    before_task_publish,
    task_postrun,
    task_prerun,
    worker_process_init,
    worker_process_shutdown,
    worker_ready,
    worker_shutdown,
)

from plms.common import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plms.settings.local")

app = Celery("plms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Task log lines carry the task's id and organization and the id of the request that sent it.
before_task_publish.connect(logs.task_publish_headers, weak=False)
task_prerun.connect(logs.task_started, weak=False)
task_postrun.connect(logs.task_finished, weak=False)


@worker_process_init.connect
def freeze_start_up_objects(**_kwargs) -> None:
    """A worker process keeps what it loaded at start (Django, the apps' modules, the URL
    conf) for its whole life. Frozen, those objects leave the collector's generations, so a
    full collection scans only what tasks allocated since: a Momentum dispatch chunk that
    built a few thousand model instances no longer pays an 80 ms pause to scan the start-up
    heap."""
    gc.collect()
    gc.freeze()


@worker_process_init.connect
def start_heartbeats(**_kwargs) -> None:
    """Each pool process beats while it lives, so its work is taken over soon after it dies
    (plms.common.workers)."""
    from plms.common import workers  # models: only once Django is set up in the worker

    workers.start()


@worker_process_shutdown.connect
def stop_heartbeats(**_kwargs) -> None:
    from plms.common import workers

    workers.stop()


@worker_ready.connect
def start_main_process_heartbeats(**_kwargs) -> None:
    """The main process beats too: it takes messages from the broker before a pool process
    starts them, and stamps their work with its name (workflows.tasks.take_on_receipt)."""
    from plms.common import workers

    workers.start()


@worker_shutdown.connect
def stop_main_process_heartbeats(**_kwargs) -> None:
    from plms.common import workers

    workers.stop()
