"""The embedded default: without a broker, the serving process ticks on a timer."""

from __future__ import annotations

import sys
import threading

from workflows import embedded


def test_the_timer_runs_only_in_the_serving_process(settings, monkeypatch):
    settings.PLMS_INPROCESS_TICK = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setattr(sys, "argv", ["manage.py", "migrate"])
    assert not embedded.should_start()
    monkeypatch.setattr(sys, "argv", ["manage.py", "runserver"])
    monkeypatch.delenv("RUN_MAIN", raising=False)
    assert not embedded.should_start(), "the autoreloader's parent does not serve"
    monkeypatch.setenv("RUN_MAIN", "true")
    assert embedded.should_start()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert not embedded.should_start(), "with a broker, beat ticks"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.PLMS_INPROCESS_TICK = False
    assert not embedded.should_start()


def test_the_timer_calls_the_tick(monkeypatch):
    from workflows import tasks

    ticked = threading.Event()
    monkeypatch.setattr(tasks.workflow_tick, "apply", lambda *a, **k: ticked.set())
    monkeypatch.setattr(embedded, "_started", threading.Event())
    stop = embedded.start(interval=0.05)
    try:
        assert ticked.wait(timeout=5)
        assert embedded.start(interval=0.05) is None, "once per process"
    finally:
        stop.set()
