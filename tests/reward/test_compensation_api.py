"""The compensation review over the API: HR opens it, a manager proposes within and outside
guidance, the line and HR approve, HR finalises and downloads the payroll file; nobody else
sees it; the proposals list keeps a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests import factories
from tests.reward.factories import (
    CompensationGrantFactory,
    CompensationProposalFactory,
    CompensationReviewFactory,
    PayGradeFactory,
    PayRecordFactory,
)

pytestmark = pytest.mark.django_db


def _session(member) -> APIClient:
    client = APIClient()
    client.force_login(member.user)
    return client


@pytest.fixture
def setup(org_a, hr_admin, manager, employee, scale):
    support = factories.DepartmentFactory(organization=org_a, name="Support")
    second = factories.member(
        org_a, email="second@a.example", manager=manager.employee, department=support
    )
    grade = PayGradeFactory(organization=org_a)
    for person in (employee.employee, second.employee):
        person.department = support
        from tests.conftest import in_org

        with in_org(org_a):
            person.save()
        PayRecordFactory(organization=org_a, employee=person, grade=grade)
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    return {"support": support, "second": second}


def test_the_whole_review_over_the_api(org_a, setup, hr_admin, manager, employee):
    hr = _session(hr_admin)
    opened = hr.post(
        "/api/v1/compensation-reviews",
        {
            "name": "2027 pay review",
            "effective_date": "2027-04-01",
            "proposal_deadline": "2027-03-15",
            "budgets": [{"department": str(setup["support"].uuid), "percent_of_payroll": "5"}],
            "matrix": [
                {
                    "rating": 3,
                    "range_from": "0",
                    "range_to": None,
                    "min_percent": "2",
                    "max_percent": "4",
                }
            ],
        },
        format="json",
    )
    assert opened.status_code == 201, opened.json()
    review = opened.json()["id"]
    boss = _session(manager)
    url = f"/api/v1/compensation-reviews/{review}/proposals"
    # No cycle: no rating, so no guidance: every increase needs a reason.
    refused = boss.post(
        url, {"employee": str(employee.employee.uuid), "increase_percent": "3"}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "reason_required"
    made = boss.post(
        url,
        {"employee": str(employee.employee.uuid), "increase_percent": "3", "reason": "Market"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    proposal = made.json()
    assert proposal["awaiting"] == str(hr_admin.employee.uuid)
    over = boss.post(
        url,
        {"employee": str(setup["second"].employee.uuid), "increase_percent": "9", "reason": "x"},
        format="json",
    )
    assert over.status_code == 409 and over.json()["code"] == "budget_exceeded"
    assert _session(employee).get(f"/api/v1/compensation-reviews/{review}").status_code == 404
    assert (
        boss.post(
            f"/api/v1/compensation-reviews/proposals/{proposal['id']}/approve", {}, format="json"
        ).status_code
        == 403
    )
    approved = hr.post(
        f"/api/v1/compensation-reviews/proposals/{proposal['id']}/approve", {}, format="json"
    )
    assert approved.json()["status"] == "approved"
    assert (
        hr.post(
            f"/api/v1/compensation-reviews/{review}/finalise", {"x": 1}, format="json"
        ).status_code
        == 400
    )
    done = hr.post(f"/api/v1/compensation-reviews/{review}/finalise", format="json")
    assert done.status_code == 200 and done.json()["status"] == "finalised"
    payroll = hr.get(f"/api/v1/compensation-reviews/{review}/payroll")
    assert payroll.status_code == 200 and b"51500.00" in payroll.content
    assert boss.get(f"/api/v1/compensation-reviews/{review}/payroll").status_code == 403


def test_people_without_the_permission_see_no_review(org_a, setup, employee, manager, hr_admin):
    review = CompensationReviewFactory(organization=org_a)
    peer = setup["second"]
    other = factories.member(org_a, email="other@a.example", manager=hr_admin.employee)
    for who in (employee, peer, other):
        client = _session(who)
        assert client.get(f"/api/v1/compensation-reviews/{review.uuid}").status_code == 404
        assert client.get("/api/v1/compensation-reviews").json()["results"] == []
        assert client.get("/api/v1/compensation-reviews/proposals").json()["results"] == []


def test_the_proposals_list_keeps_its_queries(org_a, key_client_a):
    review = CompensationReviewFactory(organization=org_a)
    for _ in range(2):
        CompensationProposalFactory(organization=org_a, review=review)
    url = f"/api/v1/compensation-reviews/{review.uuid}/proposals"
    key_client_a.get(url)
    with CaptureQueriesContext(connection) as small:
        assert key_client_a.get(url).status_code == 200
    for _ in range(5):
        CompensationProposalFactory(organization=org_a, review=review)
    with CaptureQueriesContext(connection) as large:
        assert len(key_client_a.get(url).json()["results"]) == 7
    assert len(small) == len(large)
    with CaptureQueriesContext(connection) as listed:
        assert key_client_a.get("/api/v1/compensation-reviews/proposals").status_code == 200
    CompensationProposalFactory(organization=org_a, review=review)
    with CaptureQueriesContext(connection) as more:
        key_client_a.get("/api/v1/compensation-reviews/proposals")
    assert len(listed) == len(more)
