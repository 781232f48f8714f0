"""Momentum's gauges for `/metrics`, read from the database at scrape time, across
organizations (totals only: no organization or person in a label)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from prometheus_client.core import Metric

from plms.common.metrics import gauge
from plms.tenancy.context import dangerously_all_organizations
from workflows.models import MilestoneRun, Notification

WAITING = (MilestoneRun.State.SCHEDULED, MilestoneRun.State.DUE)
EMAIL_STATES = (
    Notification.EmailState.PENDING,
    Notification.EmailState.SENDING,
    Notification.EmailState.DIGEST,
    Notification.EmailState.FAILED,
)


def momentum_metrics() -> Iterable[Metric]:
    now = timezone.now()
    late = now - timedelta(seconds=settings.PLMS_METRICS_OVERDUE_SECONDS)
    lease = now - timedelta(seconds=settings.PLMS_NOTIFICATION_EMAIL_LEASE_SECONDS)
    with dangerously_all_organizations():
        steps = MilestoneRun.dangerously_unscoped.filter(state__in=WAITING, due_at__lte=now)
        counts = steps.aggregate(
            due=Count("id"),
            overdue=Count("id", filter=Q(due_at__lte=late)),
            oldest=Count("id", filter=Q(due_at__lte=now - timedelta(hours=1))),
        )
        emails = dict(
            Notification.dangerously_unscoped.filter(email_state__in=EMAIL_STATES)
            .values_list("email_state")
            .annotate(n=Count("id"))
            .order_by()
        )
        stuck = Notification.dangerously_unscoped.filter(
            email_state=Notification.EmailState.SENDING, email_claimed_at__lt=lease
        ).count()
    yield gauge(
        "plms_milestones_due",
        "Momentum steps whose time has come and that are not dispatched yet.",
        [],
        {(): counts["due"]},
    )
    yield gauge(
        "plms_milestones_overdue",
        "Due steps still waiting PLMS_METRICS_OVERDUE_SECONDS after their time (workers behind "
        "or down, or beat not ticking).",
        [],
        {(): counts["overdue"]},
    )
    yield gauge(
        "plms_milestones_overdue_hour",
        "Due steps waiting for more than an hour.",
        [],
        {(): counts["oldest"]},
    )
    yield gauge(
        "plms_notification_emails",
        "Notification e-mails by state (sent and not-e-mailed ones are not counted).",
        ["state"],
        {(str(state),): emails.get(state, 0) for state in EMAIL_STATES},
    )
    yield gauge(
        "plms_notification_emails_stuck",
        "E-mails marked sending whose sender stopped renewing its claim (a dead worker).",
        [],
        {(): stuck},
    )
