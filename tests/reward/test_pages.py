"""The rate and reward pages: calibration with the live distribution, a manager's
confirmation, the person's released rating, and pay shown only to whom may read it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plms.audit.models import AuditEvent
from reward import selectors
from reward.models import PerformanceRating
from tests import factories
from tests.conftest import in_org
from tests.reward.factories import (
    CompensationGrantFactory,
    PayRecordFactory,
    PerformanceRatingFactory,
)

pytestmark = pytest.mark.django_db


def test_hr_proposes_calibrates_and_releases(
    org_a, rated_cycle, hr_admin, manager, employee, client
):
    client.force_login(hr_admin.user)
    page = client.get(reverse("reward:calibration")).content.decode()
    assert "2027 review" in page and "No ratings are proposed for this cycle yet." in page
    assert "Capability results against the role" in page
    action = reverse("reward:calibration_action")
    client.post(action, {"cycle": rated_cycle.uuid, "action": "propose"})
    page = client.get(reverse("reward:calibration"), {"cycle": rated_cycle.uuid}).content.decode()
    assert "Distribution" in page and employee.employee.full_name in page
    with in_org(org_a):
        rating = PerformanceRating.objects.get(employee=employee.employee)
    client.post(
        action,
        {
            "cycle": rated_cycle.uuid,
            "action": "calibrate",
            "rating": rating.uuid,
            "level": 4,
            "reason": "Cross-team comparison",
        },
    )
    with in_org(org_a):
        rating.refresh_from_db()
    assert rating.calibrated_level == 4
    client.post(action, {"cycle": rated_cycle.uuid, "action": "release"})
    client.force_login(employee.user)
    mine = client.get(reverse("reward:mine")).content.decode()
    assert "2027 review: Exceeds" in mine


def test_the_manager_confirms_and_must_say_why_to_differ(org_a, employee, manager, scale, client):
    rating = PerformanceRatingFactory(organization=org_a, employee=employee.employee)
    client.force_login(manager.user)
    page = client.get(reverse("reward:team")).content.decode()
    assert employee.employee.full_name in page and "Meets" in page
    client.post(
        reverse("reward:team_confirm"),
        {"rating": rating.uuid, "level": 5, "reason": ""},
        follow=True,
    )
    with in_org(org_a):
        rating.refresh_from_db()
    assert rating.manager_level is None
    client.post(
        reverse("reward:team_confirm"),
        {"rating": rating.uuid, "level": 5, "reason": "Shipped two products"},
    )
    with in_org(org_a):
        rating.refresh_from_db()
    assert rating.manager_level == 5


def test_the_person_does_not_see_an_unreleased_rating(org_a, employee, scale, client):
    PerformanceRatingFactory(organization=org_a, employee=employee.employee)
    client.force_login(employee.user)
    page = client.get(reverse("reward:mine")).content.decode()
    assert "No overall rating has been released to you yet." in page
    assert "Your pay is not shown here" in page


@pytest.fixture
def pay(org_a, employee):
    return PayRecordFactory(
        organization=org_a, employee=employee.employee, base_pay=Decimal("45123")
    )


@pytest.mark.parametrize(
    "role", ["employee", "peer", "manager", "manager of another team", "outsider"]
)
def test_pay_pages_are_404_for_every_other_role(
    org_a, pay, employee, manager, hr_admin, outsider, role, client
):
    other = factories.member(org_a, email="other@a.example", manager=hr_admin.employee)
    CompensationGrantFactory(organization=org_a, manager=other.employee)
    people = {
        "employee": employee,
        "peer": factories.member(org_a, email="peer@a.example", manager=manager.employee),
        "manager": manager,  # no compensation permission
        "manager of another team": other,
        "outsider": outsider,
    }
    client.force_login(people[role].user)
    url = reverse("reward:person_pay", kwargs={"id": employee.employee.uuid})
    assert client.get(url).status_code == 404
    structure = client.get(reverse("reward:pay"))
    # The outsider is the other organisation's HR admin: their own, empty, pay structure.
    assert structure.status_code in (403, 404) or "45123" not in structure.content.decode()
    assert "45123" not in client.get(reverse("reward:mine")).content.decode()
    with in_org(org_a):
        assert not AuditEvent.objects.filter(action=selectors.PAY_READ).exists()


def test_a_granted_manager_sees_their_reports_pay_and_it_is_audited(
    org_a, pay, employee, manager, client
):
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    client.force_login(manager.user)
    page = client.get(reverse("reward:person_pay", kwargs={"id": employee.employee.uuid}))
    assert page.status_code == 200 and "45123" in page.content.decode()
    with in_org(org_a):
        assert (
            AuditEvent.objects.filter(action=selectors.PAY_READ, object_uuid=pay.uuid).count() == 1
        )


def test_hr_pay_page_audits_each_person_shown_with_constant_queries(org_a, hr_admin, client):
    client.force_login(hr_admin.user)
    for _ in range(2):
        PayRecordFactory(organization=org_a)
    client.get(reverse("reward:pay"))
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("reward:pay")).status_code == 200
    for _ in range(5):
        PayRecordFactory(organization=org_a)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("reward:pay")).status_code == 200
    assert len(small) == len(large)
    with in_org(org_a):
        assert AuditEvent.objects.filter(action=selectors.PAY_READ).count() == 2 + 2 + 7


def test_the_pay_import_page_lists_every_problem(org_a, hr_admin, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(hr_admin.user)
    upload = SimpleUploadedFile(
        "pay.csv",
        b"email,base_pay,effective_date\nnobody@a.example,x,2027-01-01\n",
        content_type="text/csv",
    )
    page = client.post(reverse("reward:pay"), {"file": upload}).content.decode()
    assert "Nothing was imported: 2 problems" in page


def test_hr_opens_a_review_a_manager_proposes_hr_approves_and_finalises(
    org_a, hr_admin, manager, employee, scale, client
):
    support = factories.DepartmentFactory(organization=org_a, name="Support")
    with in_org(org_a):
        employee.employee.department = support
        employee.employee.save()
    PayRecordFactory(organization=org_a, employee=employee.employee, base_pay=Decimal("50000"))
    CompensationGrantFactory(organization=org_a, manager=manager.employee)
    client.force_login(hr_admin.user)
    opened = client.post(
        reverse("reward:review_list"),
        {
            "name": "Pay review 2027",
            "effective_date": "2027-04-01",
            "proposal_deadline": "2027-03-15",
            "budget_percent": "10",
            "hard_budget": "on",
        },
    )
    assert opened.status_code == 302, opened.content.decode()[:2000]
    detail_url = opened["Location"]
    client.force_login(manager.user)
    page = client.get(detail_url).content.decode()
    assert employee.employee.full_name in page and "Support: 0.00 spent of 5000.00." in page
    review_uuid = detail_url.rstrip("/").split("/")[-1]
    propose = reverse("reward:review_propose", kwargs={"id": review_uuid})
    client.post(propose, {"employee": employee.employee.uuid, "increase_percent": "3"})
    page = client.get(detail_url).content.decode()
    assert "Proposed 3" not in page  # no rating: outside guidance without a reason is refused
    client.post(
        propose,
        {"employee": employee.employee.uuid, "increase_percent": "3", "reason": "Market rate"},
    )
    assert "Proposed 3.00 %" in client.get(detail_url).content.decode()
    client.force_login(hr_admin.user)
    page = client.get(detail_url).content.decode()
    assert "Market rate" in page and "Waiting for approval" in page
    with in_org(org_a):
        from reward.models import CompensationProposal

        proposal = CompensationProposal.objects.get()
    client.post(
        reverse("reward:proposal_decide", kwargs={"id": proposal.uuid}), {"decision": "approve"}
    )
    client.post(reverse("reward:review_finalise", kwargs={"id": review_uuid}))
    with in_org(org_a):
        from reward.models import PayRecord

        assert PayRecord.objects.get(employee=employee.employee).base_pay == Decimal("51500.00")
    payroll = client.get(reverse("reward:review_payroll", kwargs={"id": review_uuid}))
    assert b"51500.00" in payroll.content
    # Nobody else reaches the review's pages.
    client.force_login(employee.user)
    assert client.get(detail_url).status_code == 404


def test_hr_configures_the_formula_and_grants_pay_access(
    org_a, hr_admin, manager, employee, scale, client
):
    client.force_login(hr_admin.user)
    url = reverse("reward:settings")
    assert "Capability results against the role" in client.get(url).content.decode()
    base = {
        "capability_weight": 60,
        "goal_weight": 40,
        "attainment_cap": 100,
        "distribution_tolerance": 5,
        "equity_min_group": 5,
        "equity_gap_threshold": "5.0",
    }
    wrong = client.post(url, {**base, "goal_weight": 50}).content.decode()
    assert "must add up to 100" in wrong
    odd = client.post(url, {**base, "distribution": "10, 20"}).content.decode()
    assert "Give one share per rating: 5 numbers." in odd
    client.post(
        url,
        {
            **base,
            "financial": 50,
            "customer": 50,
            "distribution": "10, 20, 40, 20, 10",
            "distribution_enforced": "on",
        },
    )
    with in_org(org_a):
        saved = selectors.settings_get()
    assert saved.perspective_weights == {"financial": 50, "customer": 50}
    assert saved.distribution_enforced and saved.distribution_targets["3"] == 40
    page = client.get(url).content.decode()
    assert "Financial 50 %, Customer 50 %" in page
    assert "No manager reads their reports' pay" in page
    # The manager is chosen with the person search; someone who manages nobody is refused.
    give = reverse("reward:compensation_grant_give")
    refused = client.post(give, {"manager": employee.employee.uuid})
    assert refused.status_code == 400
    assert "manages nobody" in refused.content.decode()
    assert client.post(give, {"manager": manager.employee.uuid}).status_code == 302
    with in_org(org_a):
        assert selectors.has_compensation_grant(employee=manager.employee)
        assert not selectors.has_compensation_grant(employee=employee.employee)
        assert AuditEvent.objects.filter(action="pay.access_granted").count() == 1
    page = client.get(url).content.decode()
    assert f"Take the permission away from {manager.employee.full_name}" in page
    client.post(
        reverse("reward:compensation_grant", kwargs={"id": manager.employee.uuid}),
        {"granted": "no"},
    )
    with in_org(org_a):
        assert not selectors.has_compensation_grant(employee=manager.employee)
    client.force_login(manager.user)
    assert client.get(url).status_code == 403


def test_the_settings_page_lists_pay_access_a_page_at_a_time(org_a, hr_admin, scale, client):
    """The managers with the permission are paged and the picker lists a few people: the
    page's queries and size do not grow with the organisation's managers."""
    client.force_login(hr_admin.user)
    url = reverse("reward:settings")

    def grow(n: int) -> None:
        for _ in range(n):
            boss = factories.member(org_a, manager=hr_admin.employee)
            factories.member(org_a, manager=boss.employee)
            CompensationGrantFactory(organization=org_a, manager=boss.employee)

    grow(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    grow(60)  # more than a page of holders, and more colleagues than the picker lists
    with CaptureQueriesContext(connection) as many:
        large = client.get(url)
    assert len(many) == len(few)
    assert "Page 1 of 2" in large.content.decode()
    assert large.content.count(b'name="granted"') == 50
    assert large.content.count(b"<option") < 60
    assert len(small.content) < 20_000
