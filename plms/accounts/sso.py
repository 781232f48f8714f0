"""Single sign-on per organization with OpenID Connect (authorization code flow).

The protocol is Authlib's: discovery, the authorization request with `state` and `nonce`, the
code exchange and the ID token's checks (signature against the provider's published keys,
issuer, audience = our client id, expiry, nonce). This module decides what a verified
identity may do in PLMS:

- the e-mail address (from the claim the organization mapped) must be in one of the
  organization's allowed domains (and not marked unverified by the provider);
- an active member signs in; a deactivated one is refused;
- someone new gets a membership just in time when the organization allows it, linked to the
  employee record HR, SCIM or an HRIS created for that address (or to a new one);
- an account that is also a member of another organization is refused: another
  organization's identity provider must never open it (they sign in with their password).

Every outcome, success or refusal, is written to the organization's audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from joserfc.errors import JoseError

from plms.accounts.error_codes import (
    DOMAIN_TAKEN,
    INSECURE_URL,
    INVALID,
    INVALID_DOMAIN,
    METADATA_UNREACHABLE,
    REQUIRED,
    SSO_ONLY_NEEDS_SSO,
)
from plms.accounts.models import SsoConnection
from plms.accounts.saml_metadata import idp_entity_id
from plms.accounts.sign_in_audit import sign_in_event
from plms.audit.services import audit_record, diff, snapshot
from plms.common import crypto
from plms.common.errors import ApplicationError
from plms.people.models import Employee
from plms.people.services import employee_create
from plms.tenancy.actors import Actor, system_actor
from plms.tenancy.context import dangerously_all_organizations, organization_scope
from plms.tenancy.models import Membership, Organization
from plms.tenancy.selectors import membership_exists, memberships_for_user
from plms.tenancy.services import membership_set

CLIENT_NAME = "sso"
SSO_AUDIT_FIELDS = (
    "protocol",
    "saml_allow_idp_initiated",
    "display_name",
    "issuer",
    "metadata_url",
    "client_id",
    "email_domains",
    "attribute_mapping",
    "enabled",
    "jit_membership",
    "sso_only",
)


class SsoRefused(Exception):
    """A verified (or unverifiable) identity may not sign in; `reason` is for people, `label`
    names who tried (their e-mail address) in the audit log."""

    def __init__(self, reason: str, *, code: str, label: str = "", detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.label = label
        self.detail = detail  # for the audit log only (what exactly failed)


# --- Which organization -----------------------------------------------------------------------


def connection_for_organization(*, organization: Organization) -> SsoConnection | None:
    with organization_scope(organization):
        return SsoConnection.objects.filter(enabled=True).first()


def organization_for_email(*, email: str) -> Organization | None:
    """The organization whose single sign-on claims the e-mail's domain."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    for organization_id, claimed in _claimed_domains(enabled_only=True).items():
        if domain in claimed:
            return Organization.objects.get(pk=organization_id)
    return None


def _claimed_domains(*, enabled_only: bool = False) -> dict[int, list[str]]:
    """Each organization's allowed e-mail domains (a few hundred organizations at most have
    single sign-on; read in one query, compared in Python on every database)."""
    with dangerously_all_organizations():
        connections = SsoConnection.dangerously_unscoped.all()
        if enabled_only:
            connections = connections.filter(enabled=True)
        return dict(connections.values_list("organization_id", "email_domains"))


def sso_only_organizations(*, user: Any) -> list[Organization]:
    """The organizations of `user` (active memberships) that switched password sign-in off."""
    organization_ids = [m.organization_id for m in memberships_for_user(user=user)]
    with dangerously_all_organizations():
        return [
            connection.organization
            for connection in SsoConnection.dangerously_unscoped.filter(
                organization_id__in=organization_ids, enabled=True, sso_only=True
            ).select_related("organization")
        ]


def is_admin_of_all(*, user: Any, organizations: Iterable[Organization]) -> bool:
    wanted = {organization.pk for organization in organizations}
    admins = {
        m.organization_id
        for m in memberships_for_user(user=user)
        if m.is_admin and m.organization_id in wanted
    }
    return wanted <= admins


# --- Configuration ----------------------------------------------------------------------------


