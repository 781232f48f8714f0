"""Momentum never loses or repeats work: a real Celery worker (prefork, acks_late), real Redis,
real PostgreSQL and e-mail through a real SMTP connection to a local sink.

- kill test: 1,000 due milestones, the worker SIGKILLed four times mid-batch → every
  notification stored once and e-mailed (0 lost); no step dispatched twice;
- broker restart: our own redis-server killed (-9, no persistence) and restarted mid-run →
  everything still processed once the tick finds the work the lost messages carried (the
  worker supervised as in production, since the lost connection may make it exit);
- beat outage: no tick for an hour → the next tick catches up, each item once;
- a task enqueued in a transaction that rolls back never runs;
- end to end with time travel: message, check-in, reminders once each, escalation after the
  overdue threshold.

About "exactly once" by e-mail: the database guarantees one notification per dedupe key and
one dispatch per step. SMTP has no two-phase commit, so a worker killed after the server
accepted a message but before it recorded `sent` makes the next attempt send it again, with
the same Message-ID (receivers can drop it). The tests count what arrives: every notification
arrives (0 lost), and any duplicate must be one of those interrupted sends.

Every wait is bounded (a hang fails); the bounds leave room for a loaded 2-core machine
running the rest of the suite in parallel.
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from plms.people.models import Employee
from plms.tenancy.context import organization_scope
from tests.factories import OrganizationFactory
from tests.workflows.factories import WorkflowMilestoneFactory, WorkflowTemplateFactory
from tests.workflows.realworld import (
    Beat,
    RedisServer,
    SmtpSink,
    Worker,
    celery_broker,
    shared_redis_url,
    wait_for,
)
from workflows import notifications
from workflows.engine import runs as run_engine
from workflows.models import MilestoneRun, Notification, WorkflowRun
from workflows.notifications import message_id

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def broker():
    url = shared_redis_url()
    with celery_broker(url):
        yield url
    import redis

    redis.Redis.from_url(url).flushdb()


@pytest.fixture
def workers(tmp_path, sink):
    started: list[Worker] = []

    def start(broker_url: str, **env: str) -> Worker:
        worker = Worker(broker=broker_url, smtp_port=sink.port, logdir=tmp_path, **env).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _people(organization, count: int) -> list[Employee]:
    User = get_user_model()
    stamp = f"{organization.slug}-{time.monotonic_ns()}"
    users = User.objects.bulk_create(
        User(email=f"p{i}-{stamp}@example.com", full_name=f"Person {i}") for i in range(count)
    )
    with organization_scope(organization):
        return Employee.objects.bulk_create(
            Employee(
                organization=organization,
                email=user.email,
                first_name="Person",
                last_name=str(i),
                user=user,
            )
            for i, user in enumerate(users)
        )


def _due_messages(organization, count: int, *, anchors) -> WorkflowRun:
    """`count` runs of an active one-message workflow, one per person, due at `anchors(i)`."""
    template = WorkflowTemplateFactory(organization=organization, status="active")
    WorkflowMilestoneFactory(
        organization=organization, template=template, name="Hello {employee}", position=0
    )
    people = _people(organization, count)
    with organization_scope(organization):
        for index, person in enumerate(people):
            run_engine.runs_start(
                template=template,
                employees=[person],
                occurrence="test",
                anchor_at=anchors(index),
                now=timezone.now(),
            )
    return template


def _done(organization) -> int:
    with organization_scope(organization):
        return MilestoneRun.objects.filter(state="done").count()


def _emailed(organization) -> int:
    with organization_scope(organization):
        return Notification.objects.filter(email_state="sent").count()


def _state(organization, sink: SmtpSink, worker) -> str:
    """Where the work stands, for a wait that timed out."""
    with organization_scope(organization):
        steps = dict(MilestoneRun.objects.values_list("state").annotate(n=Count("id")).order_by())
        emails = dict(
            Notification.objects.values_list("email_state").annotate(n=Count("id")).order_by()
        )
    return (
        f"steps {steps}, e-mails {emails}, {sink.count()} received; "
        f"worker log:\n{worker.log_tail()}"
    )


def _expected_ids(organization) -> set[str]:
    with organization_scope(organization):
        return {
            message_id("notification", u)
            for u in Notification.objects.values_list("uuid", flat=True)
        }


def _assert_exactly_once(organization, sink: SmtpSink, count: int) -> dict:
    with organization_scope(organization):
        steps = list(MilestoneRun.objects.values_list("state", "attempts"))
        notifications_ = Notification.objects.count()
        resent = set(
            Notification.objects.filter(email_attempts__gt=1).values_list("uuid", flat=True)
        )
    assert len(steps) == count
    assert {state for state, _ in steps} == {"done"}, "every step done"
    assert {attempts for _, attempts in steps} == {1}, "no step dispatched twice"
    assert notifications_ == count, "one notification per step (dedupe key)"
    expected = _expected_ids(organization)
    received = sink.ids()
    assert set(received) == expected, "every notification e-mailed: 0 lost, none unknown"
    duplicates = sink.duplicates()
    interrupted = {message_id("notification", u) for u in resent}
    assert set(duplicates) <= interrupted, "a resend only follows an interrupted send"
    return {
        "received": len(received),
        "distinct": len(set(received)),
        "duplicates": sum(n - 1 for n in duplicates.values()),
        "interrupted_sends": len(interrupted),
    }


def test_kill_the_worker_four_times_mid_batch(broker, sink, workers):
    count = 1000
    organization = OrganizationFactory(slug="kill-test")
    due = timezone.now() - datetime.timedelta(minutes=1)
    _due_messages(organization, count, anchors=lambda i: due)

    started = time.monotonic()
    worker = workers(broker)
    beat = Beat(interval=0.5).start()
    try:
        # Twice while milestones are being dispatched, twice while e-mails are being sent.
        moments = [
            ("200 steps done", lambda: _done(organization) >= 200),
            ("600 steps done", lambda: _done(organization) >= 600),
            ("300 e-mails", lambda: sink.count() >= 300),
            ("700 e-mails", lambda: sink.count() >= 700),
        ]
        for label, reached in moments:
            wait_for(reached, timeout=180, interval=0.1, message=label)
            worker.kill()
            worker.start()
        wait_for(
            lambda: _emailed(organization) == count and len(set(sink.ids())) == count,
            timeout=300,
            interval=0.5,
            message=lambda: _state(organization, sink, worker),
        )
    finally:
        beat.stop()
    figures = _assert_exactly_once(organization, sink, count)
    figures.update(kills=worker.kills, seconds=round(time.monotonic() - started, 1))
    print(f"\nkill test: {figures}")
    assert worker.kills == 4


def test_the_broker_restarts_mid_run(tmp_path, sink, workers):
    count = 300
    organization = OrganizationFactory(slug="broker-test")
    due = timezone.now() - datetime.timedelta(minutes=1)
    _due_messages(organization, count, anchors=lambda i: due)
    redis_server = RedisServer(tmp_path).start()
    try:
        with celery_broker(redis_server.url):
            # Supervised as in production: kombu's Redis transport may exit the worker
            # ("Unrecoverable error") when the connection drops while it holds an
            # unacknowledged message; the supervisor starts it again.
            worker = workers(redis_server.url).supervise()
            beat = Beat(interval=0.5).start()
            try:
                wait_for(lambda: sink.count() >= 60, timeout=180, message="first e-mails")
                redis_server.kill()  # every queued message is lost with it
                time.sleep(1.5)
                redis_server.start()
                wait_for(
                    lambda: _emailed(organization) == count and len(set(sink.ids())) == count,
                    timeout=300,
                    interval=0.5,
                    message=lambda: (
                        f"{_state(organization, sink, worker)}; beat {beat.sent} "
                        f"sent, {beat.failed} failed"
                    ),
                )
            finally:
                beat.stop()
                worker.stop()  # before the broker goes: its exit is not part of the test
    finally:
        redis_server.kill()
    figures = _assert_exactly_once(organization, sink, count)
    figures.update(worker_restarts=len(worker.exits), beat_sends_failed=beat.failed)
    print(f"\nbroker restart: {figures}")


def _settle(organization, broker_url: str, *, now: datetime.datetime, timeout: float = 30):
    """Wait until nothing due at `now` is left: no claimed step, no e-mail to send, no
    message queued."""
    import redis

    client = redis.Redis.from_url(broker_url)

    def quiet() -> bool:
        with organization_scope(organization):
            busy = (
                MilestoneRun.objects.filter(state="due").exists()
                or MilestoneRun.objects.filter(state="scheduled", due_at__lte=now).exists()
                or Notification.objects.filter(
                    email_state__in=("pending", "sending"), email_send_after__lte=now
                ).exists()
            )
        return not busy and client.llen("celery") == 0

    wait_for(quiet, timeout=timeout, interval=0.3, message="the tick's work did not settle")
    time.sleep(0.3)
    wait_for(quiet, timeout=timeout, interval=0.3, message="the tick's work did not settle")


def test_a_missed_hour_of_ticks_is_caught_up_once(broker, sink, workers):
    """Beat is down for an hour: 60 messages fall due, one a minute, and no tick runs. The
    first tick after it (at `now`) dispatches all 60; ticking again changes nothing."""
    from workflows.tasks import workflow_tick

    organization = OrganizationFactory(slug="outage-test")
    outage_start = timezone.now() - datetime.timedelta(hours=2)
    _due_messages(organization, 60, anchors=lambda i: outage_start + datetime.timedelta(minutes=i))
    workers(broker)
    back = outage_start + datetime.timedelta(hours=1, minutes=1)
    with organization_scope(organization):
        assert MilestoneRun.objects.filter(state="scheduled").count() == 60
    workflow_tick.delay(now=back.isoformat())
    _settle(organization, broker, now=back)
    workflow_tick.delay(now=(back + datetime.timedelta(minutes=1)).isoformat())
    _settle(organization, broker, now=back)
    wait_for(lambda: sink.count() >= 60, timeout=60, message="60 e-mails")
    time.sleep(0.5)
    _assert_exactly_once(organization, sink, 60)
    assert sink.count() == 60


def test_a_task_enqueued_in_a_rolled_back_transaction_never_runs(broker, sink, workers):
    import redis

    organization = OrganizationFactory(slug="rollback-test")
    (person,) = _people(organization, 1)
    workers(broker)

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), transaction.atomic(), organization_scope(organization):
        notifications.notify(
            recipients=[person.user],
            event=notifications.WORKFLOW_MESSAGE,
            title="Rolled back",
            object_id="rolled-back",
        )
        assert redis.Redis.from_url(broker).llen("celery") == 0, "nothing sent before commit"
        raise Abandon

    with organization_scope(organization):
        notifications.notify(
            recipients=[person.user],
            event=notifications.WORKFLOW_MESSAGE,
            title="Committed",
            object_id="committed",
        )
    wait_for(lambda: sink.count() >= 1, timeout=60, message="the committed e-mail")
    time.sleep(1.0)  # the worker had every chance to run anything else queued
    subjects = [subject for _, _, subject in sink.received]
    assert subjects == ["Committed"]
    with organization_scope(organization):
        assert list(Notification.objects.values_list("title", flat=True)) == ["Committed"]


def test_a_review_end_to_end_with_time_travel(broker, sink, workers):
    """Message and check-in at the start; reminders 2 days before, on and 1 day after the due
    day, once each however often the tick runs; escalation to the manager's manager 3 days
    overdue. (Assessment and development-plan steps join this when their kinds exist.)"""
    from tests import factories
    from tests.workflows.conftest import actor_for
    from workflows import services
    from workflows.tasks import workflow_tick

    organization = OrganizationFactory(slug="e2e-test")
    director = factories.member(organization, role="admin", email="director@e2e.example")
    manager = factories.member(organization, email="manager@e2e.example", manager=director.employee)
    employee = factories.member(
        organization, email="employee@e2e.example", manager=manager.employee
    )
    start = datetime.datetime(2031, 3, 3, 9, 0, tzinfo=datetime.UTC)
    with organization_scope(organization):
        template = services.workflow_template_create(
            actor=actor_for(director),
            name="Quarterly competency review",
            trigger="recurrence",
            recurrence="FREQ=MONTHLY;INTERVAL=3",
            start_date=start.date(),
            audience="people",
            audience_ids=[str(employee.employee.uuid)],
            milestones=[
                {"name": "The review starts", "kind": "send_message", "recipients": "both"},
                {
                    "name": "Review conversation",
                    "kind": "schedule_check_in",
                    "due_days": 7,
                    "recipients": "manager",
                    "remind_before_days": 2,
                    "remind_on_due": True,
                    "remind_overdue_days": 1,
                    "escalate_after_days": 3,
                },
            ],
        )
        services.workflow_template_activate(
            actor=actor_for(director), template=template, now=start - datetime.timedelta(days=1)
        )
    workers(broker)

    def tick(day: float) -> None:
        moment = start + datetime.timedelta(days=day)
        workflow_tick.delay(now=moment.isoformat())
        _settle(organization, broker, now=moment)

    def received() -> list[tuple[str, str]]:
        return sorted((rcpt, subject) for _, rcpt, subject in sink.received)

    tick(0)
    wait_for(lambda: sink.count() >= 4, timeout=60, message="the start e-mails")
    for day in (5, 5, 6):
        tick(day)
    wait_for(lambda: sink.count() >= 5, timeout=60, message="the first reminder")
    for day in (7, 7, 8, 8, 9):
        tick(day)
    wait_for(lambda: sink.count() >= 7, timeout=60, message="the next reminders")
    with organization_scope(organization):
        assert not Notification.objects.filter(event="workflow.escalation").exists()
    tick(10)
    tick(11)
    wait_for(lambda: sink.count() >= 8, timeout=60, message="the escalation")
    time.sleep(0.5)
    with organization_scope(organization):
        sent = sorted(Notification.objects.values_list("recipient__email", "event", "occasion"))
    assert sent == [
        ("director@e2e.example", "workflow.escalation", "escalation"),
        ("employee@e2e.example", "workflow.check_in", sent[1][2]),
        ("employee@e2e.example", "workflow.message", "start"),
        ("manager@e2e.example", "workflow.check_in", sent[3][2]),
        ("manager@e2e.example", "workflow.message", "start"),
        ("manager@e2e.example", "workflow.reminder", "reminder-before"),
        ("manager@e2e.example", "workflow.reminder", "reminder-due"),
        ("manager@e2e.example", "workflow.reminder", "reminder-overdue"),
    ]
    assert sink.count() == 8 and not sink.duplicates(), "each e-mailed once"
