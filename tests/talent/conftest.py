"""An organisation with two roles: the employee is an Advisor and aspires to Team Lead.

Advisor needs Communication 3 (weight 2) and Planning 3; Team Lead needs Communication 4
(weight 2), Coaching 3 (weight 3) and Planning 3. Two closed cycles: in Q3 the employee had
Communication 2 and Coaching 1; in Q4 (the latest) Communication 3 and Coaching 2 (Planning
never assessed). A peer (another report of the manager) is an Advisor too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from assessments.models import AssessmentCycle
from capabilities.services.scales import scale_ensure
from learning.models import LearningItem
from plms.tenancy.actors import Actor
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory, ConsolidatedLevelFactory
from tests.capabilities.factories import (
    CapabilityFactory,
    JobRoleFactory,
    RoleAssignmentFactory,
    RoleRequirementFactory,
)
from tests.conftest import in_org
from tests.learning.factories import ItemCapabilityFactory, LearningItemFactory


def actor_of(member) -> Actor:
    return Actor(
        organization=member.membership.organization,
        membership=member.membership,
        employee=member.employee,
    )


@dataclass
class Careers:
    org: object
    hr: object
    manager: object
    employee: object
    peer: object
    outsider: object
    advisor: object
    lead: object
    capabilities: dict
    q3: AssessmentCycle
    q4: AssessmentCycle

    def assess(self, member, cycle, levels: dict) -> None:
        employee = member.employee if hasattr(member, "employee") else member
        for key, level in levels.items():
            ConsolidatedLevelFactory(
                organization=self.org,
                cycle=cycle,
                employee=employee,
                capability=self.capabilities[key],
                level=Decimal(str(level)),
                target_level=3,
            )


@pytest.fixture
def careers(org_a, hr_admin, manager, employee, outsider) -> Careers:
    with in_org(org_a):
        scale_ensure()
    caps = {
        key: CapabilityFactory(organization=org_a, name=key.title(), key=f"cap-{key}")
        for key in ("communication", "coaching", "planning")
    }
    advisor = JobRoleFactory(organization=org_a, name="Advisor", key="advisor")
    lead = JobRoleFactory(organization=org_a, name="Team Lead", key="team-lead")
    for role, key, target, weight in (
        (advisor, "communication", 3, 2),
        (advisor, "planning", 3, 1),
        (lead, "communication", 4, 2),
        (lead, "coaching", 3, 3),
        (lead, "planning", 3, 1),
    ):
        RoleRequirementFactory(
            organization=org_a, role=role, capability=caps[key], target_level=target, weight=weight
        )
    peer = factories.member(
        org_a, email="peer@a.example", title="Advisor", manager=manager.employee
    )
    for person in (employee, peer):
        RoleAssignmentFactory(organization=org_a, employee=person.employee, role=advisor)
    q3, q4 = (
        AssessmentCycleFactory(
            organization=org_a,
            name=name,
            period_start=start,
            period_end=end,
            status=AssessmentCycle.Status.CLOSED,
        )
        for name, start, end in (
            ("Q3 2026", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
            ("Q4 2026", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
        )
    )
    world = Careers(org_a, hr_admin, manager, employee, peer, outsider, advisor, lead, caps, q3, q4)
    world.assess(employee, q3, {"communication": 2, "coaching": 1})
    world.assess(employee, q4, {"communication": 3, "coaching": 2})
    coaching_course = LearningItemFactory(
        organization=org_a, title="Coaching circle", kind=LearningItem.Kind.MENTORING
    )
    ItemCapabilityFactory(
        organization=org_a,
        item=coaching_course,
        capability=caps["coaching"],
        level_from=2,
        level_to=3,
    )
    return world
