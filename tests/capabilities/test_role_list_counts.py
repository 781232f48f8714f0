"""The counts the role list shows: a role's requirements and its current holders, each counted
for its own role (a subquery per row read); ended assignments stay out."""

from __future__ import annotations

from django.utils import timezone

from capabilities.selectors import job_role_list
from tests.capabilities.factories import (
    JobRoleFactory,
    RoleAssignmentFactory,
    RoleRequirementFactory,
)
from tests.conftest import in_org


def test_each_role_counts_its_requirements_and_current_holders(org_a):
    with in_org(org_a):
        held = JobRoleFactory(organization=org_a, name="Advisor")
        JobRoleFactory(organization=org_a, name="Analyst")
        for _ in range(2):
            RoleRequirementFactory(organization=org_a, role=held)
        RoleAssignmentFactory(organization=org_a, role=held)
        RoleAssignmentFactory(organization=org_a, role=held, ended_at=timezone.now())
        counts = {r.name: (r.requirement_count, r.holder_count) for r in job_role_list()}
    assert counts == {"Advisor": (2, 1), "Analyst": (0, 0)}
