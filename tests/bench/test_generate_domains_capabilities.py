"""The capabilities and assessments generator steps at a tiny size: the library, roles and
assignments they make, ratings of every requirement by every rater, consolidated levels equal
to what `consolidate_cycle` writes, and an open cycle the rating form accepts."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest
from django.db import transaction
from django.urls import reverse

from assessments.consolidation import consolidate_cycle
from assessments.models import Assessment, AssessmentCycle, ConsolidatedLevel, Rating
from bench.generators import Sizes, assessments, capabilities, people
from capabilities.models import (
    Capability,
    CapabilityLevel,
    FrameworkVersion,
    JobRole,
    RoleAssignment,
    RoleRequirement,
)
from plms.people.models import Employee
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization

SIZES = Sizes(employees=60, departments=10, sampled_members=5, capabilities=40)
COMPARED = (
    "level",
    "contributions",
    "rating_count",
    "framework_version_id",
    "target_level",
    "requirement_weight",
)


def run_steps(slug: str = "gen-cap", sizes: Sizes = SIZES) -> tuple[Organization, dict]:
    organization = Organization.objects.create(slug=slug, name=slug.title())
    actor = system_actor(organization)
    counts: dict[str, int] = {}
    with organization_scope(organization), transaction.atomic():
        for step in (people.generate, capabilities.generate, assessments.generate):
            counts.update(step(actor, random.Random(f"1:{step.__module__}"), sizes))
    return organization, counts


@pytest.fixture
def generated(db):
    return run_steps()


def test_library_roles_and_a_current_role_for_everyone(generated):
    organization, counts = generated
    with organization_scope(organization):
        assert Capability.objects.count() == counts["capabilities"] == SIZES.capabilities
        assert CapabilityLevel.objects.count() == SIZES.capabilities * SIZES.scale_levels
        assert Capability.objects.values("category").distinct().count() >= 3
        roles = JobRole.objects.count()
        assert roles == counts["job_roles"] == capabilities.MIN_ROLES
        per_role = Counter(RoleRequirement.objects.values_list("role_id", flat=True))
        assert len(per_role) == roles
        assert all(8 <= n <= 12 for n in per_role.values())
        version = FrameworkVersion.objects.get()
        values = RoleRequirement.objects.values_list("target_level", "weight", "framework_version")
        assert {t for t, _, _ in values} <= {2, 3, 4, 5}
        assert {w for _, w, _ in values} <= {1, 2, 3}
        assert {v for _, _, v in values} == {version.pk}
        # One current role for every employee; managers hold management roles.
        current = RoleAssignment.objects.filter(ended_at__isnull=True)
        holders = Counter(current.values_list("employee_id", flat=True))
        assert set(holders) == set(Employee.objects.values_list("id", flat=True))
        assert set(holders.values()) == {1}
        managers = set(Employee.objects.values_list("manager_id", flat=True)) - {None}
        assert set(
            current.filter(employee_id__in=managers).values_list("role__family", flat=True)
        ) == {"Management"}


def test_closed_cycles_rate_every_requirement_by_every_rater(generated):
    organization, counts = generated
    with organization_scope(organization):
        closed = list(AssessmentCycle.objects.filter(status="closed").order_by("period_start"))
        assert len(closed) == SIZES.closed_cycles
        assert all(c.launch_state == "done" and c.closed_at and c.framework_version for c in closed)
        assert [c.period_end for c in closed] == sorted({c.period_end for c in closed})
        employees = dict(Employee.objects.values_list("id", "manager_id"))
        required = Counter(
            RoleRequirement.objects.filter(role__assignments__ended_at__isnull=True).values_list(
                "role__assignments__employee_id", flat=True
            )
        )
        for cycle in closed:
            rows = list(
                Assessment.objects.filter(cycle=cycle).values_list(
                    "id", "employee_id", "rater_id", "kind", "status", "submitted_at"
                )
            )
            assert {status for *_, status, _ in rows} == {"submitted"}
            assert all(submitted for *_, submitted in rows)
            kinds = defaultdict(Counter)
            for _, employee_id, rater_id, kind, _, _ in rows:
                kinds[employee_id][kind] += 1
                if kind == "self":
                    assert rater_id == employee_id
                if kind == "peer":
                    assert rater_id != employee_id
            top = next(e for e, m in employees.items() if m is None)
            assert kinds[top]["manager"] == 0
            for employee_id, manager_id in employees.items():
                assert kinds[employee_id]["self"] == 1
                if manager_id is not None:
                    assert kinds[employee_id]["manager"] >= 1
                    assert kinds[employee_id]["peer"] == SIZES.peer_raters
            rated_by = {(e, r) for _, e, r, kind, _, _ in rows if kind == "manager"}
            assert {(e, m) for e, m in employees.items() if m is not None} <= rated_by
            # Exactly one rating per assessment and requirement of the employee's role.
            expected = sum(required[employee_id] for _, employee_id, *_ in rows)
            assert Rating.objects.filter(assessment__cycle=cycle).count() == expected
        ratings = Rating.objects.count()
        assert ratings == counts["ratings"]
        mean_requirements = sum(required.values()) / len(required)
        approx = SIZES.employees * (2 + SIZES.peer_raters) * mean_requirements * len(closed)
        assert 0.9 * approx <= ratings <= 1.1 * approx
        low = Rating.objects.filter(level__isnull=False).order_by("level").first().level
        high = Rating.objects.filter(level__isnull=False).order_by("-level").first().level
        assert low >= 1 and high <= SIZES.scale_levels
        assert not Rating.objects.filter(level__in=(1, 5), evidence="").exists()


def test_consolidated_levels_equal_what_consolidate_cycle_writes(generated):
    organization, counts = generated
    with organization_scope(organization):
        levels = ConsolidatedLevel.objects.count()
        assert levels == counts["consolidated_levels"]
        for cycle in AssessmentCycle.objects.filter(status="closed"):
            generated_rows = {
                (row["employee_id"], row["capability_id"]): row
                for row in ConsolidatedLevel.objects.filter(cycle=cycle).values(
                    "employee_id", "capability_id", *COMPARED
                )
            }
            assert (
                len(generated_rows)
                == Rating.objects.filter(assessment__cycle=cycle, assessment__kind="self").count()
            )
            assert consolidate_cycle(cycle=cycle) == len(generated_rows)
            recomputed = {
                (row["employee_id"], row["capability_id"]): row
                for row in ConsolidatedLevel.objects.filter(cycle=cycle).values(
                    "employee_id", "capability_id", *COMPARED
                )
            }
            assert recomputed == generated_rows
        assert ConsolidatedLevel.objects.count() == levels


def test_open_cycle_has_pending_assessments_the_form_accepts(generated, client):
    organization, _ = generated
    with organization_scope(organization):
        cycle = AssessmentCycle.objects.get(status="open")
        assert cycle.launch_state == "done" and cycle.framework_version_id
        assert cycle.launch_total == cycle.launch_done == SIZES.employees
        pending = set(
            Assessment.objects.filter(cycle=cycle, status="pending").values_list(
                "employee_id", "rater_id", "kind"
            )
        )
        signed_in = list(
            Employee.objects.filter(user__isnull=False).values_list("id", "manager_id")
        )
        assert len(signed_in) > SIZES.sampled_members
        for employee_id, manager_id in signed_in:
            assert (employee_id, employee_id, "self") in pending
            if manager_id is not None:
                assert (employee_id, manager_id, "manager") in pending
        employee = Employee.objects.select_related("user").get(
            email=f"employee@{organization.slug}.example"
        )
        own = Assessment.objects.get(cycle=cycle, employee=employee, kind="self")
        capability = Capability.objects.filter(
            requirements__role__assignments__employee=employee
        ).first()

    client.force_login(employee.user)
    url = reverse("assessments:assessment_form", args=[own.uuid])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "save",
            f"level-{capability.uuid}": "3",
            f"evidence-{capability.uuid}": "Seen on calls.",
        },
    )
    assert response.status_code == 302
    with organization_scope(organization):
        own.refresh_from_db()
        assert own.status == "draft"
        assert Rating.objects.get(assessment=own).level == 3
    results = client.get(reverse("assessments:results", args=[employee.uuid]))
    assert results.status_code == 200
