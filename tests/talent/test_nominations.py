"""Managers propose their reports as successors; HR accepts (the person joins the slate) or
declines; the manager sees their proposals' outcome, never the slate."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from plms.common.errors import ApplicationError, PermissionDenied
from talent import nominations
from talent.models import Successor, SuccessorNomination
from tests.conftest import in_org
from tests.talent.conftest import actor_of
from tests.talent.factories import CriticalRoleFactory

READY = Successor.Readiness.ONE_TWO_YEARS


def test_a_manager_proposes_a_report_and_hr_accepts_or_declines(careers):
    employee, peer = careers.employee.employee, careers.peer.employee
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        manager = actor_of(careers.manager)
        proposed = nominations.nomination_propose(
            actor=manager, critical_role=critical, employee=employee, readiness=READY
        )
        with pytest.raises(ApplicationError):
            nominations.nomination_propose(
                actor=manager, critical_role=critical, employee=employee, readiness=READY
            )
        for who, whom in ((careers.employee, peer), (careers.peer, employee)):
            with pytest.raises(PermissionDenied):
                nominations.nomination_propose(
                    actor=actor_of(who), critical_role=critical, employee=whom, readiness=READY
                )
        with pytest.raises(PermissionDenied):
            nominations.nomination_accept(actor=manager, nomination=proposed)
        successor = nominations.nomination_accept(actor=actor_of(careers.hr), nomination=proposed)
        assert successor is not None and successor.readiness == READY
        assert proposed.status == SuccessorNomination.Status.ACCEPTED
        with pytest.raises(ApplicationError):
            nominations.nomination_decline(actor=actor_of(careers.hr), nomination=proposed)
        other = nominations.nomination_propose(
            actor=manager, critical_role=critical, employee=peer, readiness=READY
        )
        nominations.nomination_decline(actor=actor_of(careers.hr), nomination=other)
        assert not Successor.objects.filter(employee=peer).exists()
        assert list(nominations.nominations_for_viewer(actor=manager)) == [other, proposed]
        for who in (careers.employee, careers.peer):
            assert list(nominations.nominations_for_viewer(actor=actor_of(who))) == []


def test_the_manager_proposes_through_the_api_but_never_reads_the_slate(careers):
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
    manager = APIClient()
    manager.force_login(careers.manager.user)
    response = manager.post(
        "/api/v1/successor-nominations",
        {
            "critical_role": str(critical.uuid),
            "employee": str(careers.employee.employee.uuid),
            "readiness": READY,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    url = f"/api/v1/successor-nominations/{response.json()['id']}"
    assert manager.post(f"{url}/accept", {}, format="json").status_code == 403
    hr = APIClient()
    hr.force_login(careers.hr.user)
    accepted = hr.post(f"{url}/accept", {}, format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert manager.get(url).json()["status"] == "accepted"
    assert manager.get(f"/api/v1/critical-roles/{critical.uuid}/successors").status_code in (
        403,
        404,
    )
    assert manager.get("/api/v1/successors").json()["results"] == []
    for who in (careers.employee, careers.peer, careers.outsider):
        client = APIClient()
        client.force_login(who.user)
        assert client.get("/api/v1/successor-nominations").json()["results"] == []
        assert client.get(url).status_code == 404
