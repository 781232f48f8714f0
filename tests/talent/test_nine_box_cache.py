"""The 9-box's rows come from the cache while nothing they were placed by has changed, and
are placed anew as soon as anything has: a potential assessed or calibrated, an overall
rating, a calibrated level (the results bands), a person moving department by a plain
UPDATE, the rating scale; each time the cached rows equal the rules applied then."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment, ConsolidatedLevel
from assessments.services import calibration as calibration_services
from plms.people.models import Employee
from reward.models import RatingLevel
from talent import nine_box, services
from tests.assessments.factories import AssessmentFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory
from tests.reward.factories import PerformanceRatingFactory
from tests.talent.conftest import actor_of
from tests.talent.factories import PotentialAssessmentFactory
from tests.talent.test_potential import HIGH

pytestmark = pytest.mark.postgres  # the cached path is PostgreSQL's


def _read(careers) -> tuple[list, bool]:
    """The rows as the 9-box reads them, and whether they were placed anew (not cached)."""
    with in_org(careers.org), CaptureQueriesContext(connection) as queries:
        rows = nine_box.nine_box_rows(cycle=careers.q4, previous=careers.q3)
    placed = any("now_rated AS" in q["sql"] for q in queries.captured_queries)
    return sorted(rows), placed


def _rules(careers) -> list:
    with in_org(careers.org):
        return sorted(nine_box.rows_in_python(cycle=careers.q4, previous=careers.q3))


def _changed(careers, before: list) -> list:
    rows, placed = _read(careers)
    assert placed and rows == _rules(careers) and rows != before
    return rows


def test_the_rows_follow_every_write_they_depend_on(careers):
    employee, peer = careers.employee.employee, careers.peer.employee
    hr = actor_of(careers.hr)
    with in_org(careers.org):
        careers.assess(peer, careers.q4, {"communication": 3, "coaching": 3})
        AssessmentFactory(
            organization=careers.org,
            cycle=careers.q4,
            employee=peer,
            rater=careers.manager.employee,
            kind=Assessment.Kind.MANAGER,
            status=Assessment.Status.SUBMITTED,
            performance=3,
            potential=1,
        )
        PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q3, level=1
        )
        assessed = PotentialAssessmentFactory(  # the latest: the one the 9-box reads
            organization=careers.org, employee=employee, cycle=careers.q4, level=2
        )
    rows, placed = _read(careers)
    assert placed and rows == _rules(careers)
    assert _read(careers) == (rows, False)  # the second read: from the cache

    with in_org(careers.org):
        services.potential_calibrate(actor=hr, assessment=assessed, level=3, reason="Led it")
    rows = _changed(careers, rows)
    with in_org(careers.org):
        services.potential_assess(actor=hr, employee=peer, scores=HIGH, cycle=careers.q4)
    rows = _changed(careers, rows)
    with in_org(careers.org):
        PerformanceRatingFactory(
            organization=careers.org, cycle=careers.q4, employee=employee, manager_level=1
        )
    rows = _changed(careers, rows)
    with in_org(careers.org):
        PerformanceRatingFactory(
            organization=careers.org, cycle=careers.q3, employee=employee, calibrated_level=5
        )
    rows = _changed(careers, rows)
    with in_org(careers.org):  # the peer's results band: high to low
        for level in ConsolidatedLevel.objects.filter(cycle=careers.q4, employee=peer):
            calibration_services.consolidated_level_adjust(
                actor=hr, consolidated=level, level=Decimal("1"), reason="Calibrated"
            )
    rows = _changed(careers, rows)
    with in_org(careers.org):  # a plain UPDATE, as an import would do it
        sales = DepartmentFactory(organization=careers.org, name="Sales")
        Employee.objects.filter(pk=peer.pk).update(department=sales)
    rows = _changed(careers, rows)
    with in_org(careers.org):  # a scale of 1-3: a rating of 1 stays low, 5 is now off the top
        RatingLevel.objects.all().delete()
        for value in (1, 2, 3):
            RatingLevel.objects.create(
                organization=careers.org, value=value, name=str(value), min_score=value * 20
            )
    rows, placed = _read(careers)
    assert placed and rows == _rules(careers)
