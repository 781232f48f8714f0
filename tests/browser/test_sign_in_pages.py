"""The sign-in and security pages read as finished on a phone (tests/browser/hygiene.py's
checks), with single sign-on and two-factor sign-in configured."""

from __future__ import annotations

import pytest

from tests import factories
from tests.accounts.factories import SsoConnectionFactory
from tests.browser.conftest import sign_in
from tests.browser.hygiene import page_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = (
    "/accounts/organization/sign-in/",
    "/accounts/security/",
    "/accounts/security/two-factor/",
    "/accounts/security/password/",
    "/accounts/sso/",
)


def test_sign_in_pages_fit_a_phone(page, live_server, org_a):
    hr = factories.member(org_a, role="admin", email="hr@a.example")
    SsoConnectionFactory(
        organization=org_a,
        issuer="https://login.microsoftonline.com/8f2c1a7e-5b1d-4c9e-9d3a-2f6b7c8d9e0f/v2.0",
        email_domains=["a.example", "subsidiary-with-a-long-name.a.example"],
    )
    sign_in(page, hr.user.email, "pass-word-123")
    page.wait_for_url(f"{live_server.url}/")
    page.set_viewport_size({"width": 390, "height": 844})
    found = {}
    for path in PAGES:
        page.goto(path)
        if problems := page_problems(page, phone=True):
            found[path] = problems
    assert found == {}
