"""The people search's pieces in one pass, and the triggers that keep the index looking pieces
up by key: the import's bulk writes with the index of `people.0004` took several times as
long as without it (see docs/performance.md, "The employee search under row-level
security"). An emptied employee table (a test database's flush) empties the index too."""

import importlib

from django.db import migrations

TABLE = "people_employeesearchgram"
FIRST = importlib.import_module("plms.people.migrations.0004_employee_search_grams")

# Every distinct three-character piece of the upper-cased values (as `icontains` compares),
# in one pass: nested functions, one per field, took five times as long in the import.
GRAMS_SQL = """
CREATE OR REPLACE FUNCTION people_search_grams(VARIADIC fields text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array(
        SELECT DISTINCT substr(folded.value, i, 3)
        FROM unnest(fields) AS given(value),
             LATERAL (SELECT upper(given.value) AS value) AS folded,
             generate_series(1, char_length(folded.value) - 2) AS i
    )
$$;
"""

# A statement's people (a transition table of up to a thousand rows in the import) against the
# index: the planner, knowing their number but not how few pieces changed, hashed the whole
# index (7 s for a thousand changed titles at 10,000 people, 0.3 s without the index); looking
# each piece up by its key is what these statements need, so the functions forbid the rest.
NESTED_LOOPS = "SET enable_hashjoin = off SET enable_mergejoin = off"

FUNCTIONS_SQL = f"""
CREATE OR REPLACE FUNCTION people_employee_search_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (organization_id, gram, employee_id)
    SELECT n.organization_id, g.gram, n.id
    FROM new_rows AS n,
         unnest(people_search_grams(n.first_name, n.last_name, n.email, n.title))
             AS g(gram)
    ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION people_employee_search_updated() RETURNS trigger
LANGUAGE plpgsql {NESTED_LOOPS} AS $$
BEGIN
    WITH changed AS (
        SELECT n.organization_id, n.id AS employee_id,
               people_search_grams(o.first_name, o.last_name, o.email, o.title) AS before,
               people_search_grams(n.first_name, n.last_name, n.email, n.title) AS after
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
    ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION people_employee_search_deleted() RETURNS trigger
LANGUAGE plpgsql {NESTED_LOOPS} AS $$
BEGIN
    DELETE FROM {TABLE} AS s
    USING old_rows AS o,
          unnest(people_search_grams(o.first_name, o.last_name, o.email, o.title))
              AS g(gram)
    WHERE s.organization_id = o.organization_id AND s.gram = g.gram AND s.employee_id = o.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION people_employee_search_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {TABLE};
    RETURN NULL;
END
$$;

"""

TRUNCATE_SQL = f"""
DROP TRIGGER IF EXISTS people_employee_search_truncated ON people_employee;
CREATE TRIGGER people_employee_search_truncated AFTER TRUNCATE ON people_employee
    FOR EACH STATEMENT EXECUTE FUNCTION people_employee_search_truncated();
"""

# The functions of `people.0004`, one per field and one over them; nothing else calls them.
DROP_FIRST_SQL = """
DROP FUNCTION IF EXISTS people_employee_search_grams(text, text, text, text);
DROP FUNCTION IF EXISTS people_search_grams(text);
"""

UNDO_SQL = """
DROP TRIGGER IF EXISTS people_employee_search_truncated ON people_employee;
DROP FUNCTION IF EXISTS people_employee_search_truncated();
DROP FUNCTION IF EXISTS people_search_grams(text[]);
"""


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [DROP_FIRST_SQL, GRAMS_SQL, FUNCTIONS_SQL, TRUNCATE_SQL]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    first_functions = FIRST.TRIGGERS_SQL.split("CREATE TRIGGER")[0]
    for statement in [UNDO_SQL, FIRST.GRAMS_SQL, first_functions]:
        schema_editor.execute(statement)
    # The update and delete functions of 0004 had no settings of their own.
    schema_editor.execute(
        "ALTER FUNCTION people_employee_search_updated() RESET ALL; "
        "ALTER FUNCTION people_employee_search_deleted() RESET ALL"
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0004_employee_search_grams")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
