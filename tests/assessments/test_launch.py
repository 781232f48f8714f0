"""Two launches of one cycle at the same time: they take turns, nobody is assessed twice."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from assessments.models import Assessment
from assessments.services import cycles as cycle_services
from tests.conftest import in_org

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_launches_create_each_assessment_once(world):
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}
    employee_ids = [world.employee.employee.pk, world.peer.employee.pk]

    def launch(name):
        try:
            with in_org(world.org):
                barrier.wait(timeout=10)  # both inside a transaction before either writes
                outcomes[name] = cycle_services.assessments_create_for(
                    cycle=world.cycle, employee_ids=employee_ids
                )
        except Exception as exc:  # the outcome is what the test checks
            outcomes[name] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=launch, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values(), key=str) == [0, 5], outcomes
    with in_org(world.org):
        rows = list(
            Assessment.objects.filter(cycle=world.cycle).values_list(
                "employee_id", "rater_id", "kind"
            )
        )
    assert len(rows) == len(set(rows)) == 5
