"""The counts the template list shows: milestones, active and completed runs. Each is counted
for its own template (a subquery per row read), so one template's runs never count for
another and runs in other states stay out."""

from __future__ import annotations

from tests.conftest import in_org
from tests.workflows.factories import (
    WorkflowMilestoneFactory,
    WorkflowRunFactory,
    WorkflowTemplateFactory,
)
from workflows.selectors import workflow_template_list


def test_each_template_counts_its_own_milestones_and_runs_by_state(org_a):
    with in_org(org_a):
        busy = WorkflowTemplateFactory(organization=org_a, name="Busy")
        quiet = WorkflowTemplateFactory(organization=org_a, name="Quiet")
        for position in range(3):
            WorkflowMilestoneFactory(organization=org_a, template=busy, position=position)
        WorkflowMilestoneFactory(organization=org_a, template=quiet)
        for state in ["active", "active", "completed", "cancelled"]:
            WorkflowRunFactory(organization=org_a, template=busy, state=state)
        counts = {
            t.name: (t.milestone_count, t.active_run_count, t.completed_run_count)
            for t in workflow_template_list()
        }
    assert counts == {"Busy": (3, 2, 1), "Quiet": (1, 0, 0)}
