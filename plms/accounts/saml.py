"""Single sign-on with SAML 2.0 (Web Browser SSO profile), per organization, with pysaml2.

PLMS is the service provider: its entity id is its metadata address
(`/accounts/sso/<slug>/saml/metadata/`), it sends an AuthnRequest by HTTP-Redirect and receives
the response by HTTP-POST at `/accounts/sso/<slug>/saml/acs/`. pysaml2 (with xmlsec1) checks the
assertion: signed by a key in the identity provider's metadata, for our entity id (audience),
to our address, in time, and answering a request we sent — unless the organization accepts
provider-initiated sign-in; each assertion is accepted once. The answer then goes through the
same rules as OpenID Connect (`sso.identity_check`, `sso.sso_sign_in_user`).

The response arrives as a cross-site POST, which carries no session cookie (SameSite=Lax), so
the requests we sent are remembered in the cache, not the session; each is used once.

pysaml2, with the XML schema library it loads, takes about 47 MB in a process: every web
worker would carry it for the few requests that are SAML sign-ins. It is imported by the first
of them (in the functions below), not with this module.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

import httpx
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse

from plms.accounts.models import SsoConnection
from plms.accounts.sso import SsoIdentity, SsoRefused, audit_refusal, identity_check

if TYPE_CHECKING:
    from saml2.config import SPConfig

REQUEST_SECONDS = 600
METADATA_SECONDS = 600
_REQUEST_KEY = "plms:saml-request:{organization}:{request_id}"
# An assertion is accepted once: its id is remembered for longer than any assertion lives.
_ASSERTION_KEY = "plms:saml-assertion:{organization}:{id}"
ASSERTION_SECONDS = 3600


def sp_urls(request: HttpRequest, connection: SsoConnection) -> tuple[str, str]:
    """Our entity id (the metadata address) and assertion consumer service address."""
    slug = connection.organization.slug
    return (
        request.build_absolute_uri(reverse("accounts:saml_metadata", args=[slug])),
        request.build_absolute_uri(reverse("accounts:saml_acs", args=[slug])),
    )


def _idp_metadata(connection: SsoConnection) -> str:
    if connection.saml_idp_metadata:
        return connection.saml_idp_metadata
    key = f"plms:saml-metadata:{connection.metadata_url}"
    xml = cache.get(key)
    if xml is None:
        response = httpx.get(connection.metadata_url, timeout=settings.PLMS_SSO_TIMEOUT)
        response.raise_for_status()
        xml = response.text
        cache.set(key, xml, METADATA_SECONDS)
    return xml


def _config(request: HttpRequest, connection: SsoConnection, *, with_idp: bool = True) -> SPConfig:
    from saml2 import BINDING_HTTP_POST
    from saml2.config import SPConfig
    from saml2.saml import NAMEID_FORMAT_EMAILADDRESS

    entity_id, acs = sp_urls(request, connection)
    config = SPConfig()
    config.load(
        {
            "entityid": entity_id,
            "xmlsec_binary": shutil.which("xmlsec1"),
            "service": {
                "sp": {
                    "name": f"PLMS {connection.organization.name}",
                    "endpoints": {"assertion_consumer_service": [(acs, BINDING_HTTP_POST)]},
                    "allow_unsolicited": connection.saml_allow_idp_initiated,
                    "authn_requests_signed": False,
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                }
            },
            "metadata": {"inline": [_idp_metadata(connection)]} if with_idp else {},
            "allow_unknown_attributes": True,
        }
    )
    return config


def sp_metadata(*, request: HttpRequest, connection: SsoConnection) -> str:
    """Our metadata, for the identity provider's configuration."""
    from saml2.metadata import create_metadata_string

    return create_metadata_string(
        None, config=_config(request, connection, with_idp=False)
    ).decode()


