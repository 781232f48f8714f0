import json
import sys

from django.core.management.base import BaseCommand, CommandError

from plms.common.errors import ApplicationError
from plms.tenancy.transfer import manifest_lines, organization_import


class Command(BaseCommand):
    help = (
        "Create an organization from an `export_org` file, all or nothing: new ids, the same "
        "public ids, existing accounts kept, API keys re-issued (their new secrets printed once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export (- for standard input)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        if file == "-":
            document = json.load(sys.stdin)
        else:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        try:
            organization, keys = organization_import(document=document, using=database)
        except ApplicationError as exc:
            raise CommandError(f"Nothing was imported: {exc.message}") from exc
        for line in manifest_lines(document["manifest"]):
            self.stderr.write(line)
        self.stderr.write(f"Imported {organization.slug}; the manifest matches the export.")
        if keys:
            self.stderr.write("API keys issued again (store them now, they are not shown again):")
        for name, secret in keys:
            self.stdout.write(f"{name}\t{secret}")
