"""What happens between a correct password and a signed-in session.

`after_password` decides, for a person whose password was just verified:

- their organization signs in with single sign-on only ("SSO only") -> refused, unless they
  are an HR admin of it: admins keep password sign-in as the way back in when the identity
  provider fails, and then always with two-factor sign-in;
- they set up two-factor sign-in -> a code from the app (or a recovery code) is asked for;
- an organization requires it and they have not set it up -> they set it up first.

Until then nobody is signed in: the session only remembers who is on their way
(`PENDING_KEY`), for `PENDING_SECONDS`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model, login
from django.http import HttpRequest

from plms.accounts import sso, two_factor
from plms.accounts.sign_in_audit import sign_in_event

PENDING_KEY = "plms_sign_in_pending"
METHOD_KEY = "plms_sign_in_method"
PENDING_SECONDS = 600
MAX_SECOND_FACTOR_FAILURES = 5


@dataclass(frozen=True)
class NextStep:
    refused: str = ""  # a message for the sign-in form
    url_name: str = ""  # the page that asks for the second factor or sets it up


def after_password(
    *, request: HttpRequest, user: Any, backend: str, redirect_to: str
) -> NextStep | None:
    """None: sign in now. Otherwise the refusal or the second step."""
    sso_only = sso.sso_only_organizations(user=user)
    bypass = False
    if sso_only:
        if not sso.is_admin_of_all(user=user, organizations=sso_only):
            sign_in_event(
                action="auth.sign_in_failed",
                user=user,
                organizations=sso_only,
                request=request,
                changes={"method": "password"},
                reason="Password sign-in is switched off: this organization uses single sign-on.",
            )
            return NextStep(
                refused=(
                    "Your organization signs in with single sign-on. Use “Sign in with single "
                    "sign-on” below."
                )
            )
        bypass = True
    if two_factor.two_factor_enabled(user=user):
        step = "accounts:two_factor_verify"
    elif bypass or two_factor.two_factor_required(user=user):
        step = "accounts:two_factor_enrol"
    else:
        request.session[METHOD_KEY] = "password"
        return None
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": backend,
        "next": redirect_to,
        "at": time.time(),
        "failures": 0,
        "sso_bypass": bypass,
    }
    return NextStep(url_name=step)


def pending_user(request: HttpRequest) -> tuple[Any, dict] | tuple[None, None]:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return None, None
    return user, pending


def second_factor_failed(*, request: HttpRequest, user: Any, pending: dict) -> bool:
    """Count a wrong code; True when the person must start again from their password."""
    pending["failures"] = pending.get("failures", 0) + 1
    sign_in_event(
        action="auth.sign_in_failed",
        user=user,
        request=request,
        changes={"method": "password", "failures": pending["failures"]},
        reason="Wrong two-factor code.",
    )
    if pending["failures"] >= MAX_SECOND_FACTOR_FAILURES:
        request.session.pop(PENDING_KEY, None)
        return True
    request.session[PENDING_KEY] = pending
    return False


def complete(*, request: HttpRequest, user: Any, pending: dict, method: str) -> str:
    """Sign the pending person in; returns where to go next."""
    request.session.pop(PENDING_KEY, None)
    request.session[METHOD_KEY] = method
    login(request, user, backend=pending["backend"])
    changes: dict[str, Any] = {"method": method}
    if pending.get("sso_bypass"):
        changes["sso_only_bypassed"] = True
    sign_in_event(action="auth.two_factor_verified", user=user, request=request, changes=changes)
    return pending.get("next") or "/"
