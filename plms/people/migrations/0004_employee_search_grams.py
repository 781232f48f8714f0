"""The people search's index: every three-character piece of each employee's names, e-mail
and title, kept by PostgreSQL triggers (see `plms.people.search`)."""

from django.db import migrations

from plms.tenancy.rls import enable_sql

TABLE = "people_employeesearchgram"

GRAMS_SQL = """
CREATE OR REPLACE FUNCTION people_search_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(folded.value, i, 3)), '{}')
    FROM (SELECT upper(value) AS value) AS folded,
         generate_series(1, char_length(folded.value) - 2) AS i
$$;

CREATE OR REPLACE FUNCTION people_employee_search_grams(
    first_name text, last_name text, email text, title text
) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT gram), '{}')
    FROM unnest(
        coalesce(people_search_grams(first_name), '{}')
        || coalesce(people_search_grams(last_name), '{}')
        || coalesce(people_search_grams(email), '{}')
        || coalesce(people_search_grams(title), '{}')
    ) AS g(gram)
$$;
"""

TABLE_SQL = f"""
CREATE TABLE {TABLE} (
    organization_id bigint NOT NULL,
    gram text NOT NULL,
    employee_id bigint NOT NULL,
    PRIMARY KEY (organization_id, gram, employee_id)
);
"""

# Statement-level triggers with transition tables: one INSERT or DELETE per statement on
# employees, whatever its size (the import writes a thousand rows a statement). An update
# touches the pieces only of the people whose searched fields changed, and only the pieces
# that differ.
TRIGGERS_SQL = f"""
CREATE OR REPLACE FUNCTION people_employee_search_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (organization_id, gram, employee_id)
    SELECT n.organization_id, g.gram, n.id
    FROM new_rows AS n,
         unnest(people_employee_search_grams(n.first_name, n.last_name, n.email, n.title))
             AS g(gram)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION people_employee_search_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH changed AS (
        SELECT n.organization_id, n.id AS employee_id,
               people_employee_search_grams(o.first_name, o.last_name, o.email, o.title) AS before,
               people_employee_search_grams(n.first_name, n.last_name, n.email, n.title) AS after
        FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
        WHERE (n.first_name, n.last_name, n.email, n.title)
              IS DISTINCT FROM (o.first_name, o.last_name, o.email, o.title)
    ), gone AS (
        DELETE FROM {TABLE} AS s
        USING changed AS c, unnest(c.before) AS g(gram)
        WHERE g.gram <> ALL (c.after)
          AND s.organization_id = c.organization_id
          AND s.gram = g.gram
          AND s.employee_id = c.employee_id
    )
    INSERT INTO {TABLE} (organization_id, gram, employee_id)
    SELECT c.organization_id, g.gram, c.employee_id
    FROM changed AS c, unnest(c.after) AS g(gram)
    WHERE g.gram <> ALL (c.before)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION people_employee_search_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {TABLE} AS s
    USING old_rows AS o,
          unnest(people_employee_search_grams(o.first_name, o.last_name, o.email, o.title))
              AS g(gram)
    WHERE s.organization_id = o.organization_id AND s.gram = g.gram AND s.employee_id = o.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER people_employee_search_inserted AFTER INSERT ON people_employee
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_employee_search_inserted();
CREATE TRIGGER people_employee_search_updated AFTER UPDATE ON people_employee
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_employee_search_updated();
CREATE TRIGGER people_employee_search_deleted AFTER DELETE ON people_employee
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_employee_search_deleted();
"""

# Every organisation's people, once: as the owner, whom row-level security binds as well
# (FORCE), so inside the escape hatch for this transaction only.
BACKFILL_SQL = f"""
SELECT set_config('app.all_organizations', 'on', true);
INSERT INTO {TABLE} (organization_id, gram, employee_id)
SELECT e.organization_id, g.gram, e.id
FROM people_employee AS e,
     unnest(people_employee_search_grams(e.first_name, e.last_name, e.email, e.title)) AS g(gram)
ON CONFLICT DO NOTHING;
SELECT set_config('app.all_organizations', '', true);
"""

UNDO_SQL = f"""
DROP TRIGGER IF EXISTS people_employee_search_inserted ON people_employee;
DROP TRIGGER IF EXISTS people_employee_search_updated ON people_employee;
DROP TRIGGER IF EXISTS people_employee_search_deleted ON people_employee;
DROP FUNCTION IF EXISTS people_employee_search_inserted();
DROP FUNCTION IF EXISTS people_employee_search_updated();
DROP FUNCTION IF EXISTS people_employee_search_deleted();
DROP TABLE IF EXISTS {TABLE};
DROP FUNCTION IF EXISTS people_employee_search_grams(text, text, text, text);
DROP FUNCTION IF EXISTS people_search_grams(text);
"""


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [GRAMS_SQL, TABLE_SQL, *enable_sql(TABLE), TRIGGERS_SQL, BACKFILL_SQL]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(UNDO_SQL)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_employee_left_on")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
