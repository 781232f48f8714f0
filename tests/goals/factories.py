"""Factories of the goals app; related objects stay in the factory's organization."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from goals.models import (
    ActionItem,
    CheckIn,
    CheckInEscalation,
    CheckInGoalReview,
    CheckInSeries,
    Feedback,
    FeedbackCapability,
    FeedbackRequest,
    Goal,
    GoalAlignment,
    GoalCapability,
    GoalChangeRequest,
    GoalContributor,
    GoalRedEpisode,
    GoalRollup,
    GoalSettings,
    GoalTemplate,
    GoalTemplateCapability,
    GoalUpdate,
)
from tests.capabilities.factories import CapabilityFactory
from tests.factories import EmployeeFactory, TenantFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")
TODAY = datetime.date(2027, 1, 1)


def _employee():
    return factory.SubFactory(EmployeeFactory, organization=SAME_ORG)


@tenant_factory
class GoalSettingsFactory(TenantFactory):
    class Meta:
        model = GoalSettings
        django_get_or_create = ("organization",)


@tenant_factory
class GoalFactory(TenantFactory):
    """An active, SMART-R-passing operational goal of an employee: 40 → 60 calls resolved."""

    class Meta:
        model = Goal

    title = factory.Sequence(lambda n: f"Raise first-contact resolution to 60 % ({n})")
    level = "operational"
    owner_type = "employee"
    owner_employee = _employee()
    status = "active"
    unit = "%"
    direction = "increase"
    baseline = Decimal(40)
    target = Decimal(60)
    indicator = "lagging"
    perspective = "customer"
    start_date = datetime.date(2027, 1, 1)
    due_date = datetime.date(2027, 3, 31)


@tenant_factory
class GoalContributorFactory(TenantFactory):
    class Meta:
        model = GoalContributor

    goal = factory.SubFactory(GoalFactory, organization=SAME_ORG)
    employee = _employee()


@tenant_factory
class GoalAlignmentFactory(TenantFactory):
    class Meta:
        model = GoalAlignment

    child = factory.SubFactory(GoalFactory, organization=SAME_ORG)
    parent = factory.SubFactory(
        GoalFactory,
        organization=SAME_ORG,
        owner_type="organization",
        owner_employee=None,
        level="strategic",
    )


@tenant_factory
class GoalRollupFactory(TenantFactory):
    class Meta:
        model = GoalRollup

    goal = factory.SubFactory(GoalFactory, organization=SAME_ORG)
    rolled_up = Decimal(50)


@tenant_factory
class GoalCapabilityFactory(TenantFactory):
    class Meta:
        model = GoalCapability

    goal = factory.SubFactory(GoalFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)


@tenant_factory
class GoalUpdateFactory(TenantFactory):
    class Meta:
        model = GoalUpdate

    goal = factory.SubFactory(GoalFactory, organization=SAME_ORG)
    value = Decimal(45)


@tenant_factory
class GoalChangeRequestFactory(TenantFactory):
    class Meta:
        model = GoalChangeRequest

    goal = factory.SubFactory(GoalFactory, organization=SAME_ORG)
    changes = factory.LazyFunction(lambda: {"target": {"before": "60", "after": "55"}})
    justification = "The queue changed."


@tenant_factory
class GoalRedEpisodeFactory(TenantFactory):
    class Meta:
        model = GoalRedEpisode

    goal = factory.SubFactory(GoalFactory, organization=SAME_ORG)


@tenant_factory
class GoalTemplateFactory(TenantFactory):
    class Meta:
        model = GoalTemplate

    name = factory.Sequence(lambda n: f"Template {n}")
    title = "Raise customer satisfaction to 90 %"
    unit = "%"
    baseline = Decimal(80)
    target = Decimal(90)


@tenant_factory
class GoalTemplateCapabilityFactory(TenantFactory):
    class Meta:
        model = GoalTemplateCapability

    template = factory.SubFactory(GoalTemplateFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)


@tenant_factory
class CheckInSeriesFactory(TenantFactory):
    class Meta:
        model = CheckInSeries

    manager = _employee()
    report = factory.SubFactory(
        EmployeeFactory, organization=SAME_ORG, manager=factory.SelfAttribute("..manager")
    )
    cadence = "weekly"
    next_date = TODAY


@tenant_factory
class CheckInFactory(TenantFactory):
    class Meta:
        model = CheckIn

    series = factory.SubFactory(CheckInSeriesFactory, organization=SAME_ORG)
    manager = factory.SelfAttribute("series.manager")
    report = factory.SelfAttribute("series.report")
    scheduled_for = factory.Sequence(lambda n: TODAY + datetime.timedelta(days=7 * n))


@tenant_factory
class CheckInGoalReviewFactory(TenantFactory):
    class Meta:
        model = CheckInGoalReview

    check_in = factory.SubFactory(CheckInFactory, organization=SAME_ORG)
    goal = factory.SubFactory(
        GoalFactory,
        organization=SAME_ORG,
        owner_employee=factory.SelfAttribute("..check_in.report"),
    )


@tenant_factory
class ActionItemFactory(TenantFactory):
    class Meta:
        model = ActionItem

    check_in = factory.SubFactory(CheckInFactory, organization=SAME_ORG)
    series = factory.SelfAttribute("check_in.series")
    owner = factory.SelfAttribute("check_in.report")
    text = factory.Sequence(lambda n: f"Action {n}")


@tenant_factory
class CheckInEscalationFactory(TenantFactory):
    class Meta:
        model = CheckInEscalation

    check_in = factory.SubFactory(CheckInFactory, organization=SAME_ORG)
    part = "obstacles"
    text = "Blocked by the tooling budget."
    escalated_to = _employee()


@tenant_factory
class FeedbackRequestFactory(TenantFactory):
    class Meta:
        model = FeedbackRequest

    requester = _employee()
    asked = _employee()


@tenant_factory
class FeedbackFactory(TenantFactory):
    class Meta:
        model = Feedback

    giver = _employee()
    receiver = _employee()
    kind = "recognition"
    observation = "You closed the escalated case within the hour."
    impact = "The customer renewed."
    visibility = "private"


@tenant_factory
class FeedbackCapabilityFactory(TenantFactory):
    class Meta:
        model = FeedbackCapability

    feedback = factory.SubFactory(FeedbackFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
