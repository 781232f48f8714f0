from django.core.management.base import BaseCommand

from capabilities.catalogue.loader import catalogue_load


class Command(BaseCommand):
    help = "Load or update the shipped capability catalogue (idempotent)."

    def handle(self, *args, **options):
        result = catalogue_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalogue: {result.categories} categories; {result.created} capabilities added, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
        )
