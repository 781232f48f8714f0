"""A workflow's figures kept as its steps and runs are written: per template and milestone, how
many steps there are, done, skipped, failed, and the days they took (`milestonesummary`), and
per template, how many runs are in each state (`runsummary`). PostgreSQL keeps them in the
statement that writes the steps or runs (statement-level triggers with transition tables),
whichever code writes them, so a workflow's page and the dashboard read a few rows instead of
a year of steps (see `workflows.selectors.workflow_templates_dashboard`).

Each summary row also has a slot, the writing connection's process id modulo 8: two workers
dispatching chunks of the same milestone at once add to different rows (and wait on each
other's row lock only when their slots meet); the readers sum the slots. An open step is
counted under its deadline (finished ones, and open ones without a deadline, under
'infinity'), so the open steps past their deadline are the rows whose deadline has passed;
rows whose steps have all moved elsewhere are removed.
"""

from django.db import migrations

from plms.tenancy.rls import enable_sql

STEPS = "workflows_milestonerun"
RUNS = "workflows_workflowrun"
MILESTONES = "workflows_milestonesummary"
RUN_STATES = "workflows_runsummary"
SLOTS = 8

TABLES_SQL = f"""
CREATE TABLE {MILESTONES} (
    organization_id bigint NOT NULL,
    template_id bigint NOT NULL,
    milestone_id bigint NOT NULL,
    deadline_at timestamptz NOT NULL,
    slot smallint NOT NULL,
    total bigint NOT NULL,
    done bigint NOT NULL,
    skipped bigint NOT NULL,
    failed bigint NOT NULL,
    late interval NOT NULL,
    PRIMARY KEY (organization_id, template_id, milestone_id, deadline_at, slot)
);
CREATE TABLE {RUN_STATES} (
    organization_id bigint NOT NULL,
    template_id bigint NOT NULL,
    state varchar(10) NOT NULL,
    slot smallint NOT NULL,
    runs bigint NOT NULL,
    PRIMARY KEY (organization_id, template_id, state, slot)
);
"""

OPEN = "('scheduled', 'due', 'dispatched')"


def _steps_delta(sources: list[tuple[str, int]]) -> str:
    """The change a statement's steps make to the milestones' rows: each new row counted once,
    each old row taken away once (an update that moves nothing, as the claim's `scheduled` to
    `due`, adds up to nothing and writes nothing)."""
    union = " UNION ALL ".join(
        f"SELECT organization_id, template_id, milestone_id, parent_id, state, deadline_at, "
        f"due_at, completed_at, {sign} AS sign FROM {table}"
        for table, sign in sources
    )
    return f"""
        SELECT organization_id, template_id, milestone_id,
               CASE WHEN state IN {OPEN} THEN coalesce(deadline_at, 'infinity')
                    ELSE 'infinity' END AS deadline_at,
               sum(sign) AS total,
               sum(CASE WHEN state = 'done' THEN sign ELSE 0 END) AS done,
               sum(CASE WHEN state IN ('skipped', 'cancelled') THEN sign ELSE 0 END) AS skipped,
               sum(CASE WHEN state = 'failed' THEN sign ELSE 0 END) AS failed,
               sum(CASE WHEN state = 'done'
                        THEN sign * greatest(completed_at - due_at, interval '0')
                        ELSE interval '0' END) AS late
        FROM ({union}) AS changed
        WHERE parent_id IS NULL AND template_id IS NOT NULL
        GROUP BY 1, 2, 3, 4
    """


def _steps_function(name: str, sources: list[tuple[str, int]]) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    emptied tid[];
BEGIN
    WITH delta AS ({_steps_delta(sources)}),
    written AS (
        INSERT INTO {MILESTONES} AS s (
            organization_id, template_id, milestone_id, deadline_at, slot,
            total, done, skipped, failed, late
        )
        SELECT organization_id, template_id, milestone_id, deadline_at,
               mod(pg_backend_pid(), {SLOTS}), total, done, skipped, failed, late
        FROM delta
        WHERE total <> 0 OR done <> 0 OR skipped <> 0 OR failed <> 0 OR late <> interval '0'
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (organization_id, template_id, milestone_id, deadline_at, slot)
        DO UPDATE SET total = s.total + excluded.total,
                      done = s.done + excluded.done,
                      skipped = s.skipped + excluded.skipped,
                      failed = s.failed + excluded.failed,
                      late = s.late + excluded.late
        RETURNING s.ctid AS row_id, s.total
    )
    SELECT array_agg(row_id) FILTER (WHERE total = 0) INTO emptied FROM written;
    IF emptied IS NOT NULL THEN
        DELETE FROM {MILESTONES} WHERE ctid = ANY (emptied) AND total = 0;
    END IF;
    RETURN NULL;
