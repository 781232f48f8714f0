"""Loads the shipped catalogue (capabilities/catalogue/data/*.json); idempotent."""

from django.db import migrations


def load(apps, schema_editor):
    from capabilities.catalogue.loader import catalogue_load

    catalogue_load(
        category_model=apps.get_model("capabilities", "CatalogueCategory"),
        capability_model=apps.get_model("capabilities", "CatalogueCapability"),
        level_model=apps.get_model("capabilities", "CatalogueLevel"),
    )


class Migration(migrations.Migration):
    dependencies = [("capabilities", "0002_pg_trgm")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
