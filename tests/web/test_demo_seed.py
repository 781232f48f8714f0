from django.core.management import call_command
from django.test import Client

from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.models import Membership, Organization
from tests.conftest import in_org


def counts():
    acme = Organization.objects.get(slug="acme")
    with in_org(acme):
        return (
            Employee.objects.count(),
            Department.objects.count(),
            SecondaryManager.objects.count(),
            Membership.objects.filter(organization=acme).count(),
        )


def test_seed_runs_twice_without_duplicates_and_its_users_sign_in(db):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first[:3] == (12, 3, 1)
    for email, role_text in [
        ("hr@acme.example", "HR admin"),
        ("manager@acme.example", "Your team"),
        ("employee@acme.example", "What is due"),
    ]:
        client = Client()
        signed_in = client.post("/accounts/login/", {"username": email, "password": "plms-demo"})
        assert signed_in.status_code == 302
        assert role_text in client.get("/").content.decode()


def test_seed_is_refused_in_production(db, settings):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    settings.PLMS_ALLOW_DEMO_SEED = False
    with pytest.raises(ImproperlyConfigured):
        call_command("seed_demo")
