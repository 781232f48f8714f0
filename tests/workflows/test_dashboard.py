"""The figures of a workflow's milestones (its page and the dashboard) and of its runs' list,
counted in the database: each state in its column, only milestones (not the reminders and
escalations chasing them), each template's own steps, and the same query count for one
template as for several."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import in_org
from tests.workflows.conftest import T0, days
from tests.workflows.factories import (
    MilestoneRunFactory,
    WorkflowMilestoneFactory,
    WorkflowRunFactory,
    WorkflowTemplateFactory,
)
from workflows.selectors import (
    workflow_run_list,
    workflow_template_dashboard,
    workflow_templates_dashboard,
)

pytestmark = pytest.mark.django_db


def _step(org, template, milestone, state, **fields):
    run = WorkflowRunFactory(organization=org, template=template)
    return MilestoneRunFactory(
        organization=org, run=run, template=template, milestone=milestone, state=state, **fields
    )


def test_each_state_is_counted_in_its_column_with_the_days_to_complete(org_a):
    with in_org(org_a):
        template = WorkflowTemplateFactory(organization=org_a, status="active")
        first = WorkflowMilestoneFactory(organization=org_a, template=template, position=1)
        second = WorkflowMilestoneFactory(organization=org_a, template=template, position=2)
        # Done 2 days and 1 day after the start, and once before it (counts as 0 days).
        _step(org_a, template, first, "done", due_at=T0, completed_at=T0 + days(2))
        _step(org_a, template, first, "done", due_at=T0, completed_at=T0 + days(1))
        _step(org_a, template, first, "done", due_at=T0, completed_at=T0 - days(1))
        _step(org_a, template, first, "skipped")
        _step(org_a, template, first, "cancelled")
        _step(org_a, template, first, "failed")
        # Open: one past its deadline, one before it, one without a deadline.
        _step(org_a, template, first, "dispatched", deadline_at=T0 - days(1))
        _step(org_a, template, first, "due", deadline_at=T0 + days(1))
        _step(org_a, template, first, "scheduled")
        # A reminder chasing a milestone is not a milestone.
        chased = _step(org_a, template, second, "dispatched", deadline_at=T0 - days(1))
        MilestoneRunFactory(
            organization=org_a,
            run=chased.run,
            template=template,
            milestone=second,
            parent=chased,
            occasion="reminder-due",
            state="done",
            completed_at=T0,
        )
        # Another template's steps stay its own.
        other = WorkflowTemplateFactory(organization=org_a, status="active")
        elsewhere = WorkflowMilestoneFactory(organization=org_a, template=other)
        _step(org_a, other, elsewhere, "done", due_at=T0, completed_at=T0 + days(5))

        stats = workflow_template_dashboard(template=template, now=T0)
        both = workflow_templates_dashboard(templates=[template, other], now=T0)

    figures = [
        (s.milestone, s.total, s.done, s.skipped, s.failed, s.open, s.overdue) for s in stats
    ]
    assert figures == [(first, 9, 3, 2, 1, 3, 1), (second, 1, 0, 0, 0, 1, 1)]
    assert stats[0].average_days == 1.0 and stats[0].completion_rate == 42.9
    assert stats[1].average_days is None and stats[1].completion_rate == 0.0
    assert [(s.milestone, s.total, s.average_days) for s in both[other.pk]] == [(elsewhere, 1, 5.0)]
    assert [s.total for s in both[template.pk]] == [9, 1]


def test_a_template_without_steps_lists_its_milestones_with_nothing_reached(org_a):
    with in_org(org_a):
        template = WorkflowTemplateFactory(organization=org_a)
        milestone = WorkflowMilestoneFactory(organization=org_a, template=template)
        (stats,) = workflow_template_dashboard(template=template, now=T0)
    assert (stats.milestone, stats.total, stats.completion_rate, stats.average_days) == (
        milestone,
        0,
        None,
        None,
    )


def test_the_dashboard_of_several_templates_takes_the_queries_of_one(org_a):
    with in_org(org_a):
        templates = [WorkflowTemplateFactory(organization=org_a) for _ in range(3)]
        for template in templates:
            milestone = WorkflowMilestoneFactory(organization=org_a, template=template)
            _step(org_a, template, milestone, "done", completed_at=T0)
        with CaptureQueriesContext(connection) as one:
            workflow_templates_dashboard(templates=templates[:1], now=T0)
        with CaptureQueriesContext(connection) as three:
            workflow_templates_dashboard(templates=templates, now=T0)
    assert len(three.captured_queries) == len(one.captured_queries)


def test_a_run_counts_its_own_milestones_finished_and_failed(org_a):
    with in_org(org_a):
        template = WorkflowTemplateFactory(organization=org_a)
        milestones = [
            WorkflowMilestoneFactory(organization=org_a, template=template, position=position)
            for position in range(4)
        ]
        busy = WorkflowRunFactory(organization=org_a, template=template, anchor_at=T0)
        steps = [
            MilestoneRunFactory(
                organization=org_a, run=busy, template=template, milestone=milestone, state=state
            )
            for milestone, state in zip(
                milestones, ["done", "failed", "skipped", "scheduled"], strict=True
            )
        ]
        # A finished reminder is not a milestone of the run.
        MilestoneRunFactory(
            organization=org_a,
            run=busy,
            template=template,
            milestone=milestones[3],
            parent=steps[3],
            occasion="reminder-due",
            state="done",
        )
        quiet = WorkflowRunFactory(organization=org_a, template=template, anchor_at=T0 - days(1))
        counts = [
            (run.pk, run.step_count, run.finished_count, run.failed_count)
            for run in workflow_run_list(template=template)
        ]
    assert counts == [(busy.pk, 4, 3, 1), (quiet.pk, 0, 0, 0)]
