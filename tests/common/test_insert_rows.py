"""`insert_rows` writes what a model instance would: JSON as JSON (NULL stays NULL), decimals,
aware and naive date-times, the defaults of the columns left out, the active organisation,
and the new ids in row order."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import ConsolidatedLevel
from plms.common.db import insert_rows
from plms.tenancy.context import organization_scope
from tests.assessments.factories import AssessmentCycleFactory
from tests.capabilities.factories import CapabilityFactory
from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db

FIELDS = [
    "cycle_id",
    "employee_id",
    "capability_id",
    "level",
    "contributions",
    "target_level",
    "computed_at",
]


def test_rows_read_back_as_written_with_defaults_and_ids_in_order(org_a):
    cycle = AssessmentCycleFactory(organization=org_a)
    people = EmployeeFactory.create_batch(3, organization=org_a)
    capability = CapabilityFactory(organization=org_a)
    moment = timezone.now().replace(microsecond=0)
    awkward = {"note": 'quote " backslash \\ percent %s', "nested": [1, {"é": None}], "n": 1.5}
    rows = [
        (cycle.pk, people[0].pk, capability.pk, Decimal("2.67"), awkward, 4, moment),
        (cycle.pk, people[1].pk, capability.pk, Decimal("1.00"), {}, None, moment),
        (cycle.pk, people[2].pk, capability.pk, Decimal("5"), {"x": ["y"]}, 3, moment),
    ]
    with organization_scope(org_a):
        ids = insert_rows(ConsolidatedLevel, FIELDS, rows, returning_ids=True, page_size=2)
        stored = {level.pk: level for level in ConsolidatedLevel.objects.filter(pk__in=ids)}

    assert len(ids) == 3 and len(stored) == 3
    for new_id, row in zip(ids, rows, strict=True):  # RETURNING keeps the rows' order
        level = stored[new_id]
        assert level.employee_id == row[1]
        assert level.level == Decimal(row[3])
        assert level.contributions == row[4]
        assert level.target_level == row[5]
        assert level.computed_at == moment
        assert level.organization_id == org_a.pk
        assert level.adjustment_reason == "" and level.adjusted_level is None
    assert len({level.uuid for level in stored.values()}) == 3  # a fresh uuid each


@pytest.mark.postgres
def test_a_naive_date_time_is_read_in_the_current_time_zone(org_a, settings):
    settings.USE_TZ = True
    cycle = AssessmentCycleFactory(organization=org_a)
    person = EmployeeFactory(organization=org_a)
    capability = CapabilityFactory(organization=org_a)
    naive = datetime.datetime(2026, 3, 1, 9, 30)
    with organization_scope(org_a), pytest.warns(RuntimeWarning):
        (new_id,) = insert_rows(
            ConsolidatedLevel,
            FIELDS,
            [(cycle.pk, person.pk, capability.pk, Decimal("3"), {}, 3, naive)],
            returning_ids=True,
        )
    with organization_scope(org_a):
        stored = ConsolidatedLevel.objects.get(pk=new_id).computed_at
    assert stored == timezone.make_aware(naive)


def test_a_row_of_the_wrong_width_is_refused(org_a):
    with organization_scope(org_a), pytest.raises(ValueError, match="Expected 7 values"):
        insert_rows(ConsolidatedLevel, FIELDS, [(1, 2, 3)])


def test_rows_breaking_the_named_constraint_are_skipped_and_the_others_returned(org_a):
    """`skip_conflicts_on` leaves out what the constraint already holds (a replayed batch);
    `returning` tells which rows went in."""
    from workflows.models import Notification

    user = UserFactory()
    fields = ["recipient_id", "event", "object_type", "object_id", "occasion", "title", "uuid"]

    def row(occasion):
        return [user.pk, "workflow.reminder", "test.thing", "42", occasion, "Due", uuid.uuid4()]

    with organization_scope(org_a):
        first = insert_rows(
            Notification,
            fields,
            [row("start")],
            skip_conflicts_on="notification_dedupe",
            returning=("uuid", "id"),
        )
        again = [row("start"), row("reminder-due")]
        second = insert_rows(
            Notification,
            fields,
            again,
            skip_conflicts_on="notification_dedupe",
            returning=("uuid", "id"),
        )
        assert Notification.objects.count() == 2
    assert len(first) == 1
    assert [new_uuid for new_uuid, _ in second] == [again[1][6]]
