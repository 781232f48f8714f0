"""Cycles, launch, ratings and submission: the rules and their error codes."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment, AssessmentCycle, Rating
from assessments.services import cycles as cycle_services
from assessments.services import raters as rater_services
from assessments.services import ratings as rating_services
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError
from plms.people.models import Employee
from tests.assessments.conftest import actor_of
from tests.capabilities.factories import RoleAssignmentFactory
from tests.conftest import in_org
from tests.factories import EmployeeFactory, SecondaryManagerFactory


def _kinds(world):
    with in_org(world.org):
        return sorted(
            (a.employee.email, a.rater.email, a.kind, a.weight)
            for a in Assessment.objects.select_related("employee", "rater")
        )


# --- Cycles ----------------------------------------------------------------------------------


def test_weights_must_total_100(world):
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        cycle_services.cycle_update(actor=world.system, cycle=world.cycle, weight_peer=30)
    assert error.value.code == "invalid_weights"


def test_scope_ids_must_exist(world):
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        cycle_services.cycle_create(
            actor=world.system,
            name="Sales only",
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 2, 1),
            scope="departments",
            scope_ids=["7f1c7c4e-0000-4000-8000-000000000000"],
        )
    assert error.value.code == "invalid_scope"


def test_members_cannot_create_cycles(world):
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        cycle_services.cycle_create(
            actor=actor_of(world.employee),
            name="Mine",
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 2, 1),
        )
    assert error.value.status == 403


# --- Launch ----------------------------------------------------------------------------------


def test_launch_creates_self_primary_and_matrix_manager_assessments(world):
    cycle = world.launch()
    assert cycle.status == "open"
    assert cycle.launch_state == "done"
    assert cycle.launch_done == cycle.launch_total == 2  # employee and peer hold the role
    assert _kinds(world) == sorted(
        [
            ("employee@a.example", "employee@a.example", "self", 100),
            ("employee@a.example", "manager@a.example", "manager", 60),
            ("employee@a.example", "matrix@a.example", "manager", 40),
            ("peer@a.example", "peer@a.example", "self", 100),
            ("peer@a.example", "manager@a.example", "manager", 100),
        ]
    )


def test_launch_is_idempotent(world):
    world.launch()
    before = _kinds(world)
    assert (
        cycle_services.cycle_launch_run(cycle_id=world.cycle.pk, organization_id=world.org.pk) == 0
    )
    world.launch()  # launching again only adds newcomers: there are none
    assert _kinds(world) == before


def test_relaunch_adds_newcomers_only(world):
    world.launch()
    with in_org(world.org):
        first = {a.pk: (a.uuid, a.status, a.created_at) for a in Assessment.objects.all()}
        Assessment.objects.filter(kind="self").update(status=Assessment.Status.DRAFT)
        newcomer = EmployeeFactory(
            organization=world.org, manager=world.manager.employee, manager_weight=70
        )
        SecondaryManagerFactory(
            organization=world.org, employee=newcomer, manager=world.matrix.employee, weight=30
        )
        RoleAssignmentFactory(organization=world.org, employee=newcomer, role=world.role)
        cycle = cycle_services.cycle_launch(actor=world.system, cycle=world.cycle)
    created = cycle_services.cycle_launch_run(cycle_id=cycle.pk, organization_id=world.org.pk)
    assert created == 3
    with in_org(world.org):
        cycle.refresh_from_db()
        assert (cycle.launch_state, cycle.launch_done, cycle.launch_total) == ("done", 3, 3)
        rows = list(Assessment.objects.filter(cycle=cycle).select_related("rater"))
        old = [a for a in rows if a.pk in first]
        new = [a for a in rows if a.pk not in first]
    assert len(old) == 5 and {a.pk: (a.uuid, a.created_at) for a in old} == {
        pk: (uuid, created_at) for pk, (uuid, _, created_at) in first.items()
    }
    assert all(a.status == ("draft" if a.kind == "self" else "pending") for a in old)
    assert sorted((a.rater.email, a.kind, a.weight) for a in new) == sorted(
        [
            ("manager@a.example", "manager", 70),
            ("matrix@a.example", "manager", 30),
            (newcomer.email, "self", 100),
        ]
    )
    assert all(a.employee_id == newcomer.pk and a.status == "pending" for a in new)
    assert all(a.organization_id == world.org.pk and a.submitted_at is None for a in new)
    launched_first = max(created_at for _, _, created_at in first.values())
    assert all(a.created_at == a.updated_at and a.created_at > launched_first for a in new)
    assert len({a.uuid for a in rows}) == 8


def test_a_primary_manager_also_listed_as_matrix_manager_rates_once(world):
    with in_org(world.org):
        SecondaryManagerFactory(
            organization=world.org,
            employee=world.peer.employee,
            manager=world.manager.employee,
            weight=20,
        )
        Employee.objects.filter(pk=world.peer.employee.pk).update(manager_weight=80)
    world.launch()
    with in_org(world.org):
        raters = list(
            Assessment.objects.filter(employee=world.peer.employee, kind="manager").values_list(
                "rater_id", "weight"
            )
        )
    assert raters == [(world.manager.employee.pk, 80)]


def test_launch_of_a_closed_cycle_is_refused(world):
    world.launch()
    with in_org(world.org):
        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
        with pytest.raises(ApplicationError) as error:
            cycle_services.cycle_launch(actor=world.system, cycle=world.cycle)
    assert error.value.code == "cycle_not_open"


def _staff(world, count):
    with in_org(world.org):
        for _ in range(count):
            person = EmployeeFactory(organization=world.org, manager=world.manager.employee)
            RoleAssignmentFactory(organization=world.org, employee=person, role=world.role)


def _launch_queries(world, cycle_name):
    with in_org(world.org):
        cycle = cycle_services.cycle_create(
            actor=world.system,
            name=cycle_name,
            period_start=datetime.date(2027, 4, 1),
            period_end=datetime.date(2027, 6, 30),
        )
        cycle_services.cycle_launch(actor=world.system, cycle=cycle)
    with CaptureQueriesContext(connection) as queries:
        cycle_services.cycle_launch_run(cycle_id=cycle.pk, organization_id=world.org.pk)
    with in_org(world.org):
        created = Assessment.objects.filter(cycle=cycle).count()
    return len(queries), created


@pytest.mark.postgres  # SQLite splits bulk inserts by its limit of query parameters
def test_launch_runs_in_a_constant_number_of_queries(world):
    _staff(world, 150)
    small, created_small = _launch_queries(world, "Small")
    _staff(world, 150)
    large, created_large = _launch_queries(world, "Large")
    assert created_large > created_small >= 300
    assert small == large


# --- Ratings ---------------------------------------------------------------------------------


@pytest.fixture
def open_world(world):
    world.launch()
    return world


def _ratings(world, assessment):
    with in_org(world.org):
        return sorted(
            (r.capability.key, r.level, r.evidence)
            for r in Rating.objects.filter(assessment=assessment).select_related("capability")
        )


def _refused(world, member, assessment, levels, code, *, submit=False):
    before = _ratings(world, assessment)
    with pytest.raises(ApplicationError) as error:
        world.rate(member, assessment, levels, submit=submit)
    assert error.value.code == code
    assert _ratings(world, assessment) == before
    return error.value


def test_rating_outside_the_scale_is_refused_and_nothing_changes(open_world):
    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 3})
    error = _refused(world, world.employee, own, {0: 4, 1: 6}, "level_out_of_scale")
    assert "complaint-resolution" in error.fields
    _refused(world, world.employee, own, {0: 0}, "level_out_of_scale")


def test_capability_outside_the_role_is_refused(open_world):
    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        rating_services.ratings_save(
            actor=actor_of(world.employee),
            assessment=own,
            items=[
                rating_services.RatingInput(world.capabilities[0], 3),
                rating_services.RatingInput(world.other_capability, 3),
            ],
        )
    assert error.value.code == "capability_not_in_scope"
    assert list(error.value.fields) == ["forklift"]
    assert _ratings(world, own) == []


def test_only_the_rater_rates(open_world):
    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    for member in (world.manager, world.hr, world.peer):
        _refused(world, member, own, {0: 3}, "not_rater")


def test_draft_autosaves_then_submit_locks(open_world):
    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 3})
    world.rate(world.employee, own, {0: 2, 1: 3})
    with in_org(world.org):
        own.refresh_from_db()
    assert own.status == "draft"
    world.rate(world.employee, own, {2: None}, submit=True)
    with in_org(world.org):
        own.refresh_from_db()
    assert own.status == "submitted" and own.submitted_at is not None
    assert _ratings(world, own)[2] == ("negotiation", None, "Seen in the March review.")
    _refused(world, world.employee, own, {0: 4}, "assessment_locked")
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        rating_services.assessment_submit(actor=actor_of(world.employee), assessment=own)
    assert error.value.code == "already_submitted"


def test_submit_needs_every_capability(open_world):
    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 3})
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        rating_services.assessment_submit(actor=actor_of(world.employee), assessment=own)
    assert error.value.code == "incomplete"
    assert set(error.value.fields) == {"complaint-resolution", "negotiation"}
    with in_org(world.org):
        own.refresh_from_db()
    assert own.status == "draft"


def test_submitting_emits_an_event_and_audits(open_world):
    from plms.integrations.models import OutboxEvent

    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 3, 1: 3, 2: 3}, submit=True)
    with in_org(world.org):
        assert OutboxEvent.objects.filter(type="assessment.submitted").count() == 1
        assert AuditEvent.objects.filter(action="assessment.submitted").count() == 1


# --- Evidence rules --------------------------------------------------------------------------


def test_evidence_required_at_the_extremes(open_world):
    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 5, 1: 1, 2: 3}, evidence="")
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        rating_services.assessment_submit(actor=actor_of(world.employee), assessment=own)
    assert error.value.code == "evidence_required"
    assert set(error.value.fields) == {"customer-communication", "complaint-resolution"}
    world.rate(world.employee, own, {0: 5, 1: 1}, evidence="Led the complaints audit.")
    world.rate(world.employee, own, {}, submit=True)


def test_evidence_required_two_levels_from_the_self_rating(open_world):
    world = open_world
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 2, 1: 2, 2: 3}, submit=True)
    theirs = world.assessment(rater=world.manager, kind="manager")
    world.rate(world.manager, theirs, {0: 4, 1: 3, 2: 3}, evidence="")
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        rating_services.assessment_submit(actor=actor_of(world.manager), assessment=theirs)
    assert error.value.code == "evidence_required"
    assert set(error.value.fields) == {"customer-communication"}


def test_evidence_rules_are_configurable(open_world):
    world = open_world
    with in_org(world.org):
        cycle_services.cycle_update(
            actor=world.system,
            cycle=world.cycle,
            evidence_at_extremes=False,
            evidence_min_distance=0,
        )
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 5, 1: 1, 2: 3}, evidence="", submit=True)


def test_scope_and_weights_are_fixed_after_launch(open_world):
    world = open_world
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        cycle_services.cycle_update(
            actor=world.system, cycle=world.cycle, weight_self=30, weight_peer=10
        )
    assert error.value.code == "cycle_not_draft"


# --- Close, reopen, peers, experts -----------------------------------------------------------


def test_reopen_needs_a_reason_and_is_audited(open_world):
    world = open_world
    with in_org(world.org):
        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
        with pytest.raises(ApplicationError) as error:
            cycle_services.cycle_reopen(actor=world.system, cycle=world.cycle, reason=" ")
        assert error.value.code == "reason_required"
        cycle_services.cycle_reopen(
            actor=world.system, cycle=world.cycle, reason="Two managers were on leave."
        )
        event = AuditEvent.objects.get(action="assessment_cycle.reopened")
        assert event.reason == "Two managers were on leave."
        assert AssessmentCycle.objects.get(pk=world.cycle.pk).status == "open"


def test_peer_nomination_respects_the_per_person_cap(open_world):
    world = open_world
    with in_org(world.org):
        cycle_services.cycle_update(actor=world.system, cycle=world.cycle, max_peer_requests=1)
        world.cycle.refresh_from_db()
        created = rater_services.peers_nominate(
            actor=actor_of(world.employee),
            cycle=world.cycle,
            employee=world.employee.employee,
            peers=[world.peer.employee],
        )
        assert created[0].status == "nominated"
        with pytest.raises(ApplicationError) as error:
            rater_services.peers_nominate(
                actor=actor_of(world.manager),
                cycle=world.cycle,
                employee=world.manager.employee,
                peers=[world.peer.employee],
            )
        assert error.value.code == "peer_limit_reached"
        from assessments.selectors.raters import peer_suggestions

        suggested = list(peer_suggestions(cycle=world.cycle, employee=world.manager.employee))
        assert world.peer.employee not in suggested
        rater_services.peer_nomination_decide(
            actor=actor_of(world.manager), assessment=created[0], approve=True
        )
        created[0].refresh_from_db()
        assert created[0].status == "pending"


def test_expert_grant_uses_an_object_permission(open_world):
    world = open_world
    with in_org(world.org):
        assessment = rater_services.expert_grant(
            actor=world.system,
            cycle=world.cycle,
            employee=world.employee.employee,
            expert=world.expert.employee,
        )
        assert world.expert.user.has_perm("assessments.rate_assessment", assessment)
        assert not world.peer.user.has_perm("assessments.rate_assessment", assessment)
    world.rate(world.expert, assessment, {0: 3, 1: 3, 2: 3}, submit=True)
