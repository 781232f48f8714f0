"""Two-factor sign-in for password accounts: an authenticator app (TOTP) and recovery codes.

Built on django-otp: a confirmed `TOTPDevice` is the authenticator app, a `StaticDevice` holds
the ten single-use recovery codes. Devices are throttled by django-otp (each failure doubles
the wait before the next try). An organization's `SignInPolicy` may require two-factor sign-in
for its HR admins or for everyone: such a person who has not set it up yet is taken through
setting it up before their first page.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plms.accounts.error_codes import (
    INVALID_CODE,
    NO_PENDING_SETUP,
    TWO_FACTOR_DISABLED,
    TWO_FACTOR_ENABLED,
    TWO_FACTOR_REQUIRED,
)
from plms.accounts.models import SignInPolicy
from plms.accounts.sign_in_audit import sign_in_event
from plms.common.errors import ApplicationError
from plms.tenancy.context import dangerously_all_organizations
from plms.tenancy.selectors import memberships_for_user

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def totp_device_for(*, user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_enabled(*, user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_required(*, user: Any) -> bool:
    """Whether an organization the person is an active member of requires two-factor sign-in
    for them (every member, or its HR admins)."""
    memberships = memberships_for_user(user=user)
    with dangerously_all_organizations():
        policies = {
            policy.organization_id: policy.two_factor
            for policy in SignInPolicy.dangerously_unscoped.filter(
                organization_id__in=[m.organization_id for m in memberships]
            ).exclude(two_factor=SignInPolicy.TwoFactor.OFF)
        }
    for membership in memberships:
        wanted = policies.get(membership.organization_id)
        if wanted == SignInPolicy.TwoFactor.EVERYONE or (
            wanted == SignInPolicy.TwoFactor.ADMINS and membership.is_admin
        ):
            return True
    return False


def recovery_codes_left(*, user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()


@transaction.atomic
def totp_setup_start(*, user: Any) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user` (an earlier unconfirmed one is replaced)."""
    if two_factor_enabled(user=user):
        raise ApplicationError(TWO_FACTOR_ENABLED, "Two-factor sign-in is already set up.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_setup_pending(*, user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def _new_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_setup_confirm(*, user: Any, token: str, request: HttpRequest | None = None) -> list[str]:
    """Confirm the pending authenticator with a code from the app; returns the recovery codes,
    shown once."""
    device = totp_setup_pending(user=user)
    if device is None:
        raise ApplicationError(NO_PENDING_SETUP, "Start setting up two-factor sign-in first.")
    if not device.verify_token(_digits(token)):
        raise ApplicationError(
            INVALID_CODE,
            "That code is not right. Check the time on your phone and try the newest code.",
            fields={"token": "Not the current code."},
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    sign_in_event(action="auth.two_factor_enabled", user=user, request=request)
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: Any, request: HttpRequest | None = None) -> list[str]:
    if not two_factor_enabled(user=user):
        raise ApplicationError(TWO_FACTOR_DISABLED, "Two-factor sign-in is not set up.")
    codes = _new_recovery_codes(user)
    sign_in_event(action="auth.recovery_codes_regenerated", user=user, request=request)
    return codes


@transaction.atomic
def two_factor_disable(*, user: Any, token: str, request: HttpRequest | None = None) -> None:
    """Turn two-factor sign-in off, proven with a current code or a recovery code; refused
    while an organization of the person requires it."""
    if two_factor_required(user=user):
        raise ApplicationError(
            TWO_FACTOR_REQUIRED, "Your organization requires two-factor sign-in."
        )
    if second_factor_verify(user=user, token=token) is None:
        raise ApplicationError(
            INVALID_CODE, "That code is not right.", fields={"token": "Not a valid code."}
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).delete()
    sign_in_event(action="auth.two_factor_disabled", user=user, request=request)


def _digits(token: str) -> str:
    return "".join(token.split())


def second_factor_verify(*, user: Any, token: str) -> str | None:
    """Check a code from the authenticator app or a recovery code (used up by the check).

    Returns the method that matched ("totp" or "recovery_code"), or None. Throttled per device
    by django-otp: after a failure the next try is refused for an increasing time.
    """
    token = _digits(token).lower()
    if not token:
        return None
    device = totp_device_for(user=user)
    looks_like_totp = token.isdigit() and len(token) <= 8
    if device is not None and looks_like_totp and device.verify_token(token):
        return "totp"
    recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    if recovery is not None and not looks_like_totp and recovery.verify_token(token):
        return "recovery_code"
    return None
