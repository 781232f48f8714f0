"""The actions of the organisation-wide audit log, by family. Object histories add their own
(`goal.updated`, `capability.created`, …); these are the security and data events."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SIGN_IN = "auth.sign_in"
SIGN_IN_FAILED = "auth.sign_in_failed"
LOCKED_OUT = "auth.locked_out"
PASSWORD_RESET_REQUESTED = "auth.password_reset_requested"
PASSWORD_CHANGED = "auth.password_changed"

MEMBERSHIP_CREATED = "membership.created"
MEMBERSHIP_ROLE_CHANGED = "membership.role_changed"
MEMBERSHIP_DEACTIVATED = "membership.deactivated"
MEMBERSHIP_REACTIVATED = "membership.reactivated"

API_KEY_CREATED = "api_key.created"
API_KEY_FIRST_USED = "api_key.first_used"
API_KEY_REVOKED = "api_key.revoked"

DATA_EXPORTED = "data.exported"
DATA_IMPORTED = "data.imported"

PERSONAL_DATA_EXPORT_REQUESTED = "personal_data.export_requested"
PERSONAL_DATA_DOWNLOADED = "personal_data.downloaded"
PERSONAL_DATA_ERASED = "personal_data.erased"

# Calibration changes are the cycle results' own history: `consolidated_level.adjusted`.
CALIBRATION_CHANGED = "consolidated_level.adjusted"
RETENTION_CHANGED = "retention.changed"

FAMILIES = {
    "auth": _("Sign-in"),
    "membership": _("Memberships and roles"),
    "member": _("Sign-in withdrawn and restored"),
    "api_key": _("API keys"),
    "data": _("Exports and imports"),
    "personal_data": _("Personal data"),
    "consolidated_level": _("Calibration"),
    "retention": _("Retention"),
    "sso": _("Single sign-on"),
    "performance_rating": _("Overall ratings"),
    "pay": _("Pay"),
}
