"""The summaries PostgreSQL keeps as steps and runs are written (`workflows.0007`): after every
kind of write (runs started, steps dispatched, completed, failed, reminded, runs cancelled and
deleted, a workflow cancelled and deleted) a workflow's milestone figures and its runs' counts
by state equal those counted again from the steps and runs; one organisation's summary is its
own."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Greatest

from goals.models import CheckIn
from tests.conftest import in_org
from tests.workflows.conftest import T0, actor_for, days
from tests.workflows.factories import (
    MilestoneRunFactory,
    WorkflowMilestoneFactory,
    WorkflowRunFactory,
    WorkflowTemplateFactory,
)
from workflows import milestones as registry
from workflows import selectors, services, tasks
from workflows.engine import runs as run_engine
from workflows.engine import steps as step_engine
from workflows.models import MilestoneRun, WorkflowRun

pytestmark = pytest.mark.django_db

CLOSED = ("skipped", "cancelled")


def _recounted(template, now) -> dict[int, tuple]:
    """The milestones' figures counted from the steps, as the page did before the summary."""
    done = Q(state="done")
    is_open = ~Q(state__in=MilestoneRun.FINISHED_STATES)
    lateness = ExpressionWrapper(F("completed_at") - F("due_at"), output_field=DurationField())
    rows = (
        MilestoneRun.objects.filter(template=template, parent__isnull=True)
        .values("milestone_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=done),
            skipped=Count("id", filter=Q(state__in=CLOSED)),
            failed=Count("id", filter=Q(state="failed")),
            open=Count("id", filter=is_open),
            overdue=Count("id", filter=is_open & Q(deadline_at__lt=now)),
            late=Sum(Greatest(lateness, Value(timedelta(0))), filter=done),
        )
        .order_by()
    )
    figures = {}
    for row in rows:
        late = (row["late"] or timedelta(0)) / timedelta(days=1)
        figures[row["milestone_id"]] = (
            row["total"],
            row["done"],
            row["skipped"],
            row["failed"],
            row["open"],
            row["overdue"],
            late,
        )
    return figures


def _summarised(template, now) -> dict[int, tuple]:
    return {
        s.milestone.pk: (s.total, s.done, s.skipped, s.failed, s.open, s.overdue, s.days_total)
        for s in selectors.workflow_template_dashboard(template=template, now=now)
        if s.total
    }


def _runs_recounted(template) -> dict[str, int]:
    return dict(
        WorkflowRun.objects.filter(template=template)
        .values_list("state")
        .annotate(total=Count("id"))
        .order_by()
    )


def _assert_kept(organization, template, now) -> None:
    with in_org(organization):
        assert _summarised(template, now) == _recounted(template, now)
        assert selectors.workflow_run_counts(template=template) == _runs_recounted(template)
        listed = selectors.workflow_template_list().get(pk=template.pk)
        counts = _runs_recounted(template)
        assert (listed.active_run_count, listed.completed_run_count) == (
            counts.get("active", 0),
            counts.get("completed", 0),
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM workflows_milestonesummary WHERE total = 0")
            assert cursor.fetchone()[0] == 0, "rows whose steps moved elsewhere are removed"


def _review(actor):
    return services.workflow_template_create(
        actor=actor,
        name="Competency review",
        trigger="date",
        start_date=T0.date(),
        milestones=[
            {"name": "The review starts", "kind": "send_message", "recipients": "both"},
            {
                "name": "Review conversation",
                "kind": "schedule_check_in",
                "due_days": 7,
                "recipients": "manager",
                "remind_before_days": 2,
                "remind_on_due": True,
                "remind_overdue_days": 1,
                "escalate_after_days": 3,
            },
            {"name": "Self-assessment", "kind": "launch_assessment", "due_days": 7},
        ],
    )


def test_the_figures_follow_every_write_of_a_workflows_life(org_a, team, tick):
    from goals.checkins import services as checkin_services

    hr, manager = team["hr"], team["manager"]
    with in_org(org_a):
        template = _review(actor_for(hr))
        services.workflow_template_activate(
            actor=actor_for(hr), template=template, now=T0 - days(1)
        )
    _assert_kept(org_a, template, T0)

    tick(T0)  # runs started, messages sent, check-ins scheduled, assessments skipped
    _assert_kept(org_a, template, T0)
    with in_org(org_a):
        assert sum(selectors.workflow_run_counts(template=template).values()) == 4
        figures = _summarised(template, T0)
    assert sorted(figure[0] for figure in figures.values()) == [4, 4, 4]

    tick(T0 + days(5))  # the reminders before the deadline
    tick(T0 + days(8))  # on it and after it: the conversations are overdue
    _assert_kept(org_a, template, T0 + days(8))

    with in_org(org_a):
        step = MilestoneRun.objects.filter(
            milestone__name="Review conversation",
            occasion="start",
            run__employee=team["employee"].employee,
        ).get()
        checkin_services.check_in_complete(
            actor=actor_for(manager), check_in=CheckIn.objects.get(uuid=step.object_id)
        )
    tick(T0 + days(9))  # the completed conversation is done, its follow-ups cancelled
    _assert_kept(org_a, template, T0 + days(9))
    with in_org(org_a):
        before = selectors.workflow_run_counts(template=template)

    with in_org(org_a):
        second = WorkflowRun.objects.get(template=template, employee=team["second"].employee)
        services.workflow_run_cancel(actor=actor_for(hr), run=second, reason="Left the team")
    _assert_kept(org_a, template, T0 + days(9))

    with in_org(org_a):
        WorkflowRun.objects.get(template=template, employee=manager.employee).delete()
    _assert_kept(org_a, template, T0 + days(9))
    with in_org(org_a):
        after = selectors.workflow_run_counts(template=template)
    assert after["cancelled"] == 1 and sum(after.values()) == sum(before.values()) - 1

    with in_org(org_a):
        services.workflow_template_cancel(actor=actor_for(hr), template=template)
    _assert_kept(org_a, template, T0 + days(9))

    with in_org(org_a):
        template.delete()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM workflows_milestonesummary WHERE template_id = %s),"
                " (SELECT coalesce(sum(runs), 0) FROM workflows_runsummary WHERE template_id = %s)",
                [template.pk, template.pk],
            )
            assert cursor.fetchone() == (0, 0)


