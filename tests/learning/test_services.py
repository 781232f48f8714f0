from __future__ import annotations

import datetime
from datetime import UTC
from decimal import Decimal

import pytest

from assessments.models import Assessment, AssessmentCycle, AttestedRating, ConsolidatedLevel
from assessments.services import cycles as cycle_services
from learning import selectors
from learning.imports import learning_items_import
from learning.models import (
    CapabilityEvidence,
    DevelopmentPlan,
    LearningCompletion,
    LearningItem,
    PlanItem,
    ReassessmentRequest,
)
from learning.services import builds as build_services
from learning.services import catalogue as catalogue_services
from learning.services import completions as completion_services
from learning.services import plans as plan_services
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from plms.common.imports import ImportFailed
from plms.integrations.models import OutboxEvent
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory, AssessmentFactory, RatingFactory
from tests.conftest import in_org
from tests.learning.conftest import actor_of

START = datetime.date(2027, 1, 4)
WHEN = datetime.datetime(2027, 2, 1, 9, 30, tzinfo=UTC)


def build(world, member=None) -> DevelopmentPlan:
    actor = actor_of(member) if member else world.system
    with in_org(world.org):
        return build_services.plan_build(actor=actor, employee=world.employee.employee, start=START)


def items_of(world, plan):
    with in_org(world.org):
        return list(selectors.plan_items(plan=plan))


# --- Building ---------------------------------------------------------------------------------


def test_a_plan_is_built_from_the_gaps_with_reasons_and_content_gaps(world):
    plan = build(world, world.employee)
    items = items_of(world, plan)
    assert plan.status == DevelopmentPlan.Status.DRAFT
    assert [i.item.external_id for i in items] == ["lms-shadowing", "lms-elearning", "lms-course"]
    assert items[0].reason == "Customer communication: 2 → target 4"
    assert items[2].reason == "Complaint resolution: 2 → target 3"
    assert [(g["capability"], g["level_from"], g["level_to"]) for g in plan.content_gaps] == [
        ("Negotiation", 1, 2),
        ("Negotiation", 2, 3),
    ]
    assert items[0].due_date < items[-1].due_date <= plan.period_end
    with in_org(world.org):
        assert OutboxEvent.objects.filter(type="development_plan.created").count() == 1
        assert AuditEvent.objects.filter(action="development_plan.created").count() == 1


def test_a_manager_builds_for_a_report_but_not_a_stranger_or_outsider(world):
    assert build(world, world.manager).employee_id == world.employee.employee.pk
    stranger = factories.member(world.org, email="stranger@a.example")
    with pytest.raises(NotFound):
        build(world, stranger)
    with pytest.raises(NotFound), in_org(world.outsider.organization):
        build_services.plan_build(
            actor=actor_of(world.outsider), employee=world.employee.employee, start=START
        )


def test_the_time_budget_comes_from_the_organisation_settings(world):
    with in_org(world.org):
        catalogue_services.learning_settings_update(
            actor=actor_of(world.hr), hours_per_quarter=3, plan_months=3
        )
    plan = build(world)
    assert plan.budget_hours == Decimal("3")
    assert [i.item.external_id for i in items_of(world, plan)] == ["lms-elearning"]


def test_building_for_a_closed_cycle_is_idempotent(world):
    second = factories.member(world.org, email="second@a.example")
    with in_org(world.org):
        world.give_role(second.employee)
    world.assess(second, {"communication": 3, "complaints": 3, "data": 3, "negotiation": 3})
    settled = factories.member(world.org, email="settled@a.example")
    world.assess(settled, {"communication": 4, "complaints": 3, "data": 3, "negotiation": 3})
    with in_org(world.org):
        world.give_role(settled.employee)
    created = build_services.plans_build_for_cycle(
        cycle_id=world.cycle.pk, organization_id=world.org.pk, start=START
    )
    assert created == 2  # the world's employee and the second; the settled one has no gap
    again = build_services.plans_build_for_cycle(
        cycle_id=world.cycle.pk, organization_id=world.org.pk, start=START
    )
    assert again == 0
    with in_org(world.org):
        plan = DevelopmentPlan.objects.get(employee=second.employee)
        assert plan.built_from_id == world.cycle.pk
        assert [i.item.external_id for i in selectors.plan_items(plan=plan)] == [
            "lms-elearning",
            "lms-mentoring",
        ]
        assert OutboxEvent.objects.filter(type="development_plan.created").count() == 2


