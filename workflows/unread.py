"""The notification bell's unread count, kept in the cache per person and organisation.

Every signed-in page shows it, so it is read from the cache; the writes that change it forget
it: a notification stored (`notify_many`, or saved one by one), one or all marked read, old
ones purged. They forget it at once and again when their transaction commits, so a page that
counted while the write was under way does not keep the old count; a count also expires after
`UNREAD_COUNT_SECONDS`, which bounds what a missed write could leave.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from plms.tenancy.context import current_organization_id
from workflows.models import Notification

UNREAD_COUNT_SECONDS = 300


def _key(organization_id: int, user_id: int, joined) -> str:
    # The person's sign-up moment is part of the key, so a key never outlives its person
    # (ids start again when a database is created anew, as for each test run).
    stamp = int(joined.timestamp() * 1_000_000) if joined is not None else 0
    return f"plms:web:unread:{organization_id}:{user_id}:{stamp}"


def unread_count(*, user) -> int:
    """`user`'s unread in-app notifications in the active organisation (the bell's count)."""
    organization_id = current_organization_id()
    key = _key(organization_id, user.pk, getattr(user, "date_joined", None))
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(
            recipient_id=user.pk, in_app=True, read_at__isnull=True
        ).count()
        cache.set(key, count, UNREAD_COUNT_SECONDS)
    return count


def unread_count_forget(*, users: Iterable[tuple[int, object]]) -> None:
    """Forget the unread counts of `users` ((user id, date joined) pairs) in the active
    organisation: now, and once the transaction commits."""
    organization_id = current_organization_id()
    if organization_id is None:
        return
    keys = sorted({_key(organization_id, user_id, joined) for user_id, joined in users})
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys), robust=True)


def unread_count_forget_users(users: Iterable) -> None:
    """`unread_count_forget` for user instances."""
    unread_count_forget(users=[(user.pk, getattr(user, "date_joined", None)) for user in users])
