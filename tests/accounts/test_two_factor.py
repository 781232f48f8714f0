"""Two-factor sign-in: setting it up, signing in with a code or a recovery code, the
organization's requirement, and the audit events of each."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from plms.accounts import two_factor
from plms.accounts.models import SignInPolicy
from plms.audit.models import AuditEvent
from plms.tenancy.context import organization_scope
from tests.accounts.factories import SignInPolicyFactory
from tests.accounts.helpers import totp_code

PASSWORD = "pass-word-123"


@pytest.fixture(autouse=True)
def _no_throttle_wait(settings):
    # django-otp waits 1 s, 2 s, 4 s, ... after each wrong code; the tests do not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _events(organization, action):
    with organization_scope(organization):
        return list(AuditEvent.objects.filter(action=action))


def _enable(user) -> tuple[TOTPDevice, list[str]]:
    device = two_factor.totp_setup_start(user=user)
    codes = two_factor.totp_setup_confirm(user=user, token=totp_code(device))
    return device, codes


def _password(client, email):
    return client.post("/accounts/login/", {"username": email, "password": PASSWORD})


def test_setting_up_from_the_security_page(client, employee, org_a):
    client.force_login(employee.user)
    page = client.get("/accounts/security/two-factor/")
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code
    device = TOTPDevice.objects.get(user=employee.user, confirmed=False)
    wrong = client.post("/accounts/security/two-factor/", {"token": "000000"})
    assert wrong.status_code == 200 and b"not right" in wrong.content
    done = client.post("/accounts/security/two-factor/", {"token": totp_code(device)})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert two_factor.two_factor_enabled(user=employee.user)
    assert len(_events(org_a, "auth.two_factor_enabled")) == 1


def test_password_then_code_signs_in(client, employee, org_a):
    device, _ = _enable(employee.user)
    response = _password(client, "employee@a.example")
    assert response.status_code == 302 and response.url == "/accounts/login/two-factor/"
    assert client.get("/").status_code == 302  # nobody is signed in yet
    wrong = client.post("/accounts/login/two-factor/", {"token": "123456"})
    assert wrong.status_code == 200
    assert len(_events(org_a, "auth.sign_in_failed")) == 1
    right = client.post("/accounts/login/two-factor/", {"token": totp_code(device)})
    assert right.status_code == 302 and right.url == "/"
    assert client.get("/").status_code == 200
    [event] = _events(org_a, "auth.two_factor_verified")
    assert event.changes["method"] == "password+totp"
    assert event.actor_user_id == employee.user.pk


def test_a_recovery_code_signs_in_once(client, employee, org_a):
    _, codes = _enable(employee.user)
    _password(client, "employee@a.example")
    signed_in = client.post("/accounts/login/two-factor/", {"token": codes[0].upper()})
    assert signed_in.status_code == 302
    assert two_factor.recovery_codes_left(user=employee.user) == 9
    assert (
        _events(org_a, "auth.two_factor_verified")[0].changes["method"] == "password+recovery_code"
    )
    client.logout()
    _password(client, "employee@a.example")
    again = client.post("/accounts/login/two-factor/", {"token": codes[0]})
    assert again.status_code == 200  # used up


def test_five_wrong_codes_send_the_person_back_to_the_password(client, employee):
    _enable(employee.user)
    _password(client, "employee@a.example")
    for _ in range(4):
        assert client.post("/accounts/login/two-factor/", {"token": "111111"}).status_code == 200
    last = client.post("/accounts/login/two-factor/", {"token": "111111"})
    assert last.status_code == 302 and last.url == "/accounts/login/"
    assert client.get("/accounts/login/two-factor/").url == "/accounts/login/"


def test_an_organization_requiring_it_for_hr_admins(client, org_a, hr_admin, employee):
    SignInPolicyFactory(organization=org_a, two_factor=SignInPolicy.TwoFactor.ADMINS)
    assert _password(client, "employee@a.example").url == "/"
    client.logout()
    response = _password(client, "hr@a.example")
    assert response.url == "/accounts/login/two-factor/setup/"
    assert client.get("/").status_code == 302
    page = client.get(response.url)
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=hr_admin.user, confirmed=False)
    done = client.post(response.url, {"token": totp_code(device)})
    assert done.status_code == 200 and b"recovery codes" in done.content
    assert client.get("/").status_code == 200
    # Required: it cannot be turned off.
    client.post("/accounts/security/two-factor/disable/", {"token": totp_code(device)})
    assert two_factor.two_factor_enabled(user=hr_admin.user)


def test_an_organization_requiring_it_for_everyone(client, org_a, employee):
    SignInPolicyFactory(organization=org_a, two_factor=SignInPolicy.TwoFactor.EVERYONE)
    assert _password(client, "employee@a.example").url == "/accounts/login/two-factor/setup/"


def test_turning_it_off_needs_a_code(client, employee, org_a):
    device, _ = _enable(employee.user)
    client.force_login(employee.user)
    client.post("/accounts/security/two-factor/disable/", {"token": "000000"})
    assert two_factor.two_factor_enabled(user=employee.user)
    client.post("/accounts/security/two-factor/disable/", {"token": totp_code(device)})
    assert not two_factor.two_factor_enabled(user=employee.user)
    assert len(_events(org_a, "auth.two_factor_disabled")) == 1


def test_hr_admins_set_the_requirement(client, org_a, hr_admin, employee):
    client.force_login(employee.user)
    assert client.get("/accounts/organization/sign-in/").status_code == 403
    assert (
        client.post("/accounts/organization/sign-in/two-factor/", {"two_factor": "everyone"})
    ).status_code == 403
    client.force_login(hr_admin.user)
    assert client.get("/accounts/organization/sign-in/").status_code == 200
    response = client.post("/accounts/organization/sign-in/two-factor/", {"two_factor": "everyone"})
    assert response.status_code == 302
    assert two_factor.two_factor_required(user=employee.user)
    [event] = _events(org_a, "sign_in_policy.updated")
    assert event.changes["two_factor"] == {"before": "off", "after": "everyone"}


def test_another_organizations_requirement_does_not_apply(client, org_b, employee):
    SignInPolicyFactory(organization=org_b, two_factor=SignInPolicy.TwoFactor.EVERYONE)
    assert not two_factor.two_factor_required(user=employee.user)
