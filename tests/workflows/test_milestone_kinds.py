"""The milestone kinds the other apps register, run through the engine: launch an assessment,
re-assess, build the development plan."""

from __future__ import annotations

import datetime

import pytest

from assessments.models import Assessment, AssessmentCycle
from assessments.services import ratings as rating_services
from learning.models import DevelopmentPlan
from plms.common.errors import ApplicationError
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.learning.conftest import actor_of
from tests.workflows.conftest import T0, days
from workflows import services
from workflows.milestones import kind_get
from workflows.models import MilestoneRun, Notification, WorkflowRun

pytestmark = pytest.mark.django_db


def _start(world, milestones, name="Review"):
    """A date workflow for the world's employee, activated before T0."""
    actor = actor_of(world.hr)
    with in_org(world.org):
        template = services.workflow_template_create(
            actor=actor,
            name=name,
            trigger="date",
            start_date=T0.date(),
            audience="people",
            audience_ids=[str(world.employee.employee.uuid)],
            milestones=milestones,
        )
        services.workflow_template_activate(actor=actor, template=template, now=T0 - days(1))
    return template


def _step(world, template, name) -> MilestoneRun:
    with in_org(world.org):
        return MilestoneRun.objects.select_related("milestone").get(
            run__template=template, milestone__name=name, occasion="start"
        )


def _open_cycle(world, name, end):
    return AssessmentCycleFactory(
        organization=world.org,
        name=name,
        status=AssessmentCycle.Status.OPEN,
        period_start=datetime.date(2027, 1, 1),
        period_end=end,
    )


def test_the_kinds_of_the_other_apps_are_registered():
    for name in ("launch_assessment", "reassess", "build_plan"):
        kind = kind_get(name)
        assert kind is not None and kind.available, name
    assert kind_get("launch_assessment").awaits_completion
    assert not kind_get("build_plan").awaits_completion


def test_build_plan_builds_the_draft_once_and_tells_the_employee(world, tick):
    template = _start(world, [{"name": "Plan", "kind": "build_plan", "recipients": "employee"}])
    tick(T0)
    tick(T0 + days(1))
    step = _step(world, template, "Plan")
    assert step.state == MilestoneRun.State.DONE
    assert step.object_type == "learning.developmentplan"
    with in_org(world.org):
        plan = DevelopmentPlan.objects.get()
        assert str(plan.uuid) == step.object_id
        assert plan.employee_id == world.employee.employee.pk
        assert plan.status == DevelopmentPlan.Status.DRAFT and plan.items.exists()
        told = Notification.objects.get(event="workflow.message")
        assert told.recipient_id == world.employee.user.pk
        assert told.title == "Your development plan is ready to review"

    other = _start(world, [{"name": "Again", "kind": "build_plan"}], name="Second workflow")
    tick(T0 + days(2))
    again = _step(world, other, "Again")
    assert again.state == MilestoneRun.State.SKIPPED
    assert again.object_id == str(plan.uuid)
    with in_org(world.org):
        assert DevelopmentPlan.objects.count() == 1


def test_build_plan_waits_for_its_condition(world, tick):
    template = _start(world, [{"name": "Plan", "kind": "build_plan", "condition": "gap_above_one"}])
    tick(T0)
    # Customer communication is 2 against a target of 4: the gap is above one level.
    assert _step(world, template, "Plan").state == MilestoneRun.State.DONE


def test_launch_assessment_is_done_when_the_self_assessment_is_submitted(world, tick):
    cycle = _open_cycle(world, "Q1 2027", datetime.date(2027, 3, 31))
    template = _start(
        world,
        [
            {
                "name": "Self-assessment",
                "kind": "launch_assessment",
                "due_days": 7,
                "remind_overdue_days": 1,
                "config": {"assessment": "self"},
            }
        ],
    )
    tick(T0)
    step = _step(world, template, "Self-assessment")
    assert step.state == MilestoneRun.State.DISPATCHED
    with in_org(world.org):
        own = Assessment.objects.filter(cycle=cycle, employee=world.employee.employee)
        assert sorted(own.values_list("kind", flat=True)) == ["manager", "self"]
        mine = own.get(kind="self")
        assert step.object_id == str(mine.uuid)
        assert Notification.objects.filter(
            event="workflow.message", title="Assessment due: Q1 2027"
        ).exists()

    tick(T0 + days(2))  # launched twice? no: the step is waiting, nothing new is created
    with in_org(world.org):
        assert Assessment.objects.filter(cycle=cycle).count() == 2
        employee = actor_of(world.employee)
        rating_services.ratings_save(
            actor=employee,
            assessment=mine,
            items=[
                rating_services.RatingInput(capability=capability, level=3)
                for capability in world.capabilities.values()
            ],
        )
        rating_services.assessment_submit(actor=employee, assessment=mine)
    tick(T0 + days(3))
    assert _step(world, template, "Self-assessment").state == MilestoneRun.State.DONE
    tick(T0 + days(9))  # past the deadline: the step is done, so no overdue reminder
    with in_org(world.org):
        assert not Notification.objects.filter(event="workflow.reminder").exists()
        assert WorkflowRun.objects.get(template=template).state == WorkflowRun.State.COMPLETED


def test_the_manager_assessment_milestone_tracks_the_manager(world, tick):
    cycle = _open_cycle(world, "Q1 2027", datetime.date(2027, 3, 31))
    template = _start(
        world,
        [
            {
                "name": "Manager assessment",
                "kind": "launch_assessment",
                "recipients": "manager",
                "config": {"assessment": "manager"},
            }
        ],
    )
    tick(T0)
    step = _step(world, template, "Manager assessment")
    with in_org(world.org):
        tracked = Assessment.objects.get(uuid=step.object_id)
    assert tracked.kind == "manager" and tracked.cycle_id == cycle.pk
    assert tracked.rater_id == world.manager.employee.pk


def test_reassess_uses_the_cycle_it_names(world, tick):
    named = _open_cycle(world, "Re-assessment pool", datetime.date(2027, 2, 28))
    later = _open_cycle(world, "Q1 2027", datetime.date(2027, 3, 31))
    template = _start(
        world,
        [{"name": "Re-assess", "kind": "reassess", "config": {"cycle": str(named.uuid)}}],
    )
    tick(T0)
    step = _step(world, template, "Re-assess")
    assert step.state == MilestoneRun.State.DISPATCHED
    with in_org(world.org):
        assert Assessment.objects.filter(cycle=named).count() == 2
        assert not Assessment.objects.filter(cycle=later).exists()


def test_without_an_open_cycle_the_step_is_skipped_with_the_reason(world, tick):
    template = _start(world, [{"name": "Re-assess", "kind": "reassess"}])
    tick(T0)
    step = _step(world, template, "Re-assess")
    assert step.state == MilestoneRun.State.SKIPPED
    assert step.outcome == "No open assessment cycle."


def test_a_milestone_names_only_a_cycle_of_its_organisation(world, org_b):
    foreign = AssessmentCycleFactory(organization=org_b, status=AssessmentCycle.Status.OPEN)
    for config in ({"cycle": str(foreign.uuid)}, {"cycle": "nope"}, {"assessment": "peer"}):
        with in_org(world.org), pytest.raises(ApplicationError) as error:
            _start(world, [{"name": "Re-assess", "kind": "reassess", "config": config}])
        assert "milestones.0.config" in error.value.fields
