"""Moving one organization to another database: `export_org` on the source, `import_org` on a
second database created here as the owner role; every table's rows and a checksum of their
contents match, ids are new, public ids kept, API keys re-issued, all or nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections

from plms.tenancy.context import organization_scope
from plms.tenancy.models import ApiKey, Organization
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create
from plms.tenancy.transfer import manifest, tenant_models
from tests import factories

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def _owner_dsn(name: str) -> str:
    owner = settings.DATABASE_OWNER
    source = connections["default"].settings_dict
    password = f" password={owner['PASSWORD']}" if owner.get("PASSWORD") else ""
    return (
        f"host={owner.get('HOST') or source['HOST'] or '127.0.0.1'} "
        f"port={owner.get('PORT') or source['PORT'] or 5432} user={owner['USER']}{password} "
        f"dbname={name}"
    )


@pytest.fixture
def target_database():
    """A second database with the same schema (and its reference data: catalogue,
    permissions), created by the owner role; the alias `target` connects to it as the
    application role, like another deployment would."""
    import psycopg2

    source = connections["default"].settings_dict["NAME"]
    name = f"{source}_target"
    admin = psycopg2.connect(_owner_dsn("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    owner = settings.DATABASE_OWNER
    env = {**os.environ, "PGPASSWORD": owner.get("PASSWORD") or ""}
    host = ["-h", owner.get("HOST") or "127.0.0.1", "-p", str(owner.get("PORT") or 5432)]
    # What is committed in the test database: the migrated schema, policies, grants and the
    # reference data (this test's own rows are still uncommitted).
    dump = subprocess.run(
        ["pg_dump", *host, "-U", owner["USER"], "--no-owner", "--enable-row-security", source],
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    subprocess.run(
        ["psql", *host, "-U", owner["USER"], "-q", "-v", "ON_ERROR_STOP=1", name],
        input=dump.stdout,
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    # A connection made here rather than declared in the settings: the test database setup
    # knows nothing of it.
    wrapper = type(connections["default"])
    connections["target"] = wrapper(
        {**connections["default"].settings_dict, "NAME": name}, "target"
    )
    yield name
    connections["target"].close()
    del connections["target"]
    _drop(admin, name)
    admin.close()


def _drop(admin, name: str) -> None:
    """Drop the target, giving sessions that are closing a few seconds."""
    import psycopg2

    for _ in range(20):
        try:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg2.errors.ObjectInUse:
            time.sleep(0.5)
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT usename, application_name, state, left(query, 100) FROM pg_stat_activity "
            "WHERE datname = %s",
            [name],
        )
        sessions = cursor.fetchall()
    warnings.warn(f"{name} left behind, still used by {sessions}", stacklevel=1)


def _import(path: Path, database: str) -> subprocess.CompletedProcess:
    s = connections["default"].settings_dict
    credentials = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env.update(
        DATABASE_URL=f"postgres://{credentials}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{database}",
        DJANGO_SETTINGS_MODULE="plms.settings.test",
    )
    return subprocess.run(
        [sys.executable, "manage.py", "import_org", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_organization_moves_to_another_database(db, tmp_path, target_database):
    call_command("seed_demo")  # every domain: library, cycles, goals, plans, Momentum, …
    acme = Organization.objects.get(slug="acme")
    other = factories.OrganizationFactory(slug="stays-here")
    factories.member(other, role="admin", email="hr@stays.example")
    with organization_scope(acme):
        key, old_secret = api_key_create(organization=acme, name="HRIS sync", scopes=ALL_SCOPES)
        source = manifest(organization=acme)
    filled = [label for label, entry in source.items() if entry["rows"]]
    assert len(filled) >= 40, f"the demo fills most tables: {sorted(source)}"

    # Someone who already has an account on the target keeps it.
    User = get_user_model()
    existing = User(email="hr@acme.example", full_name="Already here")
    existing.set_password("x")
    existing.save(using="target")

    export = tmp_path / "acme.json"
    call_command("export_org", "acme", output=str(export))
    result = _import(export, target_database)
    assert result.returncode == 0, result.stderr[-3000:]

    target_acme = Organization.objects.using("target").get(slug="acme")
    assert target_acme.uuid == acme.uuid
    assert not Organization.objects.using("target").filter(slug="stays-here").exists()
    with organization_scope(target_acme, using="target"):
        arrived = manifest(organization=target_acme, using="target")
    # Every table: the same rows and the same content checksum; the audit trail has one event
    # more, the re-issue of the key (the import itself compared it before that).
    audit = "audit.AuditEvent"
    assert arrived[audit]["rows"] == source[audit]["rows"] + 1
    assert {k: v for k, v in arrived.items() if k != audit} == {
        k: v for k, v in source.items() if k != audit
    }
    assert set(arrived) == {m._meta.label for m in tenant_models()}

    # Keys issued again: a new secret that works there, the old one does not exist there.
    (line,) = result.stdout.strip().splitlines()
    name, new_secret = line.split("\t")
    assert name == "HRIS sync" and new_secret != old_secret
    with organization_scope(target_acme, using="target"):
        moved = ApiKey.objects.using("target").get(organization=target_acme)
        assert moved.prefix != key.prefix and moved.prefix in new_secret
        assert not ApiKey.objects.using("target").filter(prefix=key.prefix).exists()
    hr = User.objects.using("target").get(email="hr@acme.example")
    assert hr.pk == existing.pk and hr.full_name == "Already here"


def test_an_import_is_all_or_nothing(db, tmp_path, target_database):
    organization = factories.OrganizationFactory(slug="small")
    factories.member(organization, role="admin", email="hr@small.example")
    export = tmp_path / "small.json"
    call_command("export_org", "small", output=str(export))
    document = json.loads(export.read_text())
    # A row pointing at something that is not in the export: the commit's foreign-key check
    # (or the manifest) refuses, and nothing of the organization is left behind.
    employees = document["tables"]["people.Employee"]
    column = employees["fields"].index("department_id")
    employees["rows"][0][column] = 987654321
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document))
    result = _import(broken, target_database)
    assert result.returncode != 0
    assert "Nothing was imported" in result.stderr or "violates" in result.stderr
    assert not Organization.objects.using("target").filter(slug="small").exists()

    assert _import(export, target_database).returncode == 0
    again = _import(export, target_database)
    assert again.returncode != 0 and "exists already" in again.stderr
    assert Organization.objects.using("target").filter(slug="small").count() == 1
