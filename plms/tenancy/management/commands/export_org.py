import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from plms.common.errors import ApplicationError
from plms.tenancy.transfer import manifest_lines, organization_export


class Command(BaseCommand):
    help = (
        "Write everything of one organization (its tenant rows, memberships, the accounts of its "
        "people, its API keys to re-issue) to a JSON file for `import_org` on another database."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", "-o", default="-", help="File (default: standard output)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, slug, output, database, **options):
        try:
            document = organization_export(slug=slug, using=database)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        text = json.dumps(document, cls=DjangoJSONEncoder)
        if output == "-":
            sys.stdout.write(text)
        else:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        for line in manifest_lines(document["manifest"]):
            self.stderr.write(line)
        total = sum(entry["rows"] for entry in document["manifest"].values())
        self.stderr.write(f"Exported {slug}: {total} rows, {len(document['users'])} people.")
