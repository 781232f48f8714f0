"""gunicorn settings for production (`gunicorn plms.wsgi:application -c gunicorn.conf.py`).

Restarts without errors: SIGTERM lets every request a worker has started finish (up to
`graceful_timeout`), but gunicorn closes its listening socket at once, so connections still
waiting in the backlog are reset. A rolling restart therefore takes the instance out of the
proxy first (scripts/rolling-restart.sh: /readyz goes 503, the proxy's upstream list drops it,
in-flight requests finish), and only then sends SIGTERM. See docs/operations.md.
"""

import os
import shutil

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
keepalive = 5  # above the proxy's idle upstream keep-alive, so gunicorn never closes first
accesslog = None  # the application writes one JSON line per request (plms.common.logs)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def on_starting(server):
    """Prometheus counters of all worker processes add up in PROMETHEUS_MULTIPROC_DIR,
    which must start empty."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
