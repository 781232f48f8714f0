"""The indexes of the tables a dispatch writes (each step dispatched and each notification sent
writes every index of its row): none is the start of another, and the foreign keys that are
mostly empty are indexed where they are set."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

TABLES = ("workflows_milestonerun", "workflows_notification", "workflows_workflowrun")


def _indexes(table: str) -> dict[str, tuple[list[str], bool]]:
    """Each index's columns (with their order) and whether it is partial."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, x.indpred IS NOT NULL,
                   array(SELECT pg_get_indexdef(x.indexrelid, k, true)
                         || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                         FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = %s::regclass
            """,
            [table],
        )
        return {name: (columns, partial) for name, partial, columns in cursor.fetchall()}


@pytest.mark.parametrize("table", TABLES)
def test_no_index_is_the_start_of_another(table):
    indexes = _indexes(table)
    redundant = [
        (name, other)
        for name, (columns, partial) in indexes.items()
        for other, (longer, _) in indexes.items()
        if other != name and not partial and longer[: len(columns)] == columns
    ]
    assert redundant == []


def test_the_mostly_empty_foreign_keys_are_indexed_where_set():
    steps, notifications = _indexes(TABLES[0]), _indexes(TABLES[1])
    assert steps["milestonerun_follow_ups"] == (["parent_id"], True)
    assert notifications["notification_digest"] == (["digest_id"], True)
    assert not any(
        columns == ["organization_id"]
        for table in TABLES
        for columns, _ in _indexes(table).values()
    )
