"""Trigram similarity for the redundancy audit (PostgreSQL only; SQLite compares in Python)."""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("capabilities", "0001_initial")]

    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop, elidable=False)]
