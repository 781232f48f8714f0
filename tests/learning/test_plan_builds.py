"""Plans built when an assessment cycle closes: in the background, once per person, with
progress HR can follow, and never across organisations."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, AssessmentCycle
from assessments.services import cycles as cycle_services
from learning.models import DevelopmentPlan, PlanBuild, PlanItem
from learning.services import builds as build_services
from plms.common.errors import ApplicationError, PermissionDenied
from plms.integrations.models import OutboxEvent
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory, AssessmentFactory, RatingFactory
from tests.conftest import in_org
from tests.learning.conftest import actor_of
from tests.learning.factories import PlanBuildFactory

ALL_MET = {"communication": 4, "complaints": 3, "data": 3, "negotiation": 3}
WITH_GAPS = {"communication": 2, "complaints": 2, "data": 3, "negotiation": 3}


def open_cycle(world, name="Q1 2027") -> AssessmentCycle:
    return AssessmentCycleFactory(
        organization=world.org, name=name, status=AssessmentCycle.Status.OPEN
    )


def rated(world, cycle, member, levels) -> None:
    """A submitted manager assessment of `member` in `cycle` at these levels."""
    assessment = AssessmentFactory(
        organization=world.org,
        cycle=cycle,
        employee=member.employee,
        rater=world.manager.employee,
        kind=Assessment.Kind.MANAGER,
        status=Assessment.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for key, level in levels.items():
        RatingFactory(
            organization=world.org,
            assessment=assessment,
            capability=world.capabilities[key],
            level=level,
        )


def colleague(world, email):
    member = factories.member(world.org, email=email, manager=world.manager.employee)
    world.give_role(member.employee)
    return member


def close(world, cycle, capture):
    with capture(execute=True), in_org(world.org):
        return cycle_services.cycle_close(actor=actor_of(world.hr), cycle=cycle)


def plans_from(world, cycle) -> dict:
    with in_org(world.org):
        plans = DevelopmentPlan.objects.filter(built_from=cycle).select_related("employee")
        return {plan.employee.email: plan for plan in plans}


def build_of(world, cycle) -> PlanBuild:
    with in_org(world.org):
        return PlanBuild.objects.get(cycle=cycle)


def test_closing_a_cycle_builds_draft_plans_for_people_with_gaps(
    world, django_capture_on_commit_callbacks
):
    cycle = open_cycle(world)
    settled = colleague(world, "settled@a.example")
    rated(world, cycle, world.employee, WITH_GAPS)
    rated(world, cycle, settled, ALL_MET)

    close(world, cycle, django_capture_on_commit_callbacks)

    plans = plans_from(world, cycle)
    assert list(plans) == ["employee@a.example"]  # the settled colleague has no gap
    plan = plans["employee@a.example"]
    assert plan.status == DevelopmentPlan.Status.DRAFT
    with in_org(world.org):
        assert plan.items.exists()
    build = build_of(world, cycle)
    assert (build.state, build.total, build.done, build.created, build.runs) == (
        PlanBuild.State.DONE,
        2,
        2,
        1,
        1,
    )
    assert build.percent == 100 and build.finished_at is not None


def test_a_close_that_rolls_back_builds_nothing(world, django_capture_on_commit_callbacks):
    """Learning subscribes to the `cycle_closed` domain event: its handler runs only once the
    closing commits."""
    cycle = open_cycle(world)
    rated(world, cycle, world.employee, WITH_GAPS)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        in_org(world.org),
        transaction.atomic(),
    ):
        cycle_services.cycle_close(actor=actor_of(world.hr), cycle=cycle)
        raise RuntimeError("the request fails after the cycle was closed")
    assert callbacks == []
    assert plans_from(world, cycle) == {}
    with in_org(world.org):
        assert not PlanBuild.objects.filter(cycle=cycle).exists()


def test_closing_through_the_api_builds_the_plans(
    world, make_key_client, django_capture_on_commit_callbacks
):
    cycle = open_cycle(world)
    rated(world, cycle, world.employee, WITH_GAPS)
    client = make_key_client(world.org, ["assessments:write", "assessments:read"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/assessment-cycles/{cycle.uuid}/close")
    assert response.status_code == 200, response.content
    assert list(plans_from(world, cycle)) == ["employee@a.example"]
    assert build_of(world, cycle).state == PlanBuild.State.DONE


def test_close_reopen_close_builds_no_second_plan(world, django_capture_on_commit_callbacks):
    cycle = open_cycle(world)
    rated(world, cycle, world.employee, WITH_GAPS)
    close(world, cycle, django_capture_on_commit_callbacks)
    first = plans_from(world, cycle)["employee@a.example"]

    with in_org(world.org):
        cycle_services.cycle_reopen(
            actor=actor_of(world.hr), cycle=cycle, reason="A late assessment."
        )
    late = colleague(world, "late@a.example")
    rated(world, cycle, late, WITH_GAPS)
    close(world, cycle, django_capture_on_commit_callbacks)

    plans = plans_from(world, cycle)
    assert sorted(plans) == ["employee@a.example", "late@a.example"]
    assert plans["employee@a.example"].pk == first.pk
    build = build_of(world, cycle)
    assert (build.runs, build.total, build.created) == (2, 1, 1)  # only the late one this time
    with in_org(world.org):
        assert PlanBuild.objects.count() == 1


def test_a_cycle_is_built_only_in_its_own_organisation(world, django_capture_on_commit_callbacks):
    cycle = open_cycle(world)
    rated(world, cycle, world.employee, WITH_GAPS)
    with in_org(world.org):
        cycle_services.cycle_close(actor=actor_of(world.hr), cycle=cycle)
    # Named with the other organisation's id, the cycle does not exist.
    other = world.outsider.organization
    assert build_services.plan_build_queue(cycle_id=cycle.pk, organization_id=other.pk) is None
    assert build_services.plans_build_for_cycle(cycle_id=cycle.pk, organization_id=other.pk) == 0
    assert plans_from(world, cycle) == {}
    with in_org(other):
        assert not DevelopmentPlan.objects.exists()
        assert not PlanBuild.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        build_services.plan_build_queue(cycle_id=cycle.pk, organization_id=world.org.pk)
    assert list(plans_from(world, cycle)) == ["employee@a.example"]
    with in_org(other):
        assert not DevelopmentPlan.objects.exists()


def test_a_failed_build_is_recorded_and_hr_builds_again(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    cycle = open_cycle(world)
    rated(world, cycle, world.employee, WITH_GAPS)

    def broken(**kwargs):
        raise ValueError("catalogue unreadable")

    monkeypatch.setattr(build_services, "build_plan", broken)
    close(world, cycle, django_capture_on_commit_callbacks)  # logged, the close stands
    build = build_of(world, cycle)
    assert build.state == PlanBuild.State.FAILED and not build.in_progress
    assert plans_from(world, cycle) == {}
    with in_org(world.org):
        assert AssessmentCycle.objects.get(pk=cycle.pk).status == AssessmentCycle.Status.CLOSED

    monkeypatch.undo()
    with in_org(world.org), pytest.raises(PermissionDenied):
        build_services.plan_build_requeue(actor=actor_of(world.manager), build=build)
    with django_capture_on_commit_callbacks(execute=True), in_org(world.org):
        build_services.plan_build_requeue(actor=actor_of(world.hr), build=build)
    assert build_of(world, cycle).state == PlanBuild.State.DONE
    assert list(plans_from(world, cycle)) == ["employee@a.example"]


def test_a_running_build_is_not_queued_twice(world):
    build = PlanBuildFactory(organization=world.org, state=PlanBuild.State.RUNNING)
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        build_services.plan_build_requeue(actor=actor_of(world.hr), build=build)
    assert error.value.code == build_services.BUILD_IN_PROGRESS


# --- Pages ---------------------------------------------------------------------------------------


def test_hr_follows_the_progress_and_builds_again(
    world, login_client, django_capture_on_commit_callbacks
):
    cycle = open_cycle(world)
    rated(world, cycle, world.employee, WITH_GAPS)
    close(world, cycle, django_capture_on_commit_callbacks)
    running = PlanBuildFactory(
        organization=world.org, state=PlanBuild.State.RUNNING, total=40, done=10
    )
    client = login_client(world.hr)

    page = client.get(reverse("learning:plan_builds")).content.decode()
    assert "Q1 2027" in page and "1 new draft plan in this run." in page
    # Whose plans the build drafted, each linked.
    (plan,) = plans_from(world, cycle).values()
    assert "1 plan from this cycle in all:" in page
    assert f'href="{reverse("learning:plan_detail", args=[plan.uuid])}">' in page
    assert world.employee.employee.full_name in page
    assert "Building plans: 10 of 40 people" in page
    progress = client.get(reverse("learning:plan_build_progress", kwargs={"id": running.uuid}))
    assert 'hx-trigger="every 2s"' in progress.content.decode()
    assert 'value="25"' in progress.content.decode()
    done = client.get(
        reverse("learning:plan_build_progress", kwargs={"id": build_of(world, cycle).uuid})
    )
    assert "hx-trigger" not in done.content.decode()

    searched = client.get(reverse("learning:plan_builds"), {"q": "nothing-like-this"})
    assert "No plan build matches this search." in searched.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("learning:plan_build_again", kwargs={"id": build_of(world, cycle).uuid})
        )
    assert response.status_code == 302
    assert build_of(world, cycle).runs == 2
    assert len(plans_from(world, cycle)) == 1
    # Built again: no new plan this run, and the page still says whose plans there are.
    again = client.get(
        reverse("learning:plan_build_progress", kwargs={"id": build_of(world, cycle).uuid})
    ).content.decode()
    assert "0 new draft plans in this run." in again
    assert world.employee.employee.full_name in again


def test_the_plan_builds_page_is_for_hr_and_starts_empty(world, login_client):
    client = login_client(world.hr)
    page = client.get(reverse("learning:plan_builds")).content.decode()
    assert "No plans built from a cycle yet" in page
    manager = login_client(world.manager).get(reverse("learning:plan_builds"))
    assert manager.status_code in (403, 404)


def test_the_plan_builds_page_query_count_does_not_grow(world, login_client):
    client = login_client(world.hr)
    client.get(reverse("learning:plan_builds"))  # the session and caches warm up

    def queries(count: int) -> int:
        PlanBuildFactory.create_batch(count, organization=world.org)
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("learning:plan_builds")).status_code == 200
        return len(context.captured_queries)

    assert queries(2) == queries(8)


def test_a_plan_built_for_a_cycle_is_the_plan_built_on_demand(world):
    """The cycle's build writes plain rows in bulk; its plans, items and events are those of
    `plan_build()` for the same person and gaps, field for field."""
    start = timezone.localdate()
    created = build_services.plans_build_for_cycle(
        cycle_id=world.cycle.pk, organization_id=world.org.pk, start=start
    )
    assert created == 1
    with in_org(world.org):
        bulk = DevelopmentPlan.objects.get(built_from=world.cycle)
        single = build_services.plan_build(
            actor=actor_of(world.hr), employee=world.employee.employee, start=start
        )
        plans = {
            plan.pk: plan for plan in DevelopmentPlan.objects.filter(pk__in=[bulk.pk, single.pk])
        }
        bulk, single = plans[bulk.pk], plans[single.pk]
        fields = [
            "organization_id",
            "employee_id",
            "kind",
            "status",
            "title",
            "period_start",
            "period_end",
            "content_gaps",
            "budget_hours",
            "review_dates",
            "outcome",
            "outcome_note",
            "approved_by_id",
            "approved_at",
        ]
        assert [getattr(bulk, name) for name in fields] == [
            getattr(single, name) for name in fields
        ]
        assert bulk.status == DevelopmentPlan.Status.DRAFT and bulk.content_gaps
        assert bulk.uuid != single.uuid and bulk.created_at is not None

        def items(plan) -> list[tuple]:
            return list(
                PlanItem.objects.filter(plan=plan)
                .order_by("order")
                .values_list(
                    "organization_id",
                    "item_id",
                    "capability_id",
                    "title",
                    "reason",
                    "due_date",
                    "order",
                    "status",
                    "evidence",
                    "completed_at",
                )
            )

        assert items(bulk) == items(single) and len(items(bulk)) == 3
        assert PlanItem.objects.filter(plan=bulk).values("uuid").distinct().count() == 3
        events = {
            event.payload["data"]["id"]: event.payload["data"]
            for event in OutboxEvent.objects.filter(type="development_plan.created")
        }
        assert events[str(bulk.uuid)] == {**events[str(single.uuid)], "id": str(bulk.uuid)}


def test_a_finished_build_is_announced_with_its_counts(world, django_capture_on_commit_callbacks):
    cycle = open_cycle(world)
    rated(world, cycle, world.employee, WITH_GAPS)
    rated(world, cycle, colleague(world, "settled@a.example"), ALL_MET)
    close(world, cycle, django_capture_on_commit_callbacks)
    with in_org(world.org):
        event = OutboxEvent.objects.get(type="plan_build.finished")
    data = event.payload["data"]
    assert data["cycle"] == str(cycle.uuid)
    assert (data["people_considered"], data["plans_created"], data["run"]) == (2, 1, 1)
    assert data["finished_at"]
