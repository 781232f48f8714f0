"""Notifications: once per dedupe key, e-mail on commit, preferences, quiet hours, digest."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from plms.tenancy.context import organization_context
from tests.conftest import in_org
from tests.workflows.conftest import T0, days
from workflows import notifications
from workflows.models import Notification, NotificationDigest

pytestmark = pytest.mark.django_db


def _as_task(org, send, **kwargs):
    """As the e-mail tasks do: enter the organization, then send."""
    with organization_context(org):
        return send(**kwargs)


def _notify(user, *, occasion="start", now=T0, **extra):
    return notifications.notify(
        recipients=[user],
        event=notifications.WORKFLOW_REMINDER,
        title="Your self-assessment is due",
        body="Rate yourself by Friday.",
        link="/goals/",
        object_type="test.thing",
        object_id="42",
        occasion=occasion,
        now=now,
        **extra,
    )


def _emails(callbacks) -> list:
    """The commit's callbacks that enqueue e-mails (others forget the bell's cached count)."""
    return [c for c in callbacks if getattr(c, "func", None) is notifications._enqueue_emails]


def test_the_same_key_notifies_once_and_e_mails_once(
    org_a, employee, django_capture_on_commit_callbacks
):
    with in_org(org_a), django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = _notify(employee.user)
        again = _notify(employee.user)
        other_occasion = _notify(employee.user, occasion="reminder-due")
    assert (len(first), len(again), len(other_occasion)) == (1, 0, 1)
    assert len(_emails(callbacks)) == 2, "e-mail enqueued on commit, once per new notification"
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.to == [employee.user.email]
    assert "http://127.0.0.1:8000/goals/" in message.body
    html = message.alternatives[0][0]
    assert 'href="http://127.0.0.1:8000/goals/"' in html
    assert message.extra_headers["Message-ID"].startswith(f"<notification.{first[0].uuid}@")
    with in_org(org_a):
        assert set(Notification.objects.values_list("email_state", flat=True)) == {"sent"}


def test_nothing_is_sent_when_the_transaction_rolls_back(
    org_a, employee, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
        in_org(org_a),
    ):
        _notify(employee.user)
        raise RuntimeError
    assert callbacks == [] and mail.outbox == []


def test_preferences_turn_channels_off_per_event(
    org_a, employee, django_capture_on_commit_callbacks
):
    with in_org(org_a):
        notifications.notification_settings_update(
            user=employee.user,
            events={notifications.WORKFLOW_REMINDER: {"in_app": False, "email": False}},
        )
        with django_capture_on_commit_callbacks(execute=True):
            (item,) = _notify(employee.user)
        assert (item.in_app, item.email_state) == (False, "none")
    assert mail.outbox == []


def test_quiet_hours_hold_the_e_mail_until_they_end_in_the_users_time_zone(
    org_a, employee, django_capture_on_commit_callbacks
):
    employee.user.time_zone = "America/New_York"
    employee.user.save()
    late_evening = datetime.datetime(2027, 1, 5, 3, 30, tzinfo=datetime.UTC)  # 22:30 in NY
    with in_org(org_a):
        notifications.notification_settings_update(
            user=employee.user,
            quiet_hours_start=datetime.time(21, 0),
            quiet_hours_end=datetime.time(7, 0),
        )
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            (item,) = _notify(employee.user, now=late_evening)
        assert _emails(callbacks) == [], "not enqueued now"
        assert item.email_send_after == datetime.datetime(2027, 1, 5, 12, 0, tzinfo=datetime.UTC)
        assert notifications.notification_emails_due(now=late_evening, limit=10) == []
        seven = item.email_send_after
        assert notifications.notification_emails_due(now=seven, limit=10) == [item.pk]
        outcome = _as_task(
            org_a, notifications.notification_email_send, notification_id=item.pk, now=seven
        )
    assert outcome.state == "sent" and len(mail.outbox) == 1


def test_the_daily_digest_gathers_e_mails_and_is_sent_once_a_day(org_a, employee):
    with in_org(org_a):
        notifications.notification_settings_update(
            user=employee.user, email_digest=True, digest_hour=8
        )
        _notify(employee.user, occasion="one")
        _notify(employee.user, occasion="two")
        assert set(Notification.objects.values_list("email_state", flat=True)) == {"digest"}
        assert notifications.digests_open(now=T0 - datetime.timedelta(hours=2)) == []  # 07:00
        (digest_id,) = notifications.digests_open(now=T0)
        assert notifications.digests_open(now=T0) == [digest_id]
    first = _as_task(org_a, notifications.notification_digest_send, digest_id=digest_id, now=T0)
    again = _as_task(org_a, notifications.notification_digest_send, digest_id=digest_id, now=T0)
    assert (first.state, again.state) == ("sent", "skipped")
    assert len(mail.outbox) == 1
    assert "Your self-assessment is due" in mail.outbox[0].body
    with in_org(org_a):
        assert NotificationDigest.objects.get().item_count == 2
        assert set(Notification.objects.values_list("email_state", flat=True)) == {"sent"}
        assert notifications.digests_open(now=T0 + days(0.1)) == []


def test_a_failed_send_is_retried_with_backoff_then_given_up(
    org_a, employee, settings, monkeypatch
):
    settings.PLMS_NOTIFICATION_EMAIL_MAX_ATTEMPTS = 2

    def refuse(self, messages):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse, raising=True
    )
    with in_org(org_a):
        (item,) = _notify(employee.user)
    first = _as_task(org_a, notifications.notification_email_send, notification_id=item.pk, now=T0)
    assert first.state == "retry" and 15 <= first.retry_in <= 30
    with in_org(org_a):
        item.refresh_from_db()
        assert (item.email_state, item.email_attempts) == ("pending", 1)
    second = _as_task(
        org_a, notifications.notification_email_send, notification_id=item.pk, now=T0 + days(1)
    )
    assert second.state == "failed"


def test_an_abandoned_send_is_taken_again_after_the_lease(org_a, employee, settings):
    settings.PLMS_NOTIFICATION_EMAIL_LEASE_SECONDS = 60
    with in_org(org_a):
        (item,) = _notify(employee.user)
        Notification.objects.filter(pk=item.pk).update(
            email_state="sending", email_claimed_at=T0, email_attempts=1
        )
        assert notifications.notification_emails_due(now=T0 + days(0.0005), limit=5) == []
        assert notifications.notification_emails_due(now=T0 + days(0.001), limit=5) == [item.pk]
    outcome = _as_task(
        org_a, notifications.notification_email_send, notification_id=item.pk, now=T0 + days(0.001)
    )
    assert outcome.state == "sent"
    with in_org(org_a):
        item.refresh_from_db()
        assert item.email_attempts == 2


def test_unknown_events_are_refused(org_a, employee):
    with in_org(org_a), pytest.raises(ValueError):
        notifications.notify(recipients=[employee.user], event="nope", title="x")
