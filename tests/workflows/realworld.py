"""Real services for the reliability tests: a Celery worker subprocess (prefork) on the test
database, a Redis database (or server) of our own, an SMTP sink that counts what arrives, and
a beat thread. Every wait is bounded, so a hang fails the test instead of blocking it."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(
    predicate, *, timeout: float, interval: float = 0.2, message: str | Callable[[], str] = ""
):
    """Poll `predicate` until it is true; on timeout fail with `message` (a callable is asked
    then, so it describes the state at the end of the wait)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            text = message() if callable(message) else message
            raise AssertionError(f"timed out after {timeout} s: {text}")
        time.sleep(interval)


# --- SMTP sink -------------------------------------------------------------------------------


class SmtpSink:
    """A real SMTP server (aiosmtpd) on loopback; records each accepted message's Message-ID."""

    def __init__(self, *, delay: float = 0.0) -> None:
        from aiosmtpd.controller import Controller

        self.delay = delay  # seconds before accepting each message (a slow provider)
        self.port = free_port()
        self.lock = threading.Lock()
        self.received: list[tuple[str, str, str]] = []  # (message id, recipient, subject)
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        message = BytesParser(policy=default_policy).parsebytes(envelope.content, headersonly=True)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append(
                    (str(message["Message-ID"]), recipient, str(message["Subject"]))
                )
        return "250 Message accepted for delivery"

    def start(self) -> SmtpSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def ids(self) -> list[str]:
        with self.lock:
            return [item[0] for item in self.received]

    def count(self) -> int:
        with self.lock:
            return len(self.received)

    def duplicates(self) -> dict[str, int]:
        return {mid: n for mid, n in Counter(self.ids()).items() if n > 1}


# --- Redis -----------------------------------------------------------------------------------


def shared_redis_url() -> str:
    """A database of the shared Redis server of our own, derived from the test database name,
    emptied first (other engineers' runs use other numbers)."""
    import redis

    base = urlsplit(settings.REDIS_URL or "redis://127.0.0.1:6379/0")
    number = 1 + zlib.crc32(connection.settings_dict["NAME"].encode()) % 15
    url = f"redis://{base.hostname or '127.0.0.1'}:{base.port or 6379}/{number}"
    redis.Redis.from_url(url).flushdb()
    return url


class RedisServer:
    """A redis-server of our own on a free loopback port, without persistence (so a restart
    loses every queued message, like a broker that crashed)."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is installed"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)

        def ready() -> bool:
            with contextlib.suppress(Exception):
                return client.ping()
            return False

        wait_for(ready, timeout=10, message="redis-server did not start")
        return self

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


# --- The worker ------------------------------------------------------------------------------


def database_url() -> str:
    """The test database, as the application role (row-level security applies)."""
    s = connection.settings_dict
    credentials = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{credentials}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """`celery -A plms worker -P prefork -c 2` on the test database and the given broker."""

    started = 0

    def __init__(self, *, broker: str, smtp_port: int, logdir: Path, **env: str) -> None:
        self.broker = broker
        self.logdir = logdir
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PLMS_"))},
            "DJANGO_SETTINGS_MODULE": "tests.workflows.worker_settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker,
            "PLMS_TEST_SMTP_PORT": str(smtp_port),
            "PLMS_WORKFLOW_CLAIM_LEASE_SECONDS": "5",
            "PLMS_NOTIFICATION_EMAIL_LEASE_SECONDS": "8",
            "PLMS_NOTIFICATION_EMAIL_GRACE_SECONDS": "3",
            "PYTHONPATH": str(ROOT),
            **env,
        }
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.kills = 0

    def start(self) -> Worker:
        from django.utils import timezone

        self.started_at = timezone.now()  # its pool processes' heartbeats start after this
        self.starts += 1
        Worker.started += 1  # each worker of a test keeps its own log
        log = self.logdir / f"worker-{Worker.started}.log"
        self.log = log
        self.process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "plms",
                "worker",
                "-P",
                "prefork",
                "-c",
                "2",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"momentum-test-{os.getpid()}-{self.starts}@%h",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(
            lambda: " ready." in log.read_text() or self.process.poll() is not None,
            timeout=30,
            message="the worker did not start",
        )
        assert self.process.poll() is None, log.read_text()[-3000:]
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes (its whole process group)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.kills += 1

    def supervise(self, interval: float = 0.5) -> Worker:
        """Restart the worker whenever it exits, as the production supervisor does
        (docker-compose `restart: unless-stopped`); `exits` keeps the end of each log."""
        self.exits: list[str] = []
        self._supervising = threading.Event()

        def watch() -> None:
            while not self._supervising.wait(interval):
                if self.process is not None and self.process.poll() is not None:
                    self.exits.append(self.log.read_text()[-3000:])
                    self.start()

        self._supervisor = threading.Thread(target=watch, name="test-supervisor", daemon=True)
        self._supervisor.start()
        return self

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text().splitlines()[-lines:])

    def stop(self) -> None:
        if getattr(self, "_supervisor", None) is not None:
            self._supervising.set()
            self._supervisor.join(timeout=60)
        self.kill()


# --- Beat ------------------------------------------------------------------------------------


class Beat:
    """What `celery beat` does for Momentum: send the tick every `interval` seconds (each
    expiring before the next, as the real schedule's `expires` does)."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.stop_event = threading.Event()
        self.sent = 0
        self.failed = 0
        self.thread = threading.Thread(target=self._run, name="test-beat", daemon=True)

    def _run(self) -> None:
        from workflows.tasks import workflow_tick

        while not self.stop_event.wait(self.interval):
            try:
                workflow_tick.apply_async(expires=max(self.interval * 4, 2))
                self.sent += 1
            except Exception:  # the broker is down: beat carries on
                self.failed += 1

    def start(self) -> Beat:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=10)


class ScheduleBeat:
    """What `celery beat` does with the configured schedule (settings.CELERY_BEAT_SCHEDULE):
    send each named entry at its own interval, the first time at once."""

    def __init__(self, *entries: str) -> None:
        self.entries = [settings.CELERY_BEAT_SCHEDULE[name] for name in entries]
        self.stop_event = threading.Event()
        self.sent: Counter = Counter()
        self.thread = threading.Thread(target=self._run, name="test-schedule-beat", daemon=True)

    def _run(self) -> None:
        from plms.celery import app

        due = [0.0] * len(self.entries)
        started = time.monotonic()
        while not self.stop_event.wait(0.2):
            elapsed = time.monotonic() - started
            for index, entry in enumerate(self.entries):
                if elapsed >= due[index]:
                    due[index] += float(entry["schedule"])
                    with contextlib.suppress(Exception):  # the broker is down: carry on
                        app.send_task(entry["task"], **entry.get("options", {}))
                        self.sent[entry["task"]] += 1

    def start(self) -> ScheduleBeat:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=10)


@contextlib.contextmanager
def celery_broker(url: str):
    """Point this process's Celery app at `url`, with tasks sent (not run in-process)."""
    from plms.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)

    def reset() -> None:
        from kombu import pools

        app._pool = None
        app.amqp._producer_pool = None
        pools.reset()  # the process-wide connection pools, keyed by URL

    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        broker_connection_timeout=2,
        broker_transport_options={"visibility_timeout": 3600, "socket_timeout": 2},
    )
    reset()
    try:
        yield app
    finally:
        reset()
        app.conf.update(broker_url=saved[0], task_always_eager=saved[1])
        reset()
