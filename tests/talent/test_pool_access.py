"""Who reads a talent pool, over every route and page: HR reads every pool; a person HR
granted a pool (an object permission) reads that pool and nothing HR alone does (suggestions,
who else reads it, any change); the employee in it, a peer and a manager without a grant read
nothing; another organisation gets 404. Every read by someone other than HR is audited; a
grant ends when its holder joins the pool. HR also takes back a slate's grant in the page."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from talent import pool_selectors, pool_services, services
from tests import factories
from tests.conftest import in_org
from tests.learning.factories import LearningItemFactory
from tests.talent.conftest import actor_of
from tests.talent.factories import (
    CriticalRoleFactory,
    SuccessorFactory,
    TalentPoolFactory,
    TalentPoolMemberFactory,
)


@pytest.fixture
def world(careers):
    """Future leaders with the employee in it; a department head HR granted it."""
    reader = factories.member(careers.org, email="head@a.example", title="Head of Sales")
    with in_org(careers.org):
        pool = TalentPoolFactory(organization=careers.org, name="Future leaders", boxes=["3-3"])
        TalentPoolMemberFactory(
            organization=careers.org, pool=pool, employee=careers.employee.employee
        )
        item = LearningItemFactory(organization=careers.org, title="Strategy basics")
        pool_services.pool_grant(actor=actor_of(careers.hr), pool=pool, employee=reader.employee)
    careers.reader, careers.pool, careers.item = reader, pool, item
    return careers


def _api_routes(pool, employee, item):
    base = f"/api/v1/talent-pools/{pool.uuid}"
    person = {"employee": str(employee.uuid)}
    return [
        ("get", base, None),
        ("get", f"{base}/suggestions", None),
        ("get", f"{base}/readers", None),
        ("patch", base, {"description": "Changed"}),
        ("post", f"{base}/members", person),
        ("post", f"{base}/remove-member", person),
        ("post", f"{base}/programme", {"items": [str(item.uuid)]}),
        ("post", f"{base}/remove-programme-item", {"item": str(item.uuid)}),
        ("post", f"{base}/readers", person),
        ("post", f"{base}/remove-reader", person),
        ("delete", base, None),
    ]


def _pages(pool, employee, item):
    base = f"/talent/pools/{pool.uuid}"
    return [
        ("get", f"{base}/", None),
        ("post", f"{base}/", {"employee": str(employee.uuid)}),
        ("get", f"{base}/edit/", None),
        ("post", f"{base}/edit/", {"name": "Renamed"}),
        ("post", f"{base}/programme/", {"item": str(item.uuid)}),
        ("post", f"{base}/readers/", {"employee": str(employee.uuid)}),
    ]


def _call(client, method, url, body):
    if method == "get":
        return client.get(url)
    if method == "delete":
        return client.delete(url)
    return (
        getattr(client, method)(url, body, format="json")
        if isinstance(client, APIClient)
        else getattr(client, method)(url, body)
    )


def test_nobody_without_a_grant_reads_a_pool_on_any_route_or_page(world, client):
    employee = world.employee.employee
    for who in (world.employee, world.peer, world.manager, world.outsider):
        api = APIClient()
        api.force_login(who.user)
        assert api.get("/api/v1/talent-pools").json()["results"] == [], who
        for method, url, body in _api_routes(world.pool, employee, world.item):
            status = _call(api, method, url, body).status_code
            # Reads look missing; writes are refused (HR only) or look missing.
            assert status == 404 if method == "get" else status in (403, 404), (who, method, url)
        client.force_login(who.user)
        listing = client.get("/talent/pools/").status_code
        assert listing == (200 if who is world.outsider else 403), who  # their own org's list
        for method, url, body in _pages(world.pool, employee, world.item):
            status = _call(client, method, url, body).status_code
            assert status in (403, 404), (who, method, url)
            if who is world.outsider:
                assert status == 404, (method, url)
    with in_org(world.org):
        world.pool.refresh_from_db()
        assert world.pool.members.count() == 1 and world.pool.description == ""
        assert not AuditEvent.objects.filter(
            action="talent_pool.read", actor_user__in=[world.employee.user, world.peer.user]
        ).exists()


def test_a_granted_person_reads_the_pool_and_nothing_more_and_is_audited(world, client):
    employee = world.employee.employee
    api = APIClient()
    api.force_login(world.reader.user)
    (listed,) = api.get("/api/v1/talent-pools").json()["results"]
    assert listed["name"] == "Future leaders"
    assert [m["employee_name"] for m in listed["members"]] == [employee.full_name]
    base = f"/api/v1/talent-pools/{world.pool.uuid}"
    assert api.get(base).status_code == 200
    for method, url, body in _api_routes(world.pool, employee, world.item)[1:]:
        assert _call(api, method, url, body).status_code == 403, (method, url)
    client.force_login(world.reader.user)
    page = client.get("/talent/pools/").content.decode()
    assert "Future leaders" in page and "Create a talent pool" not in page
    page = client.get(f"/talent/pools/{world.pool.uuid}/").content.decode()
    assert employee.full_name in page
    assert "Suggested by" not in page and "Who else reads" not in page and "Edit pool" not in page
    for method, url, body in _pages(world.pool, employee, world.item)[1:]:
        assert _call(client, method, url, body).status_code == 403, (method, url)
    with in_org(world.org):
        reads = AuditEvent.objects.filter(action="talent_pool.read", actor_user=world.reader.user)
        assert reads.count() == 4  # API list and detail, the list page and the pool page
        assert reads.filter(object_uuid=world.pool.uuid).count() == 2


def test_hr_grants_and_takes_back_and_a_member_never_reads_their_pool(world, client):
    hr = actor_of(world.hr)
    reader, peer = world.reader, world.peer
    with in_org(world.org):
        with pytest.raises(ApplicationError):  # the employee is in it
            pool_services.pool_grant(actor=hr, pool=world.pool, employee=world.employee.employee)
        with pytest.raises(PermissionDenied):
            pool_services.pool_grant(
                actor=actor_of(world.manager), pool=world.pool, employee=peer.employee
            )
    client.force_login(world.hr.user)
    url = f"/talent/pools/{world.pool.uuid}/readers/"
    assert client.post(url, {"employee": str(peer.employee.uuid)}).status_code == 302
    page = client.get(f"/talent/pools/{world.pool.uuid}/").content.decode()
    assert reader.employee.full_name in page and peer.employee.full_name in page
    with in_org(world.org):
        assert pool_selectors.pool_readers(pool=world.pool) == sorted(
            [reader.employee, peer.employee], key=lambda e: (e.last_name, e.first_name, e.pk)
        )
        assert pool_selectors.pool_get_for_viewer(actor=actor_of(peer), uuid=world.pool.uuid)
    client.post(url, {"employee": str(peer.employee.uuid), "action": "revoke"})
    with in_org(world.org):
        assert (
            pool_selectors.pool_get_for_viewer(actor=actor_of(peer), uuid=world.pool.uuid) is None
        )
        # A reader who joins the pool loses the grant.
        pool_services.pool_member_add(actor=hr, pool=world.pool, employee=reader.employee)
        assert not pool_selectors.pools_for_viewer(actor=actor_of(reader)).exists()
        pool_services.pool_member_remove(
            actor=hr, member=world.pool.members.get(employee=reader.employee)
        )
        assert not pool_selectors.pools_for_viewer(actor=actor_of(reader)).exists()
        assert AuditEvent.objects.filter(action="talent_pool.granted").count() == 2
        assert AuditEvent.objects.filter(action="talent_pool.revoked").count() == 1
    # The API does the same for HR and keys.
    api = APIClient()
    api.force_login(world.hr.user)
    base = f"/api/v1/talent-pools/{world.pool.uuid}"
    created = api.post(f"{base}/readers", {"employee": str(peer.employee.uuid)}, format="json")
    assert created.status_code == 201, created.json()
    names = [r["employee_name"] for r in api.get(f"{base}/readers").json()["results"]]
    assert names == [peer.employee.full_name]
    removed = api.post(
        f"{base}/remove-reader", {"employee": str(peer.employee.uuid)}, format="json"
    )
    assert removed.status_code == 204
    assert api.get(f"{base}/readers").json()["results"] == []


def test_hr_takes_back_a_slate_grant_in_the_page(careers, client):
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        services.succession_grant(
            actor=actor_of(careers.hr), critical_role=critical, employee=careers.manager.employee
        )
    client.force_login(careers.hr.user)
    page = client.get(f"/talent/critical-roles/{critical.uuid}/").content.decode()
    assert "Take back" in page and careers.manager.employee.full_name in page
    client.force_login(careers.manager.user)
    assert client.get(f"/talent/critical-roles/{critical.uuid}/").status_code == 200
    revoke = f"/talent/critical-roles/{critical.uuid}/revoke/"
    assert client.post(revoke, {"employee": str(careers.manager.employee.uuid)}).status_code == 403
    client.force_login(careers.hr.user)
    assert client.post(revoke, {"employee": str(careers.manager.employee.uuid)}).status_code == 302
    client.force_login(careers.manager.user)
    assert client.get(f"/talent/critical-roles/{critical.uuid}/").status_code == 404
    assert client.get("/talent/succession/").status_code == 403


def test_slate_readers_over_the_api(careers):
    employee, manager = careers.employee.employee, careers.manager.employee
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        SuccessorFactory(organization=careers.org, critical_role=critical, employee=employee)
    base = f"/api/v1/critical-roles/{critical.uuid}"
    hr = APIClient()
    hr.force_login(careers.hr.user)
    granted = hr.post(f"{base}/readers", {"employee": str(manager.uuid)}, format="json")
    assert granted.status_code == 201, granted.json()
    assert [r["employee_name"] for r in hr.get(f"{base}/readers").json()["results"]] == [
        manager.full_name
    ]
    reader = APIClient()
    reader.force_login(careers.manager.user)
    assert reader.get(base).status_code == 200
    assert len(reader.get(f"{base}/successors").json()["results"]) == 1
    assert reader.get(f"{base}/readers").status_code == 403
    person = {"employee": str(employee.uuid)}
    assert reader.post(f"{base}/readers", person, format="json").status_code == 403
    assert reader.post(f"{base}/remove-reader", person, format="json").status_code == 403
    for who in (careers.employee, careers.peer, careers.outsider):
        api = APIClient()
        api.force_login(who.user)
        assert api.get(f"{base}/readers").status_code == 404, who
        assert api.post(f"{base}/readers", person, format="json").status_code in (403, 404)
    with in_org(careers.org):
        assert AuditEvent.objects.filter(
            action="succession.read", actor_user=careers.manager.user
        ).exists()
    removed = hr.post(f"{base}/remove-reader", {"employee": str(manager.uuid)}, format="json")
    assert removed.status_code == 204
    assert reader.get(base).status_code == 404
