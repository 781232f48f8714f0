"""People around one employee's goal: owner, contributor, manager, matrix manager, HR, peer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from plms.tenancy.actors import Actor
from tests import factories
from tests.conftest import in_org
from tests.goals.factories import GoalAlignmentFactory, GoalContributorFactory, GoalFactory


def actor_for(member) -> Actor:
    return Actor(
        organization=member.organization, membership=member.membership, employee=member.employee
    )


# A goal form that passes the SMART check, without its owner and parents.
GOAL_FORM = {
    "title": "Raise NPS to 45",
    "level": "operational",
    "start_date": "2027-01-01",
    "due_date": "2027-06-30",
    "unit": "points",
    "direction": "increase",
    "baseline": "40",
    "target": "45",
    "indicator": "lagging",
    "perspective": "customer",
    "update_frequency": "monthly",
    "weight": "1",
}


@dataclass
class Cast:
    hr: factories.Member
    manager: factories.Member
    owner: factories.Member
    contributor: factories.Member
    matrix: factories.Member
    peer: factories.Member
    outsider: factories.Member


@pytest.fixture
def cast(org_a, hr_admin, manager, employee, outsider):
    contributor = factories.member(org_a, email="contributor@a.example", manager=hr_admin.employee)
    matrix = factories.member(org_a, email="matrix@a.example", manager=hr_admin.employee)
    peer = factories.member(org_a, email="peer@a.example", manager=manager.employee)
    factories.SecondaryManagerFactory(
        organization=org_a, employee=employee.employee, manager=matrix.employee, weight=40
    )
    return Cast(hr_admin, manager, employee, contributor, matrix, peer, outsider)


@pytest.fixture
def goal(org_a, cast):
    """An active goal of the owner, aligned to an organisation goal, with a contributor."""
    goal = GoalFactory(organization=org_a, owner_employee=cast.owner.employee)
    goal.strategy = GoalFactory(
        organization=org_a, owner_type="organization", owner_employee=None, level="strategic"
    )
    GoalAlignmentFactory(organization=org_a, child=goal, parent=goal.strategy)
    GoalContributorFactory(organization=org_a, goal=goal, employee=cast.contributor.employee)
    return goal


@pytest.fixture
def in_a(org_a):
    with in_org(org_a):
        yield org_a
