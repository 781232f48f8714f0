"""Removing notifications older than their organisation keeps them.

A notification whose e-mail is still to go (waiting, in a digest not yet sent, being sent)
stays whatever its age, so a purge never loses a message; sent and failed digests older than
the cutoff go too. Deleted in batches, each in its own short transaction, in the organisation
entered at the task's boundary.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from plms.tenancy.context import dangerously_all_organizations, organization_transaction
from workflows.models import Notification, NotificationDigest
from workflows.unread import unread_count_forget

_STILL_TO_SEND = (
    Notification.EmailState.PENDING,
    Notification.EmailState.DIGEST,
    Notification.EmailState.SENDING,
)
_DIGEST_DONE = (NotificationDigest.State.SENT, NotificationDigest.State.FAILED)


def notifications_purge(*, before: datetime, batch_size: int = 1000) -> int:
    """Delete the current organisation's notifications (and finished digests) created before
    `before`; the number of notifications removed. Idempotent."""
    removed = 0
    stale = Q(created_at__lt=before) & ~Q(email_state__in=_STILL_TO_SEND)
    while True:
        with organization_transaction():
            ids = list(
                Notification.objects.filter(stale)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                break
            unread_count_forget(  # the bells of those whose unread ones go
                users=Notification.objects.filter(pk__in=ids, in_app=True, read_at__isnull=True)
                .values_list("recipient_id", "recipient__date_joined")
                .distinct()
            )
            removed += Notification.objects.filter(pk__in=ids).delete()[0]
    with organization_transaction():
        NotificationDigest.objects.filter(
            created_at__lt=before, state__in=_DIGEST_DONE, notifications__isnull=True
        ).delete()
    return removed


def organizations_with_notifications_before(*, before: datetime) -> list[int]:
    """The organisations with a notification created before `before` (a beat's fan-out)."""
    with dangerously_all_organizations():
        return list(
            Notification.dangerously_unscoped.filter(created_at__lt=before)
            .values_list("organization_id", flat=True)
            .distinct()
            .order_by("organization_id")
        )
