"""Anti-automation: password-reset throttles per address and per client address, sign-in
throttled per client address across accounts, sign-in by e-mail in any case, and reset links
built from the configured base URL whatever the Host header says."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from plms.common.throttling import _redis
from tests import factories

PASSWORD = "pass-word-123"


@pytest.fixture(autouse=True)
def fresh_counters(settings):
    """Each test starts with empty windows (Redis db of this run, or the local cache)."""
    if settings.REDIS_URL:
        for key in _redis().scan_iter("plms:throttle:*"):
            _redis().delete(key)
    cache.clear()


def _reset(client, email, address="127.0.0.10"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_mails_one_address_a_few_times_only(client, employee, settings):
    settings.PLMS_PASSWORD_RESET_PER_ADDRESS = 3
    settings.PLMS_PASSWORD_RESET_PER_IP = 100
    responses = [_reset(client, "employee@a.example", f"127.0.0.{n}") for n in range(1, 16)]
    assert all(response.status_code == 302 for response in responses)  # the same answer
    assert len(mail.outbox) == 3
    assert _reset(client, "EMPLOYEE@a.example").status_code == 302 and len(mail.outbox) == 3


def test_password_reset_is_refused_from_one_client_address_beyond_its_limit(
    client, org_a, settings
):
    settings.PLMS_PASSWORD_RESET_PER_IP = 5
    people = [factories.member(org_a, email=f"p{n}@a.example") for n in range(7)]
    statuses = [_reset(client, person.user.email).status_code for person in people]
    assert statuses == [302] * 5 + [429] * 2
    assert len(mail.outbox) == 5
    assert _reset(client, people[6].user.email, address="127.0.0.99").status_code == 302


def _sign_in(client, email, password, address="127.0.0.20"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_one_client_address_cannot_spray_passwords_across_accounts(client, org_a, settings):
    settings.PLMS_SIGN_IN_FAILURES_PER_IP = 6
    people = [factories.member(org_a, email=f"s{n}@a.example") for n in range(8)]
    # One wrong password per account: axes' per-account lockout never triggers.
    for person in people[:6]:
        assert _sign_in(client, person.user.email, "Winter2026!").status_code == 200
    blocked = _sign_in(client, people[6].user.email, "Winter2026!")
    assert blocked.status_code == 429
    # Even the right password is refused from that address until the window ends ...
    assert _sign_in(client, people[7].user.email, PASSWORD).status_code == 429
    # ... while the same person signs in from elsewhere.
    assert _sign_in(client, people[7].user.email, PASSWORD, "127.0.0.21").status_code == 302


def test_sign_in_ignores_the_case_of_the_e_mail_address(client, employee):
    response = _sign_in(client, "  Employee@A.Example ", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == employee.user.pk


def test_reset_links_come_from_the_configured_base_url(client, employee, settings):
    settings.PLMS_BASE_URL = "https://plms.example.org"
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    client.post(
        reverse("accounts:password_reset"),
        {"email": "employee@a.example"},
        HTTP_HOST="evil.example",
    )
    (message,) = mail.outbox
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith("https://plms.example.org/") for link in links)
    assert "evil.example" not in message.body
