"""Reading an identity provider's SAML metadata (pysaml2): which entity it describes.

pysaml2 is imported by the first call, not with the module (see `plms.accounts.saml`).
"""

from __future__ import annotations

from plms.accounts.error_codes import INVALID_METADATA
from plms.common.errors import ApplicationError


def idp_entity_id(*, xml: str) -> str:
    """The entity id of the one identity provider `xml` describes (with a single sign-on
    endpoint for the HTTP-Redirect binding); ApplicationError when it describes none."""
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.config import Config
    from saml2.mdstore import MetadataStore

    store = MetadataStore(attrc=None, config=Config())
    try:
        store.load("inline", xml)
    except Exception as exc:  # pysaml2 raises many types for malformed XML
        raise ApplicationError(
            INVALID_METADATA,
            "This is not SAML metadata.",
            fields={"saml_idp_metadata": f"Not SAML metadata: {exc}"[:300]},
        ) from exc
    for entity_id in store.identity_providers():
        if store.single_sign_on_service(entity_id, BINDING_HTTP_REDIRECT):
            return entity_id
    raise ApplicationError(
        INVALID_METADATA,
        "The metadata names no identity provider with an HTTP-Redirect sign-in endpoint.",
        fields={"saml_idp_metadata": "No identity provider with an HTTP-Redirect endpoint."},
    )