# --- Workflow ---------------------------------------------------------------------------------


def test_draft_proposed_approved_with_changes_active_completed(world):
    plan = build(world, world.employee)
    employee, manager = actor_of(world.employee), actor_of(world.manager)
    with in_org(world.org):
        plan = plan_services.plan_propose(actor=employee, plan=plan)
        with pytest.raises(PermissionDenied):
            plan_services.plan_approve(actor=employee, plan=plan)
        items = list(selectors.plan_items(plan=plan))
        plan = plan_services.plan_approve(
            actor=manager,
            plan=plan,
            remove=[(items[1], "Too early for the e-learning.")],
            add=[
                plan_services.PlanAddition(item=world.items["mentoring"], reason="Pair with Priya.")
            ],
            order=None,
            reason="Agreed in our 1:1.",
        )
        assert plan.status == DevelopmentPlan.Status.APPROVED
        assert plan.approved_by_id == world.manager.employee.pk
        kept = list(selectors.plan_items(plan=plan))
        assert [i.item.external_id for i in kept] == [
            "lms-shadowing",
            "lms-course",
            "lms-mentoring",
        ]
        reasons = dict(
            AuditEvent.objects.filter(action__startswith="development_plan.item").values_list(
                "action", "reason"
            )
        )
        assert reasons == {
            "development_plan.item_removed": "Too early for the e-learning.",
            "development_plan.item_added": "Pair with Priya.",
        }
        plan = plan_services.plan_activate(actor=employee, plan=plan)
        kept[0].plan = plan
        done = plan_services.plan_item_progress(
            actor=employee,
            plan_item=kept[0],
            status=PlanItem.Status.DONE,
            evidence="Shadowed ten calls.",
            reflection="Summarise first.",
        )
        assert done.completed_at is not None
        with pytest.raises(PermissionDenied):
            plan_services.plan_complete(actor=employee, plan=plan)
        plan = plan_services.plan_complete(actor=manager, plan=plan)
        assert plan.status == DevelopmentPlan.Status.COMPLETED
        assert OutboxEvent.objects.filter(type="development_plan.completed").count() == 1
        with pytest.raises(ApplicationError) as refused:
            plan_services.plan_propose(actor=employee, plan=plan)
        assert refused.value.code == "invalid_transition"


def test_a_manager_reorders_with_a_reason(world):
    plan = build(world)
    with in_org(world.org):
        plan = plan_services.plan_propose(actor=world.system, plan=plan)
        items = list(selectors.plan_items(plan=plan))
        plan_services.plan_approve(
            actor=actor_of(world.manager),
            plan=plan,
            order=list(reversed(items)),
            reason="Complaints first: peak season.",
        )
        assert [i.pk for i in selectors.plan_items(plan=plan)] == [i.pk for i in reversed(items)]
        event = AuditEvent.objects.get(action="development_plan.reordered")
        assert event.reason == "Complaints first: peak season."


def test_an_improvement_plan_needs_its_outcome(world):
    with in_org(world.org):
        plan = plan_services.plan_create_improvement(
            actor=actor_of(world.manager),
            employee=world.employee.employee,
            title="Call quality",
            period_start=START,
            period_end=START + datetime.timedelta(days=90),
            milestones=[("Average handling time under 7 minutes", START.replace(month=2))],
            review_dates=[START.replace(month=2), START.replace(month=3)],
        )
        assert plan.kind == DevelopmentPlan.Kind.IMPROVEMENT
        assert plan.review_dates == ["2027-02-04", "2027-03-04"]
        assert selectors.plan_items(plan=plan).get().title.startswith("Average")
        plan = plan_services.plan_propose(actor=world.system, plan=plan)
        plan = plan_services.plan_approve(actor=world.system, plan=plan)
        plan = plan_services.plan_activate(actor=world.system, plan=plan)
        with pytest.raises(ApplicationError):
            plan_services.plan_complete(actor=actor_of(world.manager), plan=plan)
        plan = plan_services.plan_complete(
            actor=actor_of(world.manager), plan=plan, outcome="met", note="Sustained."
        )
        assert plan.outcome == "met"
        with pytest.raises(PermissionDenied):
            plan_services.plan_create_improvement(
                actor=actor_of(world.employee),
                employee=world.manager.employee,
                title="x",
                period_start=START,
                period_end=START,
                milestones=[("x", START)],
            )


