"""Factories of succession and careers; related objects stay in the factory's organization."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import Permission

from talent.models import (
    READ_POOL,
    READ_SUCCESSION,
    Aspiration,
    CareerPath,
    CriticalRole,
    CriticalRoleUserObjectPermission,
    PotentialAssessment,
    PotentialCriterion,
    Successor,
    SuccessorNomination,
    TalentPool,
    TalentPoolItem,
    TalentPoolMember,
    TalentPoolUserObjectPermission,
    TalentReview,
    TalentReviewEntry,
    TalentReviewMove,
    TalentReviewUserObjectPermission,
)
from tests.capabilities.factories import JobRoleFactory
from tests.factories import (
    DepartmentFactory,
    EmployeeFactory,
    TenantFactory,
    UserFactory,
    tenant_factory,
)
from tests.learning.factories import LearningItemFactory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class CareerPathFactory(TenantFactory):
    class Meta:
        model = CareerPath

    from_role = factory.SubFactory(JobRoleFactory, organization=SAME_ORG)
    to_role = factory.SubFactory(JobRoleFactory, organization=SAME_ORG)
    typical_months = 24


@tenant_factory
class AspirationFactory(TenantFactory):
    class Meta:
        model = Aspiration

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    role = factory.SubFactory(JobRoleFactory, organization=SAME_ORG)
    rank = 1


@tenant_factory
class CriticalRoleFactory(TenantFactory):
    class Meta:
        model = CriticalRole

    role = factory.SubFactory(JobRoleFactory, organization=SAME_ORG)
    impact = 3
    likelihood = 2


@tenant_factory
class SuccessorFactory(TenantFactory):
    class Meta:
        model = Successor

    critical_role = factory.SubFactory(CriticalRoleFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    readiness = Successor.Readiness.ONE_TWO_YEARS


def _read_succession() -> Permission:
    return Permission.objects.get(content_type__app_label="talent", codename=READ_SUCCESSION)


@tenant_factory
class CriticalRoleUserObjectPermissionFactory(TenantFactory):
    class Meta:
        model = CriticalRoleUserObjectPermission

    content_object = factory.SubFactory(CriticalRoleFactory, organization=SAME_ORG)
    user = factory.SubFactory(UserFactory)
    permission = factory.LazyFunction(_read_succession)


@tenant_factory
class PotentialCriterionFactory(TenantFactory):
    class Meta:
        model = PotentialCriterion

    key = factory.Sequence(lambda n: f"criterion-{n}")
    name = factory.Sequence(lambda n: f"Criterion {n}")
    description = "What it is about."
    low = "Low."
    medium = "Medium."
    high = "High."


@tenant_factory
class PotentialAssessmentFactory(TenantFactory):
    class Meta:
        model = PotentialAssessment

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    level = 2


@tenant_factory
class TalentPoolFactory(TenantFactory):
    class Meta:
        model = TalentPool

    name = factory.Sequence(lambda n: f"Pool {n}")
    boxes = factory.LazyFunction(lambda: ["3-3"])


@tenant_factory
class TalentPoolMemberFactory(TenantFactory):
    class Meta:
        model = TalentPoolMember

    pool = factory.SubFactory(TalentPoolFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)


@tenant_factory
class SuccessorNominationFactory(TenantFactory):
    class Meta:
        model = SuccessorNomination

    critical_role = factory.SubFactory(CriticalRoleFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    proposed_by = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    readiness = Successor.Readiness.ONE_TWO_YEARS


@tenant_factory
class TalentPoolItemFactory(TenantFactory):
    class Meta:
        model = TalentPoolItem

    pool = factory.SubFactory(TalentPoolFactory, organization=SAME_ORG)
    item = factory.SubFactory(LearningItemFactory, organization=SAME_ORG)


def _read_pool() -> Permission:
    return Permission.objects.get(content_type__app_label="talent", codename=READ_POOL)


@tenant_factory
class TalentPoolUserObjectPermissionFactory(TenantFactory):
    class Meta:
        model = TalentPoolUserObjectPermission

    content_object = factory.SubFactory(TalentPoolFactory, organization=SAME_ORG)
    user = factory.SubFactory(UserFactory)
    permission = factory.LazyFunction(_read_pool)


@tenant_factory
class TalentReviewFactory(TenantFactory):
    class Meta:
        model = TalentReview

    name = factory.Sequence(lambda n: f"Talent review {n}")
    department = factory.SubFactory(DepartmentFactory, organization=SAME_ORG)
    held_on = factory.LazyFunction(datetime.date.today)
    facilitator = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)


def _run_talent_review() -> Permission:
    return Permission.objects.get(content_type__app_label="talent", codename="run_talent_review")


@tenant_factory
class TalentReviewUserObjectPermissionFactory(TenantFactory):
    class Meta:
        model = TalentReviewUserObjectPermission

    content_object = factory.SubFactory(TalentReviewFactory, organization=SAME_ORG)
    user = factory.SubFactory(UserFactory)
    permission = factory.LazyFunction(_run_talent_review)


@tenant_factory
class TalentReviewMoveFactory(TenantFactory):
    class Meta:
        model = TalentReviewMove

    review = factory.SubFactory(TalentReviewFactory, organization=SAME_ORG)
    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    from_box = "2-2"
    to_box = "2-3"
    reason = "Led the launch."


@tenant_factory
class TalentReviewEntryFactory(TenantFactory):
    class Meta:
        model = TalentReviewEntry

    review = factory.SubFactory(TalentReviewFactory, organization=SAME_ORG)
    kind = TalentReviewEntry.Kind.ACTION
    text = "Offer a stretch assignment."
    owner = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
