"""Dispatching a chunk of claimed steps: together where the kind only notifies, each step
still done once, and one failing step failing on its own."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.conftest import in_org
from tests.workflows.conftest import T0, days
from tests.workflows.factories import WorkflowMilestoneFactory, WorkflowTemplateFactory
from workflows import milestones as registry
from workflows import notifications, tasks
from workflows.engine import runs as run_engine
from workflows.engine import steps as step_engine
from workflows.models import MilestoneRun, Notification, WorkflowRun, WorkflowTemplate

pytestmark = pytest.mark.django_db

NOW = T0 + days(1)


def _claimed(organization, manager, count: int, *, recipients: str = "both") -> list[int]:
    """`count` new reports of `manager`, each with a started one-message run, claimed."""
    people = [
        factories.member(organization, manager=manager.employee).employee for _ in range(count)
    ]
    with in_org(organization):
        template = WorkflowTemplateFactory(organization=organization, status="active")
        WorkflowMilestoneFactory(
            organization=organization,
            template=template,
            name="Hello {employee}",
            recipients=recipients,
        )
        run_engine.runs_start(
            template=template, employees=people, occurrence="test", anchor_at=T0, now=T0
        )
        return step_engine.steps_claim(now=NOW, limit=1000)


def _dispatch(organization, step_ids: list[int]) -> dict[str, int]:
    return tasks.dispatch_milestones(step_ids, organization_id=organization.pk, now=NOW.isoformat())


def _steps(organization, step_ids) -> list[MilestoneRun]:
    with in_org(organization):
        return list(MilestoneRun.objects.filter(pk__in=step_ids).order_by("id"))


def test_a_chunk_is_done_once_with_one_notification_per_recipient(org_a, manager):
    ids = _claimed(org_a, manager, 5)

    assert _dispatch(org_a, ids) == {"done": 5}
    assert _dispatch(org_a, ids) == {"skipped": 5}, "a replayed message does nothing"

    steps = _steps(org_a, ids)
    assert {(s.state, s.attempts, s.outcome) for s in steps} == {("done", 1, "Sent to 2 people.")}
    assert all(s.dispatched_at == NOW and s.completed_at == NOW for s in steps)
    with in_org(org_a):
        assert Notification.objects.count() == 10  # the employee and the manager, each step
        assert set(Notification.objects.values_list("email_state", flat=True)) == {"pending"}
        runs = WorkflowRun.objects.filter(steps__in=ids).distinct()
        assert {(r.state, r.completed_at) for r in runs} == {("completed", NOW)}


def test_the_queries_of_a_chunk_do_not_grow_with_its_steps(org_a, manager):
    counts = []
    for size in (2, 10):
        ids = _claimed(org_a, manager, size)
        with CaptureQueriesContext(connection) as queries:
            assert _dispatch(org_a, ids) == {"done": size}
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_notification_stored_already_is_not_stored_again(org_a, manager):
    ids = _claimed(org_a, manager, 3, recipients="employee")
    first = _steps(org_a, ids)[0]
    with in_org(org_a):
        run = WorkflowRun.objects.select_related("employee__user").get(pk=first.run_id)
        notifications.notify(
            recipients=[run.employee.user],
            event=notifications.WORKFLOW_MESSAGE,
            title="Sent before",
            obj=first,
            occasion="start",
        )

    assert _dispatch(org_a, ids) == {"done": 3}

    outcomes = [s.outcome for s in _steps(org_a, ids)]
    assert outcomes == [
        "Sent to 1 person; 1 had it already.",
        "Sent to 1 person.",
        "Sent to 1 person.",
    ]
    with in_org(org_a):
        assert Notification.objects.count() == 3
        assert Notification.objects.filter(title="Sent before").count() == 1


def test_one_failing_step_fails_alone(org_a, manager, monkeypatch):
    ids = _claimed(org_a, manager, 4)
    bad = _steps(org_a, ids)[2]
    kind = registry.kind_get("send_message")

    def notice(context):
        if context.step.pk == bad.pk:
            raise ValueError("no template for this one")
        return kind.notice(context)

    monkeypatch.setitem(registry.KINDS, "send_message", dataclasses.replace(kind, notice=notice))

    assert _dispatch(org_a, ids) == {"done": 3, "failed": 1}

    states = {s.pk: (s.state, s.last_error) for s in _steps(org_a, ids)}
    assert states.pop(bad.pk) == ("failed", "ValueError: no template for this one")
    assert set(states.values()) == {("done", "")}
    with in_org(org_a):
        assert Notification.objects.count() == 6
        assert WorkflowRun.objects.get(pk=bad.run_id).state == "completed"


def test_a_chunk_whose_transaction_fails_is_dispatched_step_by_step(org_a, manager, monkeypatch):
    ids = _claimed(org_a, manager, 4)
    sizes: list[int] = []
    notify_many = notifications.notify_many

    def flaky(notices, **kwargs):
        sizes.append(len(notices))
        if len(notices) > 1:
            raise IntegrityError("the chunk's insert failed")
        return notify_many(notices, **kwargs)

    monkeypatch.setattr(notifications, "notify_many", flaky)

    assert _dispatch(org_a, ids) == {"done": 4}

    assert sizes == [4, 1, 1, 1, 1], "tried together, then one by one"
    assert {(s.state, s.attempts) for s in _steps(org_a, ids)} == {("done", 1)}
    with in_org(org_a):
        assert Notification.objects.count() == 8


def test_steps_of_paused_and_cancelled_runs_are_left_to_the_one_by_one_path(org_a, manager):
    ids = _claimed(org_a, manager, 3)
    ids += _claimed(org_a, manager, 2)
    steps = _steps(org_a, ids)
    with in_org(org_a):
        WorkflowRun.objects.filter(pk=steps[0].run_id).update(state="cancelled")
        WorkflowTemplate.objects.filter(pk=steps[3].template_id).update(status="paused")

    assert _dispatch(org_a, ids) == {"cancelled": 1, "done": 2, "paused": 2}

    assert [s.state for s in _steps(org_a, ids)] == [
        "cancelled",
        "done",
        "done",
        "scheduled",
        "scheduled",
    ]


def test_the_e_mails_of_a_chunk_go_out_ten_to_a_task_and_once(
    org_a, manager, monkeypatch, django_capture_on_commit_callbacks, mailoutbox
):
    ids = _claimed(org_a, manager, 12)
    batches: list[list[int]] = []
    delay = tasks.send_notification_emails.delay

    def spy(notification_ids, **kwargs):
        batches.append(list(notification_ids))
        return delay(notification_ids, **kwargs)

    monkeypatch.setattr(tasks.send_notification_emails, "delay", spy)

    with django_capture_on_commit_callbacks(execute=True):
        assert _dispatch(org_a, ids) == {"done": 12}

    assert [len(batch) for batch in batches] == [10, 10, 4]
    assert len(mailoutbox) == 24
    with in_org(org_a):
        assert set(Notification.objects.values_list("email_state", flat=True)) == {"sent"}
    again = tasks.send_notification_emails(
        batches[0], organization_id=org_a.pk, now=NOW.isoformat()
    )
    assert again == {"skipped": 10}, "a message delivered again sends nothing twice"
    assert len(mailoutbox) == 24
