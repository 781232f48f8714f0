"""Factories of rate and reward; related objects stay in one organization."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from reward.models import (
    BonusLine,
    BonusRun,
    CalibrationRank,
    CompensationGrant,
    CompensationProposal,
    CompensationReview,
    LeaveRecord,
    MeritMatrixCell,
    PayGrade,
    PayRecord,
    PerformanceRating,
    RatingLevel,
    RatingRelease,
    ReviewBudget,
    RewardSettings,
)
from tests.assessments.factories import AssessmentCycleFactory
from tests.factories import DepartmentFactory, EmployeeFactory, TenantFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class RewardSettingsFactory(TenantFactory):
    class Meta:
        model = RewardSettings
        django_get_or_create = ("organization",)


@tenant_factory
class RatingLevelFactory(TenantFactory):
    class Meta:
        model = RatingLevel

    value = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Level {n + 1}")
    min_score = factory.Sequence(lambda n: Decimal(min(n * 10, 100)))


@tenant_factory
class PerformanceRatingFactory(TenantFactory):
    class Meta:
        model = PerformanceRating

    cycle = factory.SubFactory(AssessmentCycleFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    score = Decimal("72.50")
    proposed_level = 3


@tenant_factory
class RatingReleaseFactory(TenantFactory):
    class Meta:
        model = RatingRelease

    cycle = factory.SubFactory(AssessmentCycleFactory, organization=SAME_ORG)


@tenant_factory
class PayGradeFactory(TenantFactory):
    class Meta:
        model = PayGrade

    name = factory.Sequence(lambda n: f"Grade {n}")
    minimum = Decimal("40000")
    midpoint = Decimal("50000")
    maximum = Decimal("60000")
    currency = "EUR"
    target_bonus_percent = Decimal("10")


@tenant_factory
class PayRecordFactory(TenantFactory):
    class Meta:
        model = PayRecord

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    grade = factory.SubFactory(PayGradeFactory, organization=SAME_ORG)
    base_pay = Decimal("50000")
    currency = "EUR"
    effective_date = datetime.date(2026, 1, 1)


@tenant_factory
class CompensationGrantFactory(TenantFactory):
    class Meta:
        model = CompensationGrant

    manager = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)


@tenant_factory
class CompensationReviewFactory(TenantFactory):
    class Meta:
        model = CompensationReview

    name = factory.Sequence(lambda n: f"Pay review {n}")
    effective_date = datetime.date(2027, 4, 1)
    proposal_deadline = datetime.date(2027, 3, 15)


@tenant_factory
class ReviewBudgetFactory(TenantFactory):
    class Meta:
        model = ReviewBudget

    review = factory.SubFactory(CompensationReviewFactory, organization=SAME_ORG)
    department = factory.SubFactory(DepartmentFactory, organization=SAME_ORG)
    amount = Decimal("10000")


@tenant_factory
class MeritMatrixCellFactory(TenantFactory):
    class Meta:
        model = MeritMatrixCell

    review = factory.SubFactory(CompensationReviewFactory, organization=SAME_ORG)
    rating = 3
    range_from = Decimal(0)
    min_percent = Decimal(2)
    max_percent = Decimal(4)


@tenant_factory
class CompensationProposalFactory(TenantFactory):
    class Meta:
        model = CompensationProposal

    review = factory.SubFactory(CompensationReviewFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    current_pay = Decimal("50000")
    increase_percent = Decimal(3)
    increase_amount = Decimal("1500")


@tenant_factory
class BonusRunFactory(TenantFactory):
    class Meta:
        model = BonusRun

    name = factory.Sequence(lambda n: f"Bonus {n}")
    year = 2027


@tenant_factory
class BonusLineFactory(TenantFactory):
    class Meta:
        model = BonusLine

    run = factory.SubFactory(BonusRunFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    base_pay = Decimal("50000")
    target_percent = Decimal("10")
    target_amount = Decimal("5000")
    company_multiplier = Decimal(1)
    department_multiplier = Decimal(1)
    individual_multiplier = Decimal(1)
    prorate = Decimal(1)
    computed_amount = Decimal("5000")


@tenant_factory
class CalibrationRankFactory(TenantFactory):
    class Meta:
        model = CalibrationRank

    cycle = factory.SubFactory(AssessmentCycleFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    position = factory.Sequence(lambda n: n + 1)


@tenant_factory
class LeaveRecordFactory(TenantFactory):
    class Meta:
        model = LeaveRecord

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    starts_on = datetime.date(2027, 3, 1)
