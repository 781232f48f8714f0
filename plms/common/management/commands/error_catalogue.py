"""Write docs/errors.md from the catalogue of error codes (plms/common/error_codes.py and each
app's error_codes.py), naming operations by method and path."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from drf_spectacular.generators import SchemaGenerator

from plms.common.error_codes import markdown

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "errors.md"


def operation_names() -> dict[str, str]:
    """{operation id: "METHOD /path"} of the published schema, as docs/errors.md names them."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        operation["operationId"]: f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and "operationId" in operation
    }


class Command(BaseCommand):
    help = "Regenerate docs/errors.md from the catalogue of error codes."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args, check: bool = False, **options):
        text = markdown(operation_names())
        if check:
            if not DOCUMENT.exists() or DOCUMENT.read_text() != text:
                raise SystemExit("docs/errors.md is stale: run manage.py error_catalogue")
            return
        DOCUMENT.write_text(text)
        self.stdout.write(f"Wrote {DOCUMENT}")
