"""Re-encrypt every secret stored encrypted with the first key of PLMS_ENCRYPTION_KEYS."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from plms.common.crypto import stored_values_reencrypt


class Command(BaseCommand):
    help = (
        "Re-encrypt stored secrets (webhook signing secrets) with the newest key. Put the new "
        "key first in PLMS_ENCRYPTION_KEYS, run this, then remove the old key."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options) -> None:
        count = stored_values_reencrypt(batch_size=batch_size)
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} stored secret(s)."))
