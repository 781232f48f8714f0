"""PostgreSQL row-level security for tenant tables.

Every tenant table's migration ends with `EnableRowLevelSecurity("<model>")`. The policy lets a
row be seen or written only when its `organization_id` equals the transaction's
`app.current_organization` (unset means no rows at all), or inside
`dangerously_all_organizations()`. `FORCE` makes it apply to the table owner as well; the
application connects as a role that is not the owner anyway (see README, "Database roles").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.operations.base import Operation

from plms.tenancy.context import RLS_BYPASS_SETTING, RLS_SETTING

POLICY_NAME = "organization_isolation"
# Directory tables carry organization_id but are read before an organization is active.
DIRECTORY_TABLES = frozenset({"tenancy_membership", "tenancy_apikey"})

_PREDICATE = (
    f"organization_id = nullif(current_setting('{RLS_SETTING}', true), '')::bigint "
    f"OR current_setting('{RLS_BYPASS_SETTING}', true) = 'on'"
)


def enable_sql(table: str) -> list[str]:
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'DROP POLICY IF EXISTS {POLICY_NAME} ON "{table}"',
        f'CREATE POLICY {POLICY_NAME} ON "{table}" USING ({_PREDICATE}) WITH CHECK ({_PREDICATE})',
    ]


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
                   EXISTS (SELECT 1 FROM pg_policies p
                           WHERE p.schemaname = n.nspname AND p.tablename = c.relname
                             AND p.policyname = %s)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
            """,
            [POLICY_NAME],
        )
        state = {name: (rls, force, policy) for name, rls, force, policy in cursor.fetchall()}
        cursor.execute(
            """
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'organization_id'
            """
        )
        with_org_column = {row[0] for row in cursor.fetchall()}
    expected = {model._meta.db_table for model in tenant_models()}
    expected |= with_org_column - DIRECTORY_TABLES
    problems = []
    for table in sorted(expected):
        if table not in state:
            problems.append(RlsProblem(table, "table does not exist (migrations not applied?)"))
            continue
        rls, force, policy = state[table]
        if not rls:
            problems.append(RlsProblem(table, "row level security is not enabled"))
        if not force:
            problems.append(RlsProblem(table, "row level security is not forced"))
        if not policy:
            problems.append(RlsProblem(table, f"policy {POLICY_NAME} is missing"))
    return problems


def grant_application_role(
    sender=None, *, using: str = DEFAULT_DB_ALIAS, extra_privileges: str = "", **kwargs
) -> None:
    """Grant the application role DML on every table (post_migrate; runs as the owner)."""
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
