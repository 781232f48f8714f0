"""Talent review meetings: HR opens one for a department or a pool; its people on the 9-box;
a move between boxes needs a reason and calibrates potential (audited); decisions and actions
in a decision log, the actions followed up by Momentum through its tick; a rotating
facilitator; confidential like potential."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from talent import review_selectors, review_services, selectors
from talent.models import TalentReview, TalentReviewEntry, TalentReviewMove
from tests import factories
from tests.conftest import in_org
from tests.talent.conftest import actor_of
from tests.talent.factories import (
    PotentialAssessmentFactory,
    TalentReviewEntryFactory,
    TalentReviewFactory,
)
from workflows import tasks
from workflows.models import MilestoneRun, Notification, WorkflowTemplate
from workflows.triggers import anchor_on, organization_zone


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    """Momentum's beat tick at `now`, and what it enqueues, in-process."""

    def run(now: datetime.datetime) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.workflow_tick(now=now.isoformat())

    return run


@pytest.fixture
def review(careers):
    """Customer service (the employee and the peer) under review; the manager is not in it.
    The employee's potential is 2 in Q4; the peer has results but no potential."""
    department = factories.DepartmentFactory(organization=careers.org, name="Customer service")
    with in_org(careers.org):
        for member in (careers.employee, careers.peer):
            member.employee.department = department
            member.employee.save(update_fields=["department"])
        careers.assess(careers.peer, careers.q4, {"communication": 3, "coaching": 3})
        PotentialAssessmentFactory(
            organization=careers.org, employee=careers.employee.employee, cycle=careers.q4, level=2
        )
        return review_services.talent_review_open(
            actor=actor_of(careers.hr),
            name="Customer service review",
            held_on=timezone.localdate(),
            facilitator=careers.hr.employee,
            department=department,
        )


def _board_box(review, employee) -> str:
    return review_selectors.review_board(review=review).placed.get(employee.pk, "")


def test_a_move_needs_a_reason_and_calibrates_potential_with_it(careers, review):
    employee, peer, hr = careers.employee.employee, careers.peer.employee, actor_of(careers.hr)
    with in_org(careers.org):
        board = review_selectors.review_board(review=review)
        assert {p.pk for p in board.people} == {employee.pk, peer.pk}
        before = _board_box(review, employee)
        assert before.endswith("-2")  # potential 2 from the Q4 assessment
        assert [p.pk for p in board.unplaced] == [peer.pk]  # results, but no potential

        for reason in ("", "   "):
            with pytest.raises(ApplicationError) as refused:
                review_services.talent_review_move(
                    actor=hr, review=review, employee=employee, to_box="3-3", reason=reason
                )
            assert refused.value.code == "reason_required" and "reason" in refused.value.fields
        assert not TalentReviewMove.objects.exists()
        assert selectors.potential_levels(employee_ids=[employee.pk]) == {employee.pk: 2}

        move = review_services.talent_review_move(
            actor=hr, review=review, employee=employee, to_box="3-3", reason="Led the launch."
        )
        assert (move.from_box, move.to_box, move.reason) == (before, "3-3", "Led the launch.")
        # Potential is calibrated through the potential service, with the meeting's reason.
        assert selectors.potential_levels(employee_ids=[employee.pk]) == {employee.pk: 3}
        assert _board_box(review, employee) == "3-3"
        calibrated = AuditEvent.objects.get(action="potential.calibrated")
        assert "Led the launch." in calibrated.reason
        moved = AuditEvent.objects.get(action="talent_review.moved")
        assert moved.reason == "Led the launch." and moved.changes["box"][1] == "Future leader"

        # Someone unplaced is placed: an assessment records it, calibrated at once.
        review_services.talent_review_move(
            actor=hr, review=review, employee=peer, to_box="3-2", reason="Steady and broad."
        )
        assert selectors.potential_levels(employee_ids=[peer.pk]) == {peer.pk: 2}
        assert _board_box(review, peer) == "3-2"

        with pytest.raises(ApplicationError):  # already there
            review_services.talent_review_move(
                actor=hr, review=review, employee=peer, to_box="3-2", reason="Again."
            )
        with pytest.raises(ApplicationError):  # not among the people of the review
            review_services.talent_review_move(
                actor=hr,
                review=review,
                employee=careers.manager.employee,
                to_box="2-2",
                reason="Not here.",
            )


