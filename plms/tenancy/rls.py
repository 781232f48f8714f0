"""PostgreSQL row-level security for tenant tables.

Every tenant table's migration ends with `EnableRowLevelSecurity("<model>")`. The policy lets a
row be seen or written only when its `organization_id` equals the transaction's
`app.current_organization` (unset means no rows at all), or inside
`dangerously_all_organizations()`. `FORCE` makes it apply to the table owner as well; the
application connects as a role that is not the owner anyway (see README, "Database roles").

The policy reads both settings in scalar subqueries: PostgreSQL evaluates each once per
statement (an InitPlan) and compares every row with the result, where a bare
`current_setting()` call would run again for every row scanned (a count over 30,000 goals took
5 ms instead of 2.8 ms).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.operations.base import Operation

from plms.tenancy.context import RLS_BYPASS_SETTING, RLS_SETTING, RLS_USER_SETTING

POLICY_NAME = "organization_isolation"
# Directory tables carry organization_id but are read before an organization is active: they
# have a policy of their own (`DIRECTORY_POLICY`), narrower than none at all.
DIRECTORY_TABLES = frozenset({"tenancy_membership", "tenancy_apikey"})
DIRECTORY_POLICY = "directory_access"
# Append-only tables: the application role may read and insert, never update or delete.
APPEND_ONLY_TABLES = ("audit_auditevent",)

_PREDICATE = (
    f"organization_id = (SELECT nullif(current_setting('{RLS_SETTING}', true), '')::bigint) "
    f"OR (SELECT current_setting('{RLS_BYPASS_SETTING}', true) = 'on')"
)


_ORGANIZATION = f"(SELECT nullif(current_setting('{RLS_SETTING}', true), '')::bigint)"
_USER = f"(SELECT nullif(current_setting('{RLS_USER_SETTING}', true), '')::bigint)"
_BYPASS = f"(SELECT current_setting('{RLS_BYPASS_SETTING}', true) = 'on')"
# Memberships: the active organization's, or the signed-in user's own (`user_scope`).
# API keys: the active organization's; a presented key is found by its prefix through
# `tenancy_api_key_by_prefix`, a function that runs with the owner's rights and returns
# that one key only.
DIRECTORY_PREDICATES = {
    "tenancy_membership": f"organization_id = {_ORGANIZATION} OR user_id = {_USER} OR {_BYPASS}",
    "tenancy_apikey": f"organization_id = {_ORGANIZATION} OR {_BYPASS}",
}
API_KEY_LOOKUP_SQL = f"""
CREATE OR REPLACE FUNCTION tenancy_api_key_by_prefix(key_prefix text)
RETURNS SETOF tenancy_apikey
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
    previous text := current_setting('{RLS_BYPASS_SETTING}', true);
BEGIN
    PERFORM set_config('{RLS_BYPASS_SETTING}', 'on', true);
    RETURN QUERY SELECT * FROM tenancy_apikey WHERE prefix = key_prefix;
    PERFORM set_config('{RLS_BYPASS_SETTING}', coalesce(previous, ''), true);
