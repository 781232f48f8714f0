from django.core.management.base import BaseCommand, CommandError

from plms.common.errors import ApplicationError
from plms.tenancy.models import Organization
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create


class Command(BaseCommand):
    help = "Create an API key for an organization. The key is printed once and stored hashed."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Organization slug")
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--scopes",
            nargs="*",
            default=None,
            help=f"Scopes (default: all). Known: {' '.join(ALL_SCOPES)}",
        )

    def handle(self, *args, org, name, scopes, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"No organization with slug {org!r}.")
        try:
            key, secret = api_key_create(
                organization=organization, name=name, scopes=scopes or ALL_SCOPES
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"API key {key.name!r} for {organization.slug}, scopes: {' '.join(key.scopes)}"
        )
        self.stderr.write("Store it now: it cannot be shown again.")
        self.stdout.write(secret)