def test_a_held_review_no_longer_changes(careers, review):
    hr = actor_of(careers.hr)
    with in_org(careers.org):
        review_services.talent_review_hold(actor=hr, review=review, summary="Two moves.")
        review.refresh_from_db()
        assert review.status == TalentReview.Status.HELD and review.closed_at
        with pytest.raises(ApplicationError) as held:
            review_services.talent_review_decision_record(actor=hr, review=review, text="Late.")
        assert held.value.code == "review_held"


def test_only_hr_and_the_people_hr_grants_run_a_review_never_its_people(careers, review):
    employee, peer, manager = careers.employee, careers.peer, careers.manager
    with in_org(careers.org):
        for who in (employee, peer, manager):
            assert not review_selectors.reviews_for_viewer(actor=actor_of(who)).exists()
            with pytest.raises(PermissionDenied):
                review_services.talent_review_decision_record(
                    actor=actor_of(who), review=review, text="Promote everyone."
                )
            with pytest.raises(PermissionDenied):
                review_services.talent_review_move(
                    actor=actor_of(who),
                    review=review,
                    employee=employee.employee,
                    to_box="3-3",
                    reason="Me.",
                )
        with pytest.raises(PermissionDenied):  # HR grants, nobody else
            review_services.talent_review_grant(
                actor=actor_of(manager), review=review, employee=manager.employee
            )
        # Someone the review is about is never granted it.
        with pytest.raises(ApplicationError):
            review_services.talent_review_grant(
                actor=actor_of(careers.hr), review=review, employee=peer.employee
            )
        review_services.talent_review_grant(
            actor=actor_of(careers.hr), review=review, employee=manager.employee
        )
        assert list(review_selectors.reviews_for_viewer(actor=actor_of(manager))) == [review]
        review_services.talent_review_decision_record(
            actor=actor_of(manager), review=review, text="Pair the team with the new leads."
        )
        # A grantee is not HR: they open no review of their own.
        with pytest.raises(PermissionDenied):
            review_services.talent_review_open(
                actor=actor_of(manager),
                name="Mine",
                held_on=timezone.localdate(),
                facilitator=manager.employee,
                department=review.department,
            )
    with in_org(careers.outsider.membership.organization):
        assert not TalentReview.objects.exists()


def test_the_facilitator_rotates_to_whoever_facilitated_least_recently(careers, review):
    hr, manager = careers.hr, careers.manager
    second_hr = factories.member(careers.org, role="admin", email="hr2@a.example", last_name="Zed")
    with in_org(careers.org):
        # The manager, granted a review before, is in the rotation too.
        review_services.talent_review_grant(
            actor=actor_of(hr), review=review, employee=manager.employee
        )
        candidates = set(review_selectors.facilitator_candidates())
        assert candidates == {hr.employee, manager.employee, second_hr.employee}
        first = review_selectors.facilitator_suggestion()
        assert first != hr.employee  # HR facilitated today's review
        nxt = review_services.talent_review_open(
            actor=actor_of(hr),
            name="Next review",
            held_on=timezone.localdate() + datetime.timedelta(days=90),
            facilitator=first,
            department=review.department,
        )
        assert nxt.facilitator == first
        second = review_selectors.facilitator_suggestion()
        assert second not in (first, hr.employee)


