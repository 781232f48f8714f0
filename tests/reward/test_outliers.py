"""Outliers on constructed histories: four cycles, a window of the last three (or as asked),
top ratings counted N of M times, low ratings with red goals and missed check-ins, the
suggested actions, and who sees whom."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from plms.common.errors import ApplicationError
from reward import outliers
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.goals.factories import CheckInFactory, CheckInSeriesFactory, GoalFactory
from tests.learning.factories import DevelopmentPlanFactory
from tests.reward.conftest import actor_of
from tests.reward.factories import PerformanceRatingFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # the API and the page judge goals and check-ins as of today


@pytest.fixture
def history(org_a, manager, hr_admin, scale):
    """Cycles c1 (oldest) to c4; each person's final ratings (manager's, calibrated wins)."""
    cycles = [
        AssessmentCycleFactory(
            organization=org_a,
            name=f"C{n}",
            period_start=datetime.date(2024 + n - 1, 1, 1),
            period_end=datetime.date(2024 + n - 1, 12, 31),
        )
        for n in (1, 2, 3, 4)
    ]
    people = {}

    def person(name, levels, *, boss=manager, **fields):
        employee = factories.EmployeeFactory(
            organization=org_a, first_name=name, last_name="Test", manager=boss.employee, **fields
        )
        for cycle, level in zip(cycles, levels, strict=True):
            if level is None:
                continue
            if isinstance(level, tuple):  # (manager's, calibrated)
                PerformanceRatingFactory(
                    organization=org_a,
                    cycle=cycle,
                    employee=employee,
                    manager_level=level[0],
                    calibrated_level=level[1],
                )
            else:
                PerformanceRatingFactory(
                    organization=org_a, cycle=cycle, employee=employee, manager_level=level
                )
        people[name] = employee
        return employee

    person("Star", [None, 3, 5, 5])
    person("OneOff", [None, 3, 3, 5])
    person("OldStar", [5, 5, 4, 4])
    person("Calibrated", [None, 3, (5, 3), 5])
    person("Chronic", [3, 3, 1, 2])
    person("Slipping", [None, 3, 3, 2])
    person("NoCheckIns", [None, 3, 3, 1])
    person("Recovered", [None, 3, 1, 3])
    person("Gone", [None, 1, 1, 1], active=False)
    person("Elsewhere", [None, 5, 5, 5], boss=hr_admin)
    proposed_only = factories.EmployeeFactory(
        organization=org_a, first_name="Proposed", manager=manager.employee
    )
    for cycle in cycles[2:]:
        PerformanceRatingFactory(
            organization=org_a, cycle=cycle, employee=proposed_only, proposed_level=5
        )
    # Red now: 40 -> 60, still at 40 with most of the time gone.
    for name in ("Slipping", "Recovered"):
        GoalFactory(
            organization=org_a,
            owner_employee=people[name],
            current=40,
            start_date=TODAY - datetime.timedelta(330),
            due_date=TODAY + datetime.timedelta(30),
        )
    series = CheckInSeriesFactory(
        organization=org_a, manager=manager.employee, report=people["NoCheckIns"]
    )
    CheckInFactory(organization=org_a, series=series, scheduled_for=TODAY - datetime.timedelta(10))
    CheckInFactory(
        organization=org_a,
        series=series,
        scheduled_for=TODAY - datetime.timedelta(3),
        status="completed",
    )
    return {"cycles": cycles, "people": people}


def _names(rows) -> list[str]:
    return [row.employee.first_name for row in rows]


def test_the_levels_of_a_scale():
    assert outliers.outlier_levels([1, 2, 3, 4, 5]) == ((5,), (1, 2))
    assert outliers.outlier_levels([1, 2, 3]) == ((3,), (1,))
    assert outliers.outlier_levels([]) == ((), ())


def test_hr_sees_both_lists_over_the_last_three_cycles(org_a, history, hr_admin):
    with in_org(org_a):
        report = outliers.outliers_for_viewer(actor=actor_of(hr_admin), today=TODAY)
    assert [cycle.name for cycle in report.cycles] == ["C4", "C3", "C2"]
    # Top in 2 of 3: Star (C3, C4) and Elsewhere; not OneOff (1), OldStar (C2 only in the
    # window), Calibrated (calibrated down in C3), Proposed (never confirmed).
    assert _names(report.high) == ["Elsewhere", "Star"]
    star = report.high[1]
    assert star.levels == [5, 5, 3] and star.count == 2
    assert star.action == outliers.RETENTION_REVIEW
    # Low in 2 of 3: Chronic; low in the latest with a red goal: Slipping; with a missed
    # check-in: NoCheckIns. Not Recovered (low before, fine now), nor Gone (inactive).
    assert _names(report.low) == ["Chronic", "NoCheckIns", "Slipping"]
    chronic, no_check_ins, slipping = report.low
    assert chronic.count == 2 and chronic.levels == [2, 1, 3]
    assert (slipping.red_goals, slipping.missed_check_ins) == (1, 0)
    assert (no_check_ins.red_goals, no_check_ins.missed_check_ins) == (0, 1)
    assert chronic.action == outliers.IMPROVEMENT_PLAN


def test_n_and_m_can_be_chosen(org_a, history, hr_admin):
    with in_org(org_a):
        once = outliers.outliers_for_viewer(
            actor=actor_of(hr_admin), criteria=outliers.Criteria(cycles=3, times=1), today=TODAY
        )
        four = outliers.outliers_for_viewer(
            actor=actor_of(hr_admin), criteria=outliers.Criteria(cycles=4, times=2), today=TODAY
        )
    assert _names(once.high) == ["Calibrated", "Elsewhere", "OldStar", "OneOff", "Star"]
    assert "Recovered" in _names(once.low)
    assert [cycle.name for cycle in four.cycles] == ["C4", "C3", "C2", "C1"]
    assert "OldStar" in _names(four.high)
    for cycles, times in ((0, 1), (11, 1), (3, 4), (3, 0)):
        with pytest.raises(ApplicationError):
            outliers.Criteria(cycles=cycles, times=times).validated()


def test_an_open_improvement_plan_is_followed_not_started_again(org_a, history, hr_admin):
    plan = DevelopmentPlanFactory(
        organization=org_a, employee=history["people"]["Chronic"], kind="improvement"
    )
    with in_org(org_a):
        report = outliers.outliers_for_viewer(actor=actor_of(hr_admin), today=TODAY)
    chronic = report.low[0]
    assert chronic.improvement_plan == plan
    assert chronic.action == outliers.FOLLOW_IMPROVEMENT_PLAN


def test_a_manager_sees_their_reports_and_others_nobody(
    org_a, history, manager, employee, outsider, org_b
):
    with in_org(org_a):
        mine = outliers.outliers_for_viewer(actor=actor_of(manager), today=TODAY)
        assert outliers.may_see_outliers(actor=actor_of(manager))
        nobody = outliers.outliers_for_viewer(actor=actor_of(employee), today=TODAY)
        assert not outliers.may_see_outliers(actor=actor_of(employee))
    assert _names(mine.high) == ["Star"]  # not Elsewhere, who reports to HR
    assert _names(mine.low) == ["Chronic", "NoCheckIns", "Slipping"]
    assert nobody.high == [] and nobody.low == []
    with in_org(org_b):
        theirs = outliers.outliers_for_viewer(actor=actor_of(outsider), today=TODAY)
    assert theirs.cycles == [] and theirs.high == [] and theirs.low == []


# --- The page and the API --------------------------------------------------------------------


def test_the_page_shows_both_lists_with_the_actions(org_a, history, hr_admin, client):
    client.force_login(hr_admin.user)
    page = client.get(reverse("reward:outliers")).content.decode()
    assert "Consistently high performers" in page and "Chronic low performers" in page
    assert "Rated 5 Outstanding in at least 2 of the last 3 cycles." in page
    chronic = history["people"]["Chronic"]
    start = reverse("learning:improvement_plan_start", args=[chronic.uuid])
    assert start in page
    assert "Retention review" in page
    narrowed = client.get(reverse("reward:outliers"), {"times": 1, "cycles": 3}).content.decode()
    assert "OneOff Test" in narrowed and "OneOff Test" not in page
    refused = client.get(reverse("reward:outliers"), {"times": 4, "cycles": 3})
    assert (
        refused.status_code == 200 and "From 1 to the number of cycles." in refused.content.decode()
    )


def test_the_page_is_for_hr_and_managers(org_a, history, manager, employee, client):
    client.force_login(manager.user)
    page = client.get(reverse("reward:outliers")).content.decode()
    assert "Star Test" in page and "Elsewhere Test" not in page
    client.force_login(employee.user)
    assert client.get(reverse("reward:outliers")).status_code == 404


def test_the_api_lists_both_kinds_and_narrows(org_a, history, hr_admin, key_client_a, client):
    rows = key_client_a.get("/api/v1/performance-outliers").json()["results"]
    people = history["people"]
    assert [(row["employee"], row["kind"]) for row in rows][:2] == [
        (str(people["Elsewhere"].uuid), "high"),
        (str(people["Star"].uuid), "high"),
    ]
    chronic = next(row for row in rows if row["employee"] == str(people["Chronic"].uuid))
    assert chronic["ratings"][0] == {"cycle": str(history["cycles"][3].uuid), "level": 2}
    assert chronic["count"] == 2 and chronic["suggested_action"] == "improvement_plan"
    assert chronic["improvement_plan"] is None
    star = rows[1]
    assert star["red_goals"] is None and star["suggested_action"] == "retention_review"
    high = key_client_a.get("/api/v1/performance-outliers", {"kind": "high"}).json()["results"]
    assert {row["kind"] for row in high} == {"high"} and len(high) == 2
    four = key_client_a.get("/api/v1/performance-outliers", {"cycles": 4, "kind": "high"}).json()
    assert str(people["OldStar"].uuid) in {row["employee"] for row in four["results"]}
    refused = key_client_a.get("/api/v1/performance-outliers", {"cycles": 2, "times": 3})
    assert refused.status_code == 400 and "times" in refused.json()["fields"]


def test_the_api_follows_who_sees_ratings(org_a, history, manager, employee, key_client_b):
    mine = _session(manager).get("/api/v1/performance-outliers").json()["results"]
    assert str(history["people"]["Elsewhere"].uuid) not in {row["employee"] for row in mine}
    assert len(mine) == 4
    assert _session(employee).get("/api/v1/performance-outliers").json()["results"] == []
    assert key_client_b.get("/api/v1/performance-outliers").json()["results"] == []


def test_the_lists_keep_their_queries(org_a, history, hr_admin, key_client_a, client):
    client.force_login(hr_admin.user)
    urls = [reverse("reward:outliers"), "/api/v1/performance-outliers"]
    counts = {}
    for url in urls:
        (key_client_a if url.startswith("/api") else client).get(url)
        with CaptureQueriesContext(connection) as queries:
            (key_client_a if url.startswith("/api") else client).get(url)
        counts[url] = len(queries)
    for n in range(5):
        employee = factories.EmployeeFactory(organization=org_a, first_name=f"More{n}")
        for cycle in history["cycles"][2:]:
            PerformanceRatingFactory(
                organization=org_a, cycle=cycle, employee=employee, manager_level=1 + 4 * (n % 2)
            )
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = (key_client_a if url.startswith("/api") else client).get(url)
        assert response.status_code == 200
        assert len(queries) == counts[url], url


def _session(member) -> APIClient:
    api = APIClient()
    api.force_login(member.user)
    return api