def test_a_failed_step_and_a_step_by_step_dispatch_are_counted(org_a, team, monkeypatch):
    with in_org(org_a):
        template = WorkflowTemplateFactory(organization=org_a, status="active")
        WorkflowMilestoneFactory(organization=org_a, template=template, name="Hello")
        people = [team[name].employee for name in ("employee", "second", "manager")]
        run_engine.runs_start(
            template=template, employees=people, occurrence="one", anchor_at=T0, now=T0
        )
        claimed = step_engine.steps_claim(now=T0, limit=100)
    _assert_kept(org_a, template, T0)
    kind = registry.kind_get("send_message")

    def notice(context):
        if context.step.pk == claimed[0]:
            raise ValueError("no template for this one")
        return kind.notice(context)

    monkeypatch.setitem(registry.KINDS, "send_message", dataclasses.replace(kind, notice=notice))
    assert tasks.dispatch_milestones(claimed[:2], organization_id=org_a.pk, now=T0.isoformat()) == {
        "done": 1,
        "failed": 1,
    }
    _assert_kept(org_a, template, T0)
    with in_org(org_a):
        step_engine.step_dispatch(step_id=claimed[2], now=T0 + days(2))
        figures = _summarised(template, T0)
    _assert_kept(org_a, template, T0)
    ((total, done, _skipped, failed, open_, overdue, late),) = figures.values()
    assert (total, done, failed, open_, overdue) == (3, 2, 1, 0, 0)
    assert late == 2.0, "the days from its start to its completion"


def test_steps_written_directly_and_their_deadlines_are_counted(org_a):
    with in_org(org_a):
        template = WorkflowTemplateFactory(organization=org_a, status="active")
        milestone = WorkflowMilestoneFactory(organization=org_a, template=template)
        run = WorkflowRunFactory(organization=org_a, template=template)
        steps = [
            MilestoneRunFactory(
                organization=org_a,
                run=WorkflowRunFactory(organization=org_a, template=template),
                template=template,
                milestone=milestone,
                state="dispatched",
                deadline_at=T0 + days(n),
            )
            for n in (-1, 1, 3)
        ]
        MilestoneRunFactory(
            organization=org_a, run=run, template=template, milestone=milestone, parent=steps[0]
        )
    for moment in (T0, T0 + days(2), T0 + days(4)):
        _assert_kept(org_a, template, moment)
    with in_org(org_a):
        MilestoneRun.objects.filter(pk=steps[0].pk).update(deadline_at=T0 + days(5))
        MilestoneRun.objects.filter(pk=steps[1].pk).update(
            state="done", completed_at=T0 + days(1.25)
        )
        MilestoneRun.objects.filter(pk=steps[1].pk).update(completed_at=T0 + days(3))
    _assert_kept(org_a, template, T0 + days(4))
    with in_org(org_a):
        assert _summarised(template, T0 + days(4))[milestone.pk] == (3, 1, 0, 0, 2, 1, 3.0)
        MilestoneRun.objects.filter(template=template).delete()
    _assert_kept(org_a, template, T0)


def test_each_organisation_reads_its_own_summary(org_a, org_b):
    made = {}
    for organization in (org_a, org_b):
        with in_org(organization):
            template = WorkflowTemplateFactory(organization=organization, status="active")
            milestone = WorkflowMilestoneFactory(organization=organization, template=template)
            MilestoneRunFactory(
                organization=organization,
                run=WorkflowRunFactory(organization=organization, template=template),
                template=template,
                milestone=milestone,
                state="done",
            )
            made[organization.pk] = template
    for organization in (org_a, org_b):
        with in_org(organization), connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT organization_id FROM workflows_milestonesummary UNION "
                "SELECT DISTINCT organization_id FROM workflows_runsummary"
            )
            assert [row[0] for row in cursor.fetchall()] == [organization.pk]
            other = made[org_b.pk if organization == org_a else org_a.pk]
            assert selectors.workflow_run_counts(template=other) == {}
    call_command("check_rls")
