"""`update_rows` writes the named columns of instances as they are in memory, a page per
statement, JSON as JSON, and only rows of the active organisation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import ConsolidatedLevel
from plms.common.db import insert_rows, update_rows
from plms.tenancy.context import organization_scope
from tests.assessments.factories import AssessmentCycleFactory
from tests.capabilities.factories import CapabilityFactory
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

FIELDS = ["cycle_id", "employee_id", "capability_id", "level", "contributions"]


def _levels(org, count: int) -> list[ConsolidatedLevel]:
    cycle = AssessmentCycleFactory(organization=org)
    capability = CapabilityFactory(organization=org)
    people = EmployeeFactory.create_batch(count, organization=org)
    rows = [(cycle.pk, p.pk, capability.pk, Decimal("1"), {}) for p in people]
    with organization_scope(org):
        ids = insert_rows(ConsolidatedLevel, FIELDS, rows, returning_ids=True)
        return list(ConsolidatedLevel.objects.filter(pk__in=ids).order_by("pk"))


def test_the_columns_are_written_a_page_per_statement(org_a):
    levels = _levels(org_a, 5)
    for n, level in enumerate(levels):
        level.level = Decimal(n)
        level.contributions = {"note": 'quote " and %s', "n": n}
        level.adjustment_reason = "not written"
    with organization_scope(org_a), CaptureQueriesContext(connection) as captured:
        update_rows(ConsolidatedLevel, levels, ["level", "contributions"], page_size=2)
    if connection.vendor == "postgresql":
        assert len(captured) == 3
    with organization_scope(org_a):
        stored = list(ConsolidatedLevel.objects.filter(pk__in=[lv.pk for lv in levels]))
    for level in stored:
        n = int(level.level)
        assert level.contributions == {"note": 'quote " and %s', "n": n}
        assert level.adjustment_reason == ""
    assert sorted(int(level.level) for level in stored) == [0, 1, 2, 3, 4]


@pytest.mark.postgres
def test_rows_of_another_organisation_are_left_alone(org_a, org_b):
    (theirs,) = _levels(org_b, 1)
    theirs.level = Decimal("4")
    with organization_scope(org_a):
        update_rows(ConsolidatedLevel, [theirs], ["level"])
    with organization_scope(org_b):
        assert ConsolidatedLevel.objects.get(pk=theirs.pk).level == Decimal("1")
