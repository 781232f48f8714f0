"""Anti-automation for sign-in and password reset, counted per fixed window in Redis.

- Sign-in: django-axes locks an account + address pair after a few failures; on top of it,
  one address may fail `PLMS_SIGN_IN_FAILURES_PER_IP` times per window across *all*
  accounts (password spraying), then every sign-in from it is refused until the window ends.
- Password reset: at most `PLMS_PASSWORD_RESET_PER_ADDRESS` mails to one e-mail address and
  `PLMS_PASSWORD_RESET_PER_IP` requests from one client address per window. Beyond the first,
  the page answers as usual but no mail is sent (whether an address exists stays unknown);
  beyond the second the request is refused with 429.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings

from plms.common.throttling import hit, peek


def _key(kind: str, identity: str, seconds: int) -> str:
    window = int(time.time() // seconds)
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    return f"plms:throttle:{kind}:{digest}:{window}"


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def sign_in_blocked(request) -> bool:
    limit = settings.PLMS_SIGN_IN_FAILURES_PER_IP
    seconds = settings.PLMS_SIGN_IN_WINDOW_SECONDS
    return peek(_key("sign-in-ip", client_address(request), seconds)) >= limit


def sign_in_failed(request) -> None:
    seconds = settings.PLMS_SIGN_IN_WINDOW_SECONDS
    hit(_key("sign-in-ip", client_address(request), seconds), ttl=seconds)


def password_reset_allowed(request, *, email: str) -> tuple[bool, bool]:
    """(the client may ask at all, a mail may go to `email`); counts this request."""
    seconds = settings.PLMS_PASSWORD_RESET_WINDOW_SECONDS
    by_ip = hit(_key("reset-ip", client_address(request), seconds), ttl=seconds)
    if by_ip > settings.PLMS_PASSWORD_RESET_PER_IP:
        return False, False
    by_address = hit(_key("reset-address", email, seconds), ttl=seconds)
    return True, by_address <= settings.PLMS_PASSWORD_RESET_PER_ADDRESS
