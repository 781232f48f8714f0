"""A workflow's runs listed latest occurrence first and then by the employee's name, from an
index: each run keeps its employee's names, written by PostgreSQL as the run is inserted and
again in the statement that changes an employee's names, whichever code writes them. The list
read an occurrence's 10,000 runs, joined them to their people and sorted them for a page of 25;
it is now an index range (`workflowrun_org_tpl_order`, which replaces
`workflowrun_org_tpl_anchor`, its start)."""

from django.db import migrations, models

RUNS = "workflows_workflowrun"
PEOPLE = "people_employee"

# Per row, before the insert: one lookup of the employee by its key.
INSERT_SQL = f"""
CREATE OR REPLACE FUNCTION workflows_run_employee_names() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT e.last_name, e.first_name INTO NEW.employee_last_name, NEW.employee_first_name
    FROM {PEOPLE} AS e WHERE e.id = NEW.employee_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER workflows_run_employee_names BEFORE INSERT ON {RUNS}
    FOR EACH ROW EXECUTE FUNCTION workflows_run_employee_names();
"""

# Per statement on employees (the import writes a thousand a statement): only the people whose
# names changed, each run found on (organization, employee). As in `people.0005`, the statement
# looks each person up by key rather than hashing every run.
RENAME_SQL = f"""
CREATE OR REPLACE FUNCTION workflows_employee_renamed() RETURNS trigger
LANGUAGE plpgsql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    UPDATE {RUNS} AS r
    SET employee_last_name = n.last_name, employee_first_name = n.first_name
    FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
    WHERE (n.last_name, n.first_name) IS DISTINCT FROM (o.last_name, o.first_name)
      AND r.organization_id = n.organization_id AND r.employee_id = n.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER workflows_employee_renamed AFTER UPDATE ON {PEOPLE}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION workflows_employee_renamed();
"""

# Every organisation's runs, once, inside row-level security's escape hatch (the owner is bound
# by it as well).
BACKFILL_SQL = f"""
SELECT set_config('app.all_organizations', 'on', true);
UPDATE {RUNS} AS r SET employee_last_name = e.last_name, employee_first_name = e.first_name
FROM {PEOPLE} AS e WHERE e.id = r.employee_id;
SELECT set_config('app.all_organizations', '', true);
"""

UNDO_SQL = f"""
DROP TRIGGER IF EXISTS workflows_employee_renamed ON {PEOPLE};
DROP FUNCTION IF EXISTS workflows_employee_renamed();
DROP TRIGGER IF EXISTS workflows_run_employee_names ON {RUNS};
DROP FUNCTION IF EXISTS workflows_run_employee_names();
"""


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (INSERT_SQL, RENAME_SQL, BACKFILL_SQL):
        schema_editor.execute(statement)


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(UNDO_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_employee_search_one_pass"),
        ("tenancy", "0004_directory_policies"),
        ("workflows", "0008_fewer_step_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="workflowrun",
            name="employee_last_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=100),
        ),
        migrations.AddField(
            model_name="workflowrun",
            name="employee_first_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=100),
        ),
        migrations.AddIndex(
            model_name="workflowrun",
            index=models.Index(
                fields=[
                    "organization",
                    "template",
                    "-anchor_at",
                    "employee_last_name",
                    "employee_first_name",
                    "id",
                ],
                name="workflowrun_org_tpl_order",
            ),
        ),
        migrations.RemoveIndex(model_name="workflowrun", name="workflowrun_org_tpl_anchor"),
        # After the index: the backfill's updates then write its entries, where an index built
        # over rows just updated in place could not be used until the transaction ends.
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
