"""A closed cycle with constructed results for the employee of the shared fixtures.

Employee: role targets communication 4 (weight 3, consolidated 3 → 75 %) and resolution 3
(weight 1, consolidated 3, calibrated to 3.5 → 100 % at the default cap); two goals in the
cycle: 40 → 60 now at 50 (50 %, weight 1) and 40 → 60 now at 60 (100 %, weight 1).
Capability part 81.25, goal part 75, score (50/50) 78.13 → "Meets" (3).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessments.models import AssessmentCycle
from plms.tenancy.actors import Actor, system_actor
from reward import services
from tests.assessments.factories import AssessmentCycleFactory, ConsolidatedLevelFactory
from tests.capabilities.factories import (
    CapabilityFactory,
    JobRoleFactory,
    RoleAssignmentFactory,
    RoleRequirementFactory,
)
from tests.conftest import in_org
from tests.goals.factories import GoalFactory


def actor_of(member) -> Actor:
    return Actor(
        organization=member.organization, membership=member.membership, employee=member.employee
    )


@pytest.fixture
def scale(org_a):
    with in_org(org_a):
        services.rating_scale_ensure(actor=system_actor(org_a))


@pytest.fixture
def rated_cycle(org_a, employee, manager, scale):
    role = JobRoleFactory(organization=org_a, name="Advisor")
    communication = CapabilityFactory(organization=org_a, name="Customer communication")
    resolution = CapabilityFactory(organization=org_a, name="Complaint resolution")
    RoleRequirementFactory(
        organization=org_a, role=role, capability=communication, target_level=4, weight=3
    )
    RoleRequirementFactory(
        organization=org_a, role=role, capability=resolution, target_level=3, weight=1
    )
    for person in (employee, manager):
        RoleAssignmentFactory(organization=org_a, employee=person.employee, role=role)
    cycle = AssessmentCycleFactory(
        organization=org_a,
        name="2027 review",
        status=AssessmentCycle.Status.CLOSED,
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 12, 31),
    )
    ConsolidatedLevelFactory(
        organization=org_a,
        cycle=cycle,
        employee=employee.employee,
        capability=communication,
        level=Decimal(3),
        target_level=4,
        requirement_weight=3,
    )
    ConsolidatedLevelFactory(
        organization=org_a,
        cycle=cycle,
        employee=employee.employee,
        capability=resolution,
        level=Decimal(3),
        adjusted_level=Decimal("3.5"),
        adjustment_reason="Evidence",
        target_level=3,
        requirement_weight=1,
    )
    GoalFactory(
        organization=org_a,
        owner_employee=employee.employee,
        current=Decimal(50),
        due_date=datetime.date(2027, 6, 30),
    )
    GoalFactory(
        organization=org_a,
        owner_employee=employee.employee,
        current=Decimal(60),
        due_date=datetime.date(2027, 9, 30),
        status="completed",
    )
    # Outside the cycle's period: not counted.
    GoalFactory(
        organization=org_a,
        owner_employee=employee.employee,
        current=Decimal(40),
        due_date=datetime.date(2028, 3, 31),
    )
    return cycle
