"""Eligibility by leave in a compensation review: people on leave on the effective date, or
with more than N days of leave in the period, are not eligible (or are flagged); proposals,
the managers' lists, the reminders and budgets all follow the rule; leave is imported like pay.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plms.common.errors import ApplicationError
from plms.common.imports import ImportFailed
from reward import compensation as comp
from reward import eligibility, leave, milestones, selectors
from reward.models import CompensationReview, LeaveRecord
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.reward.conftest import actor_of
from tests.reward.factories import (
    CompensationGrantFactory,
    CompensationReviewFactory,
    LeaveRecordFactory,
    PayGradeFactory,
    PayRecordFactory,
)

D = Decimal
DATE = datetime.date
EFFECTIVE = DATE(2027, 4, 1)


@pytest.fixture
def team(org_a, hr_admin, manager, employee):
    """Support: the manager (granted) leads the employee and a second report, each paid 50,000."""
    support = factories.DepartmentFactory(organization=org_a, name="Support")
    second = factories.member(org_a, email="second@a.example", manager=manager.employee)
    grade = PayGradeFactory(organization=org_a, name="G5")
    with in_org(org_a):
        for person in (employee, second):
            person.employee.department = support
            person.employee.save()
    for person in (employee, second):
        PayRecordFactory(organization=org_a, employee=person.employee, grade=grade)
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    return {"support": support, "second": second}


def _review(org, hr_admin, support, **rule):
    with in_org(org):
        return comp.review_open(
            actor=actor_of(hr_admin),
            name="2027 pay review",
            effective_date=EFFECTIVE,
            proposal_deadline=DATE(2027, 3, 15),
            budgets=[comp.BudgetSpec(support, percent_of_payroll=D(10))],
            matrix=comp.default_matrix(),
            **rule,
        )


def _caught(review, *people):
    with in_org(review.organization):
        return eligibility.leave_caught(review=review, employee_ids=[p.employee.pk for p in people])


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "on_the_date"),
    [
        (DATE(2027, 3, 1), None, True),  # still on leave
        (DATE(2027, 3, 1), EFFECTIVE, True),  # back the day after: on leave that day
        (EFFECTIVE, DATE(2027, 5, 1), True),
        (DATE(2027, 3, 1), DATE(2027, 3, 31), False),  # back the day before
        (DATE(2027, 4, 2), None, False),
    ],
)
def test_on_leave_on_the_effective_date(
    org_a, hr_admin, team, employee, starts_on, ends_on, on_the_date
):
    LeaveRecordFactory(
        organization=org_a, employee=employee.employee, starts_on=starts_on, ends_on=ends_on
    )
    review = _review(org_a, hr_admin, team["support"], leave_rule="exclude")
    assert bool(_caught(review, employee)) is on_the_date


def test_days_of_leave_in_the_period_past_the_limit(org_a, hr_admin, team, employee):
    second = team["second"]
    # The year up to 1 April 2027 starts on 2 April 2026.
    LeaveRecordFactory(
        organization=org_a,
        employee=employee.employee,
        starts_on=DATE(2026, 3, 1),
        ends_on=DATE(2026, 4, 11),  # 10 days inside the period
    )
    LeaveRecordFactory(
        organization=org_a,
        employee=employee.employee,
        starts_on=DATE(2026, 9, 1),
        ends_on=DATE(2026, 9, 11),  # 11 more: 21
    )
    LeaveRecordFactory(
        organization=org_a,
        employee=second.employee,
        starts_on=DATE(2026, 9, 1),
        ends_on=DATE(2026, 9, 20),  # 20: not more than 20
    )
    review = _review(org_a, hr_admin, team["support"], leave_rule="flag", leave_days_over=20)
    assert _caught(review, employee, second) == {
        employee.employee.pk: "21 days of leave in the period"
    }


def test_excluded_people_cannot_be_proposed_and_leave_the_lists_reminders_and_budget(
    org_a, hr_admin, manager, employee, team
):
    LeaveRecordFactory(organization=org_a, employee=employee.employee, starts_on=DATE(2027, 1, 1))
    review = _review(org_a, hr_admin, team["support"], leave_rule="exclude")
    with in_org(org_a):
        with pytest.raises(ApplicationError) as refused:
            comp.proposal_submit(
                actor=actor_of(manager),
                review=review,
                employee=employee.employee,
                increase_percent=D(3),
            )
        assert refused.value.code == "not_eligible"
        rows = selectors.review_rows_for_manager(review=review, manager=manager.employee)
        assert [row["employee"] for row in rows] == [team["second"].employee]
        assert milestones.missing_proposals(review=review, manager=manager.employee) == 1
        # 10 % of the eligible payroll: the second report's 50,000 only.
        assert review.budgets.get().amount == D("5000.00")
        assert comp.department_payroll(department=team["support"]) == D("100000")


def test_flagged_people_stay_eligible_with_the_reason_shown(
    org_a, hr_admin, manager, employee, team, client
):
    LeaveRecordFactory(organization=org_a, employee=employee.employee, starts_on=DATE(2027, 1, 1))
    review = _review(org_a, hr_admin, team["support"], leave_rule="flag")
    with in_org(org_a):
        rows = selectors.review_rows_for_manager(review=review, manager=manager.employee)
        assert {row["employee"]: row["leave"] for row in rows} == {
            employee.employee: "On leave on the effective date",
            team["second"].employee: "",
        }
        assert milestones.missing_proposals(review=review, manager=manager.employee) == 2
        assert review.budgets.get().amount == D("10000.00")
        comp.proposal_submit(
            actor=actor_of(manager),
            review=review,
            employee=employee.employee,
            increase_percent=D(3),
            reason="No rating yet",
        )
    client.force_login(manager.user)
    page = client.get(f"/reward/reviews/{review.uuid}/").content.decode()
    assert "Leave:</strong> On leave on the effective date" in page
    assert "People on leave on the effective date are eligible but flagged." in page
    client.force_login(hr_admin.user)
    page = client.get(f"/reward/reviews/{review.uuid}/").content.decode()
    assert "Flagged for leave" in page


def test_without_a_rule_leave_does_not_count(org_a, hr_admin, manager, employee, team):
    LeaveRecordFactory(organization=org_a, employee=employee.employee, starts_on=DATE(2027, 1, 1))
    review = _review(org_a, hr_admin, team["support"])
    with in_org(org_a):
        assert eligibility.is_eligible(review=review, employee=employee.employee)
        assert milestones.missing_proposals(review=review, manager=manager.employee) == 2
        with pytest.raises(ApplicationError) as refused:
            _review(org_a, hr_admin, team["support"], leave_days_over=10)
    assert refused.value.fields == {"leave_rule": ["Choose what the leave rule does."]}


def test_the_period_is_the_cycles_when_the_review_has_one(org_a, employee):
    review = CompensationReviewFactory(
        organization=org_a,
        cycle=AssessmentCycleFactory(
            organization=org_a, period_start=DATE(2026, 1, 1), period_end=DATE(2026, 12, 31)
        ),
        leave_rule=CompensationReview.LeaveRule.EXCLUDE,
        leave_days_over=5,
    )
    LeaveRecordFactory(
        organization=org_a,
        employee=employee.employee,
        starts_on=DATE(2026, 12, 25),
        ends_on=DATE(2027, 1, 10),  # 7 days in 2026
    )
    with in_org(org_a):
        assert eligibility.leave_period(review) == (DATE(2026, 1, 1), DATE(2026, 12, 31))
        assert eligibility.leave_excluded(review=review) == {employee.employee.pk}


def test_leave_import_is_all_or_nothing_and_replaces_by_start(org_a, hr_admin, employee):
    bad = (
        b"email,kind,starts_on,ends_on\n"
        b"employee@a.example,holiday,2027-03-01,\n"
        b"nobody@a.example,,2027-03-01,2027-02-01\n"
    )
    with in_org(org_a):
        with pytest.raises(ImportFailed) as failed:
            leave.leave_import(actor=actor_of(hr_admin), data=bad)
        assert {(e.line, e.column) for e in failed.value.errors} == {
            (2, "kind"),
            (3, "email"),
            (3, "ends_on"),
        }
        assert not LeaveRecord.objects.exists()
        good = b"email,starts_on,ends_on\nEmployee@a.example,2027-03-01,\n"
        assert leave.leave_import(actor=actor_of(hr_admin), data=good).imported == 1
        again = b"email,kind,starts_on,ends_on\nemployee@a.example,parental,2027-03-01,2027-06-30\n"
        leave.leave_import(actor=actor_of(hr_admin), data=again)
        (record,) = LeaveRecord.objects.all()
        assert (record.kind, record.ends_on) == ("parental", DATE(2027, 6, 30))


def test_hr_imports_leave_and_opens_a_review_with_the_rule_in_the_browser(
    org_a, hr_admin, employee, client
):
    client.force_login(hr_admin.user)
    upload = SimpleUploadedFile(
        "leave.csv", b"email,starts_on\nemployee@a.example,2027-03-01\n", content_type="text/csv"
    )
    response = client.post("/reward/pay/", {"leave_file": upload}, follow=True)
    assert "1 periods of leave imported." in response.content.decode()
    response = client.post(
        "/reward/reviews/",
        {
            "name": "2027 pay review",
            "effective_date": "2027-04-01",
            "proposal_deadline": "2027-03-15",
            "budget_percent": "3",
            "hard_budget": "on",
            "leave_rule": "exclude",
            "leave_days_over": "30",
        },
    )
    assert response.status_code == 302
    with in_org(org_a):
        review = CompensationReview.objects.get()
    assert (review.leave_rule, review.leave_days_over) == ("exclude", 30)


def test_the_api_opens_a_review_with_the_leave_rule(org_a, key_client_a):
    support = factories.DepartmentFactory(organization=org_a, name="Support")
    response = key_client_a.post(
        "/api/v1/compensation-reviews",
        {
            "name": "2027",
            "effective_date": "2027-04-01",
            "proposal_deadline": "2027-03-15",
            "leave_rule": "flag",
            "leave_days_over": 20,
            "budgets": [{"department": str(support.uuid), "amount": "1000"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["leave_rule"], response.json()["leave_days_over"]) == ("flag", 20)
    refused = key_client_a.post(
        "/api/v1/compensation-reviews",
        {
            "name": "2027",
            "effective_date": "2027-04-01",
            "proposal_deadline": "2027-03-15",
            "leave_days_over": 20,
            "budgets": [],
        },
        format="json",
    )
    assert refused.status_code == 400 and "leave_rule" in refused.json()["fields"]
