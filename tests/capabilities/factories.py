"""Factories of the capability library; related objects stay in one organization."""

from __future__ import annotations

import factory

from capabilities.models import (
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    CompetencyScale,
    FrameworkVersion,
    JobRole,
    KeyResult,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)
from tests.factories import EmployeeFactory, TenantFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class CompetencyScaleFactory(TenantFactory):
    class Meta:
        model = CompetencyScale
        django_get_or_create = ("organization",)

    name = "Competency scale"


@tenant_factory
class ScaleLevelFactory(TenantFactory):
    class Meta:
        model = ScaleLevel

    scale = factory.SubFactory(CompetencyScaleFactory, organization=SAME_ORG)
    number = factory.Sequence(lambda n: n % 7 + 1)
    name = factory.LazyAttribute(lambda o: f"Level {o.number}")


@tenant_factory
class CapabilityCategoryFactory(TenantFactory):
    class Meta:
        model = CapabilityCategory

    name = factory.Sequence(lambda n: f"Category {n}")


@tenant_factory
class CapabilityFactory(TenantFactory):
    class Meta:
        model = Capability

    name = factory.Sequence(lambda n: f"Capability {n}")
    key = factory.Sequence(lambda n: f"capability-{n}")
    category = factory.SubFactory(CapabilityCategoryFactory, organization=SAME_ORG)
    description = "Delivers an outcome."
    tags = factory.LazyFunction(lambda: ["service"])


@tenant_factory
class CapabilityLevelFactory(TenantFactory):
    class Meta:
        model = CapabilityLevel

    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
    level = 1
    descriptor = "Does the basics with guidance."
    indicators = factory.LazyFunction(lambda: ["Observable one.", "Observable two."])


@tenant_factory
class FrameworkVersionFactory(TenantFactory):
    class Meta:
        model = FrameworkVersion

    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyFunction(dict)


@tenant_factory
class JobRoleFactory(TenantFactory):
    class Meta:
        model = JobRole

    name = factory.Sequence(lambda n: f"Role {n}")
    key = factory.Sequence(lambda n: f"role-{n}")
    family = "Operations"


@tenant_factory
class RoleRequirementFactory(TenantFactory):
    class Meta:
        model = RoleRequirement

    role = factory.SubFactory(JobRoleFactory, organization=SAME_ORG)
    capability = factory.SubFactory(CapabilityFactory, organization=SAME_ORG)
    target_level = 3


@tenant_factory
class KeyResultFactory(TenantFactory):
    class Meta:
        model = KeyResult

    role = factory.SubFactory(JobRoleFactory, organization=SAME_ORG)
    outcome = "Customers are satisfied"
    kpi_unit = "%"
    kpi_target = 90


@tenant_factory
class RoleAssignmentFactory(TenantFactory):
    class Meta:
        model = RoleAssignment

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    role = factory.SubFactory(JobRoleFactory, organization=SAME_ORG)
