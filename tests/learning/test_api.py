from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from learning.models import CapabilityEvidence, DevelopmentPlan, LearningCompletion
from tests import factories
from tests.conftest import in_org
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory

PLANS = "/api/v1/development-plans"
COMPLETIONS = "/api/v1/learning-completions"


def session(member) -> APIClient:
    client = APIClient()
    client.force_login(member.user)
    return client


def test_catalogue_is_read_by_members_and_written_by_hr(world, key_client_a):
    listing = session(world.employee).get("/api/v1/learning-items", {"kind": "mentoring"})
    assert listing.status_code == 200
    assert [row["external_id"] for row in listing.json()["results"]] == ["lms-mentoring"]
    assert listing.json()["results"][0]["mix"] == "social"
    payload = {
        "title": "Negotiation clinic",
        "kind": "workshop",
        "external_id": "lms-clinic",
        "duration_hours": "3.5",
        "capabilities": [
            {
                "capability": str(world.capabilities["negotiation"].uuid),
                "level_from": 1,
                "level_to": 2,
            }
        ],
    }
    assert session(world.employee).post("/api/v1/learning-items", payload).status_code == 403
    created = key_client_a.post("/api/v1/learning-items", payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["capabilities"][0]["level_to"] == 2
    duplicate = key_client_a.post("/api/v1/learning-items", payload, format="json")
    assert duplicate.json()["code"] == "duplicate_external_id"


def test_the_employee_builds_proposes_and_progresses_their_plan(world):
    me = session(world.employee)
    built = me.post(PLANS, {"employee": str(world.employee.employee.uuid)}, format="json")
    assert built.status_code == 201, built.json()
    plan = built.json()
    assert plan["status"] == "draft" and plan["item_count"] == 3
    items = me.get(f"{PLANS}/{plan['id']}/items").json()["results"]
    assert items[0]["reason"] == "Customer communication: 2 → target 4"
    assert me.post(f"{PLANS}/{plan['id']}/propose").json()["status"] == "proposed"
    assert me.post(f"{PLANS}/{plan['id']}/approve", {}, format="json").status_code == 403
    boss = session(world.manager)
    approved = boss.post(
        f"{PLANS}/{plan['id']}/approve",
        {
            "remove": [{"item": items[1]["id"], "reason": "Later."}],
            "order": [items[2]["id"], items[0]["id"]],
            "reason": "Complaints first.",
        },
        format="json",
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["item_count"] == 2
    assert me.post(f"{PLANS}/{plan['id']}/activate").json()["status"] == "active"
    progress = me.post(
        f"{PLANS}/{plan['id']}/item-progress",
        {"item": items[2]["id"], "status": "done", "reflection": "Useful."},
        format="json",
    )
    assert progress.status_code == 200, progress.json()
    assert progress.json()["completed_at"] is not None
    assert me.get(f"{PLANS}/{plan['id']}").json()["done_count"] == 1


def test_who_sees_which_plan(world, key_client_b):
    plan = DevelopmentPlanFactory(organization=world.org, employee=world.employee.employee)
    matrix = factories.member(world.org, email="matrix@a.example")
    factories.SecondaryManagerFactory(
        organization=world.org, employee=world.employee.employee, manager=matrix.employee
    )
    colleague = factories.member(world.org, email="colleague@a.example")
    url = f"{PLANS}/{plan.uuid}"
    for member in (world.employee, world.manager, matrix, world.hr):
        assert session(member).get(url).status_code == 200
        assert [p["id"] for p in session(member).get(PLANS).json()["results"]] == [str(plan.uuid)]
    assert session(colleague).get(url).status_code == 404
    assert session(colleague).get(PLANS).json()["results"] == []
    assert session(colleague).post(f"{url}/propose").status_code == 404
    assert session(world.outsider).get(url).status_code == 404
    assert key_client_b.get(url).status_code == 404
    assert key_client_b.post(f"{url}/propose").status_code == 404


def test_an_lms_completion_is_idempotent(world, key_client_a):
    payload = {
        "employee_email": "EMPLOYEE@a.example",
        "item_external_id": "lms-course",
        "completed_at": "2027-02-01T09:30:00Z",
        "score": "91.5",
        "passed": True,
    }
    first = key_client_a.post(COMPLETIONS, payload, format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["outcome"] == "evidence"
    replay = key_client_a.post(COMPLETIONS, payload, format="json")
    assert replay.status_code == 200
    assert replay.json()["id"] == first.json()["id"]
    with in_org(world.org):
        assert LearningCompletion.objects.count() == 1
        assert CapabilityEvidence.objects.count() == 1
    unknown = key_client_a.post(COMPLETIONS, {**payload, "item_external_id": "nope"}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["fields"] == {
        "item_external_id": ["No learning item with this external id."]
    }
    # Members may not record completions, and read only their own.
    assert session(world.employee).post(COMPLETIONS, payload, format="json").status_code == 403
    assert len(session(world.employee).get(COMPLETIONS).json()["results"]) == 1
    assert session(world.manager).get(COMPLETIONS).json()["results"] == []


def test_reports(world, key_client_a):
    gaps = key_client_a.get("/api/v1/learning-content-gaps")
    assert gaps.status_code == 200
    assert [(r["capability_name"], r["level"], r["people"]) for r in gaps.json()["results"]] == [
        ("Negotiation", 2, 1),
        ("Negotiation", 3, 1),
    ]
    report = key_client_a.get("/api/v1/learning-impact").json()
    assert "association, not proof" in report["caveat"]


def test_plan_list_query_count_does_not_grow(world, key_client_a):
    def add_plans(count):
        for _ in range(count):
            plan = DevelopmentPlanFactory(
                organization=world.org, status=DevelopmentPlan.Status.ACTIVE
            )
            PlanItemFactory(organization=world.org, plan=plan)

    add_plans(2)
    key_client_a.get(PLANS)  # the key's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get(PLANS).status_code == 200
    add_plans(6)
    with CaptureQueriesContext(connection) as many:
        assert len(key_client_a.get(PLANS).json()["results"]) == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_improvement_plan_through_the_api_carries_its_reason_goals_and_sign_off(world):
    from tests.goals.factories import GoalFactory

    with in_org(world.org):
        goal = GoalFactory(organization=world.org, owner_employee=world.employee.employee)
        theirs = GoalFactory(organization=world.org, owner_employee=world.manager.employee)
    payload = {
        "employee": str(world.employee.employee.uuid),
        "kind": "improvement",
        "start": "2027-01-04",
        "period_end": "2027-03-31",
        "milestones": [{"title": "Resolve 80 % first time", "due_date": "2027-02-15"}],
        "review_dates": ["2027-02-01"],
        "reason": "First-time resolution fell to 52 %.",
        "goals": [str(goal.uuid)],
    }
    boss = session(world.manager)
    wrong = boss.post(PLANS, {**payload, "goals": [str(theirs.uuid)]}, format="json")
    assert wrong.status_code == 400 and "goals" in wrong.json()["fields"]
    created = boss.post(PLANS, payload, format="json")
    assert created.status_code == 201, created.json()
    plan = created.json()
    assert plan["reason"] == payload["reason"] and plan["linked_goals"] == [str(goal.uuid)]
    assert plan["hr_signed_off_at"] is None
    assert boss.post(f"{PLANS}/{plan['id']}/sign-off").status_code == 403
    signed = session(world.hr).post(f"{PLANS}/{plan['id']}/sign-off")
    assert signed.status_code == 200, signed.json()
    assert signed.json()["status"] == "active" and signed.json()["hr_signed_off_at"]
