"""Write docs/errors.md from the catalogue of error codes (plms/common/error_codes.py)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from plms.common.error_codes import markdown

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "errors.md"


class Command(BaseCommand):
    help = "Regenerate docs/errors.md from plms/common/error_codes.py."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args, check: bool = False, **options):
        text = markdown()
        if check:
            if not DOCUMENT.exists() or DOCUMENT.read_text() != text:
                raise SystemExit("docs/errors.md is stale: run manage.py error_catalogue")
            return
        DOCUMENT.write_text(text)
        self.stdout.write(f"Wrote {DOCUMENT}")
