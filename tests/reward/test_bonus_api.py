"""Bonus runs over the API: HR opens a run (each part and the total), reads its lines, adjusts
one with a reason, finalises (the webhook event) and downloads the file; a manager with the
compensation permission reads only their reports' lines (audited); a person, a peer and
another organisation read nothing; the lists keep a constant number of queries."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from rest_framework.test import APIClient

from plms.audit.models import AuditEvent
from plms.events.models import OutboxEvent
from reward.models import BonusLine
from tests import factories
from tests.conftest import in_org
from tests.reward.factories import (
    BonusLineFactory,
    BonusRunFactory,
    CompensationGrantFactory,
    PayGradeFactory,
    PayRecordFactory,
    PerformanceRatingFactory,
    RewardSettingsFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


def _session(member) -> APIClient:
    client = APIClient()
    client.force_login(member.user)
    return client


@pytest.fixture
def setup(org_a, hr_admin, manager, employee):
    """Sales (x 1.2): the employee, 60,000 in a 10 % grade, rated 4 (x 1.25). A colleague
    under HR (not the manager's report), 50,000 in the same grade, unrated."""
    sales = factories.DepartmentFactory(organization=org_a, name="Sales")
    grade = PayGradeFactory(organization=org_a, target_bonus_percent=D(10))
    colleague = factories.member(org_a, email="colleague@a.example", manager=hr_admin.employee)
    with in_org(org_a):
        employee.employee.department = sales
        employee.employee.save()
    PayRecordFactory(organization=org_a, employee=employee.employee, grade=grade, base_pay=D(60000))
    PayRecordFactory(
        organization=org_a, employee=colleague.employee, grade=grade, base_pay=D(50000)
    )
    rating = PerformanceRatingFactory(
        organization=org_a, employee=employee.employee, proposed_level=3, manager_level=4
    )
    return {"sales": sales, "cycle": rating.cycle, "colleague": colleague}


def _open(client, setup) -> dict:
    response = client.post(
        "/api/v1/bonus-runs",
        {
            "name": "2027 bonus",
            "year": 2027,
            "cycle": str(setup["cycle"].uuid),
            "company_multiplier": "0.9",
            "department_multipliers": [
                {"department": str(setup["sales"].uuid), "multiplier": "1.2"}
            ],
            "rating_multipliers": {"unrated": "0.8"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_the_whole_run_over_the_api(org_a, setup, hr_admin, employee):
    hr = _session(hr_admin)
    run = _open(hr, setup)
    assert run["status"] == "open"
    assert run["department_multipliers"] == [
        {"department": str(setup["sales"].uuid), "multiplier": "1.20"}
    ]
    assert run["rating_multipliers"] == {"unrated": "0.80"}
    assert run["totals"]["people"] == 2
    # 6000 * 0.9 * 1.2 * 1.25 = 8100; 5000 * 0.9 * 0.8 = 3600
    assert run["totals"]["paid"] == "11700.00"

    lines = hr.get(f"/api/v1/bonus-runs/{run['id']}/lines").json()["results"]
    mine = next(line for line in lines if line["employee"] == str(employee.employee.uuid))
    assert mine["target_amount"] == "6000.00"
    assert mine["company_multiplier"] == "0.90"
    assert mine["department_multiplier"] == "1.20"
    assert mine["rating"] == 4
    assert mine["individual_multiplier"] == "1.25"
    assert mine["prorate"] == "1.0000"
    assert mine["computed_amount"] == "8100.00" and mine["amount"] == "8100.00"

    adjust = f"/api/v1/bonus-runs/lines/{mine['id']}/adjust"
    assert hr.post(adjust, {"amount": "9000"}, format="json").status_code == 400
    adjusted = hr.post(adjust, {"amount": "9000", "reason": "Closed the big deal"}, format="json")
    assert adjusted.status_code == 200
    assert adjusted.json()["amount"] == "9000.00"
    assert adjusted.json()["computed_amount"] == "8100.00"
    assert adjusted.json()["adjustment_reason"] == "Closed the big deal"

    url = f"/api/v1/bonus-runs/{run['id']}/finalise"
    assert hr.post(url, {"x": 1}, format="json").status_code == 400
    done = hr.post(url, format="json")
    assert done.status_code == 200 and done.json()["status"] == "finalised"
    assert done.json()["totals"]["adjusted"] == 1
    with in_org(org_a):
        event = OutboxEvent.objects.get(name="bonus_run_finalised")
    assert event.type == "bonus_run.finalised"
    assert event.payload["data"]["id"] == run["id"]
    assert event.payload["data"]["people"] == 2
    again = hr.post(adjust, {"amount": "1", "reason": "x"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "bonus_run_finalised"
    assert hr.post(url, format="json").json()["code"] == "bonus_run_finalised"

    exported = hr.get(f"/api/v1/bonus-runs/{run['id']}/export")
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode().lstrip("\ufeff"))))
    assert {row["amount"] for row in rows} == {"9000.00", "3600.00"}
    book = hr.get(f"/api/v1/bonus-runs/{run['id']}/export?file_format=xlsx")
    assert "spreadsheetml" in book["Content-Type"]
    assert load_workbook(io.BytesIO(book.content)).active.max_row == 3
    refused = hr.get(f"/api/v1/bonus-runs/{run['id']}/export?file_format=pdf")
    assert refused.status_code == 400 and "file_format" in refused.json()["fields"]


def test_a_manager_with_the_permission_reads_only_their_reports_lines(
    org_a, setup, hr_admin, manager, employee
):
    run = _open(_session(hr_admin), setup)
    boss = _session(manager)
    # Without the permission: no run, no line.
    assert boss.get("/api/v1/bonus-runs").json()["results"] == []
    assert boss.get(f"/api/v1/bonus-runs/{run['id']}").status_code == 404
    assert boss.get("/api/v1/bonus-runs/lines").json()["results"] == []
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    with in_org(org_a):
        before = AuditEvent.objects.filter(action="pay.read").count()
    assert [r["id"] for r in boss.get("/api/v1/bonus-runs").json()["results"]] == [run["id"]]
    detail = boss.get(f"/api/v1/bonus-runs/{run['id']}").json()
    assert detail["totals"]["people"] == 1 and detail["totals"]["paid"] == "8100.00"
    lines = boss.get(f"/api/v1/bonus-runs/{run['id']}/lines").json()["results"]
    assert [line["employee"] for line in lines] == [str(employee.employee.uuid)]
    with in_org(org_a):
        assert AuditEvent.objects.filter(action="pay.read").count() == before + 1
        hidden = BonusLine.objects.get(employee=setup["colleague"].employee).uuid
    assert boss.get(f"/api/v1/bonus-runs/lines/{hidden}").status_code == 404
    # Reading is not writing: a manager neither adjusts, finalises, opens nor downloads.
    line = lines[0]["id"]
    assert (
        boss.post(
            f"/api/v1/bonus-runs/lines/{line}/adjust", {"amount": "1", "reason": "x"}, format="json"
        ).status_code
        == 403
    )
    assert boss.post(f"/api/v1/bonus-runs/{run['id']}/finalise", format="json").status_code == 403
    assert boss.post("/api/v1/bonus-runs", {}, format="json").status_code == 403
    assert boss.get(f"/api/v1/bonus-runs/{run['id']}/export").status_code == 403


def test_a_person_a_peer_and_another_organisation_read_nothing(
    org_a, setup, hr_admin, employee, key_client_b
):
    run = _open(_session(hr_admin), setup)
    for who in (employee, setup["colleague"]):
        client = _session(who)
        assert client.get("/api/v1/bonus-runs").json()["results"] == []
        assert client.get(f"/api/v1/bonus-runs/{run['id']}").status_code == 404
        assert client.get("/api/v1/bonus-runs/lines").json()["results"] == []
    assert key_client_b.get(f"/api/v1/bonus-runs/{run['id']}").status_code == 404
    assert key_client_b.get(f"/api/v1/bonus-runs/{run['id']}/lines").status_code == 404
    assert key_client_b.get(f"/api/v1/bonus-runs/{run['id']}/export").status_code == 404
    assert key_client_b.get("/api/v1/bonus-runs/lines").json()["results"] == []


def test_a_person_reads_their_own_line_when_the_organisation_allows(
    org_a, setup, hr_admin, employee
):
    _open(_session(hr_admin), setup)
    client = _session(employee)
    assert client.get("/api/v1/bonus-runs/lines").json()["results"] == []
    RewardSettingsFactory(organization=org_a, employees_see_own_pay=True)
    lines = client.get("/api/v1/bonus-runs/lines").json()["results"]
    assert [line["employee"] for line in lines] == [str(employee.employee.uuid)]


def test_multipliers_are_checked(setup, hr_admin):
    hr = _session(hr_admin)
    for body in (
        {"name": "x", "year": 2027, "company_multiplier": "11"},
        {"name": "x", "year": 2027, "rating_multipliers": {"great": "1"}},
        {"name": "x", "year": 2027, "surprise": 1},
    ):
        response = hr.post("/api/v1/bonus-runs", body, format="json")
        assert response.status_code == 400, body
        assert response.json()["code"] == "invalid"


def test_the_lists_keep_their_queries(org_a, key_client_a):
    run = BonusRunFactory(organization=org_a)
    BonusLineFactory(organization=org_a, run=run)
    urls = [
        "/api/v1/bonus-runs",
        f"/api/v1/bonus-runs/{run.uuid}/lines",
        "/api/v1/bonus-runs/lines",
    ]
    for url in urls:
        key_client_a.get(url)
    small = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert key_client_a.get(url).status_code == 200
        small[url] = len(queries)
    for _ in range(4):
        BonusRunFactory(organization=org_a)
        BonusLineFactory(organization=org_a, run=run)
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert key_client_a.get(url).status_code == 200
        assert len(queries) == small[url], url
