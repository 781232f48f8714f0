"""The successors' list as plain rows (`talent.api.successor_list_item` over
`selectors.successor_rows`) is what `SuccessorSerializer` writes, byte for byte: over pages,
both routes, slates with and without evidence, and for HR and a person granted one slate."""

from __future__ import annotations

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from talent import selectors, services
from talent.api import SuccessorSerializer
from talent.models import Successor
from tests import factories
from tests.conftest import in_org
from tests.talent.conftest import actor_of
from tests.talent.factories import AspirationFactory, CriticalRoleFactory, SuccessorFactory

Readiness = Successor.Readiness


def _serialised(actor, **filters) -> bytes:
    """The list as the serializer writes it from model instances."""
    successors = list(selectors.successors_for_viewer(actor=actor).filter(**filters))
    evidence = selectors.successor_evidence(successors=successors)
    data = SuccessorSerializer(successors, many=True, context={"evidence": evidence}).data
    return JSONRenderer().render(data)


def _listed(client, url: str, page_size: int) -> bytes:
    rows, page = [], 1
    while True:
        body = client.get(url, {"page": page, "page_size": page_size}).json()
        rows += body["results"]
        if body["next"] is None:
            return JSONRenderer().render(rows)
        page += 1


@pytest.fixture
def slates(careers):
    """Two critical roles with successors of every readiness: some with results in the
    role's capabilities, potential and an aspiration, some with nothing; a note; a reader of
    the first role's slate."""
    reader = factories.member(careers.org, email="slate-reader@a.example")
    with in_org(careers.org):
        lead = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        advisor = CriticalRoleFactory(organization=careers.org, role=careers.advisor)
        for critical, people in (
            (lead, [careers.employee.employee, careers.peer.employee]),
            (advisor, [careers.employee.employee]),
        ):
            for person in people:
                SuccessorFactory(
                    organization=careers.org,
                    critical_role=critical,
                    employee=person,
                    readiness=Readiness.ONE_TWO_YEARS,
                    note="Ready after the project.",
                )
        for readiness in (Readiness.READY_NOW, Readiness.THREE_PLUS_YEARS, Readiness.READY_NOW):
            SuccessorFactory(organization=careers.org, critical_role=lead, readiness=readiness)
            SuccessorFactory(organization=careers.org, critical_role=advisor, readiness=readiness)
        AspirationFactory(
            organization=careers.org, employee=careers.employee.employee, role=careers.lead
        )
        services.succession_grant(
            actor=actor_of(careers.hr), critical_role=lead, employee=reader.employee
        )
    careers.assess(careers.peer, careers.q4, {"communication": 4})
    return lead, advisor, reader


@pytest.mark.parametrize("page_size", [1, 3, 50])
def test_the_successor_list_is_what_the_serializer_writes(careers, slates, page_size):
    lead, advisor, reader = slates
    hr, granted = APIClient(), APIClient()
    hr.force_login(careers.hr.user)
    granted.force_login(reader.user)
    with in_org(careers.org):
        everyone = _serialised(actor_of(careers.hr))
        first_slate = _serialised(actor_of(careers.hr), critical_role=lead)
        granted_slates = _serialised(actor_of(reader))
    assert b'"capability_match":' in everyone and b'"gap_index":"' in everyone
    assert _listed(hr, "/api/v1/successors", page_size) == everyone
    assert _listed(hr, f"/api/v1/critical-roles/{lead.uuid}/successors", page_size) == first_slate
    assert _listed(granted, "/api/v1/successors", page_size) == granted_slates == first_slate
    assert granted.get(f"/api/v1/critical-roles/{advisor.uuid}/successors").status_code == 404
