"""Run by tests/tenancy/test_replica.py in a process of its own, configured by the environment
exactly as production is (`DATABASE_URL` the primary, `DATABASE_REPLICA_URL` its streaming
replica, both as the application role): two organisations written on the primary, then where
the reports' reads go and what row-level security lets them see there. Prints one JSON object.
"""

from __future__ import annotations

import json
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plms.people.models import Employee  # noqa: E402
from plms.tenancy.context import organization_scope  # noqa: E402
from plms.tenancy.replica import PIN_KEY, replica_reads  # noqa: E402
from tests import factories  # noqa: E402


def _wait_for_replay() -> float:
    """Seconds until the replica has replayed everything the primary has written."""
    started = time.monotonic()
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    while True:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return time.monotonic() - started
        if time.monotonic() - started > 30:
            raise SystemExit("the replica did not catch up within 30 s")
        time.sleep(0.05)


def _tables(captured: CaptureQueriesContext) -> int:
    return sum(1 for query in captured.captured_queries if "FROM" in query["sql"])


def main() -> dict:
    result: dict = {}
    org_a = factories.OrganizationFactory(slug="replica-a", name="Replica A")
    org_b = factories.OrganizationFactory(slug="replica-b", name="Replica B")
    hr = factories.member(org_a, role="admin", email="hr@replica-a.example", title="HR")
    for n in range(3):
        factories.member(org_a, email=f"a{n}@replica-a.example", manager=hr.employee)
    for n in range(5):
        factories.member(org_b, email=f"b{n}@replica-b.example")
    result["replay_seconds"] = round(_wait_for_replay(), 3)

    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_user")
        result["replica_in_recovery"], result["replica_role"] = cursor.fetchone()

    with organization_scope(org_a):
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
            replica_reads() as alias,
        ):
            result["alias"] = alias
            result["orm_count"] = Employee.objects.count()
            with connections["replica"].cursor() as cursor:  # past the ORM's filter
                cursor.execute("SELECT count(*) FROM people_employee")
                result["raw_count"] = cursor.fetchone()[0]
        result["orm_reads_on_primary"] = _tables(primary)
        result["orm_reads_on_replica"] = _tables(replica)
    with replica_reads(), connections["replica"].cursor() as cursor:  # no organisation
        cursor.execute("SELECT count(*) FROM people_employee")
        result["raw_count_without_organization"] = cursor.fetchone()[0]
    with connections["default"].cursor() as cursor:  # the application role on the primary
        cursor.execute("SELECT count(*) FROM people_employee")
        result["primary_count_without_organization"] = cursor.fetchone()[0]

    # The gap report through the whole stack: from the replica; after a write of the same
    # person's, from the primary until the pin runs out.
    client = Client()
    user = get_user_model().objects.get(email="hr@replica-a.example")
    client.force_login(user)

    def report_reads() -> tuple[int, int, int]:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
        ):
            status = client.get("/assessments/gaps/").status_code
        return status, _tables(primary), _tables(replica)

    result["report_before_write"] = report_reads()
    result["write_status"] = client.post("/notifications/read-all/").status_code
    result["pinned"] = bool(cache.get(PIN_KEY.format(f"user:{user.pk}")))
    result["report_after_write"] = report_reads()
    cache.delete(PIN_KEY.format(f"user:{user.pk}"))  # the pin ran out
    result["report_after_pin"] = report_reads()
    result["counts"] = {"a": 4, "b": 5}
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
