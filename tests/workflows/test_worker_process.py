"""What a Celery worker process does when it starts (`plms.celery`)."""

from __future__ import annotations

import gc
import weakref

from celery.signals import worker_process_init

from plms.celery import freeze_start_up_objects


def test_a_worker_process_freezes_what_it_loaded_at_start():
    receivers = [
        ref() if isinstance(ref, weakref.ref) else ref
        for _key, ref in worker_process_init.receivers
    ]
    assert freeze_start_up_objects in receivers
    assert gc.get_freeze_count() == 0
    try:
        freeze_start_up_objects()
        # Frozen objects are out of the collector's generations: a full collection skips them.
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
