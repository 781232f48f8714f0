"""Row-level security: every tenant table, raw SQL, as the application role."""

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import ProgrammingError, connection, connections, transaction

from plms.tenancy.rls import APPEND_ONLY_TABLES, refresh_policies, rls_problems, tenant_models
from tests.conftest import in_org
from tests.factories import TENANT_FACTORIES

pytestmark = pytest.mark.postgres


def test_every_tenant_model_has_a_factory():
    missing = [m.__name__ for m in tenant_models() if m not in TENANT_FACTORIES]
    assert missing == [], f"add factories to tests.factories.TENANT_FACTORIES for {missing}"


def test_the_application_role_cannot_bypass_row_level_security(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        superuser, bypass = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
            "AND tableowner = current_user"
        )
        owned = cursor.fetchone()[0]
    assert (superuser, bypass, owned) == (False, False, 0)


@pytest.fixture
def rows_in_both(org_a, org_b):
    for factory in TENANT_FACTORIES.values():
        factory(organization=org_a)
        factory(organization=org_b)


def _select_all(table):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT organization_id FROM "{table}"')
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.db_table)
def test_raw_sql_sees_only_the_active_organization(model, rows_in_both, org_a, org_b):
    table = model._meta.db_table
    with in_org(org_b):
        seen = _select_all(table)
    assert seen and set(seen) == {org_b.pk}
    assert _select_all(table) == [], "with no organization set, no rows at all"


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.db_table)
def test_raw_sql_cannot_write_into_another_organization(model, rows_in_both, org_a, org_b):
    table = model._meta.db_table
    if table in APPEND_ONLY_TABLES:
        # Not even its own rows: the application role may not update the table at all.
        with (
            in_org(org_b),
            pytest.raises(ProgrammingError, match="permission denied"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f'UPDATE "{table}" SET organization_id = %s', [org_a.pk])
        return
    with in_org(org_b):
        with connection.cursor() as cursor:
            cursor.execute(f'UPDATE "{table}" SET organization_id = %s', [org_b.pk])
            # Only org B's own rows were visible to the UPDATE.
            assert cursor.rowcount == len(_select_all(table))
        with (
            pytest.raises(ProgrammingError, match="row-level security"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f'UPDATE "{table}" SET organization_id = %s', [org_a.pk])
    with in_org(org_a):
        assert set(_select_all(table)) == {org_a.pk}


def test_every_tenant_table_has_forced_rls_and_the_policy(db):
    assert rls_problems() == []
    call_command("check_rls")


@contextmanager
def owner_transaction(settings):
    """A connection of the owner role in a transaction that is rolled back at the end."""
    default = connections["default"]
    credentials = {
        "USER": settings.DATABASE_OWNER["USER"],
        "PASSWORD": settings.DATABASE_OWNER.get("PASSWORD", ""),
    }
    owner = default.__class__({**default.settings_dict, **credentials}, alias="owner_check")
    try:
        owner.set_autocommit(False)
        yield owner
        owner.rollback()
    finally:
        owner.close()


def test_check_rls_names_a_table_whose_policy_is_missing(db, settings):
    """Drop the policy in the owner's own transaction (rolled back) and look through it."""
    with owner_transaction(settings) as owner:
        with owner.cursor() as cursor:
            cursor.execute('ALTER TABLE "people_invitation" NO FORCE ROW LEVEL SECURITY')
            cursor.execute('DROP POLICY organization_isolation ON "people_invitation"')
        problems = {(p.table, p.problem) for p in rls_problems(connection=owner)}
    assert problems == {
        ("people_invitation", "row level security is not forced"),
        ("people_invitation", "policy organization_isolation is missing"),
    }


PER_ROW_PREDICATE = (
    "organization_id = nullif(current_setting('app.current_organization', true), '')::bigint "
    "OR current_setting('app.all_organizations', true) = 'on'"
)


def test_a_policy_reading_the_settings_on_every_row_is_named_and_refreshed(db, settings):
    """The predicate before migration tenancy 0003: equivalent, but slower on every scan."""
    with owner_transaction(settings) as owner:
        with owner.cursor() as cursor:
            cursor.execute('DROP POLICY organization_isolation ON "goals_goal"')
            cursor.execute(
                f'CREATE POLICY organization_isolation ON "goals_goal" '
                f"USING ({PER_ROW_PREDICATE}) WITH CHECK ({PER_ROW_PREDICATE})"
            )
        before = {(p.table, p.problem) for p in rls_problems(connection=owner)}
        refresh_policies(owner)
        after = rls_problems(connection=owner)
    assert before == {
        ("goals_goal", "policy organization_isolation reads the settings on every row")
    }
    assert after == []


def test_the_policy_reads_the_organization_once_per_statement(db, org_a):
    """An InitPlan computes the organization; the scan compares each row with its result."""
    with in_org(org_a), connection.cursor() as cursor:
        cursor.execute("EXPLAIN SELECT count(*) FROM goals_goal")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "InitPlan" in plan
    filters = [line for line in plan.splitlines() if "Filter:" in line]
    assert filters and not any("current_setting" in line for line in filters)
