"""`manage.py generate_org --slug S --employees N`: a synthetic organisation for benchmarks.

Builds the organisation through `bench.generators` (bulk inserts, one step per domain) and, by
default, a neighbour of the same size (`S-neighbour`) so that measurements run with another
organisation in the same tables. It never touches an existing organisation: a taken slug is
refused before anything is written, and a failure part-way leaves nothing behind.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from bench.generators import (
    DEFAULT_PASSWORD,
    NEIGHBOUR_SUFFIX,
    OrganizationExists,
    Sizes,
    generate_organization,
)
from plms.tenancy.models import Organization


class Command(BaseCommand):
    help = "Generate a synthetic organisation (and a neighbour of the same size) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", help="Display name (default: from the slug).")
        parser.add_argument("--employees", type=int, default=Sizes.employees)
        parser.add_argument("--departments", type=int, default=Sizes.departments)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="Password of every generated sign-in (managers, HR admin, sampled employees).",
        )
        parser.add_argument(
            "--no-neighbour",
            action="store_true",
            help=f"Skip the second organisation of the same size (<slug>{NEIGHBOUR_SUFFIX}).",
        )

    def handle(self, *args, slug, name, employees, departments, seed, password, **options):
        if employees < 2:
            raise CommandError("--employees must be at least 2.")
        if departments < 1:
            raise CommandError("--departments must be at least 1.")
        slugs = [slug] if options["no_neighbour"] else [slug, f"{slug}{NEIGHBOUR_SUFFIX}"]
        taken = list(Organization.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        if taken:
            raise CommandError(
                f"Organization(s) {', '.join(sorted(taken))} exist already; generate_org never "
                "changes an existing organisation. Use another --slug."
            )
        sizes = Sizes(employees=employees, departments=departments, password=password)
        try:
            with transaction.atomic():
                results = [
                    generate_organization(
                        slug=each, name=name if each == slug else None, sizes=sizes, seed=seed
                    )
                    for each in slugs
                ]
        except OrganizationExists as exc:
            raise CommandError(str(exc)) from exc
        analysed = _analyse()
        for result in results:
            organization = result.organization
            counts = ", ".join(f"{value} {key}" for key, value in result.counts.items())
            self.stdout.write(
                self.style.SUCCESS(f"{organization.slug}: {counts} in {result.seconds:.1f} s")
            )
            for step in result.steps:
                self.stdout.write(f"  step {step.name}: {step.seconds:.1f} s")
            self.stdout.write(f"  HR admin: hr@{organization.slug}.example / {password}")
            self.stdout.write(f"  API key (all scopes): {result.api_key}")
        if not analysed:
            self.stdout.write(
                "Planner statistics are stale until autovacuum runs: run ANALYZE as the table "
                "owner before measuring (python -m bench does)."
            )


def _analyse() -> bool:
    """ANALYZE through the owner connection when there is one (the application role may not)."""
    if "owner" not in connections.settings or connections["owner"].vendor != "postgresql":
        return False
    with connections["owner"].cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
