"""A person's sessions: listed with device, address and last seen; ended one by one or all
others; a password change ends the others; deactivation ends them all and revokes keys."""

from __future__ import annotations

import re

from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plms.accounts.models import UserSession
from plms.audit.models import AuditEvent
from plms.people import services as people_services
from plms.tenancy.actors import Actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import ApiKey
from plms.tenancy.services import api_key_create

PASSWORD = "pass-word-123"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def _signed_in(email: str, agent: str, address: str = "203.0.113.7") -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_security_page_lists_sessions_with_device_address_and_last_seen(employee):
    laptop = _signed_in("employee@a.example", FIREFOX, "198.51.100.4")
    _signed_in("employee@a.example", PHONE)
    page = laptop.get("/accounts/security/").content.decode()
    assert "Firefox on Windows" in page and "(this browser)" in page
    assert "Safari on iPhone" in page and "203.0.113.7" in page and "198.51.100.4" in page
    assert page.count('data-testid="session-row"') == 2


def test_ending_a_session_signs_that_browser_out(employee, org_a):
    laptop = _signed_in("employee@a.example", FIREFOX)
    phone = _signed_in("employee@a.example", PHONE)
    phone_session = UserSession.objects.get(user_agent=PHONE)
    response = laptop.post(f"/accounts/sessions/{phone_session.uuid}/end/")
    assert response.status_code == 302
    assert phone.get("/").status_code == 302  # back to sign-in
    assert laptop.get("/").status_code == 200
    assert not Session.objects.filter(session_key=phone_session.session_key).exists()
    with organization_scope(org_a):
        assert AuditEvent.objects.filter(action="auth.session_ended").count() == 1


def test_nobody_ends_someone_elses_session(employee, manager):
    theirs = _signed_in("manager@a.example", FIREFOX)
    mine = _signed_in("employee@a.example", FIREFOX)
    row = UserSession.objects.get(user=manager.user)
    assert mine.post(f"/accounts/sessions/{row.uuid}/end/").status_code == 404
    assert theirs.get("/").status_code == 200


def test_signing_out_all_other_sessions(employee):
    laptop = _signed_in("employee@a.example", FIREFOX)
    phone = _signed_in("employee@a.example", PHONE)
    other = _signed_in("employee@a.example", FIREFOX, "192.0.2.1")
    laptop.post("/accounts/sessions/end-others/")
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302 and other.get("/").status_code == 302
    assert UserSession.objects.filter(user=employee.user).count() == 1


def test_a_password_change_ends_the_other_sessions(employee, org_a):
    laptop = _signed_in("employee@a.example", FIREFOX)
    phone = _signed_in("employee@a.example", PHONE)
    response = laptop.post(
        "/accounts/security/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "A-new-pass-2026",
            "new_password2": "A-new-pass-2026",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302
    assert UserSession.objects.filter(user=employee.user).count() == 1
    with organization_scope(org_a):
        [event] = AuditEvent.objects.filter(action="auth.sessions_ended")
        assert event.reason == "Password changed."


def test_signing_out_removes_the_session_row(employee):
    laptop = _signed_in("employee@a.example", FIREFOX)
    assert UserSession.objects.filter(user=employee.user).count() == 1
    laptop.post("/accounts/logout/")
    assert UserSession.objects.filter(user=employee.user).count() == 0


def test_deactivation_ends_sessions_and_revokes_the_persons_keys(org_a, hr_admin, employee):
    laptop = _signed_in("employee@a.example", FIREFOX)
    key, _ = api_key_create(organization=org_a, name="mine", scopes=[], created_by=employee.user)
    actor = Actor(organization=org_a, membership=hr_admin.membership)
    with organization_scope(org_a):
        people_services.employee_update(actor=actor, employee=employee.employee, active=False)
    assert laptop.get("/").status_code == 302
    assert not UserSession.objects.filter(user=employee.user).exists()
    with organization_scope(org_a):
        assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
        event = AuditEvent.objects.get(action="member.sign_in_revoked")
        assert event.changes["sessions_ended"] == 1


def test_the_security_page_reads_sessions_in_a_fixed_number_of_queries(employee):
    laptop = _signed_in("employee@a.example", FIREFOX)
    laptop.get("/accounts/security/")
    with CaptureQueriesContext(connection) as few:
        laptop.get("/accounts/security/")
    for n in range(5):
        _signed_in("employee@a.example", PHONE, f"192.0.2.{n + 10}")
    with CaptureQueriesContext(connection) as many:
        laptop.get("/accounts/security/")
    assert len(many) == len(few)


def test_a_password_reset_ends_every_session(client, employee):
    laptop = _signed_in("employee@a.example", FIREFOX)
    client.post("/accounts/password-reset/", {"email": "employee@a.example"})
    path = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/\S+/)", mail.outbox[0].body)
    form_url = client.get(path.group(1), follow=True).redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "A-new-pass-2026", "new_password2": "A-new-pass-2026"}
    )
    assert done.status_code == 302
    assert laptop.get("/").status_code == 302
    assert not UserSession.objects.filter(user=employee.user).exists()