class _Outstanding(dict):
    """The requests this organization sent, looked up in the cache (pysaml2 reads it as a
    dict of request id -> where to go back)."""

    def __init__(self, organization_id: int) -> None:
        super().__init__()
        self.organization_id = organization_id

    def _key(self, request_id: object) -> str:
        return _REQUEST_KEY.format(organization=self.organization_id, request_id=request_id)

    def __bool__(self) -> bool:  # pysaml2 treats an empty mapping as "no requests sent"
        return True

    def __contains__(self, request_id: object) -> bool:
        return cache.get(self._key(request_id)) is not None

    def __getitem__(self, request_id: object) -> Any:
        value = cache.get(self._key(request_id))
        if value is None:
            raise KeyError(request_id)
        return value

    def get(self, request_id: object, default: Any = None) -> Any:
        return cache.get(self._key(request_id), default)

    def used(self, request_id: object) -> None:
        cache.delete(self._key(request_id))


def saml_start_url(*, request: HttpRequest, connection: SsoConnection, relay_state: str) -> str:
    """The identity provider's sign-in address with our AuthnRequest."""
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.client import Saml2Client
    from saml2.saml import NAMEID_FORMAT_EMAILADDRESS

    client = Saml2Client(config=_config(request, connection))
    request_id, info = client.prepare_for_authenticate(
        entityid=connection.issuer,
        relay_state=relay_state,
        binding=BINDING_HTTP_REDIRECT,
        nameid_format=NAMEID_FORMAT_EMAILADDRESS,
    )
    cache.set(
        _REQUEST_KEY.format(organization=connection.organization_id, request_id=request_id),
        relay_state or "/",
        REQUEST_SECONDS,
    )
    return dict(info["headers"])["Location"]


def saml_identity_from_response(*, request: HttpRequest, connection: SsoConnection) -> SsoIdentity:
    """Verify the posted SAMLResponse; SsoRefused (and audited) when it fails."""
    try:
        return _identity(request, connection)
    except SsoRefused as refused:
        audit_refusal(request, connection.organization, refused)
        raise


def _identity(request: HttpRequest, connection: SsoConnection) -> SsoIdentity:
    from saml2 import BINDING_HTTP_POST
    from saml2.client import Saml2Client
    from saml2.saml import NAMEID_FORMAT_EMAILADDRESS

    outstanding = _Outstanding(connection.organization_id)
    try:
        client = Saml2Client(config=_config(request, connection))
        response = client.parse_authn_request_response(
            request.POST.get("SAMLResponse", ""), BINDING_HTTP_POST, outstanding=outstanding
        )
        if response is None:
            raise ValueError("no response")
    except Exception as exc:  # pysaml2 signals each failed check with its own exception type
        raise SsoRefused(
            "Single sign-on failed: the identity provider's answer could not be verified.",
            code="invalid_response",
            detail=f"The SAML response was refused ({type(exc).__name__}): {exc}",
        ) from exc
    if response.in_response_to:
        outstanding.used(response.in_response_to)
    assertion_id = getattr(response.assertion, "id", None) or response.id()
    if not cache.add(
        _ASSERTION_KEY.format(organization=connection.organization_id, id=assertion_id),
        True,
        ASSERTION_SECONDS,
    ):
        raise SsoRefused(
            "Single sign-on failed: this answer from the identity provider was already used.",
            code="replayed",
            detail=f"The SAML assertion {assertion_id} was presented again.",
        )
    attributes = response.get_identity() or {}
    name_id = response.name_id
    email = _first(attributes, connection.claim("email"))
    if not email and name_id is not None and name_id.format == NAMEID_FORMAT_EMAILADDRESS:
        email = name_id.text or ""
    return identity_check(
        connection=connection,
        email=email,
        full_name=_first(attributes, connection.claim("full_name")),
        subject=(name_id.text if name_id is not None else "") or "",
        email_verified=True,
    )


def _first(attributes: dict, name: str) -> str:
    values = attributes.get(name) or []
    return str(values[0]) if values else ""
