"""Single sign-on with SAML 2.0 against a real identity provider (pysaml2's IdP, started by the
test on loopback), in Chromium: just-in-time membership, a response with an altered signature
or without one refused, a domain not allowed refused, and the audit event of each."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from plms.accounts.models import SsoConnection, User
from plms.audit.models import AuditEvent
from plms.people.models import Employee
from plms.tenancy.context import organization_scope
from plms.tenancy.selectors import memberships_for_user
from tests import factories
from tests.idp.saml import saml_idp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOOPBACK = re.compile(r"^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/")


@pytest.fixture(scope="module")
def idp():
    with saml_idp() as running:
        yield running


@pytest.fixture(autouse=True)
def _normal_idp(idp):
    idp.set_mode("normal")


@pytest.fixture
def loopback_page(page):
    page.context.route(
        lambda url: not LOOPBACK.match(url), lambda route: route.abort("blockedbyclient")
    )
    return page


def _connect(organization, idp, **fields) -> SsoConnection:
    with organization_scope(organization):
        return SsoConnection.objects.create(
            organization=organization,
            protocol=SsoConnection.Protocol.SAML,
            issuer=idp.entity_id,
            metadata_url=idp.metadata_url,
            email_domains=["a.example"],
            attribute_mapping={"email": "mail", "full_name": "displayName"},
            **fields,
        )


def _events(organization, action):
    with organization_scope(organization):
        return list(AuditEvent.objects.filter(action=action).order_by("created_at"))


def _idp_sign_in(page, email: str) -> None:
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Continue").click()


def test_a_new_person_signs_in_with_saml_and_joins_just_in_time(loopback_page, idp, org_a):
    page = loopback_page
    _connect(org_a, idp, jit_membership=True)
    hired = factories.EmployeeFactory(organization=org_a, email="new.person@a.example")
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Sign in with single sign-on").click()
    page.get_by_label("Work e-mail").fill("new.person@a.example")
    page.get_by_role("button", name="Continue").click()
    _idp_sign_in(page, "new.person@a.example")
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    [membership] = memberships_for_user(user=User.objects.get(email="new.person@a.example"))
    assert membership.organization == org_a
    with organization_scope(org_a):
        assert Employee.objects.get(pk=hired.pk).user_id == membership.user_id
    [event] = _events(org_a, "sso.sign_in")
    assert event.changes["protocol"] == "saml"
    assert event.changes["subject"] == "new.person@a.example"
    assert len(_events(org_a, "sso.membership_created")) == 1


@pytest.mark.parametrize("mode", ["bad-signature", "unsigned"])
def test_a_response_that_does_not_verify_is_refused(loopback_page, idp, org_a, mode):
    page = loopback_page
    factories.member(org_a, email="employee@a.example")
    _connect(org_a, idp)
    idp.set_mode(mode)
    page.goto("/accounts/sso/org-a/")
    _idp_sign_in(page, "employee@a.example")
    expect(page.get_by_test_id("sso-refused")).to_contain_text("could not be verified")
    [event] = _events(org_a, "auth.sso_failed")
    assert event.changes["code"] == "invalid_response"
    assert "SignatureError" in event.reason  # refused for its signature, not anything else
    assert _events(org_a, "sso.sign_in") == []


def test_an_address_outside_the_allowed_domains_is_refused(loopback_page, idp, org_a):
    page = loopback_page
    _connect(org_a, idp, jit_membership=True)
    page.goto("/accounts/sso/org-a/")
    _idp_sign_in(page, "someone@elsewhere.example")
    expect(page.get_by_test_id("sso-refused")).to_contain_text("not in a domain")
    [event] = _events(org_a, "auth.sso_failed")
    assert event.changes["code"] == "domain_not_allowed"


def test_sign_in_started_at_the_provider_only_when_accepted(loopback_page, idp, org_a, live_server):
    page = loopback_page
    person = factories.member(org_a, email="employee@a.example")
    connection = _connect(org_a, idp)
    tile = (
        f"{idp.base}/idp-initiated?email=employee@a.example"
        f"&sp={live_server.url}/accounts/sso/org-a/saml/metadata/"
    )
    page.goto(tile)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("sso-refused")).to_contain_text("could not be verified")
    assert "Unsolicited" in _events(org_a, "auth.sso_failed")[0].reason

    with organization_scope(org_a):
        SsoConnection.objects.filter(pk=connection.pk).update(saml_allow_idp_initiated=True)
    page.goto(tile)
    answer = page.locator("input[name=SAMLResponse]").get_attribute("value")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    [event] = _events(org_a, "sso.sign_in")
    assert event.actor_user_id == person.user.pk
    # The same answer posted again (a replay) is refused.
    replay = httpx.post(
        f"{live_server.url}/accounts/sso/org-a/saml/acs/", data={"SAMLResponse": answer}
    )
    assert replay.status_code == 403 and "already used" in replay.text
    assert _events(org_a, "auth.sso_failed")[-1].changes["code"] == "replayed"
