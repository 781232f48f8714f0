"""A cycle's background launch announces that it has finished (`assessment_cycle.launched`),
so clients need not poll its progress."""

from __future__ import annotations

from assessments.services import cycles as cycle_services
from plms.integrations.models import OutboxEvent
from tests.assessments.conftest import actor_of
from tests.conftest import in_org


def test_a_finished_launch_is_announced_with_its_counts(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), in_org(world.org):
        cycle_services.cycle_launch(actor=actor_of(world.hr), cycle=world.cycle)
    with in_org(world.org):
        events = list(OutboxEvent.objects.filter(type="assessment_cycle.launched"))
    assert len(events) == 1
    data = events[0].payload["data"]
    assert data["id"] == str(world.cycle.uuid)
    assert data["people"] == 2  # the employee and the peer hold the role
    assert data["assessments"] >= 4  # each a self and a manager assessment at least
