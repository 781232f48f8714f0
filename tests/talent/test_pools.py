"""Talent pools: criteria (9-box boxes, an aspired role, a minimum capability level) suggest
members, HR confirms or removes them; pools are confidential like potential and every read
is audited; the list keeps a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from assessments.models import Assessment
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from talent import pool_selectors, pool_services
from tests.assessments.factories import AssessmentFactory
from tests.conftest import in_org
from tests.talent.conftest import actor_of
from tests.talent.factories import (
    AspirationFactory,
    PotentialAssessmentFactory,
    TalentPoolFactory,
    TalentPoolMemberFactory,
)


@pytest.fixture
def placed(careers):
    """The peer in the top box (3-3), the employee a core player (2-2) in Q4."""
    employee, peer = careers.employee.employee, careers.peer.employee
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
            potential=3,
        )
        PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q4, level=2
        )
    return careers


def test_criteria_suggest_members_and_hr_confirms_or_removes_them(placed):
    careers = placed
    employee, peer = careers.employee.employee, careers.peer.employee
    hr = actor_of(careers.hr)
    with in_org(careers.org):
        assert pool_selectors.box_of(employee_ids=[employee.pk, peer.pk]) == {
            employee.pk: "2-2",
            peer.pk: "3-3",
        }
        leaders = pool_services.pool_create(actor=hr, name="Future leaders", boxes=["3-3", "3-2"])
        assert pool_selectors.suggested_members(pool=leaders) == [peer]
        core = pool_services.pool_create(actor=hr, name="Core", boxes=["2-2", "3-3"])
        assert set(pool_selectors.suggested_members(pool=core)) == {employee, peer}
        # An aspired role narrows: only the employee aspires to Team Lead.
        AspirationFactory(organization=careers.org, employee=employee, role=careers.lead)
        leads = pool_services.pool_create(
            actor=hr, name="Next team leads", boxes=["2-2", "3-3"], aspired_role=careers.lead
        )
        assert pool_selectors.suggested_members(pool=leads) == [employee]
        # A minimum capability level: the peer has Coaching 3, the employee 2.
        coaches = pool_services.pool_create(
            actor=hr,
            name="Coaches",
            capability=careers.capabilities["coaching"],
            minimum_level=3,
        )
        assert pool_selectors.suggested_members(pool=coaches) == [peer]
        assert (
            pool_selectors.suggested_members(
                pool=TalentPoolFactory(organization=careers.org, boxes=[])
            )
            == []
        )
        member = pool_services.pool_member_add(actor=hr, pool=leaders, employee=peer)
        assert pool_selectors.suggested_members(pool=leaders) == []
        with pytest.raises(ApplicationError):
            pool_services.pool_member_add(actor=hr, pool=leaders, employee=peer)
        pool_services.pool_member_remove(actor=hr, member=member)
        assert pool_selectors.suggested_members(pool=leaders) == [peer]
        with pytest.raises(ApplicationError):
            pool_services.pool_create(actor=hr, name="Bad", boxes=["4-1"])
        with pytest.raises(ApplicationError):
            pool_services.pool_create(actor=hr, name="future leaders")
        for who in (careers.employee, careers.peer, careers.manager):
            with pytest.raises(PermissionDenied):
                pool_services.pool_create(actor=actor_of(who), name="Mine")
            with pytest.raises(PermissionDenied):
                pool_services.pool_member_add(actor=actor_of(who), pool=leaders, employee=peer)


def test_pools_are_confidential_and_their_reads_are_audited(placed, key_client_a):
    careers = placed
    peer = careers.peer.employee
    with in_org(careers.org):
        pool = TalentPoolFactory(organization=careers.org, name="Future leaders")
        TalentPoolMemberFactory(organization=careers.org, pool=pool, employee=peer)
    url = f"/api/v1/talent-pools/{pool.uuid}"
    for who in (careers.employee, careers.peer, careers.manager, careers.outsider):
        client = APIClient()
        client.force_login(who.user)
        assert client.get("/api/v1/talent-pools").json()["results"] == [], who
        assert client.get(url).status_code == 404
        assert client.get(f"{url}/suggestions").status_code == 404
        response = client.post(f"{url}/members", {"employee": str(peer.uuid)}, format="json")
        assert response.status_code in (403, 404)
    hr = APIClient()
    hr.force_login(careers.hr.user)
    body = hr.get(url).json()
    assert [m["employee_name"] for m in body["members"]] == [peer.full_name]
    assert hr.get(f"{url}/suggestions").json()["results"] == []
    added = hr.post(
        f"{url}/members", {"employee": str(careers.employee.employee.uuid)}, format="json"
    )
    assert added.status_code == 201, added.json()
    assert (
        hr.post(f"{url}/remove-member", {"employee": str(peer.uuid)}, format="json").status_code
        == 204
    )
    assert [m["employee_name"] for m in hr.get(url).json()["members"]] == [
        careers.employee.employee.full_name
    ]
    assert len(key_client_a.get("/api/v1/talent-pools").json()["results"]) == 1
    created = hr.post(
        "/api/v1/talent-pools",
        {"name": "Experts", "boxes": ["3-3"], "minimum_level": 3},
        format="json",
    )
    assert created.status_code == 400 and "capability" in created.json()["fields"]
    created = hr.post(
        "/api/v1/talent-pools",
        {"name": "Experts", "boxes": ["3-3"], "colour": "red"},
        format="json",
    )
    assert created.status_code == 400
    with in_org(careers.org):
        assert AuditEvent.objects.filter(action="talent_pool.read").count() == 4


def test_the_pool_list_keeps_a_constant_number_of_queries(careers, key_client_a):
    def make(n):
        with in_org(careers.org):
            for _ in range(n):
                pool = TalentPoolFactory(organization=careers.org)
                TalentPoolMemberFactory.create_batch(2, organization=careers.org, pool=pool)

    make(1)
    key_client_a.get("/api/v1/talent-pools")  # the key's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get("/api/v1/talent-pools").status_code == 200
    make(5)
    with CaptureQueriesContext(connection) as many:
        assert len(key_client_a.get("/api/v1/talent-pools").json()["results"]) == 6
    assert len(many) == len(few)


def test_hr_confirms_and_removes_members_on_the_pool_page(placed, client):
    careers = placed
    peer = careers.peer.employee
    with in_org(careers.org):
        pool = TalentPoolFactory(organization=careers.org, name="Future leaders", boxes=["3-3"])
    client.force_login(careers.hr.user)
    assert "Future leaders" in client.get("/talent/pools/").content.decode()
    url = f"/talent/pools/{pool.uuid}/"
    page = client.get(url).content.decode()
    assert "Nobody is in this pool yet" in page and peer.full_name in page
    assert client.post(url, {"employee": str(peer.uuid)}).status_code == 302
    page = client.get(url).content.decode()
    assert "Nobody else meets the pool" in page
    client.post(url, {"employee": str(peer.uuid), "action": "remove"})
    with in_org(careers.org):
        assert not pool.members.exists()
    for who in (careers.employee, careers.peer, careers.manager):
        client.force_login(who.user)
        assert client.get("/talent/pools/").status_code == 403
        assert client.get(url).status_code == 404  # a pool one may not read looks missing


def test_no_pools_yet(careers, client):
    client.force_login(careers.hr.user)
    assert "No talent pools yet" in client.get("/talent/pools/").content.decode()
