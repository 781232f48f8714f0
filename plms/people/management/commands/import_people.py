from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plms.common.imports import ImportFailed
from plms.people.imports import people_import
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization


class Command(BaseCommand):
    help = "Import or update people from a CSV file (all-or-nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--org", required=True, help="Organization slug")

    def handle(self, *args, path, org, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"No organization with slug {org!r}.")
        text = Path(path).read_text(encoding="utf-8-sig")
        try:
            with organization_scope(organization):
                result = people_import(actor=system_actor(organization), text=text)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(f"line {error.line}: {error.column}: {error.message}")
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} created, {result.updated} updated, "
                f"{result.departments_created} departments created."
            )
        )
