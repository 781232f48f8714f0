"""The rate and reward API: pay confidentiality over every route, audited reads, the rating
steps, and lists whose query count does not grow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from plms.audit.models import AuditEvent
from reward import selectors
from tests import factories
from tests.conftest import in_org
from tests.reward.factories import (
    CompensationGrantFactory,
    PayGradeFactory,
    PayRecordFactory,
    PerformanceRatingFactory,
)

pytestmark = pytest.mark.django_db


def _session(member) -> APIClient:
    client = APIClient()
    client.force_login(member.user)
    return client


@pytest.fixture
def pay(org_a, employee):
    return PayRecordFactory(
        organization=org_a, employee=employee.employee, base_pay=Decimal("45000")
    )


@pytest.fixture
def others(org_a, hr_admin, manager):
    other_manager = factories.member(org_a, email="other@a.example", manager=hr_admin.employee)
    CompensationGrantFactory(organization=org_a, manager=other_manager.employee)
    return {
        "peer": factories.member(org_a, email="peer@a.example", manager=manager.employee),
        "manager of another team": other_manager,
        "manager without the permission": manager,
    }


def _reads(org) -> int:
    with in_org(org):
        return AuditEvent.objects.filter(action=selectors.PAY_READ).count()


@pytest.mark.parametrize(
    "role", ["employee", "peer", "manager of another team", "manager without the permission"]
)
def test_pay_is_hidden_from_every_other_role(org_a, pay, employee, others, role):
    who = employee if role == "employee" else others[role]
    client = _session(who)
    assert client.get(f"/api/v1/pay-records/{pay.uuid}").status_code == 404
    listed = client.get("/api/v1/pay-records").json()["results"]
    assert str(pay.uuid) not in {row["id"] for row in listed}
    assert client.get("/api/v1/pay-grades").status_code == 403
    assert client.post("/api/v1/pay-records", {}, format="json").status_code == 403
    assert _reads(org_a) == 0


def test_another_organisation_gets_404(pay, outsider, key_client_b):
    for client in (key_client_b, _session(outsider)):
        assert client.get(f"/api/v1/pay-records/{pay.uuid}").status_code == 404
        assert client.get("/api/v1/pay-records").json()["results"] == []


def test_allowed_reads_are_audited(org_a, pay, hr_admin, manager, key_client_a):
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    response = _session(manager).get(f"/api/v1/pay-records/{pay.uuid}")
    assert response.status_code == 200
    assert response.json()["compa_ratio"] == "0.90"
    assert _reads(org_a) == 1
    assert len(_session(hr_admin).get("/api/v1/pay-records").json()["results"]) == 1
    assert key_client_a.get(f"/api/v1/pay-records/{pay.uuid}").status_code == 200
    assert _reads(org_a) == 3


def test_hr_sets_pay_through_the_api(org_a, employee, key_client_a):
    grade = PayGradeFactory(organization=org_a)
    response = key_client_a.post(
        "/api/v1/pay-records",
        {
            "employee": str(employee.employee.uuid),
            "grade": str(grade.uuid),
            "base_pay": "55000.00",
            "effective_date": "2027-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["position_in_range"] == "75.0"
    refused = key_client_a.post(
        "/api/v1/pay-grades",
        {"name": "Odd", "minimum": "10", "midpoint": "30", "maximum": "20", "salary": 1},
        format="json",
    )
    assert refused.status_code == 400 and "salary" in refused.json()["fields"]


def test_the_manager_overrides_through_the_api_with_a_reason(org_a, employee, manager, scale):
    rating = PerformanceRatingFactory(organization=org_a, employee=employee.employee)
    client = _session(manager)
    url = f"/api/v1/performance-ratings/{rating.uuid}/confirm"
    refused = client.post(url, {"level": 4}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "reason_required"
    done = client.post(url, {"level": 4, "reason": "Led the migration"}, format="json")
    assert done.status_code == 200 and done.json()["final_level"] == 4
    # Not released: the person does not see it yet.
    assert _session(employee).get(f"/api/v1/performance-ratings/{rating.uuid}").status_code == 404
    calibrate = client.post(
        f"/api/v1/performance-ratings/{rating.uuid}/calibrate",
        {"level": 3, "reason": "x"},
        format="json",
    )
    assert calibrate.status_code == 403


def _grow(org, n):
    for _ in range(n):
        person = factories.EmployeeFactory(organization=org)
        PayRecordFactory(organization=org, employee=person)
        PerformanceRatingFactory(organization=org, employee=person)


@pytest.mark.parametrize("route", ["pay-records", "pay-grades", "performance-ratings"])
def test_list_queries_do_not_grow(org_a, key_client_a, route):
    _grow(org_a, 2)
    key_client_a.get(f"/api/v1/{route}")
    with CaptureQueriesContext(connection) as small:
        assert key_client_a.get(f"/api/v1/{route}").status_code == 200
    _grow(org_a, 5)
    with CaptureQueriesContext(connection) as large:
        response = key_client_a.get(f"/api/v1/{route}")
    assert len(response.json()["results"]) >= 7
    assert len(small) == len(large)