def test_the_decision_log_and_its_follow_up_through_momentum(careers, review, tick):
    hr, manager, employee = careers.hr, careers.manager, careers.employee
    today = timezone.localdate()
    due = today + datetime.timedelta(days=10)
    with in_org(careers.org):
        # Opening the first review switched on the shipped workflow.
        template = WorkflowTemplate.objects.get(source="talent_review_actions")
        assert template.status == WorkflowTemplate.Status.ACTIVE
        decision = review_services.talent_review_decision_record(
            actor=actor_of(hr),
            review=review,
            text="Emma joins the Future leaders pool.",
            employee=employee.employee,
        )
        with pytest.raises(ApplicationError):  # an action has an owner other than its subject
            review_services.talent_review_action_record(
                actor=actor_of(hr),
                review=review,
                text="Coach herself.",
                owner=employee.employee,
                due_on=due,
                employee=employee.employee,
            )
        with pytest.raises(ApplicationError):  # and a due date still to come
            review_services.talent_review_action_record(
                actor=actor_of(hr),
                review=review,
                text="Late already.",
                owner=manager.employee,
                due_on=today - datetime.timedelta(days=1),
            )
        action = review_services.talent_review_action_record(
            actor=actor_of(hr),
            review=review,
            text="Offer Emma the team-lead stretch assignment.",
            owner=manager.employee,
            due_on=due,
            employee=employee.employee,
        )
        done_early = review_services.talent_review_action_record(
            actor=actor_of(hr),
            review=review,
            text="Book the coaching circle.",
            owner=hr.employee,
            due_on=due,
        )
        log = list(review_selectors.entries_of(review=review))
        assert [e.kind for e in log] == ["decision", "action", "action"]
        assert log[0] == decision and decision.owner is None
        zone = organization_zone(careers.org)

    tick(timezone.now() + datetime.timedelta(minutes=5))
    with in_org(careers.org):
        steps = MilestoneRun.objects.filter(run__template=template)
        reminders = steps.filter(kind="talent_review_action_reminder")
        assert sorted(reminders.values_list("occasion", flat=True)) == sorted(
            ["action-before", "action-due", "action-overdue"] * 2
        )
        assert {r.run.employee_id for r in reminders} == {manager.employee.pk, hr.employee.pk}
        # The owner of the second action is done before anything is due.
        review_services.talent_review_action_complete(
            actor=actor_of(hr), action=done_early, note="Booked."
        )

    before = anchor_on(due - datetime.timedelta(days=2), zone) + datetime.timedelta(minutes=5)
    tick(before)
    tick(before + datetime.timedelta(minutes=1))  # nothing twice
    with in_org(careers.org):
        told = list(Notification.objects.filter(occasion="action-before"))
        assert [n.recipient_id for n in told] == [manager.user.pk]
        assert "stretch assignment" in told[0].title
        assert told[0].link.endswith(f"/talent/review-actions/{action.uuid}/")
        # The completed action's reminders were cancelled.
        left = MilestoneRun.objects.filter(
            run__employee=hr.employee, kind="talent_review_action_reminder"
        )
        assert set(left.values_list("state", flat=True)) == {MilestoneRun.State.CANCELLED}

    tick(anchor_on(due, zone) + datetime.timedelta(minutes=5))
    overdue = anchor_on(due + datetime.timedelta(days=1), zone) + datetime.timedelta(minutes=5)
    tick(overdue)
    with in_org(careers.org):
        assert Notification.objects.filter(occasion="action-due").count() == 1
        late = {n.recipient_id: n for n in Notification.objects.filter(occasion="action-overdue")}
        # The owner, and the owner's manager (HR here) without the confidential text.
        assert set(late) == {manager.user.pk, hr.user.pk}
        assert "stretch" not in late[hr.user.pk].title
        assert manager.employee.full_name in late[hr.user.pk].title
        review_services.talent_review_action_complete(actor=actor_of(manager), action=action)
        action.refresh_from_db()
        assert action.status == TalentReviewEntry.Status.DONE and action.done_at

    tick(overdue + datetime.timedelta(days=1))
    with in_org(careers.org):
        follow_up = MilestoneRun.objects.get(
            run__employee=manager.employee, kind="talent_review_action"
        )
        assert follow_up.state == MilestoneRun.State.DONE


def test_owners_complete_their_own_actions_others_do_not(careers, review):
    hr, manager, peer = careers.hr, careers.manager, careers.peer
    with in_org(careers.org):
        action = review_services.talent_review_action_record(
            actor=actor_of(hr),
            review=review,
            text="Find a mentor for the team.",
            owner=manager.employee,
            due_on=timezone.localdate() + datetime.timedelta(days=3),
        )
        assert review_selectors.action_get_for_viewer(actor=actor_of(manager), uuid=action.uuid)
        assert not review_selectors.action_get_for_viewer(actor=actor_of(peer), uuid=action.uuid)
        with pytest.raises(PermissionDenied):
            review_services.talent_review_action_complete(actor=actor_of(peer), action=action)
        review_services.talent_review_action_complete(actor=actor_of(manager), action=action)
        # The owner reads their action, not the rest of the review.
        assert not review_selectors.reviews_for_viewer(actor=actor_of(manager)).exists()


