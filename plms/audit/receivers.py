"""Security events recorded from signals: sign-in (Django), lockout (django-axes), memberships
and API keys (the tenancy directory). A person belongs to several organisations at most a
few: a sign-in is recorded in the log of each organisation they may act in."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from plms.audit import actions
from plms.audit.services import audit_record, current_request_user
from plms.tenancy.models import ApiKey, Membership
from plms.tenancy.selectors import memberships_for_user
from plms.tenancy.signals import api_key_changed, membership_changed

User = get_user_model()


def _user_for(email: str | None) -> Any:
    if not email:
        return None
    return User.objects.filter(email__iexact=email.strip()).first()


def _organizations_of(user) -> list:
    return [membership.organization for membership in memberships_for_user(user=user)]


@receiver(user_logged_in, dispatch_uid="plms.audit.sign_in")
def record_sign_in(sender, request, user, **kwargs) -> None:
    for organization in _organizations_of(user):
        audit_record(
            action=actions.SIGN_IN,
            organization=organization,
            user=user,
            object_label=user.email,
            request=request,
        )


@receiver(user_login_failed, dispatch_uid="plms.audit.sign_in_failed")
def record_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    """Recorded for accounts that exist (an unknown address belongs to no organisation)."""
    email = credentials.get("username") or credentials.get("email")
    user = _user_for(email)
    if user is None:
        return
    for organization in _organizations_of(user):
        audit_record(
            action=actions.SIGN_IN_FAILED,
            organization=organization,
            actor_label=user.email,
            object_label=user.email,
            request=request,
            reason="Wrong e-mail or password.",
        )


@receiver(user_locked_out, dispatch_uid="plms.audit.locked_out")
def record_lockout(sender, request, username, ip_address, **kwargs) -> None:
    user = _user_for(username)
    if user is None:
        return
    for organization in _organizations_of(user):
        audit_record(
            action=actions.LOCKED_OUT,
            organization=organization,
            actor_label=user.email,
            object_label=user.email,
            request=request,
            reason="Too many failed sign-ins.",
        )


@receiver(membership_changed, dispatch_uid="plms.audit.membership")
def record_membership(sender, membership: Membership, change: str, before: str | None, **kw):
    action = {
        "created": actions.MEMBERSHIP_CREATED,
        "role_changed": actions.MEMBERSHIP_ROLE_CHANGED,
    }[change]
    user = current_request_user()
    audit_record(
        action=action,
        organization=membership.organization,
        user=user,
        actor_label="" if user is not None else "system",
        object_label=membership.user.email,
        changes={"role": {"before": before, "after": membership.role}},
    )


@receiver(api_key_changed, dispatch_uid="plms.audit.api_key")
def record_api_key(sender, key: ApiKey, change: str, by=None, **kwargs) -> None:
    action = {
        "created": actions.API_KEY_CREATED,
        "first_used": actions.API_KEY_FIRST_USED,
        "revoked": actions.API_KEY_REVOKED,
    }[change]
    if change == "first_used":
        user, label = None, f"API key {key.name}"
    else:
        user = by or current_request_user()
        label = "" if user is not None else "system"
    audit_record(
        action=action,
        organization=key.organization,
        user=user,
        actor_label=label,
        obj=key,
        changes={"scopes": key.scopes} if change == "created" else None,
    )