def _fetch(url: str) -> str:
    try:
        response = httpx.get(url, timeout=settings.PLMS_SSO_TIMEOUT)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise ApplicationError(
            METADATA_UNREACHABLE,
            f"The metadata could not be read: {exc}",
            fields={"metadata_url": "Could not be read."},
        ) from exc
    return response.text


def _clean_domains(domains: Iterable[str]) -> list[str]:
    cleaned = []
    for domain in domains:
        domain = domain.strip().lower().lstrip("@")
        if not domain:
            continue
        if "." not in domain or any(c in domain for c in " /@:"):
            raise ApplicationError(
                INVALID_DOMAIN,
                f"{domain} is not an e-mail domain.",
                fields={"email_domains": f"{domain} is not an e-mail domain."},
            )
        cleaned.append(domain)
    return sorted(set(cleaned))


def _check_url(name: str, url: str) -> None:
    if not url:
        return
    parts = urlsplit(url)
    insecure_ok = settings.DEBUG or settings.PLMS_SSO_ALLOW_HTTP
    if parts.scheme != "https" and not (parts.scheme == "http" and insecure_ok):
        raise ApplicationError(
            INSECURE_URL, "Use an https:// address.", fields={name: "Use an https:// address."}
        )


@transaction.atomic
def sso_connection_save(
    *,
    actor: Actor,
    protocol: str = SsoConnection.Protocol.OIDC,
    issuer: str = "",
    client_id: str = "",
    client_secret: str = "",
    saml_idp_metadata: str = "",
    saml_allow_idp_initiated: bool = False,
    metadata_url: str = "",
    display_name: str = "",
    email_domains: Iterable[str] = (),
    attribute_mapping: Mapping[str, str] | None = None,
    enabled: bool = True,
    jit_membership: bool = False,
    sso_only: bool = False,
) -> SsoConnection:
    """Create or change the organization's single sign-on connection (HR admins).

    OpenID Connect needs the issuer and client id (an empty `client_secret` keeps the stored
    one); SAML needs the identity provider's metadata, pasted or at `metadata_url`, whose
    entity id becomes `issuer`. Each allowed domain belongs to one organization only, and
    "SSO only" needs an enabled connection.
    """
    actor.require_admin()
    if protocol not in SsoConnection.Protocol.values:
        raise ApplicationError(INVALID, "Unknown protocol.", fields={"protocol": "Unknown."})
    _check_url("metadata_url", metadata_url)
    if protocol == SsoConnection.Protocol.SAML:
        if not (saml_idp_metadata.strip() or metadata_url.strip()):
            raise ApplicationError(
                REQUIRED,
                "The identity provider's metadata is required.",
                fields={"saml_idp_metadata": "Paste the metadata or give its URL."},
            )
        issuer = idp_entity_id(xml=saml_idp_metadata.strip() or _fetch(metadata_url.strip()))
    else:
        if not issuer.strip() or not client_id.strip():
            raise ApplicationError(
                REQUIRED,
                "The issuer and the client id are required.",
                fields={"issuer": "Required.", "client_id": "Required."},
            )
        _check_url("issuer", issuer)
    domains = _clean_domains(email_domains)
    taken = sorted(
        domain
        for organization_id, claimed in _claimed_domains().items()
        if organization_id != actor.organization.pk
        for domain in claimed
        if domain in domains
    )
    if taken:
        raise ApplicationError(
            DOMAIN_TAKEN,
            f"Another organization signs in {', '.join(taken)} with its own single sign-on.",
            fields={"email_domains": "Claimed by another organization."},
        )
    if sso_only and not enabled:
        raise ApplicationError(
            SSO_ONLY_NEEDS_SSO,
            "Password sign-in can only be switched off while single sign-on is enabled.",
            fields={"sso_only": "Enable single sign-on first."},
        )
    existing = SsoConnection.objects.select_for_update().first()
    created = existing is None
    connection = existing if existing is not None else SsoConnection()
    if created and protocol == SsoConnection.Protocol.OIDC and not client_secret:
        raise ApplicationError(
            REQUIRED, "The client secret is required.", fields={"client_secret": "Required."}
        )
    before = snapshot(connection, SSO_AUDIT_FIELDS) if not created else {}
    connection.protocol = protocol
    connection.saml_idp_metadata = saml_idp_metadata.strip()
    connection.saml_allow_idp_initiated = saml_allow_idp_initiated
    connection.display_name = display_name.strip() or "single sign-on"
    connection.issuer = issuer.strip()
    connection.metadata_url = metadata_url.strip()
    connection.client_id = client_id.strip()
    if client_secret:
        connection.client_secret_encrypted = crypto.encrypt(client_secret)
    connection.email_domains = domains
    connection.attribute_mapping = {
        key: value.strip() for key, value in (attribute_mapping or {}).items() if value.strip()
    }
    connection.enabled = enabled
    connection.jit_membership = jit_membership
    connection.sso_only = sso_only
    connection.full_clean(exclude=["organization"])
    connection.save()
    changes = diff(before, snapshot(connection, SSO_AUDIT_FIELDS))
    if client_secret and not created:
        changes["client_secret"] = {"before": "…", "after": "changed"}
    audit_record(
        actor=actor,
        action="sso.connection_created" if created else "sso.connection_updated",
        obj=connection,
        changes=changes,
    )
    return connection