END
$$
"""


def directory_sql() -> list[str]:
    statements = [API_KEY_LOOKUP_SQL]
    for table, predicate in DIRECTORY_PREDICATES.items():
        statements += [
            f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
            f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
            f'DROP POLICY IF EXISTS {DIRECTORY_POLICY} ON "{table}"',
            f'CREATE POLICY {DIRECTORY_POLICY} ON "{table}" '
            f"USING ({predicate}) WITH CHECK ({predicate})",
        ]
    return statements


def directory_undo_sql() -> list[str]:
    statements = ["DROP FUNCTION IF EXISTS tenancy_api_key_by_prefix(text)"]
    for table in DIRECTORY_PREDICATES:
        statements += [
            f'DROP POLICY IF EXISTS {DIRECTORY_POLICY} ON "{table}"',
            f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY',
            f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY',
        ]
    return statements


def policy_sql(table: str) -> list[str]:
    return [
        f'DROP POLICY IF EXISTS {POLICY_NAME} ON "{table}"',
        f'CREATE POLICY {POLICY_NAME} ON "{table}" USING ({_PREDICATE}) WITH CHECK ({_PREDICATE})',
    ]


def enable_sql(table: str) -> list[str]:
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        *policy_sql(table),
    ]


def policy_tables(connection) -> list[str]:
    """Tables of the current schema that have the isolation policy."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_policies "
            "WHERE schemaname = current_schema() AND policyname = %s ORDER BY tablename",
            [POLICY_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


def refresh_policies(connection) -> int:
    """Re-create the policy of every table that has it, with the current predicate; the number
    of tables. Run as the owner (a migration does)."""
    tables = policy_tables(connection)
    with connection.cursor() as cursor:
        for table in tables:
            for statement in policy_sql(table):
                cursor.execute(statement)
    return len(tables)


def disable_sql(table: str) -> list[str]:
    return [
        f'DROP POLICY IF EXISTS {POLICY_NAME} ON "{table}"',
        f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY',
    ]


class EnableRowLevelSecurity(Operation):
    """Migration operation: secure a tenant model's table (no-op off PostgreSQL)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def deconstruct(self):
        return (self.__class__.__name__, [self.model_name], {})

    def state_forwards(self, app_label, state) -> None:
        pass

    def _table(self, app_label, state) -> str:
        return state.apps.get_model(app_label, self.model_name)._meta.db_table

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in enable_sql(self._table(app_label, to_state)):
                schema_editor.execute(statement)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in disable_sql(self._table(app_label, from_state)):
                schema_editor.execute(statement)

    def describe(self) -> str:
        return f"Enable row-level security on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rls_{self.model_name.lower()}"


def tenant_models() -> list[type]:
    from plms.tenancy.models import TenantModel

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TenantModel) and not model._meta.proxy
    ]


@dataclass(frozen=True)
class RlsProblem:
    table: str
    problem: str


def rls_problems(connection=None) -> list[RlsProblem]:
    """Tenant tables (and any table with an organization_id) lacking the policy or FORCE."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   p.qual, p.with_check
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_policies p
              ON p.schemaname = n.nspname AND p.tablename = c.relname AND p.policyname = %s
            WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
            """,
            [POLICY_NAME],
        )
        state = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(
            """
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'organization_id'
            """
        )
        with_org_column = {row[0] for row in cursor.fetchall()}
    expected = {model._meta.db_table for model in tenant_models()}
    expected |= with_org_column - DIRECTORY_TABLES
    problems = _directory_problems(connection, state)
    for table in sorted(expected):
        if table not in state:
            problems.append(RlsProblem(table, "table does not exist (migrations not applied?)"))
            continue
        rls, force, qual, with_check = state[table]
        if not rls:
            problems.append(RlsProblem(table, "row level security is not enabled"))
        if not force:
            problems.append(RlsProblem(table, "row level security is not forced"))
        if qual is None:
            problems.append(RlsProblem(table, f"policy {POLICY_NAME} is missing"))
        elif not all(_reads_settings_once(each) for each in (qual, with_check)):
            problems.append(
                RlsProblem(table, f"policy {POLICY_NAME} reads the settings on every row")
            )
    return problems


def _directory_problems(connection, state) -> list[RlsProblem]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_policies WHERE schemaname = current_schema() "
            "AND policyname = %s",
            [DIRECTORY_POLICY],
        )
        with_policy = {row[0] for row in cursor.fetchall()}
    problems = []
    for table in sorted(DIRECTORY_TABLES):
        if table not in state:
            continue
        rls, force = state[table][0], state[table][1]
        if not (rls and force):
            problems.append(RlsProblem(table, "row level security is not enabled and forced"))
        if table not in with_policy:
            problems.append(RlsProblem(table, f"policy {DIRECTORY_POLICY} is missing"))
    return problems


def _reads_settings_once(expression: str | None) -> bool:
    """Whether a policy expression reads each setting in a scalar subquery, as `_PREDICATE`."""
    return bool(expression) and expression.count("current_setting(") == expression.count("( SELECT")


def grant_application_role(
    sender=None, *, using: str = DEFAULT_DB_ALIAS, extra_privileges: str = "", **kwargs
) -> None:
    """Grant the application role DML on every table but UPDATE and DELETE on the append-only
    ones (post_migrate; runs as the owner)."""
    role = settings.DATABASE_APP_ROLE
    connection = connections[using]
    if sender is not None and getattr(sender, "label", None) != "tenancy":
        return
    if not role or connection.vendor != "postgresql":
        return
    quoted = connection.ops.quote_name(role)
    privileges = "SELECT, INSERT, UPDATE, DELETE" + (
        f", {extra_privileges}" if extra_privileges else ""
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == role:
            return
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT {privileges} ON ALL TABLES IN SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY(%s)",
            [list(APPEND_ONLY_TABLES)],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'REVOKE UPDATE, DELETE ON "{table}" FROM {quoted}')
