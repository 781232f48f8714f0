"""Out of the box, a submitted self-assessment tells the manager who rates next: once, in the
app and by e-mail as they chose, linked to their own rating form; a workflow can switch it
off for the assessments it launches."""

from __future__ import annotations

import datetime

from django.urls import reverse

from assessments import notices
from assessments.models import Assessment
from assessments.services import cycles as cycle_services
from tests.assessments.conftest import actor_of
from tests.conftest import in_org
from workflows import notifications, tasks
from workflows import services as workflow_services
from workflows.models import MilestoneRun, Notification

EVENT = "assessment.self_submitted"


def _submit_self(world) -> Assessment:
    own = world.assessment(rater=world.employee, kind="self")
    world.rate(world.employee, own, {0: 3, 1: 3, 2: 3}, submit=True)
    return own


def test_a_submitted_self_assessment_tells_the_managers_once(world, client):
    world.launch()
    own = _submit_self(world)
    rating = world.assessment(rater=world.manager, kind="manager")
    with in_org(world.org):
        told = {n.recipient_id: n for n in Notification.objects.filter(event=EVENT)}
        # Replayed (a retried task, a second signal): the dedupe key stores nothing new.
        assert notices.self_assessment_submitted(assessment=own) == []
        assert Notification.objects.filter(event=EVENT).count() == 2
    # The primary and the matrix manager, who both rate next; nobody else.
    assert set(told) == {world.manager.user.pk, world.matrix.user.pk}
    notice = told[world.manager.user.pk]
    assert world.employee.employee.full_name in notice.title
    assert notice.link == reverse("assessments:assessment_form", args=[rating.uuid])
    assert notice.in_app and notice.email_state == Notification.EmailState.PENDING

    # The manager's own submission tells nobody.
    world.rate(world.manager, rating, {0: 2, 1: 2, 2: 2}, submit=True)
    with in_org(world.org):
        assert Notification.objects.filter(event=EVENT).count() == 2

    # Opened from the manager's list, it takes them to their rating form.
    client.force_login(world.manager.user)
    opened = client.post(reverse("notifications:read", args=[notice.uuid]), {"open": "1"})
    assert opened["Location"] == notice.link


def test_the_manager_chooses_how_they_hear(world):
    with in_org(world.org):
        notifications.notification_settings_update(
            user=world.manager.user, events={EVENT: {"in_app": True, "email": False}}
        )
    world.launch()
    _submit_self(world)
    with in_org(world.org):
        notice = Notification.objects.get(event=EVENT, recipient=world.manager.user)
    assert notice.in_app and notice.email_state == Notification.EmailState.NONE


def test_a_workflow_that_launches_the_assessment_can_switch_it_off(
    world, django_capture_on_commit_callbacks
):
    now = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)
    with in_org(world.org):
        actor = actor_of(world.hr)
        cycle_services.cycle_launch(actor=world.system, cycle=world.cycle)
        template = workflow_services.workflow_template_create(
            actor=actor,
            name="Quiet review",
            trigger="date",
            start_date=now.date(),
            audience="people",
            audience_ids=[str(world.employee.employee.uuid)],
            milestones=[
                {
                    "name": "Self-assessment",
                    "kind": "launch_assessment",
                    "due_days": 7,
                    "config": {"assessment": "self", "tell_manager_on_submit": False},
                }
            ],
        )
        workflow_services.workflow_template_activate(
            actor=actor, template=template, now=now - datetime.timedelta(days=1)
        )
    with django_capture_on_commit_callbacks(execute=True):  # the tick and what it enqueues
        tasks.workflow_tick(now=now.isoformat())
    with in_org(world.org):
        step = MilestoneRun.objects.get(run__template=template, occasion="start")
        assert step.object_type == "assessments.assessment"
    _submit_self(world)
    with in_org(world.org):
        assert not Notification.objects.filter(event=EVENT).exists()
