"""A small organisation ready to assess: a five-level scale, a role requiring three
capabilities, an employee with a primary and a matrix manager, a peer, an expert, HR, and an
outsider in another organization; and a draft cycle weighted manager 50, self 20, peer 20,
expert 10."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment, AssessmentCycle
from assessments.selectors.requirements import required_capabilities
from assessments.services import cycles as cycle_services
from assessments.services import ratings as rating_services
from capabilities.services.scales import scale_ensure
from plms.people.models import Employee
from plms.tenancy.actors import Actor, system_actor
from tests import factories
from tests.capabilities.factories import (
    CapabilityFactory,
    CapabilityLevelFactory,
    JobRoleFactory,
    RoleAssignmentFactory,
    RoleRequirementFactory,
)
from tests.conftest import in_org
from tests.factories import EmployeeFactory


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
    matrix: object
    employee: object
    peer: object
    expert: object
    outsider: object
    capabilities: list
    other_capability: object
    role: object
    cycle: AssessmentCycle

    def launch(self, cycle=None) -> AssessmentCycle:
        cycle = cycle or self.cycle
        with in_org(self.org):
            cycle = cycle_services.cycle_launch(actor=self.system, cycle=cycle)
        cycle_services.cycle_launch_run(cycle_id=cycle.pk, organization_id=self.org.pk)
        with in_org(self.org):
            cycle.refresh_from_db()
        if cycle.pk == self.cycle.pk:
            self.cycle = cycle
        return cycle

    def assessment(self, *, rater, kind, employee=None) -> Assessment:
        employee = employee or self.employee
        with in_org(self.org):
            return Assessment.objects.select_related("cycle").get(
                cycle=self.cycle, employee=employee.employee, rater=rater.employee, kind=kind
            )

    def rate(
        self, member, assessment, levels, *, evidence="Seen in the March review.", submit=False
    ):
        """`levels`: {capability index: level or None}."""
        with in_org(self.org):
            items = [
                rating_services.RatingInput(self.capabilities[i], level, evidence)
                for i, level in levels.items()
            ]
            rating_services.ratings_save(actor=actor_of(member), assessment=assessment, items=items)
            if submit:
                rating_services.assessment_submit(actor=actor_of(member), assessment=assessment)


def build_levels(capability, organization):
    for number in range(1, 6):
        CapabilityLevelFactory(
            organization=organization,
            capability=capability,
            level=number,
            descriptor=f"{capability.name} at {number}",
            indicators=[f"Indicator {number}a", f"Indicator {number}b"],
        )


@pytest.fixture
def world(org_a, hr_admin, manager, employee, outsider) -> World:
    with in_org(org_a):
        scale_ensure()
        capabilities = [
            CapabilityFactory(organization=org_a, name=name, key=key)
            for name, key in (
                ("Customer communication", "customer-communication"),
                ("Complaint resolution", "complaint-resolution"),
                ("Negotiation", "negotiation"),
            )
        ]
        for capability in capabilities:
            build_levels(capability, org_a)
        other = CapabilityFactory(organization=org_a, name="Forklift driving", key="forklift")
        role = JobRoleFactory(organization=org_a, name="Advisor", key="advisor")
        for capability, target, weight in zip(capabilities, (3, 4, 3), (3, 2, 1), strict=True):
            RoleRequirementFactory(
                organization=org_a,
                role=role,
                capability=capability,
                target_level=target,
                weight=weight,
            )
        matrix = factories.member(org_a, email="matrix@a.example", title="Project lead")
        peer = factories.member(
            org_a, email="peer@a.example", title="Advisor", manager=manager.employee
        )
        expert = factories.member(org_a, email="expert@a.example", title="Trainer")
        factories.SecondaryManagerFactory(
            organization=org_a, employee=employee.employee, manager=matrix.employee, weight=40
        )
        Employee.objects.filter(pk=employee.employee.pk).update(manager_weight=60)
        for person in (employee, peer):
            RoleAssignmentFactory(organization=org_a, employee=person.employee, role=role)
        system = system_actor(org_a)
        cycle = cycle_services.cycle_create(
            actor=system,
            name="Q1 2027 competency review",
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 3, 31),
            weight_manager=50,
            weight_self=20,
            weight_peer=20,
            weight_expert=10,
            min_peers=2,
        )
    return World(
        org=org_a,
        system=system,
        hr=hr_admin,
        manager=manager,
        matrix=matrix,
        employee=employee,
        peer=peer,
        expert=expert,
        outsider=outsider,
        capabilities=capabilities,
        other_capability=other,
        role=role,
        cycle=cycle,
    )


def grow_team(world, people, capabilities=0):
    """More reports and more required capabilities, with results in a closed cycle."""
    with in_org(world.org):
        for index in range(capabilities):
            capability = CapabilityFactory(organization=world.org, name=f"Extra {index} {people}")
            build_levels(capability, world.org)
            RoleRequirementFactory(
                organization=world.org, role=world.role, capability=capability, target_level=3
            )
        for _ in range(people):
            person = EmployeeFactory(organization=world.org, manager=world.manager.employee)
            RoleAssignmentFactory(organization=world.org, employee=person, role=world.role)


def closed_cycle(world, name, **fields):
    """A cycle rated by the manager alone (levels 2, 3, 4, 2, … per capability), closed."""
    with in_org(world.org):
        cycle = cycle_services.cycle_create(
            actor=world.system,
            name=name,
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 3, 31),
            weight_manager=100,
            weight_self=0,
            weight_peer=0,
            **fields,
        )
    world.launch(cycle)
    with in_org(world.org):
        for assessment in Assessment.objects.filter(cycle=cycle, rater=world.manager.employee):
            items = [
                rating_services.RatingInput(r.capability, 2 + (i % 3), "Seen.")
                for i, r in enumerate(
                    required_capabilities(employee_id=assessment.employee_id).values()
                )
            ]
            rating_services.ratings_save(
                actor=actor_of(world.manager), assessment=assessment, items=items
            )
            rating_services.assessment_submit(actor=actor_of(world.manager), assessment=assessment)
        cycle_services.cycle_close(actor=world.system, cycle=cycle)
    return cycle


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response
