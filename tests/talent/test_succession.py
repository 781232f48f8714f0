"""Critical roles and successors: readiness evidence computed from results, bench strength,
roles with nobody on the bench, people who are the only successor for several roles; and the
confidentiality of slates over every route and page (HR and grantees read; every read is
audited; the employee, a peer, a manager without a grant and another organisation do not)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from talent import selectors, services
from talent.models import Successor
from tests.conftest import in_org
from tests.talent.conftest import actor_of
from tests.talent.factories import AspirationFactory, CriticalRoleFactory, SuccessorFactory

Readiness = Successor.Readiness


def test_readiness_evidence_is_computed_from_results(careers):
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        successor = SuccessorFactory(
            organization=careers.org, critical_role=critical, employee=careers.employee.employee
        )
        stranger = SuccessorFactory(organization=careers.org, critical_role=critical)
        AspirationFactory(
            organization=careers.org, employee=careers.employee.employee, role=careers.lead
        )
        evidence = selectors.successor_evidence(
            successors=list(selectors.successors_for_viewer(actor=actor_of(careers.hr)))
        )
    mine = evidence[successor.pk]
    # Team Lead: Communication 4 (w2), Coaching 3 (w3), Planning 3 (w1); latest levels 3 and 2.
    # (2 x 3/4 + 3 x 2/3 + 0) / 6 = 58%; the gap index over the assessed ones (2x1 + 3x1)/5.
    assert mine.capability_match == 58
    assert mine.gap_index == Decimal("1.00")
    # Performance from Q4 against the targets then (3): gaps 0 and 1 -> index 0.5: medium.
    assert mine.performance == 2
    assert mine.potential is None
    assert mine.aspires is True
    assert evidence[stranger.pk].capability_match is None
    assert evidence[stranger.pk].performance is None and evidence[stranger.pk].aspires is False


def test_bench_strength_empty_benches_and_single_successors(careers):
    with in_org(careers.org):
        lead = CriticalRoleFactory(
            organization=careers.org, role=careers.lead, impact=3, likelihood=3
        )
        advisor = CriticalRoleFactory(
            organization=careers.org, role=careers.advisor, incumbent=careers.manager.employee
        )
        empty = CriticalRoleFactory(organization=careers.org, impact=1, likelihood=1)
        for readiness in (Readiness.READY_NOW, Readiness.READY_NOW, Readiness.ONE_TWO_YEARS):
            SuccessorFactory(organization=careers.org, critical_role=lead, readiness=readiness)
        SuccessorFactory(
            organization=careers.org,
            critical_role=advisor,
            employee=careers.peer.employee,
            readiness=Readiness.THREE_PLUS_YEARS,
        )
        other = CriticalRoleFactory(organization=careers.org)
        SuccessorFactory(
            organization=careers.org, critical_role=other, employee=careers.peer.employee
        )
        roles = selectors.critical_roles_for_viewer(actor=actor_of(careers.hr))
        bench = {c.pk: (c.risk_score, c.ready_now, c.ready_soon, c.ready_later) for c in roles}
        summary = selectors.succession_summary(roles=roles)
    assert roles[0].pk == lead.pk  # highest risk first
    assert bench[lead.pk] == (9, 2, 1, 0)
    assert bench[advisor.pk] == (6, 0, 0, 1)
    assert bench[empty.pk] == (1, 0, 0, 0)
    assert summary.roles == 4
    assert [c.pk for c in summary.without_successor] == [empty.pk]
    [(person, sole_for)] = summary.only_successors
    assert person == careers.peer.employee
    assert {c.pk for c in sole_for} == {advisor.pk, other.pk}


def test_nominations_are_for_hr_and_never_the_incumbent(careers):
    with in_org(careers.org):
        critical = services.critical_role_mark(
            actor=actor_of(careers.hr),
            role=careers.advisor,
            incumbent=careers.manager.employee,
            impact=3,
            likelihood=2,
        )
        assert critical.risk == 6
        with pytest.raises(ApplicationError):
            services.successor_nominate(
                actor=actor_of(careers.hr),
                critical_role=critical,
                employee=careers.manager.employee,
                readiness=Readiness.READY_NOW,
            )
        with pytest.raises(PermissionDenied):
            services.successor_nominate(
                actor=actor_of(careers.manager),
                critical_role=critical,
                employee=careers.employee.employee,
                readiness=Readiness.READY_NOW,
            )
        successor = services.successor_nominate(
            actor=actor_of(careers.hr),
            critical_role=critical,
            employee=careers.employee.employee,
            readiness=Readiness.ONE_TWO_YEARS,
        )
        services.successor_update(
            actor=actor_of(careers.hr), successor=successor, readiness=Readiness.READY_NOW
        )
        successor.refresh_from_db()
    assert successor.readiness == Readiness.READY_NOW


# --- Confidentiality over every route and page --------------------------------------------------


@pytest.fixture
def slate(careers):
    """A critical role (the manager's position) with the employee on its slate; a colleague
    of the manager's manager is granted the slate."""
    from tests import factories

    reader = factories.member(careers.org, email="reader@a.example", title="Head of Sales")
    with in_org(careers.org):
        critical = CriticalRoleFactory(
            organization=careers.org, role=careers.lead, incumbent=careers.manager.employee
        )
        successor = SuccessorFactory(
            organization=careers.org,
            critical_role=critical,
            employee=careers.employee.employee,
            readiness=Readiness.READY_NOW,
        )
        services.succession_grant(
            actor=actor_of(careers.hr), critical_role=critical, employee=reader.employee
        )
    return critical, successor, reader


def _routes(critical, successor):
    """Every page and API route that shows a slate (method, url, data)."""
    return [
        ("get", "/talent/succession/", None),
        ("get", f"/talent/critical-roles/{critical.uuid}/", None),
        ("post", f"/talent/critical-roles/{critical.uuid}/nominate/", {}),
        ("post", f"/talent/critical-roles/{critical.uuid}/grant/", {}),
        ("post", f"/talent/successors/{successor.uuid}/", {"readiness": "ready_now"}),
        ("get", f"/api/v1/critical-roles/{critical.uuid}", None),
        ("get", f"/api/v1/critical-roles/{critical.uuid}/successors", None),
        ("post", f"/api/v1/critical-roles/{critical.uuid}/successors", {}),
        ("patch", f"/api/v1/critical-roles/{critical.uuid}", {}),
        ("delete", f"/api/v1/critical-roles/{critical.uuid}", None),
        ("get", f"/api/v1/successors/{successor.uuid}", None),
        ("patch", f"/api/v1/successors/{successor.uuid}", {}),
        ("delete", f"/api/v1/successors/{successor.uuid}", None),
    ]


def _call(client, method, url, data):
    if url.startswith("/api/"):
        return getattr(client, method)(url, data or {}, format="json")
    return getattr(client, method)(url, data or {})


@pytest.mark.parametrize(
    "who",
    [
        "employee on the slate",
        "peer",
        "manager (incumbent)",
        "manager without a grant",
        "other organisation",
    ],
)
def test_nobody_else_reads_a_slate(careers, slate, who):
    from tests import factories

    critical, successor, _ = slate
    member = {
        "employee on the slate": lambda: careers.employee,
        "peer": lambda: careers.peer,
        "manager (incumbent)": lambda: careers.manager,
        "manager without a grant": lambda: factories.member(
            careers.org, email="other-manager@a.example", manager=careers.hr.employee
        ),
        "other organisation": lambda: careers.outsider,
    }[who]()
    client = APIClient()
    client.force_login(member.user)
    for method, url, data in _routes(critical, successor):
        if who == "other organisation" and url == "/talent/succession/":
            page = client.get(url).content.decode()  # their own organisation's (empty) one
            assert critical.role.name not in page
            continue
        response = _call(client, method, url, data)
        assert response.status_code in (403, 404), f"{who} {method} {url}: {response.status_code}"
    for url in ("/api/v1/critical-roles", "/api/v1/successors"):
        listing = client.get(url)
        assert listing.status_code == 200 and listing.json()["results"] == [], f"{who} {url}"
    page = client.get("/talent/").content.decode()
    assert "Ready now" not in page


def test_hr_and_grantees_read_slates_and_every_read_is_audited(careers, slate, key_client_a):
    critical, successor, reader = slate
    hr, granted = APIClient(), APIClient()
    hr.force_login(careers.hr.user)
    granted.force_login(reader.user)
    with in_org(careers.org):
        before = AuditEvent.objects.filter(action="succession.read").count()
    for client in (hr, granted):
        page = client.get(f"/talent/critical-roles/{critical.uuid}/")
        assert page.status_code == 200
        assert careers.employee.employee.full_name in page.content.decode()
        assert client.get("/talent/succession/").status_code == 200
        rows = client.get(f"/api/v1/critical-roles/{critical.uuid}/successors").json()["results"]
        assert [r["readiness"] for r in rows] == ["ready_now"]
        assert rows[0]["evidence"]["capability_match"] == 58
    assert key_client_a.get(f"/api/v1/successors/{successor.uuid}").status_code == 200
    # The grantee reads but may not change the slate.
    assert granted.post(f"/talent/critical-roles/{critical.uuid}/nominate/", {}).status_code == 403
    assert (
        granted.patch(
            f"/api/v1/successors/{successor.uuid}", {"readiness": "ready_now"}, format="json"
        ).status_code
        == 403
    )
    with in_org(careers.org):
        reads = AuditEvent.objects.filter(action="succession.read")
        assert reads.count() - before == 7
        assert reads.filter(actor_user=reader.user).count() == 3


def test_a_grantee_nominated_to_the_slate_loses_the_grant(careers, slate):
    critical, _, reader = slate
    with in_org(careers.org):
        services.successor_nominate(
            actor=actor_of(careers.hr),
            critical_role=critical,
            employee=reader.employee,
            readiness=Readiness.THREE_PLUS_YEARS,
        )
        assert (
            selectors.critical_role_get_for_viewer(actor=actor_of(reader), uuid=critical.uuid)
            is None
        )
        with pytest.raises(ApplicationError):
            services.succession_grant(
                actor=actor_of(careers.hr),
                critical_role=critical,
                employee=careers.manager.employee,
            )