# --- Completions -------------------------------------------------------------------------------


def complete(world, key, *, when=WHEN, passed=None, external_id=""):
    with in_org(world.org):
        return completion_services.completion_record(
            actor=world.system,
            employee=world.employee.employee,
            item=world.items[key],
            completed_at=when,
            score=Decimal("87.5"),
            passed=passed,
            external_id=external_id,
        )


def counts(world):
    with in_org(world.org):
        return (
            LearningCompletion.objects.count(),
            CapabilityEvidence.objects.filter(kind="evidence").count(),
            CapabilityEvidence.objects.filter(kind="rating").count(),
            ReassessmentRequest.objects.count(),
            OutboxEvent.objects.filter(type="learning.completed").count(),
        )


def test_record_evidence_happens_once(world):
    first, created = complete(world, "course")
    assert created and first.outcome == "evidence"
    again, created_again = complete(world, "course")
    assert (again.pk, created_again) == (first.pk, False)
    assert counts(world) == (1, 1, 0, 0, 1)


def test_request_reassessment_happens_once(world):
    complete(world, "shadowing")
    complete(world, "shadowing")
    assert counts(world) == (1, 0, 0, 1, 1)
    with in_org(world.org):
        request = ReassessmentRequest.objects.get()
        assert request.capability == world.capabilities["communication"]
        assert request.status == ReassessmentRequest.Status.OPEN


def test_expert_rating_at_the_items_level_happens_once(world):
    complete(world, "elearning", passed=True)
    complete(world, "elearning", passed=True)
    assert counts(world) == (1, 0, 1, 0, 1)
    with in_org(world.org):
        rating = CapabilityEvidence.objects.get()
        assert (rating.level, rating.capability) == (4, world.capabilities["communication"])
        attested = AttestedRating.objects.get()
    assert (attested.employee_id, attested.capability_id, attested.level, attested.attested_at) == (
        world.employee.employee.pk,
        world.capabilities["communication"].pk,
        4,
        WHEN,
    )
    assert attested.source == "Passed Elearning (score 87.5)"


def test_a_passed_exam_counts_as_an_expert_rating_when_the_next_cycle_closes(world):
    """Self 2 in a cycle weighting self 20 % and experts 10 %, exam at level 4 in its period:
    (20·2 + 10·4) / 30 = 2.67."""
    complete(world, "elearning", passed=True)
    communication = world.capabilities["communication"]
    with in_org(world.org):
        cycle = AssessmentCycleFactory(
            organization=world.org,
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 3, 31),
            status=AssessmentCycle.Status.OPEN,
        )
        RatingFactory(
            organization=world.org,
            assessment=AssessmentFactory(
                organization=world.org,
                cycle=cycle,
                employee=world.employee.employee,
                status=Assessment.Status.SUBMITTED,
            ),
            capability=communication,
            level=2,
        )
        cycle_services.cycle_close(actor=world.system, cycle=cycle)
        level = ConsolidatedLevel.objects.get(cycle=cycle, capability=communication)
    assert level.level == Decimal("2.67")
    assert level.contributions["expert"]["mean"] == "4.00"


def test_a_failed_exam_is_evidence_not_a_rating(world):
    complete(world, "elearning", passed=False)
    assert counts(world) == (1, 1, 0, 0, 1)
    with in_org(world.org):
        assert not AttestedRating.objects.exists()


def test_an_external_completion_id_makes_replays_idempotent(world):
    first, _ = complete(world, "course", external_id="moodle-77")
    later = WHEN + datetime.timedelta(hours=1)
    replay, created = complete(world, "course", when=later, external_id="moodle-77")
    assert (replay.pk, created) == (first.pk, False)
    assert counts(world)[0] == 1


def test_a_completion_ticks_the_item_in_the_running_plan(world):
    plan = build(world)
    with in_org(world.org):
        for step in (
            plan_services.plan_propose,
            plan_services.plan_approve,
            plan_services.plan_activate,
        ):
            plan = step(actor=world.system, plan=plan)
    complete(world, "course")
    with in_org(world.org):
        course = PlanItem.objects.get(plan=plan, item=world.items["course"])
        assert course.status == PlanItem.Status.DONE
        assert course.completed_at == WHEN


