"""Single sign-on with OpenID Connect against a real provider (node `oidc-provider`, started by
the test on loopback), in Chromium: just-in-time membership linked to the employee record, an
existing member from the organization's own address, ID tokens with a wrong audience or a bad
signature refused, a domain not allowed refused, "SSO only" refusing a password, and the audit
event of each."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from plms.accounts.models import SsoConnection, User
from plms.audit.models import AuditEvent
from plms.common import crypto
from plms.people.models import Employee
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Membership
from plms.tenancy.selectors import memberships_for_user
from tests import factories
from tests.browser.conftest import sign_in
from tests.idp.oidc import oidc_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOOPBACK = re.compile(r"^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/")


@pytest.fixture(scope="module")
def provider(live_server):
    with oidc_provider([f"{live_server.url}/accounts/sso/org-a/callback/"]) as running:
        yield running


@pytest.fixture(autouse=True)
def _normal_provider(provider):
    provider.set_mode("normal")


@pytest.fixture
def loopback_page(page):
    """Nothing leaves the machine: the provider's pages link web fonts, which are refused."""
    page.context.route(
        lambda url: not LOOPBACK.match(url), lambda route: route.abort("blockedbyclient")
    )
    return page


def _connect(organization, provider, **fields) -> SsoConnection:
    with organization_scope(organization):
        return SsoConnection.objects.create(
            organization=organization,
            issuer=provider.issuer,
            client_id=provider.client_id,
            client_secret_encrypted=crypto.encrypt(provider.client_secret),
            email_domains=["a.example"],
            **fields,
        )


def _events(organization, action):
    with organization_scope(organization):
        return list(AuditEvent.objects.filter(action=action).order_by("created_at"))


def _provider_sign_in(page, login: str) -> None:
    """The provider's own pages: its login form, then its consent."""
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("anything")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_a_new_person_signs_in_with_sso_and_joins_just_in_time(loopback_page, provider, org_a):
    page = loopback_page
    factories.member(org_a, role="admin", email="hr@a.example")
    _connect(org_a, provider, jit_membership=True)
    hired = factories.EmployeeFactory(
        organization=org_a, email="new.person@a.example", first_name="New", last_name="Person"
    )
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Sign in with single sign-on").click()
    page.get_by_label("Work e-mail").fill("new.person@a.example")
    page.get_by_role("button", name="Continue").click()
    _provider_sign_in(page, "new.person@a.example")
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()

    [membership] = memberships_for_user(user=User.objects.get(email="new.person@a.example"))
    assert membership.organization == org_a and membership.active
    assert membership.role == Membership.Role.MEMBER
    with organization_scope(org_a):
        assert Employee.objects.get(pk=hired.pk).user_id == membership.user_id
    [joined] = _events(org_a, "sso.membership_created")
    assert joined.changes["employee"] == "linked"
    [signed_in] = _events(org_a, "sso.sign_in")
    assert signed_in.changes["method"] == "sso"
    assert signed_in.actor_user_id == membership.user_id
    assert not membership.user.has_usable_password()


def test_a_member_signs_in_from_the_organizations_address(loopback_page, provider, org_a):
    page = loopback_page
    person = factories.member(org_a, email="employee@a.example")
    _connect(org_a, provider)
    page.goto("/accounts/sso/org-a/")
    _provider_sign_in(page, "employee@a.example")
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    [event] = _events(org_a, "sso.sign_in")
    assert event.actor_user_id == person.user.pk
    # Without just-in-time membership, someone new is refused.
    page.context.clear_cookies()
    page.goto("/accounts/sso/org-a/")
    _provider_sign_in(page, "stranger@a.example")
    expect(page.get_by_test_id("sso-refused")).to_contain_text("not a member")
    assert not User.objects.filter(email="stranger@a.example").exists()
    assert _events(org_a, "auth.sso_failed")[-1].changes["code"] == "not_a_member"


@pytest.mark.parametrize("mode", ["wrong-audience", "bad-signature", "foreign-key"])
def test_an_id_token_that_does_not_verify_is_refused(loopback_page, provider, org_a, mode):
    page = loopback_page
    factories.member(org_a, email="employee@a.example")
    _connect(org_a, provider)
    provider.set_mode(mode)
    page.goto("/accounts/sso/org-a/")
    _provider_sign_in(page, "employee@a.example")
    expect(page.get_by_test_id("sso-refused")).to_contain_text("could not be verified")
    page.goto("/")
    expect(page).to_have_url(re.compile("/accounts/login/"))
    [event] = _events(org_a, "auth.sso_failed")
    assert event.reason.startswith("The identity provider's answer was refused")
    assert _events(org_a, "sso.sign_in") == []


def test_an_address_outside_the_allowed_domains_is_refused(loopback_page, provider, org_a):
    page = loopback_page
    _connect(org_a, provider, jit_membership=True)
    page.goto("/accounts/sso/org-a/")
    _provider_sign_in(page, "someone@elsewhere.example")
    expect(page.get_by_test_id("sso-refused")).to_contain_text("not in a domain")
    assert not User.objects.filter(email="someone@elsewhere.example").exists()
    [event] = _events(org_a, "auth.sso_failed")
    assert event.changes["code"] == "domain_not_allowed"


def test_sso_only_refuses_a_password_but_not_single_sign_on(loopback_page, provider, org_a):
    page = loopback_page
    factories.member(org_a, email="employee@a.example")
    _connect(org_a, provider, sso_only=True)
    sign_in(page, "employee@a.example", "pass-word-123")
    expect(page.get_by_role("alert").first).to_contain_text("signs in with single sign-on")
    [refused] = _events(org_a, "auth.sign_in_failed")
    assert refused.changes["method"] == "password"
    page.get_by_role("link", name="Sign in with single sign-on").click()
    page.get_by_label("Work e-mail").fill("employee@a.example")
    page.get_by_role("button", name="Continue").click()
    _provider_sign_in(page, "employee@a.example")
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
