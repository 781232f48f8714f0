"""Memberships and API keys get a row-level policy of their own: the active organization's
rows, a signed-in user's own memberships, and one API key found by its prefix through a
function; a query outside those paths sees nothing."""

from django.db import migrations

from plms.tenancy.rls import directory_sql, directory_undo_sql


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in directory_sql():
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in directory_undo_sql():
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0003_rls_policy_reads_settings_once")]

    operations = [migrations.RunPython(forwards, backwards)]
