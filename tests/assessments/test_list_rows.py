"""The assessments and peer nominations lists, paged cycle by cycle as plain rows
(`assessments.rows`), are what `AssessmentSerializer` and `PeerNominationSerializer` write of
the selectors' querysets, in the same order, byte for byte: over page sizes, cycles that end on
the same day, people who share a last name, a client's ordering and filters, and for HR, a key,
a manager and an employee."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from assessments import rows
from assessments.api.cycles import AssessmentSerializer
from assessments.api.raters import PeerNominationSerializer
from assessments.models import Assessment
from assessments.selectors import raters as rater_selectors
from plms.tenancy.actors import Actor
from tests.assessments.conftest import actor_of
from tests.assessments.factories import AssessmentCycleFactory, AssessmentFactory
from tests.conftest import in_org
from tests.factories import EmployeeFactory

Kind, Status = Assessment.Kind, Assessment.Status


@pytest.fixture
def many(world, monkeypatch):
    """Four cycles (two ending on the same day) of a dozen people, four sharing a last name,
    each with self, manager, peer and (some) upward and expert assessments in every state; a
    cycle of more than `SORTED_UP_TO` assessments is read on its own."""
    monkeypatch.setattr(rows, "SORTED_UP_TO", 12)
    with in_org(world.org):
        people = [
            EmployeeFactory(
                organization=world.org,
                last_name="Rossi" if i % 3 == 0 else f"Name {i % 5}",
                manager=world.manager.employee,
            )
            for i in range(12)
        ] + [world.employee.employee]
        ends = [(2026, 6, 30), (2026, 9, 30), (2026, 9, 30), (2026, 12, 31)]
        for c, end in enumerate(ends):
            cycle = AssessmentCycleFactory(
                organization=world.org,
                name=f"Cycle {c}",
                period_start=datetime.date(*end) - datetime.timedelta(days=80),
                period_end=datetime.date(*end),
            )
            for i, person in enumerate(people[: 4 + 3 * c]):
                status = list(Status)[(i + c) % len(Status)]
                AssessmentFactory(
                    organization=world.org, cycle=cycle, employee=person, status=status
                )
                AssessmentFactory(
                    organization=world.org,
                    cycle=cycle,
                    employee=person,
                    rater=world.manager.employee,
                    kind=Kind.MANAGER,
                    status=Status.SUBMITTED,
                    performance=1 + i % 3,
                    potential=1 + c % 3,
                )
                AssessmentFactory(
                    organization=world.org,
                    cycle=cycle,
                    employee=person,
                    rater=people[(i + 1) % len(people)],
                    kind=Kind.PEER,
                    status=status,
                )
                if i % 4 == 0:
                    AssessmentFactory(
                        organization=world.org,
                        cycle=cycle,
                        employee=world.manager.employee,
                        rater=person,
                        kind=Kind.UPWARD,
                    )
                    AssessmentFactory(
                        organization=world.org,
                        cycle=cycle,
                        employee=person,
                        rater=world.expert.employee,
                        kind=Kind.EXPERT,
                    )
    return world


def _listed(client, url: str, page_size: int, **params) -> bytes:
    found, page = [], 1
    while True:
        response = client.get(url, {**params, "page": page, "page_size": page_size})
        assert response.status_code == 200, response.content
        body = response.json()
        found += body["results"]
        if body["next"] is None:
            assert body["count"] == len(found)
            return JSONRenderer().render(found)
        page += 1


def _serialised(queryset, serializer) -> bytes:
    return JSONRenderer().render(serializer(queryset, many=True).data)


def _clients(world, key_client):
    clients = {"key": (key_client, Actor(organization=world.org, api_key=object()))}
    for who in ("hr", "manager", "employee"):
        client = APIClient()
        client.force_login(getattr(world, who).user)
        clients[who] = (client, actor_of(getattr(world, who)))
    return clients


@pytest.mark.parametrize("page_size", [1, 7, 50])
def test_the_lists_are_what_the_serializers_write(many, key_client_a, page_size):
    for who, (client, actor) in _clients(many, key_client_a).items():
        with in_org(many.org):
            assessments = rater_selectors.assessment_list_for_viewer(actor=actor)
            nominations = rater_selectors.peer_nomination_list_for_viewer(actor=actor)
            expected = {
                "/api/v1/assessments": _serialised(assessments, AssessmentSerializer),
                "/api/v1/peer-nominations": _serialised(nominations, PeerNominationSerializer),
            }
            cycle = assessments.filter(kind=Kind.SELF).first().cycle
            filtered = {
                "/api/v1/assessments": (
                    {"kind": "manager", "cycle": str(cycle.uuid)},
                    _serialised(
                        assessments.filter(kind=Kind.MANAGER, cycle=cycle), AssessmentSerializer
                    ),
                ),
                "/api/v1/peer-nominations": (
                    {"ordering": "-created_at"},
                    _serialised(nominations.order_by("-created_at"), PeerNominationSerializer),
                ),
            }
        assert len(expected["/api/v1/assessments"]) > 100, who
        for url, body in expected.items():
            assert _listed(client, url, page_size) == body, (who, url)
            params, body = filtered[url]
            assert _listed(client, url, page_size, **params) == body, (who, url, params)
