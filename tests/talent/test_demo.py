"""The demo organisation's succession and careers: two critical roles with successors at each
readiness, the demo employee's aspirations with a plan built towards one, and the pages for
the employee, the manager and HR."""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client

from plms.tenancy.models import Organization
from talent.models import Aspiration, CriticalRole, Successor, TalentPool
from tests.conftest import in_org


def _signed_in(email: str) -> Client:
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": email, "password": "plms-demo"}).status_code
        == 302
    )
    return client


def test_the_demo_shows_succession_and_careers(db):
    call_command("seed_demo")
    acme = Organization.objects.get(slug="acme")
    with in_org(acme):
        assert CriticalRole.objects.count() == 2
        assert set(Successor.objects.values_list("readiness", flat=True)) == set(
            Successor.Readiness.values
        )
        wishes = Aspiration.objects.filter(employee__email="employee@acme.example")
        assert [a.role.name for a in wishes] == [
            "Senior Customer Service Advisor",
            "Customer Service Manager",
        ]
        first = wishes[0]
        pool = TalentPool.objects.get()
        assert pool.name == "Future leaders" and pool.members.count() == 2
    call_command("seed_demo")  # again: nothing twice
    with in_org(acme):
        assert CriticalRole.objects.count() == 2 and Aspiration.objects.count() == 2
        assert TalentPool.objects.count() == 1

    employee = _signed_in("employee@acme.example")
    page = employee.get("/talent/").content.decode()
    assert "Aspiring to: Customer Service Manager" in page
    built = employee.post(f"/talent/aspirations/{first.uuid}/plan/")
    assert built.status_code == 302
    plan = employee.get(built["Location"]).content.decode()
    assert "for Senior Customer Service Advisor:" in plan
    assert employee.get("/talent/succession/").status_code == 403

    manager = _signed_in("manager@acme.example")
    assert "Emma Clarke" in manager.get("/talent/team/").content.decode()
    assert manager.get("/talent/succession/").status_code == 403  # the incumbent, no grant

    hr = _signed_in("hr@acme.example")
    dashboard = hr.get("/talent/succession/").content.decode()
    assert "Customer Service Manager" in dashboard and "Sales Manager" in dashboard
    assert hr.get("/talent/nine-box/").status_code == 200
    assert hr.get("/talent/career-paths/").status_code == 200
