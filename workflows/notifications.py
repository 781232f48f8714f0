"""Notifications: in the app and by e-mail, each sent once.

`notify()` is the one way to tell someone something. It inserts one row per recipient keyed by
(recipient, event, object, occasion) — a unique constraint, so producing the same notification
twice (a retried task, a replayed tick) stores and sends it once — and enqueues its e-mail when
the transaction commits: a rolled-back change notifies nobody. `notify_many()` does the same for
many at once (one query for the settings, one insert), as Momentum's dispatch of a chunk does.

E-mail follows the person's settings: off for an event, gathered into a daily digest, or sent
at once but not during their quiet hours (in their own time zone). Sending claims the row with a
compare-and-swap (`pending → sending`), sends, and records `sent`; a row left in `sending` by a
killed worker is taken again once its claim is older than the lease. Every message carries a
stable Message-ID derived from the notification, so a receiver can recognise a resend.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.common.db import insert_rows
from plms.common.errors import ApplicationError, NotFound
from plms.common.workers import current_owner, orphaned
from plms.tenancy.context import organization_transaction, require_organization_id
from workflows.error_codes import INVALID
from workflows.models import Notification, NotificationDigest, NotificationSettings
from workflows.unread import unread_count_forget_users

logger = logging.getLogger(__name__)

# --- Events ----------------------------------------------------------------------------------

WORKFLOW_MESSAGE = "workflow.message"
WORKFLOW_REMINDER = "workflow.reminder"
WORKFLOW_ESCALATION = "workflow.escalation"
WORKFLOW_CHECK_IN = "workflow.check_in"

EVENTS: dict[str, str] = {
    WORKFLOW_MESSAGE: _("Messages from Momentum workflows"),
    WORKFLOW_REMINDER: _("Reminders of something due"),
    WORKFLOW_ESCALATION: _("Escalations of overdue steps in your team"),
    WORKFLOW_CHECK_IN: _("Check-ins scheduled for you"),
}


def register_event(name: str, label: str) -> None:
    """Let another app notify about its own events (call it from its AppConfig.ready()); each
    person then switches it on or off in their settings."""
    EVENTS.setdefault(name, label)


# --- Preferences and quiet hours ---------------------------------------------------------------


def _zone(user) -> ZoneInfo:
    try:
        return ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _in_quiet_hours(local: time, start: time, end: time) -> bool:
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end  # overnight, e.g. 20:00-07:00


def email_send_after(*, user, prefs: NotificationSettings | None, now: datetime) -> datetime:
    """When an e-mail to `user` may go out: now, or the end of their quiet hours."""
    if prefs is None or prefs.quiet_hours_start is None or prefs.quiet_hours_end is None:
        return now
    zone = _zone(user)
    local = now.astimezone(zone)
    start, end = prefs.quiet_hours_start, prefs.quiet_hours_end
    if not _in_quiet_hours(local.time(), start, end):
        return now
    day = local.date()
    if local.time() >= end:
        day += timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone).astimezone(now.tzinfo)


def _wants(prefs: NotificationSettings | None, event: str, channel: str) -> bool:
    if prefs is None:
        return True
    return bool((prefs.events or {}).get(event, {}).get(channel, True))


# --- notify() --------------------------------------------------------------------------------


def object_key(obj) -> tuple[str, str]:
    """The (object type, object id) a notification about `obj` is keyed by."""
    return obj._meta.label_lower, str(getattr(obj, "uuid", obj.pk))


@dataclass(frozen=True)
class Notice:
    """What one `notify()` call says, to be stored with others by `notify_many()`."""

    recipients: tuple
    event: str
    title: str
    body: str = ""
    link: str = ""
    object_type: str = ""
    object_id: str = ""
    occasion: str = ""


def notify(
    *,
    recipients: Iterable,
    event: str,
    title: str,
    body: str = "",
    link: str = "",
    obj=None,
    object_type: str = "",
    object_id: str = "",
    occasion: str = "",
    now: datetime | None = None,
) -> list[Notification]:
    """Notify each user in `recipients` once; return the notifications created by this call.

    Runs in the active organization's transaction. A notification that exists already (same
    recipient, event, object and occasion) is left alone and not returned.
    """
    if obj is not None:
        object_type, object_id = object_key(obj)
    notice = Notice(tuple(recipients), event, title, body, link, object_type, object_id, occasion)
    return notify_many([notice], now=now)[0]


def _email_plan(
    user, pref: NotificationSettings | None, event: str, now: datetime
) -> tuple[str, datetime | None]:
    """The e-mail state of a new notification and when it may go out."""
    if not (_wants(pref, event, "email") and user.email):
        return Notification.EmailState.NONE, None
    if pref is not None and pref.email_digest:
        return Notification.EmailState.DIGEST, None
    return Notification.EmailState.PENDING, email_send_after(user=user, prefs=pref, now=now)


def notify_many(
    notices: Sequence[Notice], *, now: datetime | None = None
) -> list[list[Notification]]:
    """Store many notices at once; return, per notice, the notifications it created.

    One query for everyone's settings and one insert that skips the dedupe key's conflicts: a
    row whose dedupe key (recipient, event, object, occasion) exists already, in the table or
    earlier in the batch, is not stored again and not returned. E-mails due now are enqueued
    on commit.
    """
    for notice in notices:
        if notice.event not in EVENTS:
            raise ValueError(f"Unknown notification event {notice.event!r}; register it first.")
    organization_id = require_organization_id()
    pinned = now is not None
    now = now or timezone.now()
    users = {user.pk: user for n in notices for user in n.recipients if user is not None}
    if not users:
        return [[] for _ in notices]
    prefs = {p.user_id: p for p in NotificationSettings.objects.filter(user_id__in=list(users))}
    rows: list[list[Notification]] = []
    keys: set[tuple] = set()
    for notice in notices:
        mine: list[Notification] = []
        for user in {u.pk: u for u in notice.recipients if u is not None}.values():
            key = (user.pk, notice.event, notice.object_type, notice.object_id, notice.occasion)
            if key in keys:
                continue
            keys.add(key)
            pref = prefs.get(user.pk)
            state, send_after = _email_plan(user, pref, notice.event, now)
            mine.append(
                Notification(
                    organization_id=organization_id,
                    recipient=user,
                    event=notice.event,
                    object_type=notice.object_type,
                    object_id=notice.object_id,
                    occasion=notice.occasion,
                    title=str(notice.title)[:200],
                    body=str(notice.body),
                    link=notice.link,
                    in_app=_wants(pref, notice.event, "in_app"),
                    created_at=now,
                    email_state=state,
                    email_send_after=send_after,
                )
            )
        rows.append(mine)
    every = [row for mine in rows for row in mine]
    if not every:
        return rows
    stored = _insert_new(every)
    created: list[list[Notification]] = []
    for mine in rows:
        for row in mine:
            row.pk = stored.get(str(row.uuid))
        created.append([row for row in mine if row.pk is not None])
    unread_count_forget_users(
        {n.recipient_id: n.recipient for mine in created for n in mine if n.in_app}.values()
    )
    due = [
        n.pk
        for mine in created
        for n in mine
        if n.email_state == Notification.EmailState.PENDING and n.email_send_after <= now
    ]
    if due:
        moment = now.isoformat() if pinned else None
        transaction.on_commit(partial(_enqueue_emails, due, organization_id, moment), robust=True)
    return created


def _insert_new(rows: list[Notification]) -> dict[str, int]:
    """Insert `rows` but those whose dedupe key exists already (a retry, a replayed tick);
    return the ids of the rows that went in, by uuid. One statement however many rows: any
    conflict but the dedupe key's is still an error."""
    fields = [
        field.attname
        for field in Notification._meta.concrete_fields
        if not field.primary_key and field.attname != "organization_id"
    ]
    stored = insert_rows(
        Notification,
        fields,
        [[getattr(row, name) for name in fields] for row in rows],
        skip_conflicts_on="notification_dedupe",
        returning=("uuid", "id"),
        page_size=len(rows),
        using=Notification.objects.db,
    )
    return {str(uuid): pk for uuid, pk in stored}


