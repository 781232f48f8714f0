"""Factories of Momentum; related objects stay in the factory's organization."""

from __future__ import annotations

import datetime

import factory

from tests.factories import EmployeeFactory, TenantFactory, UserFactory, tenant_factory
from workflows.models import (
    MilestoneRun,
    Notification,
    NotificationDigest,
    NotificationSettings,
    WorkflowMilestone,
    WorkflowRun,
    WorkflowTemplate,
)

SAME_ORG = factory.SelfAttribute("..organization")
T0 = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)


@tenant_factory
class WorkflowTemplateFactory(TenantFactory):
    class Meta:
        model = WorkflowTemplate

    name = factory.Sequence(lambda n: f"Workflow {n}")
    trigger = "date"
    start_date = datetime.date(2027, 1, 4)


@tenant_factory
class WorkflowMilestoneFactory(TenantFactory):
    class Meta:
        model = WorkflowMilestone

    template = factory.SubFactory(WorkflowTemplateFactory, organization=SAME_ORG)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Milestone {n}")
    kind = "send_message"


@tenant_factory
class WorkflowRunFactory(TenantFactory):
    class Meta:
        model = WorkflowRun

    template = factory.SubFactory(WorkflowTemplateFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    occurrence = factory.Sequence(lambda n: f"occurrence-{n}")
    anchor_at = T0


@tenant_factory
class MilestoneRunFactory(TenantFactory):
    class Meta:
        model = MilestoneRun

    run = factory.SubFactory(WorkflowRunFactory, organization=SAME_ORG)
    milestone = factory.SubFactory(
        WorkflowMilestoneFactory,
        organization=SAME_ORG,
        template=factory.SelfAttribute("..run.template"),
    )
    template = factory.SelfAttribute("run.template")
    kind = "send_message"
    due_at = T0


@tenant_factory
class NotificationFactory(TenantFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    event = "workflow.message"
    object_id = factory.Sequence(lambda n: f"object-{n}")
    title = factory.Sequence(lambda n: f"Notification {n}")


@tenant_factory
class NotificationSettingsFactory(TenantFactory):
    class Meta:
        model = NotificationSettings

    user = factory.SubFactory(UserFactory)


@tenant_factory
class NotificationDigestFactory(TenantFactory):
    class Meta:
        model = NotificationDigest

    recipient = factory.SubFactory(UserFactory)
    day = datetime.date(2027, 1, 4)
