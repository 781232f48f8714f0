"""The learning impact report's version: a counter per organisation that PostgreSQL
increases in the statement that writes anything the report reads from this app (plan items,
plans, learning items, the learners' feedback), whichever code writes it (see
`learning.impact.impact_report_cached`)."""

from django.db import migrations

from plms.tenancy.rls import enable_sql

TABLE = "learning_impactversion"
WATCHED = (
    "learning_planitem",
    "learning_developmentplan",
    "learning_learningitem",
    "learning_learningfeedback",
)

TABLE_SQL = f"""
CREATE TABLE {TABLE} (
    organization_id bigint PRIMARY KEY,
    version bigint NOT NULL
);
"""

# One statement-level trigger per table and kind of write (transition tables cannot be shared
# by several events): one upsert per statement, whatever its size.
FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION learning_impact_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} AS v (organization_id, version)
    SELECT DISTINCT organization_id, 1 FROM changed_rows
    ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1;
    RETURN NULL;
END
$$;
"""


def _triggers_sql() -> list[str]:
    statements = []
    for table in WATCHED:
        for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER {table}_impact_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {rows} TABLE AS changed_rows "
                "FOR EACH STATEMENT EXECUTE FUNCTION learning_impact_changed()"
            )
    return statements


def _undo_sql() -> list[str]:
    return [
        *(
            f"DROP TRIGGER IF EXISTS {table}_impact_{event} ON {table}"
            for table in WATCHED
            for event in ("insert", "update", "delete")
        ),
        "DROP FUNCTION IF EXISTS learning_impact_changed()",
        f"DROP TABLE IF EXISTS {TABLE}",
    ]


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [TABLE_SQL, *enable_sql(TABLE), FUNCTION_SQL, *_triggers_sql()]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _undo_sql():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("learning", "0005_learning_feedback")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