END
$$;
"""


def _runs_function(name: str, sources: list[tuple[str, int]]) -> str:
    union = " UNION ALL ".join(
        f"SELECT organization_id, template_id, state, {sign} AS sign FROM {table}"
        for table, sign in sources
    )
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {RUN_STATES} AS s (organization_id, template_id, state, slot, runs)
    SELECT organization_id, template_id, state, mod(pg_backend_pid(), {SLOTS}), sum(sign)
    FROM ({union}) AS changed
    GROUP BY 1, 2, 3
    HAVING sum(sign) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (organization_id, template_id, state, slot)
    DO UPDATE SET runs = s.runs + excluded.runs;
    RETURN NULL;
END
$$;
"""


FUNCTIONS = {
    STEPS: {
        "INSERT": _steps_function("workflows_steps_inserted", [("new_rows", 1)]),
        "UPDATE": _steps_function("workflows_steps_updated", [("new_rows", 1), ("old_rows", -1)]),
        "DELETE": _steps_function("workflows_steps_deleted", [("old_rows", -1)]),
    },
    RUNS: {
        "INSERT": _runs_function("workflows_runs_inserted", [("new_rows", 1)]),
        "UPDATE": _runs_function("workflows_runs_updated", [("new_rows", 1), ("old_rows", -1)]),
        "DELETE": _runs_function("workflows_runs_deleted", [("old_rows", -1)]),
    },
}
PREFIX = {STEPS: "workflows_steps", RUNS: "workflows_runs"}
SUMMARY = {STEPS: MILESTONES, RUNS: RUN_STATES}
PAST = {"INSERT": "inserted", "UPDATE": "updated", "DELETE": "deleted"}
REFERENCING = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _triggers_sql() -> list[str]:
    statements = []
    for table, functions in FUNCTIONS.items():
        prefix = PREFIX[table]
        for event, function in functions.items():
            name = f"{prefix}_{PAST[event]}"
            statements += [
                function,
                f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {REFERENCING[event]} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
        # An emptied table (a test database's flush) empties its summary too.
        statements += [
            f"CREATE OR REPLACE FUNCTION {prefix}_truncated() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN TRUNCATE {SUMMARY[table]}; RETURN NULL; END $$",
            f"CREATE TRIGGER {prefix}_truncated AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {prefix}_truncated()",
        ]
    return statements


# Every organisation's steps and runs, once: as the owner, whom row-level security binds as
# well (FORCE), so inside the escape hatch for this transaction only.
BACKFILL_SQL = f"""
SELECT set_config('app.all_organizations', 'on', true);
INSERT INTO {MILESTONES} (
    organization_id, template_id, milestone_id, deadline_at, slot,
    total, done, skipped, failed, late
)
SELECT organization_id, template_id, milestone_id, deadline_at, 0,
       total, done, skipped, failed, late
FROM ({_steps_delta([(STEPS, 1)])}) AS counted;
INSERT INTO {RUN_STATES} (organization_id, template_id, state, slot, runs)
SELECT organization_id, template_id, state, 0, count(*) FROM {RUNS} GROUP BY 1, 2, 3;
SELECT set_config('app.all_organizations', '', true);
"""


def _undo_sql() -> list[str]:
    statements = []
    for table, prefix in PREFIX.items():
        for event in (*PAST.values(), "truncated"):
            statements += [
                f"DROP TRIGGER IF EXISTS {prefix}_{event} ON {table}",
                f"DROP FUNCTION IF EXISTS {prefix}_{event}()",
            ]
    return [*statements, f"DROP TABLE IF EXISTS {MILESTONES}", f"DROP TABLE IF EXISTS {RUN_STATES}"]


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    statements = [TABLES_SQL, *enable_sql(MILESTONES), *enable_sql(RUN_STATES)]
    for statement in [*statements, *_triggers_sql(), BACKFILL_SQL]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _undo_sql():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("workflows", "0006_workflowrun_anchor_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
