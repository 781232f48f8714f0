"""A person's signed-in browsers: recorded at sign-in, seen on each request, ended on demand.

Ending a session deletes it from Django's session store and its `UserSession` row, so the
browser is signed out at its next request. A person ends their own sessions on "Your
sessions"; a password change ends every other session; deactivation ends them all.
"""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from plms.accounts.models import UserSession
from plms.accounts.sign_in_audit import USER_AGENT_LENGTH, sign_in_event

# The session remembers its row and when it was last written, so most requests write nothing.
SESSION_MARK = "plms_user_session"
SEEN_EVERY = timedelta(minutes=1)


def _store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def user_session_record(*, request: HttpRequest, user: Any, method: str = "") -> UserSession:
    """Record the session of `request` (just signed in, or seen for the first time)."""
    if request.session.session_key is None:
        request.session.save()
    now = timezone.now()
    row, _ = UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
            "ip_address": request.META.get("REMOTE_ADDR") or None,
            "method": method or request.session.get("plms_sign_in_method", ""),
            "last_seen_at": now,
        },
    )
    request.session[SESSION_MARK] = {"id": str(row.uuid), "seen": now.timestamp()}
    return row


def user_session_seen(*, request: HttpRequest) -> None:
    """Keep the current session's row up to date: at most one write a minute."""
    mark = request.session.get(SESSION_MARK)
    now = timezone.now()
    if not mark or mark.get("id") is None:
        user_session_record(request=request, user=request.user)
        return
    if now.timestamp() - mark.get("seen", 0) < SEEN_EVERY.total_seconds():
        return
    updated = UserSession.objects.filter(
        uuid=mark["id"], session_key=request.session.session_key
    ).update(
        last_seen_at=now,
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )
    if not updated:
        user_session_record(request=request, user=request.user)
        return
    request.session[SESSION_MARK] = {"id": mark["id"], "seen": now.timestamp()}


def user_session_rekey(*, old_key: str | None, new_key: str | None) -> None:
    """Follow a session whose key changed while signed in (a password change)."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def user_sessions_for(*, user: Any) -> QuerySet[UserSession]:
    """The person's sessions, most recently seen first."""
    return UserSession.objects.filter(user=user).order_by("-last_seen_at", "-id")


def current_session_id(request: HttpRequest) -> str | None:
    mark = request.session.get(SESSION_MARK) or {}
    return mark.get("id")


def _end(rows: list[UserSession]) -> int:
    for row in rows:
        _store(row.session_key).delete()
    UserSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


@transaction.atomic
def user_session_end(
    *, user: Any, session_id: str, request: HttpRequest | None = None
) -> UserSession | None:
    """End one of `user`'s sessions; None when it is not theirs (or already ended)."""
    row = UserSession.objects.filter(user=user, uuid=session_id).first()
    if row is None:
        return None
    _end([row])
    sign_in_event(
        action="auth.session_ended",
        user=user,
        request=request,
        changes={"session": describe_device(row.user_agent), "address": row.ip_address},
    )
    return row


@transaction.atomic
def user_sessions_end_others(
    *, user: Any, request: HttpRequest | None, reason: str = "Signed out elsewhere."
) -> int:
    """End every session of `user` but the one of `request`."""
    keep = request.session.session_key if request is not None else None
    rows = list(UserSession.objects.filter(user=user).exclude(session_key=keep or ""))
    ended = _end(rows)
    if ended:
        sign_in_event(
            action="auth.sessions_ended",
            user=user,
            request=request,
            changes={"sessions": ended},
            reason=reason,
        )
    return ended


def user_sessions_end_all(*, user: Any) -> int:
    """End every session of `user` (deactivation, a password reset); the caller audits."""
    return _end(list(UserSession.objects.filter(user=user)))


_BROWSERS = (
    ("Edge", r"Edg/"),
    ("Opera", r"OPR/"),
    ("Firefox", r"Firefox/"),
    ("Chromium", r"Chromium/|HeadlessChrome/"),
    ("Chrome", r"Chrome/"),
    ("Safari", r"Safari/"),
)
_SYSTEMS = (
    ("Android", r"Android"),
    ("iPhone", r"iPhone"),
    ("iPad", r"iPad"),
    ("Windows", r"Windows"),
    ("macOS", r"Mac OS X|Macintosh"),
    ("ChromeOS", r"CrOS"),
    ("Linux", r"Linux"),
)


def describe_device(user_agent: str) -> str:
    """A person's words for a browser: "Firefox on Windows"."""
    browser = next((name for name, rx in _BROWSERS if re.search(rx, user_agent)), "")
    system = next((name for name, rx in _SYSTEMS if re.search(rx, user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown device"


def on_signed_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: the new session gets its row (any way of signing in)."""
    if request is not None and hasattr(request, "session"):
        user_session_record(request=request, user=user)


def on_signed_out(sender, request, user, **kwargs) -> None:
    """`user_logged_out`: the session's row goes with it."""
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