EMAILS_PER_TASK = 10  # e-mails of one commit sent by one task, one after another


def _enqueue_emails(
    notification_ids: Sequence[int], organization_id: int, now: str | None = None
) -> None:
    """One message for a single e-mail, one per `EMAILS_PER_TASK` when a commit has more."""
    from workflows.tasks import send_notification_email, send_notification_emails

    extra = {"now": now} if now else {}
    if len(notification_ids) == 1:
        send_notification_email.delay(notification_ids[0], organization_id=organization_id, **extra)
        return
    for start in range(0, len(notification_ids), EMAILS_PER_TASK):
        part = list(notification_ids[start : start + EMAILS_PER_TASK])
        send_notification_emails.delay(part, organization_id=organization_id, **extra)


# --- In-app reads --------------------------------------------------------------------------------


def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise NotFound()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        unread_count_forget_users([user])
    return notification


def notification_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_count_forget_users([user])
    return marked


@transaction.atomic
def notification_settings_update(
    *,
    user,
    events: dict[str, dict[str, bool]] | None = None,
    email_digest: bool | None = None,
    digest_hour: int | None = None,
    quiet_hours_start: time | None = None,
    quiet_hours_end: time | None = None,
) -> NotificationSettings:
    """Save a person's notification settings (each person edits only their own)."""
    prefs, _ = NotificationSettings.objects.get_or_create(user=user)
    if events is not None:
        unknown = sorted(set(events) - set(EVENTS))
        if unknown:
            raise ApplicationError(
                INVALID, f"Unknown event(s): {', '.join(unknown)}.", fields={"events": unknown}
            )
        prefs.events = {
            name: {"in_app": bool(v.get("in_app", True)), "email": bool(v.get("email", True))}
            for name, v in events.items()
        }
    if email_digest is not None:
        prefs.email_digest = email_digest
    if digest_hour is not None:
        if not 0 <= digest_hour <= 23:
            raise ApplicationError(
                INVALID, "The digest hour is 0-23.", fields={"digest_hour": "0-23."}
            )
        prefs.digest_hour = digest_hour
    if (quiet_hours_start is None) != (quiet_hours_end is None):
        raise ApplicationError(
            INVALID,
            "Give both ends of the quiet hours, or neither.",
            fields={"quiet_hours_end": "Both or neither."},
        )
    prefs.quiet_hours_start, prefs.quiet_hours_end = quiet_hours_start, quiet_hours_end
    prefs.updated_at = timezone.now()
    prefs.save()
    return prefs


