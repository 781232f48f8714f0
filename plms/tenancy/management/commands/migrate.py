"""`migrate` runs as the owner role when DATABASE_OWNER_URL is configured.

The application role may not own tables or alter policies, so schema changes go through the
owner. The default connection itself is switched to the owner for the whole command, so data
migrations that use the default connection run as the owner too; the application role is
granted its privileges afterwards (post_migrate).
"""

from django.conf import settings
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS, connections


def use_owner_credentials(alias: str = DEFAULT_DB_ALIAS) -> bool:
    owner = getattr(settings, "DATABASE_OWNER", None)
    connection = connections[alias]
    if not owner or connection.vendor != "postgresql":
        return False
    connection.close()
    for key in ("USER", "PASSWORD", "HOST", "PORT"):
        connection.settings_dict[key] = owner.get(key, "")
    return True


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if options["database"] == DEFAULT_DB_ALIAS:
            use_owner_credentials()
        return super().handle(*args, **options)