# --- The OpenID Connect flow ------------------------------------------------------------------


def oidc_client(connection: SsoConnection):
    """Authlib's client for `connection` (discovery is fetched on first use)."""
    oauth = OAuth()
    oauth.register(
        CLIENT_NAME,
        client_id=connection.client_id,
        client_secret=(
            crypto.decrypt(connection.client_secret_encrypted)
            if connection.client_secret_encrypted
            else None
        ),
        server_metadata_url=connection.discovery_url,
        client_kwargs={"scope": "openid email profile", "timeout": settings.PLMS_SSO_TIMEOUT},
    )
    return oauth.create_client(CLIENT_NAME)


def sso_start(
    *, request: HttpRequest, connection: SsoConnection, redirect_uri: str, login_hint: str = ""
) -> HttpResponse:
    """The redirect to the identity provider (state and nonce are kept in the session)."""
    extra = {"login_hint": login_hint} if login_hint else {}
    try:
        return oidc_client(connection).authorize_redirect(request, redirect_uri, **extra)
    except (OAuthError, JoseError, OSError, ValueError) as exc:
        sign_in_event(
            action="auth.sso_failed",
            organizations=[connection.organization],
            request=request,
            actor_label="single sign-on",
            reason=f"The identity provider could not be reached: {exc}"[:500],
        )
        raise SsoRefused(
            "Your organization's identity provider cannot be reached. Try again later.",
            code="provider_unreachable",
        ) from exc


@dataclass(frozen=True)
class SsoIdentity:
    email: str
    full_name: str
    subject: str


def sso_identity_from_callback(*, request: HttpRequest, connection: SsoConnection) -> SsoIdentity:
    """Exchange the code and verify the ID token; SsoRefused (and audited) when it fails."""
    try:
        return _identity(request=request, connection=connection)
    except SsoRefused as refused:
        audit_refusal(request, connection.organization, refused)
        raise


def _identity(*, request: HttpRequest, connection: SsoConnection) -> SsoIdentity:
    organization = connection.organization
    try:
        token = oidc_client(connection).authorize_access_token(request)
    except (OAuthError, JoseError, OSError, ValueError, KeyError, TypeError) as exc:
        raise SsoRefused(
            "Single sign-on failed: the identity provider's answer could not be verified.",
            code="invalid_response",
            detail=f"The identity provider's answer was refused ({type(exc).__name__}): {exc}",
        ) from exc
    claims = token.get("userinfo") or {}
    if not claims:
        raise _refuse(
            request, organization, "The identity provider sent no ID token.", "no_id_token"
        )
    return identity_check(
        connection=connection,
        email=str(claims.get(connection.claim("email")) or ""),
        full_name=str(claims.get(connection.claim("full_name")) or ""),
        subject=str(claims.get(connection.claim("subject")) or ""),
        email_verified=claims.get("email_verified") is not False,
    )


