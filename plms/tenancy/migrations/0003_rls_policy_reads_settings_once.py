"""Re-create every table's isolation policy with the predicate that reads the settings once per
statement (see `plms.tenancy.rls`). Tables created by later migrations get it directly."""

from django.db import migrations

from plms.tenancy.rls import refresh_policies


def refresh(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        refresh_policies(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0002_membership_active")]

    # The older predicate reads the same settings, so going back needs no change.
    operations = [migrations.RunPython(refresh, migrations.RunPython.noop, elidable=False)]