def test_members_cannot_record_completions(world):
    with pytest.raises(PermissionDenied), in_org(world.org):
        completion_services.completion_record(
            actor=actor_of(world.employee),
            employee=world.employee.employee,
            item=world.items["course"],
            completed_at=WHEN,
        )


# --- Content gaps --------------------------------------------------------------------------------


def test_content_gap_report_counts_people_per_missing_level(world):
    second = factories.member(world.org, email="second@a.example")
    world.assess(second, {"negotiation": 2, "communication": 1})
    with in_org(world.org):
        report = selectors.content_gap_report()
    assert [(r["capability"], r["level"], r["people"]) for r in report] == [
        ("Negotiation", 3, 2),
        ("Customer communication", 2, 1),
        ("Negotiation", 2, 1),
    ]


# --- Import ------------------------------------------------------------------------------------------

CSV = """external_id,title,kind,duration_hours,cost,tags,completion_outcome,capabilities
lms-new,Negotiation basics,course,3,120,sales;core,rating,cap-negotiation:1-3
lms-course,Complaints masterclass,workshop,6,400,,evidence,cap-complaints:2-4
"""


def test_import_creates_and_updates_by_external_id(world):
    with in_org(world.org):
        result = learning_items_import(actor=world.system, text=CSV)
        assert (result.created, result.updated) == (1, 1)
        again = learning_items_import(actor=world.system, text=CSV)
        assert (again.created, again.updated) == (0, 2)
        new = LearningItem.objects.get(external_id="lms-new")
        assert (new.tags, new.completion_outcome, new.cost) == (["sales", "core"], "rating", 120)
        assert list(new.capabilities.values_list("level_from", "level_to")) == [(1, 3)]
        course = LearningItem.objects.get(external_id="lms-course")
        assert (course.title, course.kind) == ("Complaints masterclass", "workshop")
        assert course.capabilities.get().level_to == 4
        assert LearningItem.objects.count() == 5


def test_import_is_all_or_nothing_with_every_problem_named(world):
    text = (
        "external_id,title,kind,cost,capabilities\n"
        "ok-1,Fine,course,10,cap-negotiation:1-2\n"
        "ok-1,Twice,video,x,cap-unknown:3-2\n"
        ",,podcast,,\n"
    )
    with in_org(world.org):
        with pytest.raises(ImportFailed) as failed:
            learning_items_import(actor=world.system, text=text)
        assert LearningItem.objects.count() == 4
    problems = {(e.line, e.column) for e in failed.value.errors}
    assert problems == {
        (3, "external_id"),
        (3, "cost"),
        (3, "capabilities"),
        (4, "external_id"),
        (4, "title"),
        (4, "kind"),
    }


def test_import_json(world):
    text = (
        '[{"external_id": "j-1", "title": "Listening", "kind": "video", "active": true,'
        ' "capabilities": [{"capability": "cap-communication", "level_from": 1, "level_to": 2}]}]'
    )
    with in_org(world.org):
        result = learning_items_import(actor=world.system, text=text, format="json")
        assert result.created == 1
        assert LearningItem.objects.get(external_id="j-1").capabilities.count() == 1


# --- Momentum -------------------------------------------------------------------------------------


def test_the_build_plan_milestone_builds_once(world):
    from types import SimpleNamespace

    from django.utils import timezone

    from workflows.milestones import kind_get

    kind = kind_get("build_plan")
    assert kind.available
    context = SimpleNamespace(
        employee=world.employee.employee,
        actor=world.system,
        milestone=SimpleNamespace(message="", recipients="employee"),
        step=SimpleNamespace(occasion="run-1"),
        now=timezone.now(),
    )
    with in_org(world.org):
        first = kind.dispatch(context)
        second = kind.dispatch(context)
        assert first.state == "done" and second.state == "skipped"
        assert first.object_id == second.object_id
        assert DevelopmentPlan.objects.count() == 1


def test_momentum_claims_a_reassessment_request_once(world):
    complete(world, "shadowing")
    with in_org(world.org):
        request = selectors.open_reassessment_requests().get()
        assert completion_services.reassessment_request_claim(actor=world.system, request=request)
        assert not completion_services.reassessment_request_claim(
            actor=world.system, request=request
        )
        assert not selectors.open_reassessment_requests().exists()
