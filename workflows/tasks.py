"""Celery tasks of Momentum: the tick, dispatching claimed steps, sending e-mails.

Thin wrappers around `workflows.engine` and `workflows.notifications`: ids in, never model
instances; each enters its organization here, at the boundary (the engine commits its work in
several transactions inside it); `acks_late` so a killed worker's message is delivered again;
database connection errors retried with exponential backoff and jitter, a bounded number of
times, with countdowns far below the broker's visibility timeout. None of them is the only
record of its work: the tick finds anything a lost message left behind.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from celery import shared_task
from celery.signals import task_received
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone

from plms.common import workers
from plms.common.retention import NOTIFICATIONS, retention_days
from plms.tenancy.context import organization_context
from workflows import notifications, retention
from workflows.engine import steps as step_engine
from workflows.engine import tick as tick_engine

logger = logging.getLogger(__name__)

RETRYABLE = (OperationalError, InterfaceError)
# Every countdown stays far below the broker's visibility timeout (an hour).
RETRY = {
    "autoretry_for": RETRYABLE,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 6,
}
MAX_EMAIL_COUNTDOWN = 1800


def _when(now: str | None) -> datetime | None:
    return datetime.fromisoformat(now) if now else None


@shared_task(acks_late=True, ignore_result=True)
def workflow_tick(now: str | None = None) -> int:
    """Beat, every minute: one task per organization with work."""
    moment = _when(now) or timezone.now()
    organization_ids = tick_engine.organizations_with_work(now=moment)
    for organization_id in organization_ids:
        workflow_tick_organization.delay(organization_id=organization_id, now=now)
    return len(organization_ids)


@shared_task(acks_late=True, ignore_result=True)
def workflow_recover() -> int:
    """Beat, every PLMS_WORKFLOW_RECOVER_SECONDS: organizations with steps or e-mails held by
    a worker process that stopped beating are ticked now, which takes that work over."""
    organization_ids = step_engine.organizations_with_orphans()
    for organization_id in organization_ids:
        logger.warning("Taking over work of a dead worker in organization %s", organization_id)
        workflow_tick_organization.delay(organization_id=organization_id)
    workers.purge_stale()
    return len(organization_ids)


@shared_task(acks_late=True, ignore_result=True, **RETRY)
def workflow_tick_organization(*, organization_id: int, now: str | None = None) -> dict:
    with organization_context(organization_id):
        report = tick_engine.organization_tick(now=_when(now))
    if report.steps_claimed or report.runs_started or report.emails:
        logger.info("Momentum tick for organization %s: %s", organization_id, report)
    return report.__dict__


@shared_task(acks_late=True, ignore_result=True, **RETRY)
def dispatch_milestones(
    step_ids: list[int], *, organization_id: int, now: str | None = None
) -> dict[str, int]:
    """A chunk of claimed steps (see `step_engine.steps_dispatch`); a retry redoes none that is
    done, since a step is only dispatched while it is `due`."""
    with organization_context(organization_id):
        step_engine.steps_take(step_ids=step_ids)
        return step_engine.steps_dispatch(step_ids=step_ids, now=_when(now))


def _in_worker(task) -> bool:
    return not (task.request.is_eager or task.request.called_directly)


@shared_task(bind=True, acks_late=True, ignore_result=True, **RETRY)
def send_notification_email(
    self, notification_id: int, *, organization_id: int, now: str | None = None
) -> str:
    with organization_context(organization_id):
        outcome = notifications.notification_email_send(
            notification_id=notification_id, now=_when(now)
        )
    if outcome.state == "retry" and outcome.retry_in is not None and _in_worker(self):
        # Also found by the tick once due; this only makes the retry prompt.
        raise self.retry(
            kwargs={**self.request.kwargs, "now": None},  # a retry acts at its own time
            countdown=min(outcome.retry_in, MAX_EMAIL_COUNTDOWN),
            max_retries=settings.PLMS_NOTIFICATION_EMAIL_MAX_ATTEMPTS,
        )
    return outcome.state


@shared_task(bind=True, acks_late=True, ignore_result=True, **RETRY)
def send_notification_emails(
    self, notification_ids: list[int], *, organization_id: int, now: str | None = None
) -> dict[str, int]:
    """The e-mails of one commit, one after another. Each is claimed on its own, so a message
    delivered again sends only those not sent yet; one to retry gets its own prompt task."""
    with organization_context(organization_id):
        notifications.notification_emails_take(notification_ids=notification_ids)
    outcomes: dict[str, int] = {}
    for notification_id in notification_ids:
        with organization_context(organization_id):
            outcome = notifications.notification_email_send(
                notification_id=notification_id, now=_when(now)
            )
        if outcome.state == "retry" and outcome.retry_in is not None and _in_worker(self):
            send_notification_email.apply_async(
                (notification_id,),
                {"organization_id": organization_id},
                countdown=min(outcome.retry_in, MAX_EMAIL_COUNTDOWN),
            )
        outcomes[outcome.state] = outcomes.get(outcome.state, 0) + 1
    return outcomes


@shared_task(bind=True, acks_late=True, ignore_result=True, **RETRY)
def send_notification_digest(
    self, digest_id: int, *, organization_id: int, now: str | None = None
) -> str:
    with organization_context(organization_id):
        outcome = notifications.notification_digest_send(digest_id=digest_id, now=_when(now))
    return outcome.state


@task_received.connect
def take_on_receipt(request=None, **_kwargs) -> None:
    """In the worker's main process, the moment a message arrives: stamp the steps or e-mails
    it carries with that process (plms.common.workers), so that a message the worker took but
    had not started when it died is taken over as soon as its heartbeat stops, not after the
    lease. Its pool process stamps them again with its own name when it starts them."""
    if request is None or workers.current_owner() is None:
        return
    name, args, kwargs = request.task_name, request.args or (), request.kwargs or {}
    organization_id = kwargs.get("organization_id")
    if organization_id is None or not args:
        return
    ids = args[0] if isinstance(args[0], list) else [args[0]]
    try:
        with organization_context(organization_id):
            if name == dispatch_milestones.name:
                step_engine.steps_take(step_ids=ids)
            elif name in (send_notification_emails.name, send_notification_email.name):
                notifications.notification_emails_take(notification_ids=ids)
    except Exception:  # stamping is an optimisation: the lease still covers the message
        logger.warning("could not stamp %s on receipt", name, exc_info=True)
        connection.close()  # a broken connection is opened afresh for the next message


@shared_task(acks_late=True, ignore_result=True)
def purge_notifications() -> int:
    """Beat, daily: one purge task per organization with notifications older than a day."""
    organization_ids = retention.organizations_with_notifications_before(
        before=timezone.now() - timedelta(days=1)
    )
    for organization_id in organization_ids:
        purge_notifications_of.delay(organization_id=organization_id)
    return len(organization_ids)


@shared_task(acks_late=True, ignore_result=True, **RETRY)
def purge_notifications_of(*, organization_id: int) -> int:
    """Notifications older than the organization's retention rules (the global
    PLMS_NOTIFICATION_RETENTION_DAYS until HR saves their own). Idempotent."""
    days = retention_days(
        kind=NOTIFICATIONS,
        organization_id=organization_id,
        default=settings.PLMS_NOTIFICATION_RETENTION_DAYS,
    )
    with organization_context(organization_id):
        removed = retention.notifications_purge(
            before=timezone.now() - timedelta(days=days),
            batch_size=settings.PLMS_RETENTION_BATCH_SIZE,
        )
    if removed:
        logger.info(
            "Purged %s notifications of organization %s older than %s days",
            removed,
            organization_id,
            days,
        )
    return removed
