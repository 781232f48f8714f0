from django.core.management.base import BaseCommand, CommandError

from plms.common.errors import ApplicationError
from plms.tenancy.services import organization_create


class Command(BaseCommand):
    help = "Create an organization and its first HR admin."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--password", help="Sets the admin's password (else: reset by e-mail).")

    def handle(self, *args, slug, name, admin_email, password, **options):
        try:
            organization, membership = organization_create(
                slug=slug, name=name, admin_email=admin_email, admin_password=password
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {organization.name} ({organization.slug}); "
                f"HR admin {membership.user.email}."
            )
        )
