"""`migrate` runs as the owner role when DATABASE_OWNER_URL is configured.

The application role may not own tables (it would then bypass row-level security unless
forced, and could alter policies), so schema changes go through the owner connection.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS, connections


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if options["database"] == DEFAULT_DB_ALIAS and "owner" in connections.settings:
            options["database"] = "owner"
        return super().handle(*args, **options)
