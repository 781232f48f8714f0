"""Factories of surveys; related objects stay in one organization."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from surveys.models import (
    ActionPlan,
    Survey,
    SurveyAction,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
    SurveyRound,
    SurveySettings,
    random_id,
)
from tests.factories import EmployeeFactory, TenantFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class SurveySettingsFactory(TenantFactory):
    class Meta:
        model = SurveySettings
        django_get_or_create = ("organization",)


@tenant_factory
class SurveyFactory(TenantFactory):
    class Meta:
        model = Survey

    name = factory.Sequence(lambda n: f"Pulse {n}")
    status = Survey.Status.SCHEDULED


@tenant_factory
class SurveyQuestionFactory(TenantFactory):
    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory, organization=SAME_ORG)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Question {n}")
    kind = SurveyQuestion.Kind.SCALE


@tenant_factory
class SurveyRoundFactory(TenantFactory):
    class Meta:
        model = SurveyRound

    survey = factory.SubFactory(SurveyFactory, organization=SAME_ORG)
    number = factory.Sequence(lambda n: n + 1)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + datetime.timedelta(days=7))


@tenant_factory
class SurveyParticipationFactory(TenantFactory):
    class Meta:
        model = SurveyParticipation

    round = factory.SubFactory(SurveyRoundFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)


@tenant_factory
class SurveyResponseFactory(TenantFactory):
    class Meta:
        model = SurveyResponse

    id = factory.LazyFunction(random_id)
    round = factory.SubFactory(SurveyRoundFactory, organization=SAME_ORG)
    answers = factory.LazyFunction(dict)


@tenant_factory
class ActionPlanFactory(TenantFactory):
    class Meta:
        model = ActionPlan

    survey = factory.SubFactory(SurveyFactory, organization=SAME_ORG)


@tenant_factory
class SurveyActionFactory(TenantFactory):
    class Meta:
        model = SurveyAction

    plan = factory.SubFactory(ActionPlanFactory, organization=SAME_ORG)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