# --- E-mail ----------------------------------------------------------------------------------


class TransientEmailError(Exception):
    """Sending failed in a way worth retrying (connection refused, timeout, 4xx)."""


@dataclass(frozen=True)
class EmailOutcome:
    state: str  # "sent", "skipped", "retry" or "failed"
    retry_in: float | None = None


def absolute_url(link: str) -> str:
    if not link:
        return settings.PLMS_BASE_URL.rstrip("/") + "/notifications/"
    if link.startswith(("http://", "https://")):
        return link
    return settings.PLMS_BASE_URL.rstrip("/") + "/" + link.lstrip("/")


def message_id(kind: str, uuid) -> str:
    host = urlsplit(settings.PLMS_BASE_URL).hostname or "plms.invalid"
    return f"<{kind}.{uuid}@{host}>"


def retry_delay(attempt: int) -> float:
    """Exponential backoff with jitter: between half and all of 30 s x 4^(attempt-1), ≤ 1 h."""
    ceiling = min(30 * 4 ** (attempt - 1), 3600)
    return random.uniform(ceiling / 2, ceiling)


def _email_lease() -> timedelta:
    return timedelta(seconds=settings.PLMS_NOTIFICATION_EMAIL_LEASE_SECONDS)


def email_claimable_q(now: datetime) -> Q:
    """Rows an e-mail attempt may take: pending and due, or abandoned mid-send (the lease
    ran out, or the worker process sending it stopped beating)."""
    return (
        Q(email_state=Notification.EmailState.PENDING, email_send_after__lte=now)
        | Q(email_state=Notification.EmailState.SENDING, email_claimed_at__lt=now - _email_lease())
        | (Q(email_state=Notification.EmailState.SENDING) & orphaned("email_claimed_by"))
    )


def orphaned_email_q() -> Q:
    """E-mails held (taken for a batch, or being sent) by a worker process that died."""
    held = (Notification.EmailState.PENDING, Notification.EmailState.SENDING)
    return Q(email_state__in=held) & orphaned("email_claimed_by")


def notification_emails_take(*, notification_ids: Sequence[int]) -> int:
    """Stamp a batch's pending e-mails (of the current organization) with the worker process
    that is about to send them, so that the ones it never reaches are sent by another soon
    after it dies."""
    owner = current_owner()
    if owner is None or not notification_ids:
        return 0
    with organization_transaction():
        ids = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(notification_ids), email_state=Notification.EmailState.PENDING)
            .order_by("id")
            .values_list("id", flat=True)
        )
        return Notification.objects.filter(pk__in=ids).update(email_claimed_by=owner)