def identity_check(
    *, connection: SsoConnection, email: str, full_name: str, subject: str, email_verified: bool
) -> SsoIdentity:
    """The identity a verified answer (ID token or SAML assertion) names, if the organization
    accepts its e-mail address; SsoRefused otherwise (the caller audits)."""
    email = email.strip().lower()
    if not email or "@" not in email:
        raise SsoRefused("The identity provider sent no e-mail address.", code="no_email")
    if not email_verified:
        raise SsoRefused(
            f"{email} is not verified by the identity provider.",
            code="unverified_email",
            label=email,
        )
    if email.rpartition("@")[2] not in connection.email_domains:
        raise SsoRefused(
            f"{email} is not in a domain this organization signs in with single sign-on.",
            code="domain_not_allowed",
            label=email,
        )
    return SsoIdentity(email=email, full_name=full_name.strip()[:200], subject=subject)


def _refuse(
    request: HttpRequest, organization: Organization, reason: str, code: str, *, label: str = ""
) -> SsoRefused:
    """The refusal to raise; audited by whoever catches it outside the transaction."""
    return SsoRefused(reason, code=code, label=label)


def audit_refusal(request: HttpRequest, organization: Organization, refused: SsoRefused) -> None:
    sign_in_event(
        action="auth.sso_failed",
        organizations=[organization],
        request=request,
        actor_label=refused.label or "single sign-on",
        changes={"code": refused.code},
        reason=(refused.detail or refused.reason)[:1000],
    )


def sso_sign_in_user(
    *, request: HttpRequest, connection: SsoConnection, identity: SsoIdentity
) -> Any:
    """The user a verified identity signs in as, with a membership just in time if allowed.

    A refusal is audited after the attempt's writes are rolled back."""
    try:
        return _sso_user(request=request, connection=connection, identity=identity)
    except SsoRefused as refused:
        audit_refusal(request, connection.organization, refused)
        raise


@transaction.atomic
def _sso_user(*, request: HttpRequest, connection: SsoConnection, identity: SsoIdentity) -> Any:
    organization = connection.organization
    User = get_user_model()
    user = User.objects.filter(email__iexact=identity.email).first()
    memberships = memberships_for_user(user=user) if user is not None else []
    if any(m.organization_id != organization.pk for m in memberships):
        raise _refuse(
            request,
            organization,
            f"{identity.email} also belongs to another organization: another organization's "
            "identity provider may not open it. Sign in with your password.",
            "other_organization",
            label=identity.email,
        )
    if memberships:
        return user
    if user is not None and membership_exists(user=user, organization=organization):
        raise _refuse(
            request,
            organization,
            f"{identity.email} has been deactivated in {organization}.",
            "deactivated",
            label=identity.email,
        )
    if not connection.jit_membership:
        raise _refuse(
            request,
            organization,
            f"{identity.email} is not a member of {organization}. Ask your HR admin for an "
            "invitation.",
            "not_a_member",
            label=identity.email,
        )
    return _jit_membership(request=request, organization=organization, identity=identity, user=user)


def _jit_membership(
    *, request: HttpRequest, organization: Organization, identity: SsoIdentity, user: Any
) -> Any:
    User = get_user_model()
    with organization_scope(organization):
        employee = Employee.objects.filter(email__iexact=identity.email).first()
        if employee is not None and (
            not employee.active
            or (employee.user_id and employee.user_id != getattr(user, "pk", None))
        ):
            raise _refuse(
                request,
                organization,
                f"The employee record of {identity.email} is inactive or belongs to someone else.",
                "employee_unavailable",
                label=identity.email,
            )
        if user is None:
            user = User.objects.create_user(
                email=identity.email,
                full_name=identity.full_name or (employee.full_name if employee else ""),
            )
        created_employee = employee is None
        if employee is None:
            first, _, last = (identity.full_name or identity.email.partition("@")[0]).partition(" ")
            employee = employee_create(
                actor=system_actor(organization),
                email=identity.email,
                first_name=first[:100],
                last_name=last[:100],
            )
        employee.user = user
        employee.save(update_fields=["user"])
        membership_set(organization=organization, user=user, role=Membership.Role.MEMBER)
        audit_record(
            actor=Actor(organization=organization, system=True),
            action="sso.membership_created",
            obj=employee,
            changes={
                "email": identity.email,
                "employee": "created" if created_employee else "linked",
                "role": Membership.Role.MEMBER,
            },
            reason="Just-in-time membership at the first single sign-on.",
        )
    return user
