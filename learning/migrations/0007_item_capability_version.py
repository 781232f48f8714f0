"""Writes to learning items' capabilities (which levels an item develops) increase the
organisation's learning version too: the content gap report reads them
(`learning.selectors.content_gap_report_cached`)."""

from django.db import migrations

TABLE = "learning_itemcapability"


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_impact_{event.lower()} AFTER {event} ON {TABLE} "
            f"REFERENCING {rows} TABLE AS changed_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION learning_impact_changed()"
        )


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for event in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_impact_{event} ON {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("learning", "0006_impact_version")]

    operations = [migrations.RunPython(forwards, backwards)]
