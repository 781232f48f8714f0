"""An organisation ready to plan: a five-level scale, a role requiring four capabilities, a
closed cycle in which the employee was assessed, and a small catalogue.

Employee's gaps (target - current, weight): customer communication 4 - 2 (3), complaint
resolution 3 - 2 (2), data protection 3 - 3 (1: no gap), negotiation 3 - 1 (1: no content).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from assessments.models import AssessmentCycle
from capabilities.services.scales import scale_ensure
from learning.models import LearningItem
from plms.tenancy.actors import Actor, system_actor
from tests.assessments.factories import AssessmentCycleFactory, ConsolidatedLevelFactory
from tests.capabilities.factories import (
    CapabilityFactory,
    JobRoleFactory,
    RoleAssignmentFactory,
    RoleRequirementFactory,
)
from tests.conftest import in_org
from tests.learning.factories import ItemCapabilityFactory, LearningItemFactory

Kind, Outcome = LearningItem.Kind, LearningItem.Outcome


def actor_of(member) -> Actor:
    return Actor(
        organization=member.organization, membership=member.membership, employee=member.employee
    )


@dataclass
class World:
    org: object
    system: Actor
    hr: object
    manager: object
    employee: object
    outsider: object
    capabilities: dict
    role: object
    cycle: AssessmentCycle
    items: dict

    def assess(self, member, levels: dict, *, cycle=None):
        """Consolidated levels of `member` in `cycle` (default: the world's closed cycle)."""
        cycle = cycle or self.cycle
        for key, level in levels.items():
            target, weight = REQUIREMENTS[key]
            ConsolidatedLevelFactory(
                organization=self.org,
                cycle=cycle,
                employee=member.employee if hasattr(member, "employee") else member,
                capability=self.capabilities[key],
                level=Decimal(str(level)),
                target_level=target,
                requirement_weight=weight,
            )

    def give_role(self, employee):
        RoleAssignmentFactory(organization=self.org, employee=employee, role=self.role)


REQUIREMENTS = {  # key: (target, weight)
    "communication": (4, 3),
    "complaints": (3, 2),
    "data": (3, 1),
    "negotiation": (3, 1),
}
NAMES = {
    "communication": "Customer communication",
    "complaints": "Complaint resolution",
    "data": "Data protection",
    "negotiation": "Negotiation",
}
# key: (kind, hours, cost, outcome, capability, from, to)
CATALOGUE = {
    "shadowing": (Kind.ON_THE_JOB, "6", "0", Outcome.REASSESS, "communication", 2, 3),
    "elearning": (Kind.E_LEARNING, "2", "50", Outcome.RATING, "communication", 3, 4),
    "mentoring": (Kind.MENTORING, "4", "0", Outcome.EVIDENCE, "communication", 2, 4),
    "course": (Kind.COURSE, "4", "300", Outcome.EVIDENCE, "complaints", 2, 3),
}


@pytest.fixture
def world(org_a, hr_admin, manager, employee, outsider) -> World:
    with in_org(org_a):
        scale_ensure()
    capabilities = {
        key: CapabilityFactory(organization=org_a, name=NAMES[key], key=f"cap-{key}")
        for key in REQUIREMENTS
    }
    role = JobRoleFactory(organization=org_a, name="Advisor", key="advisor")
    for key, (target, weight) in REQUIREMENTS.items():
        RoleRequirementFactory(
            organization=org_a,
            role=role,
            capability=capabilities[key],
            target_level=target,
            weight=weight,
        )
    cycle = AssessmentCycleFactory(
        organization=org_a,
        name="Q4 2026",
        period_start=datetime.date(2026, 10, 1),
        period_end=datetime.date(2026, 12, 31),
        status=AssessmentCycle.Status.CLOSED,
    )
    items = {}
    for key, (kind, hours, cost, outcome, capability, low, high) in CATALOGUE.items():
        items[key] = LearningItemFactory(
            organization=org_a,
            title=key.title(),
            kind=kind,
            duration_hours=Decimal(hours),
            cost=Decimal(cost),
            completion_outcome=outcome,
            external_id=f"lms-{key}",
        )
        ItemCapabilityFactory(
            organization=org_a,
            item=items[key],
            capability=capabilities[capability],
            level_from=low,
            level_to=high,
        )
    w = World(
        org=org_a,
        system=system_actor(org_a),
        hr=hr_admin,
        manager=manager,
        employee=employee,
        outsider=outsider,
        capabilities=capabilities,
        role=role,
        cycle=cycle,
        items=items,
    )
    w.give_role(employee.employee)
    w.assess(employee, {"communication": 2, "complaints": 2, "data": 3, "negotiation": 1})
    return w
