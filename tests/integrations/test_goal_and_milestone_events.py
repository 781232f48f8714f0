"""A goal's status change and a Momentum milestone falling due reach webhooks as events,
published in the transaction of the change."""

from __future__ import annotations

import json

import pytest

from goals.services import goal_transition
from plms.common.errors import ApplicationError
from plms.integrations.models import OutboxEvent
from plms.tenancy.actors import system_actor
from tests import factories
from tests.conftest import in_org
from tests.goals.factories import GoalFactory
from tests.integrations.factories import WebhookSubscriptionFactory
from tests.workflows.conftest import T0, days
from tests.workflows.factories import (
    MilestoneRunFactory,
    WorkflowMilestoneFactory,
    WorkflowTemplateFactory,
)
from workflows.engine import runs as run_engine
from workflows.engine import steps as step_engine
from workflows.models import MilestoneRun

pytestmark = pytest.mark.usefixtures("local_webhooks")


def _envelopes(receiver, event_type: str) -> list[dict]:
    return [
        json.loads(request.body)
        for request in receiver.requests
        if request.headers["PLMS-Event"] == event_type
    ]


def test_a_goal_status_change_is_delivered_with_its_envelope(
    org_a, employee, receiver, django_capture_on_commit_callbacks
):
    WebhookSubscriptionFactory(organization=org_a, url=receiver.url, events=["goal.status_changed"])
    with in_org(org_a):
        goal = GoalFactory(organization=org_a, owner_employee=employee.employee)
    with django_capture_on_commit_callbacks(execute=True), in_org(org_a):
        goal_transition(actor=system_actor(org_a), goal=goal, status="completed")

    (envelope,) = _envelopes(receiver, "goal.status_changed")
    assert envelope["organization"] == str(org_a.uuid)
    data = envelope["data"]
    assert data["id"] == str(goal.uuid) and data["title"] == goal.title
    assert (data["previous_status"], data["status"]) == ("active", "completed")
    assert data["owner_employee"] == str(employee.employee.uuid)
    assert data["owner_department"] is None
    with in_org(org_a):
        row = OutboxEvent.objects.get(name="goal_status_changed")
        assert str(row.subject) == str(employee.employee.uuid)


def test_a_refused_transition_publishes_nothing(org_a, employee):
    with in_org(org_a):
        goal = GoalFactory(organization=org_a, owner_employee=employee.employee)
        with pytest.raises(ApplicationError):  # an active goal cannot become a draft again
            goal_transition(actor=system_actor(org_a), goal=goal, status="draft")
        assert not OutboxEvent.objects.filter(name="goal_status_changed").exists()


def test_a_milestone_falling_due_is_delivered_once_with_its_envelope(
    org_a, manager, receiver, django_capture_on_commit_callbacks
):
    WebhookSubscriptionFactory(
        organization=org_a, url=receiver.url, events=["workflow.milestone_due"]
    )
    person = factories.member(org_a, manager=manager.employee).employee
    with in_org(org_a):
        template = WorkflowTemplateFactory(organization=org_a, status="active", name="Onboarding")
        milestone = WorkflowMilestoneFactory(organization=org_a, template=template)
        (run,) = run_engine.runs_start(
            template=template, employees=[person], occurrence="test", anchor_at=T0, now=T0
        )
        step = MilestoneRun.objects.get(run=run)
        # A reminder chasing the milestone is not a milestone of its own.
        MilestoneRunFactory(
            organization=org_a,
            run=run,
            milestone=milestone,
            parent=step,
            kind="remind",
            occasion="reminder-due",
            due_at=T0,
        )
    with django_capture_on_commit_callbacks(execute=True), in_org(org_a):
        claimed = step_engine.steps_claim(now=T0 + days(1), limit=10)
    assert len(claimed) == 2

    (envelope,) = _envelopes(receiver, "workflow.milestone_due")
    data = envelope["data"]
    assert data["id"] == str(step.uuid)
    assert data["workflow"] == str(template.uuid) and data["workflow_name"] == "Onboarding"
    assert data["milestone"] == str(milestone.uuid) and data["kind"] == "send_message"
    assert data["run"] == str(run.uuid) and data["employee"] == str(person.uuid)
    assert data["due_at"].startswith("2027-01-04T09:00:00")

    # A claim whose task was lost is taken again after the lease: the milestone fell due once.
    later = T0 + days(1) + days(1)
    with django_capture_on_commit_callbacks(execute=True), in_org(org_a):
        assert step.pk in step_engine.steps_claim(now=later, limit=10)
        assert OutboxEvent.objects.filter(name="milestone_due").count() == 1
    assert len(_envelopes(receiver, "workflow.milestone_due")) == 1
