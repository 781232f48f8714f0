"""Reports from a streaming replica, against a real primary and replica of the test's own.

The test starts a PostgreSQL primary (`initdb`, `pg_ctl`) on a free loopback port in a
temporary directory, creates the two roles (scripts/postgres-roles.sql), clones it into a
streaming replica (`pg_basebackup -R`) on another port, migrates the primary as the owner role,
then runs tests/tenancy/replica_probe.py in a process configured as production would be
(`DATABASE_URL` the primary, `DATABASE_REPLICA_URL` the replica, both as the application role).
Both clusters are stopped and their directories removed afterwards. PostgreSQL refuses to run
as root: as root the clusters run as the `postgres` user (`runuser`).
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN_DIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
PG_BIN = Path(BIN_DIRS[-1]) if BIN_DIRS else None

pytestmark = pytest.mark.skipif(
    PG_BIN is None or not (PG_BIN / "pg_basebackup").exists(),
    reason="PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup) are not installed",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Clusters:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.primary_port, self.replica_port = _free_port(), _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(base, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.started: list[Path] = []

    def run(self, program: str, *args: str) -> str:
        completed = subprocess.run(
            [*self.as_user, str(PG_BIN / program), *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if completed.returncode != 0:
            raise AssertionError(f"{program} failed:\n{completed.stdout}\n{completed.stderr}")
        return completed.stdout

    def start(self, data: Path, port: int) -> None:
        options = f"-p {port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(data), "-o", options, "-l", f"{data}.log", "-w", "start")
        self.started.append(data)

    def stop(self) -> None:
        for data in reversed(self.started):
            subprocess.run(
                [*self.as_user, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
                check=False,
            )

    def url(self, role: str, port: int) -> str:
        return f"postgres://{role}@127.0.0.1:{port}/plms"


@pytest.fixture(scope="module")
def clusters() -> Iterator[Clusters]:
    base = Path(tempfile.mkdtemp(prefix="plms-replica-"))
    cluster = Clusters(base)
    try:
        primary, replica = base / "primary", base / "replica"
        cluster.run("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        cluster.start(primary, cluster.primary_port)
        roles = (ROOT / "scripts" / "postgres-roles.sql").read_text()
        subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.primary_port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "app_password=",
                "-v",
                "owner_password=",
                "-q",
            ],
            input=roles,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        cluster.run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.primary_port),
            "-U",
            "postgres",
            "-D",
            str(replica),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        cluster.start(replica, cluster.replica_port)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "plms.settings.test",
            "DATABASE_URL": cluster.url("plms_owner", cluster.primary_port),
            "DATABASE_APP_ROLE": "plms_app",
        }
        env.pop("DATABASE_OWNER_URL", None)
        env.pop("DATABASE_REPLICA_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=600,
        )
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def probe(clusters: Clusters) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plms.settings.test",
        "DATABASE_URL": clusters.url("plms_app", clusters.primary_port),
        "DATABASE_OWNER_URL": clusters.url("plms_owner", clusters.primary_port),
        "DATABASE_REPLICA_URL": clusters.url("plms_app", clusters.replica_port),
        "DATABASE_APP_ROLE": "plms_app",
        "PYTHONPATH": str(ROOT),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "tests.tenancy.replica_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_the_replica_is_a_streaming_standby_reached_as_the_application_role(probe):
    assert probe["replica_in_recovery"] is True
    assert probe["replica_role"] == "plms_app"


def test_report_reads_go_to_the_replica(probe):
    assert probe["alias"] == "replica"
    assert probe["orm_reads_on_replica"] >= 1
    assert probe["orm_reads_on_primary"] == 0
    status, _primary, replica = probe["report_before_write"]
    assert status == 200
    assert replica > 0


def test_row_level_security_holds_on_the_replica(probe):
    assert probe["orm_count"] == probe["counts"]["a"]
    # Past the ORM's organisation filter, the replica's policies still show one organisation.
    assert probe["raw_count"] == probe["counts"]["a"]
    assert probe["raw_count_without_organization"] == 0
    assert probe["primary_count_without_organization"] == 0


def test_a_persons_own_write_is_read_from_the_primary_on_the_next_page(probe):
    assert probe["write_status"] < 400
    assert probe["pinned"] is True
    status, primary, replica = probe["report_after_write"]
    assert status == 200 and replica == 0 and primary > 0
    status, _primary, replica = probe["report_after_pin"]
    assert status == 200 and replica > 0