def test_a_review_is_of_a_pool_or_a_department(careers):
    with in_org(careers.org):
        with pytest.raises(ApplicationError):
            review_services.talent_review_open(
                actor=actor_of(careers.hr),
                name="Nothing",
                held_on=timezone.localdate(),
                facilitator=careers.hr.employee,
            )
        TalentReviewFactory(organization=careers.org)


# --- Pages --------------------------------------------------------------------------------------


def test_hr_runs_the_meeting_on_its_page_a_move_without_a_reason_is_refused(
    careers, review, client
):
    employee = careers.employee.employee
    client.force_login(careers.hr.user)
    listing = client.get("/talent/reviews/").content.decode()
    assert "Customer service review" in listing
    url = f"/talent/reviews/{review.uuid}/"
    page = client.get(url).content.decode()
    assert employee.full_name in page and careers.peer.employee.full_name in page
    assert "Not placed yet" in page  # the peer has no potential
    assert f'data-person="{employee.uuid}"' in page  # draggable card

    refused = client.post(f"{url}move/", {"employee": employee.pk, "to_box": "3-3", "reason": " "})
    assert refused.status_code == 400
    assert "A move needs its reason." in refused.content.decode()
    with in_org(careers.org):
        assert not TalentReviewMove.objects.exists()

    moved = client.post(
        f"{url}move/", {"employee": employee.pk, "to_box": "3-3", "reason": "Led the launch."}
    )
    assert moved.status_code == 302
    page = client.get(url).content.decode()
    assert "Led the launch." in page and "Future leader" in page

    # The decision log: a decision, and an action that needs its owner and due date.
    incomplete = client.post(f"{url}log/", {"kind": "action", "text": "Offer a stretch role."})
    assert (
        incomplete.status_code == 400 and "An action has an owner." in incomplete.content.decode()
    )
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    client.post(f"{url}log/", {"kind": "decision", "text": "Emma joins Future leaders."})
    client.post(
        f"{url}log/",
        {
            "kind": "action",
            "text": "Offer a stretch role.",
            "owner": str(careers.manager.employee.uuid),
            "due_on": due,
            "employee": employee.pk,
        },
    )
    page = client.get(url).content.decode()
    assert "Emma joins Future leaders." in page and "Offer a stretch role." in page
    assert client.post(f"{url}hold/", {"summary": "One move."}).status_code == 302
    page = client.get(url).content.decode()
    assert "Held (closed on" in page and "move-form" not in page

    # The owner opens their action from the reminder and marks it done; not the review.
    with in_org(careers.org):
        action = TalentReviewEntry.objects.get(kind="action")
    client.force_login(careers.manager.user)
    assert client.get(url).status_code == 404
    action_url = f"/talent/review-actions/{action.uuid}/"
    assert "Offer a stretch role." in client.get(action_url).content.decode()
    assert client.post(action_url, {"note": "Agreed with Emma."}).status_code == 302
    with in_org(careers.org):
        action.refresh_from_db()
    assert action.status == "done" and action.done_note == "Agreed with Emma."


def test_the_review_pages_are_for_hr_and_grantees_only(careers, review, client):
    url = f"/talent/reviews/{review.uuid}/"
    for who in (careers.employee, careers.peer, careers.manager):
        client.force_login(who.user)
        assert client.get("/talent/reviews/").status_code == 403
        assert client.get(url).status_code == 404
        assert client.post(f"{url}move/", {"to_box": "3-3"}).status_code == 404
    client.force_login(careers.outsider.user)
    assert client.get(url).status_code == 404
    with in_org(careers.org):
        review_services.talent_review_grant(
            actor=actor_of(careers.hr), review=review, employee=careers.manager.employee
        )
        told = Notification.objects.get(recipient=careers.manager.user)
        assert told.link == url
    client.force_login(careers.manager.user)
    assert client.get(url).status_code == 200
    assert "Who else runs this review" not in client.get(url).content.decode()  # HR grants
    with in_org(careers.org):
        reads = AuditEvent.objects.filter(
            action="talent_review.read", actor_user=careers.manager.user
        )
        assert reads.exists()