def _render_notification_email(notification: Notification) -> EmailMultiAlternatives:
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "url": absolute_url(notification.link),
        "settings_url": absolute_url("/notifications/settings/"),
    }
    message = EmailMultiAlternatives(
        subject=notification.title,
        body=render_to_string("workflows/email/notification.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        headers={"Message-ID": message_id("notification", notification.uuid)},
    )
    message.attach_alternative(
        render_to_string("workflows/email/notification.html", context), "text/html"
    )
    return message


def _send_and_record(message: EmailMultiAlternatives, record: Callable[[], bool]) -> bool:
    """Send `message` inside the transaction that records it as sent.

    `record()` runs first (its UPDATE uncommitted; False when our claim was taken over), then
    the SMTP transaction, then COMMIT: a failed send rolls the record back, and a worker
    killed after the server accepted the message but before the commit (the only window in
    which a message can go out twice) leaves the row to be sent again, same Message-ID.
    """
    connection = get_connection(timeout=settings.PLMS_NOTIFICATION_EMAIL_TIMEOUT_SECONDS)
    try:
        connection.open()
        with organization_transaction():
            if not record():
                return False
            connection.send_messages([message])
    except (OSError, TimeoutError) as exc:  # smtplib errors are OSErrors
        raise TransientEmailError(str(exc) or type(exc).__name__) from exc
    finally:
        try:
            connection.close()
        except Exception:  # the message is out (or not); closing must not change that
            logger.debug("closing the e-mail connection failed", exc_info=True)
    return True


def notification_email_send(*, notification_id: int, now: datetime | None = None) -> EmailOutcome:
    """Send one notification's e-mail if it is due and nobody else is sending it."""
    now = now or timezone.now()
    with organization_transaction():
        claimed = (
            Notification.objects.filter(pk=notification_id)
            .filter(email_claimable_q(now))
            .update(
                email_state=Notification.EmailState.SENDING,
                email_claimed_at=now,
                email_claimed_by=current_owner(),
                email_attempts=F("email_attempts") + 1,
            )
        )
        if claimed != 1:
            return EmailOutcome("skipped")
        notification = Notification.objects.select_related("recipient").get(pk=notification_id)

    def record() -> bool:
        # The attempt number fences off a worker whose claim expired and was taken over.
        return (
            Notification.objects.filter(
                pk=notification_id,
                email_state=Notification.EmailState.SENDING,
                email_attempts=notification.email_attempts,
            ).update(email_state=Notification.EmailState.SENT, email_sent_at=timezone.now())
            == 1
        )

    try:
        sent = _send_and_record(_render_notification_email(notification), record)
    except TransientEmailError as exc:
        return _record_email_failure(notification, str(exc), now)
    return EmailOutcome("sent" if sent else "skipped")


def _record_email_failure(notification: Notification, error: str, now: datetime) -> EmailOutcome:
    attempts = notification.email_attempts
    with organization_transaction():
        rows = Notification.objects.filter(
            pk=notification.pk, email_state=Notification.EmailState.SENDING
        )
        if attempts >= settings.PLMS_NOTIFICATION_EMAIL_MAX_ATTEMPTS:
            rows.update(email_state=Notification.EmailState.FAILED, email_error=error[:2000])
            logger.warning("Notification %s: e-mail failed for good: %s", notification.pk, error)
            return EmailOutcome("failed")
        delay = retry_delay(attempts)
        rows.update(
            email_state=Notification.EmailState.PENDING,
            email_send_after=now + timedelta(seconds=delay),
            email_error=error[:2000],
        )
    return EmailOutcome("retry", retry_in=delay)


# --- Daily digest ----------------------------------------------------------------------------


def digests_open(*, now: datetime) -> list[int]:
    """Create today's digest for everyone whose digest hour has come and who has items waiting;
    return the ids of digests ready to send. Runs in the organization's scope."""
    waiting = (
        Notification.objects.filter(email_state=Notification.EmailState.DIGEST, digest__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    recipient_ids = list(waiting)
    if not recipient_ids:
        return list(
            NotificationDigest.objects.filter(
                Q(state=NotificationDigest.State.PENDING)
                | Q(state=NotificationDigest.State.SENDING, claimed_at__lt=now - _email_lease())
            ).values_list("id", flat=True)
        )
    prefs = {
        p.user_id: p
        for p in NotificationSettings.objects.filter(user_id__in=recipient_ids).select_related(
            "user"
        )
    }
    for user_id in recipient_ids:
        pref = prefs.get(user_id)
        if pref is None:
            continue
        local = now.astimezone(_zone(pref.user))
        if local.hour < pref.digest_hour:
            continue
        NotificationDigest.objects.get_or_create(recipient_id=user_id, day=local.date())
    return list(
        NotificationDigest.objects.filter(
            Q(state=NotificationDigest.State.PENDING)
            | Q(state=NotificationDigest.State.SENDING, claimed_at__lt=now - _email_lease())
        ).values_list("id", flat=True)
    )


def notification_digest_send(*, digest_id: int, now: datetime | None = None) -> EmailOutcome:
    """Send one digest: everything waiting for its recipient, in one e-mail, once."""
    now = now or timezone.now()
    with organization_transaction():
        claimed = (
            NotificationDigest.objects.filter(pk=digest_id)
            .filter(
                Q(state=NotificationDigest.State.PENDING)
                | Q(state=NotificationDigest.State.SENDING, claimed_at__lt=now - _email_lease())
            )
            .update(
                state=NotificationDigest.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
        )
        if claimed != 1:
            return EmailOutcome("skipped")
        digest = NotificationDigest.objects.select_related("recipient").get(pk=digest_id)
        Notification.objects.filter(
            recipient_id=digest.recipient_id,
            email_state=Notification.EmailState.DIGEST,
            digest__isnull=True,
            created_at__lte=now,
        ).update(digest=digest)
        items = list(Notification.objects.filter(digest=digest).order_by("created_at", "id"))
    if not items:
        with organization_transaction():
            NotificationDigest.objects.filter(pk=digest_id).update(
                state=NotificationDigest.State.SENT, sent_at=now, item_count=0
            )
        return EmailOutcome("skipped")
    context = {
        "recipient": digest.recipient,
        "items": [(item, absolute_url(item.link)) for item in items],
        "day": digest.day,
        "url": absolute_url("/notifications/"),
        "settings_url": absolute_url("/notifications/settings/"),
    }
    message = EmailMultiAlternatives(
        subject=str(_("Your PLMS digest: %(count)d new") % {"count": len(items)}),
        body=render_to_string("workflows/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.recipient.email],
        headers={"Message-ID": message_id("digest", digest.uuid)},
    )
    message.attach_alternative(
        render_to_string("workflows/email/digest.html", context), "text/html"
    )

    def record() -> bool:
        updated = NotificationDigest.objects.filter(
            pk=digest_id, state=NotificationDigest.State.SENDING, attempts=digest.attempts
        ).update(state=NotificationDigest.State.SENT, sent_at=timezone.now(), item_count=len(items))
        Notification.objects.filter(digest_id=digest_id).update(
            email_state=Notification.EmailState.SENT, email_sent_at=timezone.now()
        )
        return updated == 1

    try:
        sent = _send_and_record(message, record)
    except TransientEmailError as exc:
        with organization_transaction():
            state = (
                NotificationDigest.State.FAILED
                if digest.attempts >= settings.PLMS_NOTIFICATION_EMAIL_MAX_ATTEMPTS
                else NotificationDigest.State.PENDING
            )
            NotificationDigest.objects.filter(pk=digest_id).update(
                state=state, last_error=str(exc)[:2000]
            )
        return EmailOutcome("retry" if state == "pending" else "failed")
    return EmailOutcome("sent" if sent else "skipped")


def notification_emails_due(*, now: datetime, limit: int) -> list[int]:
    """E-mails whose on-commit task may have been lost (or that quiet hours held back), and
    e-mails abandoned mid-send. Fresh ones are left to the task their commit enqueued."""
    grace = timedelta(seconds=settings.PLMS_NOTIFICATION_EMAIL_GRACE_SECONDS)
    pending_due = Q(email_state=Notification.EmailState.PENDING, email_send_after__lte=now)
    lost_or_held = Q(created_at__lte=now - grace) | Q(email_send_after__gt=F("created_at"))
    abandoned = Q(
        email_state=Notification.EmailState.SENDING, email_claimed_at__lt=now - _email_lease()
    )
    return list(
        Notification.objects.filter(
            (pending_due & lost_or_held)
            | abandoned
            | (pending_due & orphaned_email_q())
            | (Q(email_state=Notification.EmailState.SENDING) & orphaned("email_claimed_by"))
        )
        .order_by("email_send_after", "id")
        .values_list("id", flat=True)[:limit]
    )
