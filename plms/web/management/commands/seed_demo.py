from django.core.management.base import BaseCommand

from plms.web.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create or complete the demo organisation Acme (idempotent; refused in production)."

    def handle(self, *args, **options):
        organization = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation {organization.name} is ready. Sign in as hr@acme.example, "
                f"manager@acme.example or employee@acme.example with password {DEMO_PASSWORD!r}."
            )
        )
