"""Demo Momentum for Acme: "Weekly check-ins" active since the latest Monday whose check-in
time has come (early on a Monday, last week's), with that week's messages and check-ins
already sent, "Red goal follow-up" active (a goal that turns red tells
the manager), the quarterly review as a draft to look at, and "Q1 review kick-off", a one-off
message to the support team whose runs are finished."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS
from workflows import services, triggers
from workflows.engine import runs as run_engine
from workflows.engine import steps as step_engine
from workflows.models import WorkflowTemplate


def seed_workflows(actor: Actor, now: datetime | None = None) -> None:
    if WorkflowTemplate.objects.filter(source="weekly_check_ins").exists():
        return
    zone = triggers.organization_zone(actor.organization)
    now = now or timezone.now()
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    if triggers.anchor_on(monday, zone) > now:
        monday -= timedelta(days=7)  # this week's check-in time is still to come
    weekly = services.workflow_template_instantiate(
        actor=actor, key="weekly_check_ins", today=monday - timedelta(days=1)
    )
    services.workflow_template_activate(
        actor=actor,
        template=weekly,
        now=triggers.anchor_on(monday, zone) - timedelta(minutes=1),
    )
    # Run this week's occurrence now, in this transaction, whatever runs the tasks.
    run_engine.template_materialise(template_id=weekly.pk, now=now)
    for step_id in step_engine.steps_claim(now=now, limit=1000):
        step_engine.step_dispatch(step_id=step_id, now=now)
    support = [
        str(uuid)
        for uuid in Employee.objects.filter(
            user__email__in=("employee@acme.example", "liam@acme.example")
        ).values_list("uuid", flat=True)
    ]
    if support:
        _kick_off(actor, support, monday, now)
    services.workflow_template_instantiate(actor=actor, key="quarterly_competency_review")
    red = services.workflow_template_instantiate(actor=actor, key="red_goal_follow_up")
    services.workflow_template_activate(actor=actor, template=red, now=now)


def _kick_off(actor: Actor, people: list[str], monday, now: datetime) -> None:
    """A one-off message to `people`, sent: its runs are finished."""
    zone = triggers.organization_zone(actor.organization)
    kick_off = services.workflow_template_create(
        actor=actor,
        name="Q1 review kick-off",
        description="A one-off message to the support team before the Q1 review opens.",
        trigger="date",
        start_date=monday,
        audience="people",
        audience_ids=people,
        milestones=[
            {
                "name": "The Q1 review is coming, {employee}",
                "kind": "send_message",
                "recipients": "both",
                "message": "{manager} and {employee}: set aside an hour for the review.",
            }
        ],
    )
    services.workflow_template_activate(
        actor=actor, template=kick_off, now=triggers.anchor_on(monday, zone) - timedelta(minutes=1)
    )
    run_engine.template_materialise(template_id=kick_off.pk, now=now)
    for step_id in step_engine.steps_claim(now=now, limit=1000):
        step_engine.step_dispatch(step_id=step_id, now=now)


DEMO_STEPS.append(seed_workflows)
