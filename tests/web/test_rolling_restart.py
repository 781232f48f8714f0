"""A rolling restart under load answers every request: two gunicorn instances behind nginx
(loopback ports), one taken out of the proxy (its /readyz goes 503), stopped gracefully,
started again and put back while clients keep reading and writing through the proxy."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from plms.people.models import Department
from plms.tenancy.context import organization_scope
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create
from tests.factories import OrganizationFactory
from tests.workflows.realworld import database_url, free_port, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"

NGINX_CONF = """
daemon off;
user root;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/upstream.conf;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://plms;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host localhost;
            # An instance that drains answers 503 without processing: try the next one.
            proxy_next_upstream error timeout http_503 non_idempotent;
            proxy_next_upstream_tries 3;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Instance:
    """`gunicorn -c gunicorn.conf.py` on a free loopback port, on the test database."""

    def __init__(self, name: str, workdir: Path, **env: str) -> None:
        self.name, self.workdir, self.port = name, workdir, free_port()
        self.drain_file = workdir / f"{name}.draining"
        self.env = env
        self.process: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> Instance:
        self.launch()
        return self.wait()

    def launch(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PLMS_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="plms.settings.test",
            DATABASE_URL=database_url(),
            PLMS_DRAIN_FILE=str(self.drain_file),
            PLMS_RATE_LIMIT_API_KEY="1000000",
            GUNICORN_WORKERS="2",
        )
        env.update(self.env)
        log = (self.workdir / f"{self.name}.log").open("a")
        self.process = subprocess.Popen(
            [str(GUNICORN), "plms.wsgi:application", "-c", "gunicorn.conf.py", "-b", self.address],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self) -> Instance:
        wait_for(self.ready, timeout=60, message=f"{self.name} did not become ready")
        return self

    def readyz(self) -> int | None:
        try:
            return httpx.get(f"http://{self.address}/readyz", timeout=2).status_code
        except httpx.HTTPError:
            return None

    def ready(self) -> bool:
        return self.readyz() == 200

    def stop(self) -> None:
        """SIGTERM: gunicorn finishes the requests it has, then exits."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)


class Proxy:
    def __init__(self, workdir: Path) -> None:
        self.dir, self.port = workdir, free_port()
        self.conf = workdir / "nginx.conf"
        self.conf.write_text(NGINX_CONF.format(dir=workdir, port=self.port))
        self.process: subprocess.Popen | None = None

    def route_to(self, *instances: Instance) -> None:
        servers = "".join(
            f"    server {i.address} max_fails=1 fail_timeout=2s;\n" for i in instances
        )
        (self.dir / "upstream.conf").write_text(
            f"upstream plms {{\n{servers}    keepalive 16;\n}}\n"
        )

    def command(self, *args: str) -> list[str]:
        return [shutil.which("nginx"), "-p", str(self.dir), "-c", str(self.conf), *args]

    def start(self) -> Proxy:
        self.process = subprocess.Popen(self.command(), start_new_session=True)
        wait_for(lambda: self.healthy(), timeout=20, message="nginx did not start")
        return self

    def healthy(self) -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def reload(self) -> None:
        """Graceful: new workers take the new upstream list, old ones finish their requests."""
        subprocess.run(self.command("-s", "reload"), check=True, timeout=20)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(timeout=20)


def rolling_restart(instance: Instance) -> None:
    """What scripts/rolling-restart.sh does with docker compose, for one instance: drain it
    (the proxy sends its requests to the other), stop it gracefully, start it again."""
    instance.drain_file.touch()
    assert instance.readyz() == 503, "readiness goes false"
    time.sleep(1)  # requests it had started finish; new ones are refused for the proxy to retry
    instance.stop()
    instance.drain_file.unlink()
    instance.start()


def test_restarting_an_instance_under_load_fails_no_request(tmp_path):
    if shutil.which("nginx") is None:
        pytest.fail("nginx is installed by .ci/run (apt-get install nginx)")
    organization = OrganizationFactory(slug="restart-test")
    _, secret = api_key_create(organization=organization, name="load", scopes=ALL_SCOPES)
    first, second = Instance("web1", tmp_path), Instance("web2", tmp_path)
    proxy = Proxy(tmp_path)
    stop = threading.Event()
    results: list[tuple[str, int | str, str]] = []  # (kind, status or error, upstream)
    lock = threading.Lock()
    names = itertools.count()
    try:
        for instance in (first, second):
            instance.launch()
        for instance in (first, second):
            instance.wait()
        proxy.route_to(first, second)
        proxy.start()

        def client() -> None:
            headers = {"Authorization": f"Bearer {secret}"}
            base = f"http://127.0.0.1:{proxy.port}/api/v1"
            with httpx.Client(headers=headers, timeout=30) as http:
                deadline = time.monotonic() + 120  # bounded whatever happens
                while not stop.is_set() and time.monotonic() < deadline:
                    for kind in ("read", "write"):
                        try:
                            if kind == "read":
                                response = http.get(f"{base}/ping")
                            else:
                                name = f"Department {next(names)}"
                                response = http.post(f"{base}/departments", json={"name": name})
                            outcome = response.status_code
                            upstream = response.headers.get("X-Upstream", "")
                        except httpx.HTTPError as exc:
                            outcome, upstream = type(exc).__name__, ""
                        with lock:
                            results.append((kind, outcome, upstream))

        clients = [threading.Thread(target=client, daemon=True) for _ in range(4)]
        for thread in clients:
            thread.start()
        wait_for(lambda: len(results) >= 50, timeout=60, message="load is flowing")
        rolling_restart(first)
        before = len(results)
        wait_for(lambda: len(results) >= before + 50, timeout=60, message="load after")
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
    finally:
        stop.set()
        proxy.stop()
        for instance in (first, second):
            instance.stop()

    failed = [r for r in results if r[1] not in (200, 201)]
    served = {upstream for _, _, upstream in results}
    print(f"\nrolling restart: {len(results)} requests, {len(failed)} failed, by {served}")
    assert failed == [], failed[:10]
    assert {first.address, second.address} <= served
    assert first.address in {u for _, _, u in results[before:]}, "the restarted one serves again"
    created = sum(1 for kind, status, _ in results if kind == "write" and status == 201)
    with organization_scope(organization):
        assert Department.objects.count() == created, "every answered write is stored, once"
