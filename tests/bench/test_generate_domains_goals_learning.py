"""The goals and learning steps of `generate_org` at a tiny size.

People come from the people step; the capability library, one closed cycle's consolidated
levels and the job roles (with a role for everyone) are made here, as the earlier steps leave
them. The generated goals, check-ins, feedback, catalogue and plans must be what the issue
asks for and must render through the API and the pages.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import AssessmentCycle, ConsolidatedLevel
from bench.generators import Sizes, goals, learning, people
from capabilities.models import (
    Capability,
    CapabilityCategory,
    CompetencyScale,
    JobRole,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)
from goals.models import (
    ActionItem,
    CheckIn,
    CheckInSeries,
    Feedback,
    FeedbackRequest,
    Goal,
    GoalAlignment,
    GoalCapability,
    GoalUpdate,
)
from learning.models import (
    MIX_OF_KIND,
    DevelopmentPlan,
    ItemCapability,
    LearningCompletion,
    LearningItem,
    PlanItem,
)
from plms.people.models import Employee
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_scope, require_organization_id
from plms.tenancy.models import Organization
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create
from tests.conftest import in_org

SIZES = Sizes(employees=60, departments=8, sampled_members=5)
CAPABILITIES = 8
LEVELS = 5


def _library_and_roles(rng: random.Random) -> dict[int, set[int]]:
    """A 5-level scale, 8 capabilities, two roles of 5 requirements, a role for everyone and
    the consolidated levels of one closed cycle for half of them; returns each employee's
    role capabilities."""
    org = require_organization_id()
    scale = CompetencyScale.objects.create()
    ScaleLevel.objects.bulk_create(
        ScaleLevel(organization_id=org, scale=scale, number=n, name=f"Level {n}")
        for n in range(1, LEVELS + 1)
    )
    category = CapabilityCategory.objects.create(name="Core")
    capabilities = Capability.objects.bulk_create(
        Capability(organization_id=org, key=f"cap-{n}", name=f"Capability {n}", category=category)
        for n in range(CAPABILITIES)
    )
    roles = JobRole.objects.bulk_create(
        JobRole(organization_id=org, key=f"role-{n}", name=f"Role {n}") for n in range(2)
    )
    required = {roles[0].pk: capabilities[:5], roles[1].pk: capabilities[3:]}
    RoleRequirement.objects.bulk_create(
        RoleRequirement(
            organization_id=org, role_id=role_id, capability=c, target_level=rng.randint(3, 5)
        )
        for role_id, caps in required.items()
        for c in caps
    )
    employee_ids = list(Employee.objects.order_by("id").values_list("id", flat=True))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(organization_id=org, employee_id=e, role=roles[i % 2])
        for i, e in enumerate(employee_ids)
    )
    cycle = AssessmentCycle.objects.create(
        name="Last year",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        status=AssessmentCycle.Status.CLOSED,
    )
    ConsolidatedLevel.objects.bulk_create(
        ConsolidatedLevel(
            organization_id=org,
            cycle=cycle,
            employee_id=e,
            capability=c,
            level=Decimal(rng.randint(1, 4)),
        )
        for i, e in enumerate(employee_ids[::2])
        for c in required[roles[(2 * i) % 2].pk]
    )
    return {e: {c.pk for c in required[roles[i % 2].pk]} for i, e in enumerate(employee_ids)}


def _generate(slug: str, *, with_library: bool = True):
    organization = Organization.objects.create(slug=slug, name=slug.title())
    actor = system_actor(organization)
    with organization_scope(organization), transaction.atomic():
        people.generate(actor, random.Random(1), SIZES)
        role_capabilities = _library_and_roles(random.Random(2)) if with_library else {}
        goal_counts = goals.generate(actor, random.Random(3), SIZES)
        learning_counts = learning.generate(actor, random.Random(4), SIZES)
    return organization, role_capabilities, goal_counts, learning_counts


@pytest.mark.django_db
def test_goals_check_ins_and_feedback(client):
    organization, role_capabilities, counts, _ = _generate("domains")
    with in_org(organization):
        employees = Employee.objects.count()
        assert Goal.objects.count() == counts["goals"] == SIZES.scaled(SIZES.goals) == 180
        by_owner = Counter(Goal.objects.values_list("owner_type", flat=True))
        assert by_owner["organization"] >= 1 and by_owner["department"] >= 2
        assert by_owner["employee"] >= 150
        statuses = Counter(Goal.objects.values_list("status", flat=True))
        assert {"active", "completed", "draft", "cancelled"} <= set(statuses)
        # Every goal that ran has updates and its current value is the latest update's.
        for goal in Goal.objects.exclude(status="draft").prefetch_related("updates"):
            latest = max(goal.updates.all(), key=lambda u: (u.recorded_at, u.id))
            assert goal.current == latest.value
        assert not GoalUpdate.objects.filter(goal__status="draft").exists()
        assert GoalUpdate.objects.count() == counts["goal_updates"] >= 180
        # Active goals are aligned (they pass the SMART-R check) and some goals are at risk.
        active = Goal.objects.filter(status="active", owner_type="employee")
        assert not active.annotate(n=Count("parent_links")).filter(n=0).exists()
        assert GoalAlignment.objects.count() == counts["goal_alignments"]
        # Operational goals exercise capabilities of the owner's role.
        links = GoalCapability.objects.filter(goal__owner_type="employee").values_list(
            "goal__owner_employee_id", "capability_id"
        )
        assert links and all(c in role_capabilities[e] for e, c in links)
        # A check-in series per reporting line, about monthly for 12 months, with actions.
        reporting = Employee.objects.filter(manager__isnull=False).count()
        assert CheckInSeries.objects.count() == reporting == employees - 1
        per_series = Counter(CheckIn.objects.values_list("series_id", flat=True))
        assert set(per_series.values()) <= {12, 13}
        assert CheckIn.objects.filter(status="scheduled").count() == reporting
        assert ActionItem.objects.count() == counts["action_items"] > 0
        # A few pieces of feedback a year each; corrective ones are private.
        assert Feedback.objects.count() >= 2 * employees
        assert not Feedback.objects.filter(kind="corrective", visibility="public").exists()
        assert FeedbackRequest.objects.count() > 0
        assert Feedback.objects.filter(request__isnull=False).exists()

    _key, secret = api_key_create(organization=organization, name="t", scopes=ALL_SCOPES)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    listed = api.get("/api/v1/goals", {"page_size": 50})
    assert listed.status_code == 200, listed.content[:500]
    assert listed.json()["count"] == 180
    rags = {
        row.get("rag") for row in api.get("/api/v1/goals", {"status": "active"}).json()["results"]
    }
    assert rags & {"green", "amber", "red"}
    # A manager sees their goals, the team's goals at risk and their check-ins.
    with in_org(organization):
        boss = Employee.objects.filter(direct_reports__isnull=False, manager__isnull=False).first()
    client.force_login(boss.user)
    for name in ("goals:my_goals", "goals:team_at_risk", "goals:check_in_list"):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
def test_learning_catalogue_and_plans(client):
    organization, role_capabilities, _, counts = _generate("learning")
    with in_org(organization):
        # At least one item per capability and level step, in the 70-20-10 mix.
        items = LearningItem.objects.count()
        assert items == counts["learning_items"] == max(SIZES.scaled(2000), CAPABILITIES * 4)
        mix = Counter(
            str(MIX_OF_KIND[k]) for k in LearningItem.objects.values_list("kind", flat=True)
        )
        assert mix["experience"] == round(items * 0.7)
        assert mix["social"] == round(items * 0.2)
        assert mix["formal"] == items - mix["experience"] - mix["social"]
        covered = set(ItemCapability.objects.values_list("capability_id", "level_from"))
        for capability_id in Capability.objects.values_list("id", flat=True):
            assert {(capability_id, n) for n in range(1, LEVELS)} <= covered
        assert not ItemCapability.objects.filter(level_to__lte=0).exists()
        # A plan for everyone, 3-6 items for the capabilities of their role, with reasons.
        employees = set(Employee.objects.values_list("id", flat=True))
        plans = dict(DevelopmentPlan.objects.values_list("employee_id", "status"))
        assert set(plans) == employees and DevelopmentPlan.objects.count() == len(employees)
        assert {"active", "approved", "draft", "completed"} <= set(plans.values())
        sizes = Counter(PlanItem.objects.values_list("plan__employee_id", flat=True))
        assert set(sizes) == employees and all(3 <= n <= 6 for n in sizes.values())
        names = dict(Capability.objects.values_list("id", "name"))
        for employee_id, capability_id, reason in PlanItem.objects.values_list(
            "plan__employee_id", "capability_id", "reason"
        ):
            assert capability_id in role_capabilities[employee_id]
            assert reason.startswith(f"{names[capability_id]}: ") and " → target " in reason
        # Items of completed plans are done; done items say when; completions exist.
        assert not PlanItem.objects.filter(plan__status="completed").exclude(status="done").exists()
        assert not PlanItem.objects.filter(status="done", completed_at__isnull=True).exists()
        assert LearningCompletion.objects.count() == counts["learning_completions"] > 0
        plan = DevelopmentPlan.objects.filter(status="active").select_related("employee").first()
        member_plan = (
            DevelopmentPlan.objects.filter(
                employee__user__isnull=False, status__in=["active", "approved"]
            )
            .select_related("employee__user")
            .first()
        )

    _key, secret = api_key_create(organization=organization, name="t", scopes=ALL_SCOPES)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    detail = api.get(f"/api/v1/development-plans/{plan.uuid}")
    assert detail.status_code == 200, detail.content[:500]
    plan_items = api.get(f"/api/v1/development-plans/{plan.uuid}/items")
    assert plan_items.status_code == 200 and 3 <= len(plan_items.json()) <= 6
    client.force_login(member_plan.employee.user)
    page = client.get(reverse("learning:my_plan"))
    assert page.status_code == 200
    assert member_plan.title in page.content.decode()
    detail_page = client.get(reverse("learning:plan_detail", kwargs={"id": member_plan.uuid}))
    assert detail_page.status_code == 200


@pytest.mark.django_db
def test_steps_work_without_capabilities_or_roles():
    organization, _, goal_counts, learning_counts = _generate("bare", with_library=False)
    assert goal_counts["goal_capabilities"] == 0 and goal_counts["goals"] == 180
    assert learning_counts["item_capabilities"] == 0
    with in_org(organization):
        assert DevelopmentPlan.objects.count() == Employee.objects.count()
        assert not PlanItem.objects.exclude(capability=None).exists()
        assert PlanItem.objects.count() >= 3 * Employee.objects.count()
