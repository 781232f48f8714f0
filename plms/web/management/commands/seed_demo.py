import logging
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from plms.web.demo import DEMO_PASSWORD, seed_demo

CONSOLE = "django.core.mail.backends.console.EmailBackend"
# Who to sign in as, in the order a visitor would try them.
SIGN_IN_AS = (
    ("HR admin", "hr@acme.example"),
    ("manager", "manager@acme.example"),
    ("employee", "employee@acme.example"),
    ("peer rater", "liam@acme.example"),
)


@contextmanager
def _quiet_outbox(outbox: Path):
    """The demo sends a few dozen e-mails (invitations, reminders): on the console backend they
    would bury the one thing to read, so they go to files in `outbox` instead, and the
    in-process task runner's log lines stay out of the way."""
    if settings.EMAIL_BACKEND != CONSOLE:
        yield None
        return
    outbox.mkdir(parents=True, exist_ok=True)
    loggers = [logging.getLogger(name) for name in ("celery", "celery.app.trace")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(outbox),
        ):
            yield outbox
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Create or complete the demo organisation Acme (idempotent; refused in production)."

    def handle(self, *args, **options):
        with _quiet_outbox(Path(settings.VAR_DIR) / "outbox") as outbox:
            organization = seed_demo()
        base = settings.PLMS_BASE_URL.rstrip("/")
        lines = [
            self.style.SUCCESS(f"ready: sign in at {base}/ as"),
            *(f"  {who:<11} {email}" for who, email in SIGN_IN_AS),
            f"  with password {DEMO_PASSWORD} (demo organisation {organization.name}).",
        ]
        if outbox is not None:
            lines.append(f"  E-mails the demo sent: {outbox}/ (and each person's notifications).")
        self.stdout.write("\n".join(lines))
