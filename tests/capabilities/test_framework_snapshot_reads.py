"""A framework version's snapshot (the whole framework as published: 384 KB for the
benchmark's 150 capabilities) is read only where versions are compared. The lists and pages
that show which version a requirement, a cycle or a consolidated level belongs to read its
number, never the snapshot: joined to every row, it made the job roles list take 3.5 s and a
person's results page 0.4 s at organisation scale."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.selectors.results import consolidated_for_employee
from capabilities.services.frameworks import framework_version_current
from tests.assessments.factories import AssessmentCycleFactory, ConsolidatedLevelFactory
from tests.capabilities.factories import FrameworkVersionFactory, RoleRequirementFactory
from tests.conftest import in_org

SNAPSHOT_COLUMN = '"capabilities_frameworkversion"."snapshot"'


def _snapshot_read(request):
    """The response of `request()` and whether any of its queries selected a snapshot."""
    with CaptureQueriesContext(connection) as captured:
        response = request()
    return response, any(SNAPSHOT_COLUMN in q["sql"] for q in captured.captured_queries)


def test_lists_and_pages_show_version_numbers_without_the_snapshot(
    org_a, hr_admin, key_client_a, client
):
    with in_org(org_a):
        version = FrameworkVersionFactory(
            organization=org_a, number=7, snapshot={"capabilities": {"x": "y" * 1000}}
        )
        requirement = RoleRequirementFactory(organization=org_a, framework_version=version)
        AssessmentCycleFactory(organization=org_a, framework_version=version)

    roles, read = _snapshot_read(lambda: key_client_a.get("/api/v1/job-roles"))
    assert roles.status_code == 200 and not read
    assert roles.json()["results"][0]["requirements"][0]["framework_version"] == 7

    cycles, read = _snapshot_read(lambda: key_client_a.get("/api/v1/assessment-cycles"))
    assert cycles.status_code == 200 and not read
    assert cycles.json()["results"][0]["framework_version"] == 7

    client.force_login(hr_admin.user)
    url = reverse("capabilities:capability_detail", args=[requirement.capability.uuid])
    detail, read = _snapshot_read(lambda: client.get(url))
    assert detail.status_code == 200 and not read
    assert "v7" in detail.content.decode()


def test_a_persons_levels_and_the_version_in_force_leave_the_snapshot_unread(org_a, employee):
    with in_org(org_a):
        version = FrameworkVersionFactory(organization=org_a, number=3)
        ConsolidatedLevelFactory(
            organization=org_a, employee=employee.employee, framework_version=version
        )
        levels, read = _snapshot_read(
            lambda: list(consolidated_for_employee(employee=employee.employee))
        )
        assert [level.framework_version.number for level in levels] == [3] and not read
        assert "snapshot" in framework_version_current().get_deferred_fields()