def test_the_review_pages_cost_the_same_for_more_people_and_reviews(careers, review, client):
    client.force_login(careers.hr.user)
    url = f"/talent/reviews/{review.uuid}/"

    def more(n):
        with in_org(careers.org):
            for i in range(n):
                person = factories.EmployeeFactory(
                    organization=careers.org, department=review.department, last_name=f"P{i}"
                )
                careers.assess(person, careers.q4, {"communication": 2})
                PotentialAssessmentFactory(organization=careers.org, employee=person, level=3)
                review_services.talent_review_action_record(
                    actor=actor_of(careers.hr),
                    review=review,
                    text=f"Action {i}",
                    owner=careers.manager.employee,
                    due_on=timezone.localdate(),
                    employee=person,
                )
                TalentReviewFactory(organization=careers.org, department=review.department)

    more(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few_list:
        assert client.get("/talent/reviews/").status_code == 200
    more(6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as many_list:
        assert client.get("/talent/reviews/").status_code == 200
    assert len(many) == len(few)
    assert len(many_list) == len(few_list)


# --- API ----------------------------------------------------------------------------------------


def test_the_api_opens_a_review_moves_records_the_log_and_completes(careers, key_client_a):
    employee = careers.employee.employee
    department = factories.DepartmentFactory(organization=careers.org, name="Advice")
    with in_org(careers.org):
        employee.department = department
        employee.save(update_fields=["department"])
        PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q4, level=2
        )
    opened = key_client_a.post(
        "/api/v1/talent-reviews",
        {"name": "Advice review", "department": str(department.uuid), "held_on": "2027-01-12"},
        format="json",
    )
    assert opened.status_code == 201, opened.json()
    body = opened.json()
    assert body["facilitator"] and body["status"] == "open"  # the rotation's suggestion
    base = f"/api/v1/talent-reviews/{body['id']}"
    refused = key_client_a.post(
        f"{base}/moves", {"employee": str(employee.uuid), "to_box": "2-3"}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "reason_required"
    moved = key_client_a.post(
        f"{base}/moves",
        {"employee": str(employee.uuid), "to_box": "2-3", "reason": "Broadened fast."},
        format="json",
    )
    assert moved.status_code == 201 and moved.json()["to_box"] == "2-3"
    assert key_client_a.get(f"{base}/moves").json()["results"][0]["reason"] == "Broadened fast."
    decided = key_client_a.post(
        f"{base}/decisions", {"text": "Nominate for the leads pool."}, format="json"
    )
    assert decided.status_code == 201
    acted = key_client_a.post(
        f"{base}/actions",
        {
            "text": "Book the coaching circle.",
            "owner": str(careers.manager.employee.uuid),
            "due_on": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
        format="json",
    )
    assert acted.status_code == 201, acted.json()
    action_id = acted.json()["id"]
    assert key_client_a.get(f"{base}/actions").json()["count"] == 1
    done = key_client_a.post(
        f"/api/v1/talent-review-actions/{action_id}/complete", {"note": "Booked."}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    held = key_client_a.post(f"{base}/hold", {"summary": "Done."}, format="json")
    assert held.status_code == 200 and held.json()["status"] == "held"
    late = key_client_a.post(f"{base}/decisions", {"text": "Too late."}, format="json")
    assert late.status_code == 400 and late.json()["code"] == "review_held"


def test_the_review_list_api_costs_the_same_for_more_reviews(careers, key_client_a):
    def make(n):
        with in_org(careers.org):
            for _ in range(n):
                review = TalentReviewFactory(organization=careers.org)
                factories_entry(review)

    def factories_entry(review):
        TalentReviewEntryFactory(organization=careers.org, review=review)

    make(1)
    key_client_a.get("/api/v1/talent-reviews")
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get("/api/v1/talent-reviews").status_code == 200
    with CaptureQueriesContext(connection) as few_actions:
        assert key_client_a.get("/api/v1/talent-review-actions").status_code == 200
    make(5)
    with CaptureQueriesContext(connection) as many:
        assert len(key_client_a.get("/api/v1/talent-reviews").json()["results"]) == 6
    with CaptureQueriesContext(connection) as many_actions:
        assert len(key_client_a.get("/api/v1/talent-review-actions").json()["results"]) == 6
    assert len(many) == len(few)
    assert len(many_actions) == len(few_actions)
