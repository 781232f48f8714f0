"""Recovery in seconds, with the default settings: a worker killed with SIGKILL while it
holds claimed Momentum steps and sends e-mails; the replacement worker takes its work over
within 90 s, not after the claim leases (10 and 5 minutes): every step and every e-mail is
done, none twice. Beat runs the configured schedule (the tick every minute, the recovery
every 15 s)."""

from __future__ import annotations

import datetime
import time

import pytest
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from plms.common.models import WorkerHeartbeat
from plms.tenancy.context import organization_scope
from tests.factories import OrganizationFactory
from tests.workflows.realworld import ScheduleBeat, wait_for
from tests.workflows.test_reliability import (  # the fixtures, and what they count
    _due_messages,
    _state,
    broker,  # noqa: F401
    sink,  # noqa: F401
    workers,  # noqa: F401
)
from workflows.models import MilestoneRun, Notification
from workflows.notifications import message_id

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

# The production defaults, instead of the short leases the other reliability tests use.
DEFAULTS = {
    name: str(getattr(settings, name))
    for name in (
        "PLMS_WORKFLOW_CLAIM_LEASE_SECONDS",
        "PLMS_NOTIFICATION_EMAIL_LEASE_SECONDS",
        "PLMS_NOTIFICATION_EMAIL_GRACE_SECONDS",
        "PLMS_WORKER_HEARTBEAT_SECONDS",
        "PLMS_WORKER_HEARTBEAT_TIMEOUT_SECONDS",
    )
}


def _held(organization, since: datetime.datetime | None = None) -> tuple[set[int], set[int]]:
    """Steps and e-mails worker processes hold right now (stamped with their names); with
    `since`, only those of processes started since then (the worker now running)."""
    owners = WorkerHeartbeat.objects.filter(started_at__gte=since) if since else None
    with organization_scope(organization):
        steps = MilestoneRun.objects.filter(state="due", claimed_by__isnull=False)
        emails = Notification.objects.filter(
            email_state__in=("pending", "sending"), email_claimed_by__isnull=False
        )
        if owners is not None:
            names = list(owners.values_list("owner", flat=True))
            steps = steps.filter(claimed_by__in=names)
            emails = emails.filter(email_claimed_by__in=names)
        return set(steps.values_list("id", flat=True)), set(emails.values_list("id", flat=True))


def _holders(organization) -> str:
    """Who holds the steps still due, and which processes beat (for a wait that timed out)."""
    with organization_scope(organization):
        due = list(
            MilestoneRun.objects.filter(state="due")
            .values_list("claimed_by", "claimed_at")
            .distinct()
        )
    beats = list(WorkerHeartbeat.objects.values_list("owner", "started_at", "beat_at"))
    return f"due steps held by {due}; heartbeats {beats}"


def _finished(organization, steps: set[int], emails: set[int]) -> bool:
    with organization_scope(organization):
        open_steps = MilestoneRun.objects.filter(id__in=steps).exclude(state="done").exists()
        open_emails = (
            Notification.objects.filter(id__in=emails).filter(~Q(email_state="sent")).exists()
        )
    return not open_steps and not open_emails


def test_a_killed_workers_work_is_taken_over_within_90_seconds(broker, sink, workers):  # noqa: F811
    sink.delay = 0.02  # a provider taking 20 ms a message: sending is under way at the kill
    assert settings.PLMS_WORKFLOW_CLAIM_LEASE_SECONDS >= 300, "the defaults, not test values"
    count = 400
    organization = OrganizationFactory(slug="recovery-test")
    due = timezone.now() - datetime.timedelta(minutes=1)
    _due_messages(organization, count, anchors=lambda i: due)

    worker = workers(broker, **DEFAULTS)
    beat = ScheduleBeat("momentum-tick", "momentum-recover").start()
    kills: list[tuple[str, float, set[int], set[int]]] = []
    try:
        # Kill the worker as soon as it holds claimed steps (its tick's claim has committed;
        # the chunks are being sent or dispatched), start another; kill that one while it
        # sends e-mails, start a third.
        for what, index in (("steps", 0), ("e-mails", 1)):
            since = worker.started_at
            wait_for(
                lambda index=index, since=since: _held(organization, since)[index],
                timeout=120,
                interval=0.05,
                message=lambda what=what, worker=worker: (
                    f"the worker holds {what}: {_state(organization, sink, worker)}"
                ),
            )
            worker.kill()
            kills.append((what, time.monotonic(), *_held(organization)))
            worker = workers(broker, **DEFAULTS)
        recovered: dict[str, float] = {}

        def taken_over() -> bool:
            for what, killed_at, steps, emails in kills:
                if what not in recovered and _finished(organization, steps, emails):
                    recovered[what] = round(time.monotonic() - killed_at, 1)
            return len(recovered) == len(kills)

        wait_for(
            taken_over,
            timeout=90,
            interval=0.25,
            message=lambda: f"{recovered}; {_state(organization, sink, worker)}",
        )

        # The rest drains, every claimed step included: a claim names the process that made
        # it until a worker takes its chunk, so none waits for the claim lease.
        def drained() -> bool:
            with organization_scope(organization):
                return (
                    not MilestoneRun.objects.exclude(state="done").exists()
                    and not Notification.objects.filter(
                        email_state__in=("pending", "sending")
                    ).exists()
                )

        wait_for(
            drained,
            timeout=90,
            interval=0.5,
            message=lambda: f"{_holders(organization)}; {_state(organization, sink, worker)}",
        )
    finally:
        beat.stop()
    with organization_scope(organization):
        steps = list(MilestoneRun.objects.values_list("state", "attempts"))
        resent = set(
            Notification.objects.filter(email_attempts__gt=1).values_list("uuid", flat=True)
        )
    assert {attempts for state, attempts in steps if state == "done"} == {1}, "none twice"
    assert all(state == "done" for state, _ in steps), "nothing waits for the lease"
    received = sink.ids()
    assert len(set(received)) == count, "every e-mail arrived"
    assert set(sink.duplicates()) <= {message_id("notification", u) for u in resent}
    figures = {
        "received": len(received),
        "distinct": len(set(received)),
        "duplicates": sum(n - 1 for n in sink.duplicates().values()),
    }
    figures.update(
        held={what: (len(steps), len(emails)) for what, _, steps, emails in kills},
        recovered_in_seconds=recovered,
        heartbeats=WorkerHeartbeat.objects.count(),
    )
    print(f"\nrecovery with defaults: {figures}")
    assert kills[0][2], "the first kill hit steps being dispatched"
    assert kills[1][3], "the second kill hit e-mails being sent"
    assert all(seconds <= 90 for seconds in recovered.values())
    assert "Taking over work of a dead worker" in worker.log.read_text()
