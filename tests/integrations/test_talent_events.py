"""Talent changes an integrator cares about reach webhooks in the transaction of the change:
a successor put on or taken off a slate, a person confirmed in or removed from a talent pool,
calibration settling a potential. Their payloads are ids and times only: no readiness, no
potential level, no pool or person name."""

from __future__ import annotations

import json

import pytest

from plms.common.errors import ApplicationError
from plms.integrations.models import OutboxEvent
from talent import nominations, pool_services, services
from tests.conftest import in_org
from tests.integrations.factories import WebhookSubscriptionFactory
from tests.talent.conftest import actor_of, careers  # noqa: F401 (fixture)
from tests.talent.factories import (
    CriticalRoleFactory,
    PotentialAssessmentFactory,
    SuccessorNominationFactory,
    TalentPoolFactory,
)

pytestmark = pytest.mark.usefixtures("local_webhooks")

TALENT_EVENTS = [
    "successor.nominated",
    "successor.removed",
    "talent_pool.member_added",
    "talent_pool.member_removed",
    "potential_assessment.calibrated",
]


def _envelopes(receiver, event_type: str) -> list[dict]:
    return [
        json.loads(request.body)
        for request in receiver.requests
        if request.headers["PLMS-Event"] == event_type
    ]


def _no_confidential_values(envelope: dict, *names: str) -> None:
    body = json.dumps(envelope)
    for word in ("readiness", "ready_now", "one_two_years", "level", "Future leaders", *names):
        assert word not in body, word


def test_talent_changes_are_delivered_with_ids_only(
    careers,  # noqa: F811
    receiver,
    django_capture_on_commit_callbacks,
):
    WebhookSubscriptionFactory(organization=careers.org, url=receiver.url, events=TALENT_EVENTS)
    hr = actor_of(careers.hr)
    employee, peer = careers.employee.employee, careers.peer.employee
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        pool = TalentPoolFactory(organization=careers.org, name="Future leaders")
        potential = PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q4, level=2
        )
        proposal = SuccessorNominationFactory(
            organization=careers.org,
            critical_role=critical,
            employee=peer,
            proposed_by=careers.manager.employee,
        )
    with django_capture_on_commit_callbacks(execute=True), in_org(careers.org):
        successor = services.successor_nominate(
            actor=hr, critical_role=critical, employee=employee, readiness="ready_now"
        )
        nominations.nomination_accept(actor=hr, nomination=proposal)  # HR accepts: on the slate
        services.successor_remove(actor=hr, successor=successor)
        member = pool_services.pool_member_add(actor=hr, pool=pool, employee=employee)
        pool_services.pool_member_remove(actor=hr, member=member)
        services.potential_calibrate(actor=hr, assessment=potential, level=3, reason="Seen more")

    nominated = _envelopes(receiver, "successor.nominated")
    assert [e["data"]["employee"] for e in nominated] == [str(employee.uuid), str(peer.uuid)]
    data = nominated[0]["data"]
    assert data["id"] == str(successor.uuid) and data["critical_role"] == str(critical.uuid)
    assert data["role"] == str(careers.lead.uuid)
    assert set(data) == {"id", "critical_role", "role", "employee", "nominated_at"}
    (removed,) = _envelopes(receiver, "successor.removed")
    assert removed["data"]["id"] == str(successor.uuid) and "removed_at" in removed["data"]
    (added,) = _envelopes(receiver, "talent_pool.member_added")
    assert added["data"] == {
        "id": str(member.uuid),
        "pool": str(pool.uuid),
        "employee": str(employee.uuid),
        "added_at": added["data"]["added_at"],
    }
    (left,) = _envelopes(receiver, "talent_pool.member_removed")
    assert left["data"]["pool"] == str(pool.uuid) and left["data"]["id"] == str(member.uuid)
    (calibrated,) = _envelopes(receiver, "potential_assessment.calibrated")
    assert calibrated["organization"] == str(careers.org.uuid)
    assert calibrated["data"]["id"] == str(potential.uuid)
    assert calibrated["data"]["cycle"] == str(careers.q4.uuid)
    assert set(calibrated["data"]) == {"id", "employee", "cycle", "calibrated_at"}
    for event_type in TALENT_EVENTS:
        for envelope in _envelopes(receiver, event_type):
            _no_confidential_values(envelope, employee.full_name, peer.full_name)
    with in_org(careers.org):
        # Nothing in Momentum starts for a person because they joined a slate or a pool.
        assert not OutboxEvent.objects.filter(
            type__in=TALENT_EVENTS, subject__isnull=False
        ).exists()


def test_a_refused_talent_change_publishes_nothing(careers):  # noqa: F811
    hr = actor_of(careers.hr)
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        services.successor_nominate(
            actor=hr,
            critical_role=critical,
            employee=careers.employee.employee,
            readiness="ready_now",
        )
        with pytest.raises(ApplicationError):  # on the slate already
            services.successor_nominate(
                actor=hr,
                critical_role=critical,
                employee=careers.employee.employee,
                readiness="ready_now",
            )
        assert OutboxEvent.objects.filter(type="successor.nominated").count() == 1
