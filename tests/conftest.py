"""Shared fixtures: two organizations with named people, API clients, and the database setup.

On PostgreSQL the test database is created and migrated as the owner role and the tests run as
the application role, so row-level security is exercised as in production.
"""

from __future__ import annotations

import importlib
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from rest_framework.test import APIClient

from plms.tenancy.context import organization_scope
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create
from tests import factories

REQUIRE_SERVICES = os.environ.get("PLMS_REQUIRE_SERVICES") == "1"

# Every app's factories register their tenant models (tests/<app>/factories.py).
for _path in sorted(Path(__file__).parent.glob("*/factories.py")):
    importlib.import_module(f"tests.{_path.parent.name}.factories")


# --- Order: the longest files first --------------------------------------------------------

# `make test` hands whole files to two processes in collection order (--dist loadfile
# --no-loadscope-reorder); starting these first keeps them from becoming the tail of the run.
LONGEST_FIRST = (
    "tests/contract/test_schemathesis.py",
    "tests/workflows/test_reliability.py",
    "tests/workflows/test_recovery.py",
    "tests/web/test_rolling_restart.py",
    "tests/browser/test_journeys.py",
    "tests/browser/test_survey_journey.py",
    "tests/browser/test_talent_journey.py",
    "tests/browser/test_accessibility.py",
)


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the rest keep their order


# --- CI: nothing may be skipped --------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped under PLMS_REQUIRE_SERVICES=1: {report.longrepr}"


def pytest_runtest_setup(item):
    vendor = connections["default"].vendor
    if item.get_closest_marker("postgres") and vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    if item.get_closest_marker("redis") and not settings.REDIS_URL:
        pytest.skip("needs Redis (set REDIS_URL)")


# --- Database: created as the owner, used as the application role ---------------------------


@contextmanager
def _as_owner():
    """The default connection as the owner role for the block (no-op off PostgreSQL)."""
    from plms.tenancy.management.commands.migrate import use_owner_credentials

    connection = connections["default"]
    saved = {key: connection.settings_dict.get(key) for key in ("USER", "PASSWORD", "HOST", "PORT")}
    switched = use_owner_credentials()
    try:
        yield
    finally:
        if switched:
            connection.close()
            connection.settings_dict.update(saved)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    from django.test.utils import setup_databases

    from plms.tenancy.rls import grant_application_role

    with django_db_blocker.unblock(), _as_owner():
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            keepdb=django_db_keepdb,
        )
        # Transactional tests empty the tables between tests with TRUNCATE.
        grant_application_role(extra_privileges="TRUNCATE")
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock(), _as_owner():
            _drop_test_databases(db_cfg, verbosity=request.config.option.verbose)


def _drop_test_databases(db_cfg, *, verbosity: int) -> None:
    """Drop the test databases, giving sessions of processes that are still exiting (a Celery
    worker's children, a live server thread) a few seconds to close. A session that stays
    is reported and the database left behind: the next run replaces it."""
    import time
    import warnings

    from django.db import OperationalError
    from django.test.utils import teardown_databases

    for attempt in range(4):  # each DROP itself waits about five seconds
        try:
            teardown_databases(db_cfg, verbosity=verbosity)
            return
        except OperationalError as exc:
            if "being accessed by other users" not in str(exc):
                raise
            if attempt == 3:
                warnings.warn(f"test database left behind: {exc} {_other_sessions()}", stacklevel=1)
                return
            connections.close_all()
            time.sleep(1)


def _other_sessions() -> list[tuple]:
    name = connections["default"].settings_dict["NAME"]
    with connections["default"]._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pid, usename, client_port, backend_start, state, left(query, 200) "
            "FROM pg_stat_activity WHERE datname = %s",
            [name],
        )
        return cursor.fetchall()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after the test database exists so that it stops
    (and its thread's connection closes) before the database is dropped."""
    return live_server


# --- Two organizations with the same shapes of people -----------------------------------------


@contextmanager
def in_org(organization):
    with organization_scope(organization):
        yield organization


@pytest.fixture
def org_a(db):
    return factories.OrganizationFactory(slug="org-a", name="Organization A")


@pytest.fixture
def org_b(db):
    return factories.OrganizationFactory(slug="org-b", name="Organization B")


@pytest.fixture
def hr_admin(org_a):
    return factories.member(org_a, role="admin", email="hr@a.example", title="HR Director")


@pytest.fixture
def manager(org_a, hr_admin):
    return factories.member(
        org_a, email="manager@a.example", title="Team Manager", manager=hr_admin.employee
    )


@pytest.fixture
def employee(org_a, manager):
    return factories.member(
        org_a, email="employee@a.example", title="Advisor", manager=manager.employee
    )


@pytest.fixture
def outsider(org_b):
    """An HR admin of the other organization: sees everything there, nothing here."""
    return factories.member(org_b, role="admin", email="hr@b.example", title="HR Director")


@pytest.fixture
def api_client():
    return APIClient()


def _key_client(organization, scopes) -> APIClient:
    key, secret = api_key_create(organization=organization, name="test", scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.api_key = key
    return client


@pytest.fixture
def key_client_a(org_a):
    return _key_client(org_a, ALL_SCOPES)


@pytest.fixture
def key_client_b(org_b):
    return _key_client(org_b, ALL_SCOPES)


@pytest.fixture
def make_key_client():
    return _key_client


@pytest.fixture
def login_client(client):
    def login(member):
        client.force_login(member.user)
        return client

    return login
