"""The pay-equity report over the API and the HR page: for HR admins and keys only, each read
audited, small groups suppressed, a query count that does not grow with people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from plms.audit.models import AuditEvent
from reward import imports
from reward.equity import EQUITY_READ
from tests.capabilities.factories import JobRoleFactory, RoleAssignmentFactory
from tests.conftest import in_org
from tests.reward.conftest import actor_of
from tests.reward.factories import (
    CompensationProposalFactory,
    CompensationReviewFactory,
    PayGradeFactory,
    PayRecordFactory,
    PerformanceRatingFactory,
)

pytestmark = pytest.mark.django_db


def _grade_of(org, name="G5", women=5, men=5, pay_women=45000, role=None, extra=0):
    grade = PayGradeFactory(organization=org, name=name)
    people = []
    for value, count, pay in (("female", women, pay_women), ("male", men, 50000)):
        for i in range(count):
            record = PayRecordFactory(
                organization=org,
                grade=grade,
                base_pay=Decimal(pay + i * 100 + extra),
                equity_attributes={"gender": value},
            )
            PerformanceRatingFactory(organization=org, employee=record.employee, manager_level=3)
            if role is not None:
                RoleAssignmentFactory(organization=org, employee=record.employee, role=role)
            people.append(record)
    return grade, people


def _reads(org) -> int:
    with in_org(org):
        return AuditEvent.objects.filter(action=EQUITY_READ).count()


def test_a_key_reads_the_report_and_the_read_is_audited(org_a, key_client_a):
    role = JobRoleFactory(organization=org_a, name="Advisor")
    grade, _ = _grade_of(org_a, role=role)
    _grade_of(org_a, name="G6", women=2, men=6)
    response = key_client_a.get(
        "/api/v1/pay-equity", {"attribute": "gender", "within": "grade_role"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["metric"] == "pay" and body["min_group"] == 5
    cells = {cell["grade_name"]: cell for cell in body["cells"]}
    g5 = cells["G5"]
    assert g5["job_role_name"] == "Advisor" and g5["grade"] == str(grade.uuid)
    assert g5["reference"] == "male"
    female = g5["groups"][0]
    assert female["median"] == "45200.00" and female["gap"] == "-10.00"
    # G6: two women, and the men beside them would give them away.
    assert all(group["suppressed"] and group["median"] is None for group in cells["G6"]["groups"])
    flagged = [
        (scope["scope"], group["value"])
        for scope in body["unexplained_gaps"]
        for group in scope["groups"]
        if group["for_review"]
    ]
    assert ("G5", "female") in flagged
    assert _reads(org_a) == 1
    with in_org(org_a):
        event = AuditEvent.objects.get(action=EQUITY_READ)
    assert event.object_repr == "Pay equity by gender" and event.changes["within"] == "grade_role"


def test_increases_of_a_review_and_filters(org_a, key_client_a):
    grade, people = _grade_of(org_a)
    review = CompensationReviewFactory(organization=org_a)
    for record in people:
        female = record.equity_attributes["gender"] == "female"
        CompensationProposalFactory(
            organization=org_a,
            review=review,
            employee=record.employee,
            current_pay=record.base_pay,
            increase_percent=Decimal(2 if female else 4),
        )
    response = key_client_a.get(
        "/api/v1/pay-equity",
        {"attribute": "gender", "review": str(review.uuid), "grade": str(grade.uuid)},
    )
    body = response.json()
    assert body["metric"] == "increase"
    (cell,) = body["cells"]
    assert cell["groups"][0]["gap"] == "-2.00"
    assert [scope["scope"] for scope in body["unexplained_gaps"]] == ["G5"]


def test_bad_filters_are_400(key_client_a):
    assert key_client_a.get("/api/v1/pay-equity").status_code == 400
    response = key_client_a.get(
        "/api/v1/pay-equity",
        {"attribute": "gender", "grade": "00000000-0000-0000-0000-000000000000"},
    )
    assert response.status_code == 400 and "grade" in response.json()["fields"]
    assert (
        key_client_a.get("/api/v1/pay-equity", {"attribute": "gender", "within": "x"}).status_code
        == 400
    )


def test_members_are_refused_and_other_organisations_see_none_of_it(
    org_a, org_b, manager, key_client_b
):
    grade, _ = _grade_of(org_a)
    client = APIClient()
    client.force_login(manager.user)
    assert client.get("/api/v1/pay-equity", {"attribute": "gender"}).status_code == 403
    response = key_client_b.get("/api/v1/pay-equity", {"attribute": "gender"})
    assert response.status_code == 200 and response.json()["cells"] == []
    other = key_client_b.get(
        "/api/v1/pay-equity", {"attribute": "gender", "grade": str(grade.uuid)}
    )
    assert other.status_code == 400
    assert _reads(org_a) == 0


def test_the_page_shows_hr_the_report_and_audits_each_look(org_a, hr_admin, manager, client):
    _grade_of(org_a, pay_women=40000)
    _grade_of(org_a, name="G6", women=2, men=6)
    client.force_login(hr_admin.user)
    page = client.get("/reward/equity/", {"attribute": "gender"}).content.decode()
    assert "Pay equity" in page and "Too few people to show" in page
    assert "For review: unexplained gaps of 5.0 % or more" in page
    assert "G5: Female, -19.9 % against Male" in page
    # All grades together leaves out G6, whose groups are hidden.
    assert "All grades: Female, -19.9 % against Male" in page
    assert _reads(org_a) == 1
    client.force_login(manager.user)
    assert client.get("/reward/equity/").status_code == 403
    assert _reads(org_a) == 1


def test_the_import_keeps_equity_columns_and_the_page_suppresses(org_a, hr_admin, employee, client):
    from reward.models import PayRecord

    data = (
        b"email,base_pay,effective_date,equity_gender\nemployee@a.example,50000,2027-01-01,female\n"
    )
    with in_org(org_a):
        imports.pay_import(actor=actor_of(hr_admin), data=data)
        record = PayRecord.objects.get()
        assert record.equity_attributes == {"gender": "female"}
        record.grade = PayGradeFactory(organization=org_a, name="G5")
        record.save()
    client.force_login(hr_admin.user)
    page = client.get("/reward/equity/?attribute=gender").content.decode()
    assert "Too few people to show" in page and "50000" not in page


def test_the_page_and_the_report_take_the_same_queries_for_more_people(
    org_a, hr_admin, client, key_client_a
):
    role = JobRoleFactory(organization=org_a, name="Advisor")
    _grade_of(org_a, role=role)
    client.force_login(hr_admin.user)

    def count(fetch) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert fetch().status_code == 200
        return len(queries)

    def page():
        return client.get("/reward/equity/", {"attribute": "gender", "within": "grade_role"})

    def api():
        return key_client_a.get("/api/v1/pay-equity", {"attribute": "gender"})

    count(page), count(api)  # first requests warm the session and the key
    before = (count(page), count(api))
    _grade_of(org_a, name="G6", role=JobRoleFactory(organization=org_a, name="Lead"))
    _grade_of(org_a, name="G7", women=7, men=9)
    assert (count(page), count(api)) == before
