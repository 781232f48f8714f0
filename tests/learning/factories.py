"""Factories of learning; related objects stay in one organization."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from learning.models import (
    CapabilityEvidence,
    DevelopmentPlan,
    ItemCapability,
    LearningCompletion,
    LearningFeedback,
    LearningItem,
    LearningSettings,
    PlanBuild,
    PlanItem,
    ReassessmentRequest,
)
from tests.assessments.factories import AssessmentCycleFactory
from tests.capabilities.factories import CapabilityFactory
from tests.factories import EmployeeFactory, TenantFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class LearningSettingsFactory(TenantFactory):
    class Meta:
        model = LearningSettings
        django_get_or_create = ("organization",)

    hours_per_quarter = 40


@tenant_factory
class LearningItemFactory(TenantFactory):
    class Meta:
        model = LearningItem

    title = factory.Sequence(lambda n: f"Learning item {n}")
    kind = LearningItem.Kind.COURSE
    duration_hours = Decimal("4")
    cost = Decimal("100")
    external_id = factory.Sequence(lambda n: f"item-{n}")


@tenant_factory
class ItemCapabilityFactory(TenantFactory):
    class Meta:
        model = ItemCapability

    item = factory.SubFactory(LearningItemFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
    level_from = 1
    level_to = 3


@tenant_factory
class DevelopmentPlanFactory(TenantFactory):
    class Meta:
        model = DevelopmentPlan

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    title = factory.Sequence(lambda n: f"Plan {n}")
    period_start = datetime.date(2027, 1, 1)
    period_end = datetime.date(2027, 6, 30)


@tenant_factory
class PlanItemFactory(TenantFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(DevelopmentPlanFactory, organization=SAME_ORG)
    item = factory.SubFactory(LearningItemFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
    reason = "Capability: 2 → target 3"
    due_date = datetime.date(2027, 3, 1)
    order = factory.Sequence(lambda n: n + 1)


@tenant_factory
class LearningCompletionFactory(TenantFactory):
    class Meta:
        model = LearningCompletion

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    item = factory.SubFactory(LearningItemFactory, organization=SAME_ORG)
    completed_at = factory.LazyFunction(timezone.now)


@tenant_factory
class CapabilityEvidenceFactory(TenantFactory):
    class Meta:
        model = CapabilityEvidence

    completion = factory.SubFactory(LearningCompletionFactory, organization=SAME_ORG)
    employee = factory.SelfAttribute("completion.employee")
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)


@tenant_factory
class ReassessmentRequestFactory(TenantFactory):
    class Meta:
        model = ReassessmentRequest

    completion = factory.SubFactory(LearningCompletionFactory, organization=SAME_ORG)
    employee = factory.SelfAttribute("completion.employee")
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)


@tenant_factory
class PlanBuildFactory(TenantFactory):
    class Meta:
        model = PlanBuild

    cycle = factory.SubFactory(AssessmentCycleFactory, organization=SAME_ORG)
    state = PlanBuild.State.DONE


@tenant_factory
class LearningFeedbackFactory(TenantFactory):
    class Meta:
        model = LearningFeedback

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    item = factory.SubFactory(LearningItemFactory, organization=SAME_ORG)
    rating = 4
    comment = "Practical and short."
