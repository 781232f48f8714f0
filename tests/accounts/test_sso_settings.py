"""An organization's single sign-on settings (HR admins), the e-mail domain lookup, and the
owners' way back in when password sign-in is switched off."""

from __future__ import annotations

import httpx
import pytest

from plms.accounts import sso
from plms.accounts.models import SsoConnection
from plms.audit.models import AuditEvent
from plms.common import crypto
from plms.common.errors import ApplicationError, PermissionDenied
from plms.tenancy.actors import Actor
from plms.tenancy.context import organization_scope
from tests.accounts.factories import SsoConnectionFactory
from tests.idp.saml import saml_idp

FORM = {
    "protocol": "oidc",
    "display_name": "Okta",
    "issuer": "https://acme.okta.com",
    "metadata_url": "",
    "client_id": "0oa1",
    "client_secret": "very-secret",
    "email_domains": "A.example, a.example.co.uk",
    "email_claim": "",
    "name_claim": "",
    "enabled": "on",
    "jit_membership": "on",
}


def _actor(member) -> Actor:
    return Actor(organization=member.membership.organization, membership=member.membership)


def test_hr_admins_configure_single_sign_on(client, org_a, hr_admin, employee):
    client.force_login(employee.user)
    assert client.post("/accounts/organization/sign-in/sso/", FORM).status_code == 403
    client.force_login(hr_admin.user)
    page = client.get("/accounts/organization/sign-in/").content.decode()
    assert "/accounts/sso/org-a/callback/" in page  # the redirect URI to register
    assert client.post("/accounts/organization/sign-in/sso/", FORM).status_code == 302
    with organization_scope(org_a):
        connection = SsoConnection.objects.get()
        assert connection.email_domains == ["a.example", "a.example.co.uk"]
        assert crypto.decrypt(connection.client_secret_encrypted) == "very-secret"
        assert connection.jit_membership and not connection.sso_only
        [event] = AuditEvent.objects.filter(action="sso.connection_created")
        assert "very-secret" not in str(event.changes)
    # Saving again without a secret keeps it.
    client.post("/accounts/organization/sign-in/sso/", {**FORM, "client_secret": ""})
    with organization_scope(org_a):
        assert crypto.decrypt(SsoConnection.objects.get().client_secret_encrypted) == "very-secret"


def test_the_settings_page_is_for_hr_admins(client, employee):
    client.force_login(employee.user)
    assert client.get("/accounts/organization/sign-in/").status_code == 403


def test_a_domain_belongs_to_one_organization(org_a, org_b, hr_admin, outsider):
    SsoConnectionFactory(organization=org_b, email_domains=["a.example"])
    with organization_scope(org_a), pytest.raises(ApplicationError) as refused:
        sso.sso_connection_save(
            actor=_actor(hr_admin),
            issuer="https://idp.example",
            client_id="x",
            client_secret="y",
            email_domains=["a.example"],
        )
    assert refused.value.code == "domain_taken"


def test_the_provider_must_use_https(org_a, hr_admin, settings):
    settings.PLMS_SSO_ALLOW_HTTP = False
    with organization_scope(org_a), pytest.raises(ApplicationError) as refused:
        sso.sso_connection_save(
            actor=_actor(hr_admin),
            issuer="http://idp.example",
            client_id="x",
            client_secret="y",
            email_domains=["a.example"],
        )
    assert refused.value.code == "insecure_url"


def test_sso_only_needs_single_sign_on_enabled(org_a, hr_admin):
    with organization_scope(org_a), pytest.raises(ApplicationError) as refused:
        sso.sso_connection_save(
            actor=_actor(hr_admin),
            issuer="https://idp.example",
            client_id="x",
            client_secret="y",
            email_domains=["a.example"],
            enabled=False,
            sso_only=True,
        )
    assert refused.value.code == "sso_only_needs_sso"


def test_members_do_not_configure_it(org_a, employee):
    with organization_scope(org_a), pytest.raises(PermissionDenied):
        sso.sso_connection_save(
            actor=_actor(employee), issuer="https://idp.example", client_id="x", client_secret="y"
        )


def test_the_e_mail_domain_names_the_organization(client, org_a, org_b):
    SsoConnectionFactory(organization=org_a, email_domains=["a.example"])
    SsoConnectionFactory(organization=org_b, email_domains=["b.example"], enabled=False)
    assert sso.organization_for_email(email="Someone@A.example") == org_a
    assert sso.organization_for_email(email="someone@b.example") is None
    response = client.post("/accounts/sso/", {"email": "someone@a.example"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sso/org-a/?login_hint=")
    refused = client.post("/accounts/sso/", {"email": "someone@b.example"})
    assert refused.status_code == 200 and b"No organization signs in" in refused.content


def test_an_organization_without_sso_has_no_sign_in_address(client, org_a):
    assert client.get("/accounts/sso/org-a/").status_code == 404
    assert client.get("/accounts/sso/no-such-org/").status_code == 404


def test_sso_only_keeps_password_sign_in_for_hr_admins_with_two_factor(
    client, org_a, hr_admin, employee
):
    """The owners' way back in when the identity provider fails: password plus two-factor."""
    SsoConnectionFactory(organization=org_a, sso_only=True)
    refused = client.post(
        "/accounts/login/", {"username": "employee@a.example", "password": "pass-word-123"}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    admin = client.post(
        "/accounts/login/", {"username": "hr@a.example", "password": "pass-word-123"}
    )
    assert admin.status_code == 302 and admin.url == "/accounts/login/two-factor/setup/"
    assert "_auth_user_id" not in client.session
    with organization_scope(org_a):
        [failed] = AuditEvent.objects.filter(action="auth.sign_in_failed")
        assert failed.actor_user_id == employee.user.pk


def test_hr_admins_configure_saml_with_the_providers_metadata(client, org_a, hr_admin):
    with saml_idp() as idp:
        metadata = httpx.get(idp.metadata_url).text
    client.force_login(hr_admin.user)
    form = {**FORM, "protocol": "saml", "issuer": "", "client_id": "", "client_secret": ""}
    bad = client.post(
        "/accounts/organization/sign-in/sso/", {**form, "saml_idp_metadata": "<not-saml/>"}
    )
    assert bad.status_code == 400
    saved = client.post(
        "/accounts/organization/sign-in/sso/", {**form, "saml_idp_metadata": metadata}
    )
    assert saved.status_code == 302
    with organization_scope(org_a):
        connection = SsoConnection.objects.get()
    assert connection.protocol == "saml" and connection.issuer == idp.entity_id
    ours = client.get("/accounts/sso/org-a/saml/metadata/")
    assert ours.status_code == 200
    assert "http://testserver/accounts/sso/org-a/saml/acs/" in ours.content.decode()
    assert 'entityID="http://testserver/accounts/sso/org-a/saml/metadata/"' in (
        ours.content.decode()
    )
    # The OpenID Connect addresses are not SAML's, and the reverse.
    assert client.get("/accounts/sso/org-a/callback/").status_code == 404
