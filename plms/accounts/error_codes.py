"""Error codes of signing in: single sign-on settings and two-factor sign-in (pages only)."""

from __future__ import annotations

from plms.common.error_codes import INVALID, PAGES, define

INVALID_DOMAIN = define("invalid_domain", 400, "Not an e-mail domain.", PAGES)
INSECURE_URL = define("insecure_url", 400, "Use an https:// address.", PAGES)
DOMAIN_TAKEN = define(
    "domain_taken", 400, "Another organisation signs in this domain with its own SSO.", PAGES
)
SSO_ONLY_NEEDS_SSO = define(
    "sso_only_needs_sso",
    400,
    "Password sign-in can only be switched off while single sign-on is enabled.",
    PAGES,
)
REQUIRED = define("required", 400, "A required value is missing.", PAGES)
TWO_FACTOR_ENABLED = define(
    "two_factor_enabled", 400, "Two-factor sign-in is already set up.", PAGES
)
TWO_FACTOR_DISABLED = define("two_factor_disabled", 400, "Two-factor sign-in is not set up.", PAGES)
NO_PENDING_SETUP = define(
    "no_pending_setup", 400, "Start setting up two-factor sign-in first.", PAGES
)
INVALID_CODE = define("invalid_code", 400, "The one-time or recovery code is not right.", PAGES)
TWO_FACTOR_REQUIRED = define(
    "two_factor_required", 400, "The organisation requires two-factor sign-in.", PAGES
)
INVALID_METADATA = define("invalid_metadata", 400, "The SAML metadata is not valid.", PAGES)
METADATA_UNREACHABLE = define(
    "metadata_unreachable", 400, "The identity provider's metadata could not be read.", PAGES
)

__all__ = [
    "DOMAIN_TAKEN",
    "INSECURE_URL",
    "INVALID",
    "INVALID_CODE",
    "INVALID_DOMAIN",
    "INVALID_METADATA",
    "METADATA_UNREACHABLE",
    "NO_PENDING_SETUP",
    "REQUIRED",
    "SSO_ONLY_NEEDS_SSO",
    "TWO_FACTOR_DISABLED",
    "TWO_FACTOR_ENABLED",
    "TWO_FACTOR_REQUIRED",
]
