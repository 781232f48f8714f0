"""The demo's Momentum (`workflows.demo`): whatever the day and hour it is seeded, the weekly
check-ins have run for the latest week whose check-in time has come."""

from __future__ import annotations

import pytest

from tests.conftest import in_org
from tests.workflows.conftest import T0, days
from workflows import triggers
from workflows.demo import seed_workflows
from workflows.models import WorkflowRun


@pytest.mark.parametrize(
    "after_monday_anchor",
    [days(-1 / 4), days(1 / 12), days(3), days(6.9)],
    ids=["monday-before-check-in-time", "monday-after", "thursday", "sunday-night"],
)
def test_the_weekly_check_ins_have_run_whenever_the_demo_is_seeded(
    org_a, team, system_a, after_monday_anchor
):
    zone = triggers.organization_zone(org_a)
    monday = T0.astimezone(zone).date()
    now = triggers.anchor_on(monday, zone) + after_monday_anchor
    with in_org(org_a):
        seed_workflows(system_a, now=now)
        runs = WorkflowRun.objects.filter(template__source="weekly_check_ins")
        assert runs.exists()
        assert all(run.anchor_at <= now for run in runs)
        assert {run.anchor_at for run in runs} == {max(run.anchor_at for run in runs)}
