from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from plms.tenancy.rls import rls_problems


class Command(BaseCommand):
    help = "List tenant tables without forced row-level security and the isolation policy."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Row-level security applies on PostgreSQL only; nothing to check.")
            return
        problems = rls_problems()
        for problem in problems:
            self.stdout.write(f"{problem.table}: {problem.problem}")
        if problems:
            raise CommandError(f"{len(problems)} row-level security problem(s).")
        self.stdout.write(self.style.SUCCESS("Every tenant table has forced row-level security."))
