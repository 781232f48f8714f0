"""Every batch job of `make bench` at a tiny size, through the runner itself: each one does its
work (the rows it reports are the rows it processed) and leaves the organisation as generated."""

from __future__ import annotations

import pytest

from assessments.models import Assessment, AssessmentCycle
from bench.context import BenchContext
from bench.generators import Sizes, generate_organization
from bench.run import run_jobs
from learning.models import DevelopmentPlan
from plms.integrations.models import OutboxEvent
from plms.people.models import Employee
from plms.tenancy.models import Organization
from tests.conftest import in_org
from workflows.models import MilestoneRun, Notification, WorkflowTemplate

EMPLOYEES = 60


def _counts(organization: Organization) -> dict[str, int]:
    with in_org(organization):
        return {
            "employees": Employee.objects.count(),
            "cycles": AssessmentCycle.objects.count(),
            "assessments": Assessment.objects.count(),
            "plans": DevelopmentPlan.objects.count(),
            "templates": WorkflowTemplate.objects.count(),
            "steps": MilestoneRun.objects.count(),
            "notifications": Notification.objects.count(),
            "events": OutboxEvent.objects.count(),
        }


@pytest.mark.django_db
def test_every_job_runs_at_a_tiny_size_and_is_rolled_back():
    sizes = Sizes(employees=EMPLOYEES, departments=6)
    generated = generate_organization(slug="jobs", sizes=sizes)
    organization = generated.organization
    context = BenchContext(
        organization=organization,
        neighbour=organization,
        sizes=sizes,
        api_key=generated.api_key,
        run_token="t1",
    )
    before = _counts(organization)

    results = {job["name"]: job for job in run_jobs(context)}

    rows = {name: job["rows"] for name, job in results.items()}
    sample = sizes.scaled(1000)
    assert rows == {
        f"people import, {EMPLOYEES} new rows": EMPLOYEES,
        f"people import, {EMPLOYEES} rows again (updates)": EMPLOYEES,
        f"people import, {EMPLOYEES} rows, 8 in 9 changed": EMPLOYEES,
        f"generate_org, {EMPLOYEES} employees": EMPLOYEES,
        f"cycle launch, {EMPLOYEES} employees": EMPLOYEES,
        f"consolidation + gaps, {EMPLOYEES} employees": EMPLOYEES,
        f"build development plans, {EMPLOYEES} employees": EMPLOYEES,
        f"Momentum tick, {EMPLOYEES} due milestones": EMPLOYEES,
        f"Momentum dispatch, {sample} claimed milestones": sample,
        f"compensation review: propose 200 and finalise {EMPLOYEES} employees": EMPLOYEES,
        f"rating calibration: live distribution of {EMPLOYEES} ratings": EMPLOYEES,
    }
    assert all(job["seconds"] >= 0 and job["unit"] for job in results.values())
    # Targets from issue 10 travel with the jobs, for the report's PASS / MISS.
    assert results[f"cycle launch, {EMPLOYEES} employees"]["max_seconds"] == 5.0
    assert results[f"consolidation + gaps, {EMPLOYEES} employees"]["max_seconds"] == 10.0
    assert results[f"build development plans, {EMPLOYEES} employees"]["max_seconds"] == 20.0
    assert results[f"Momentum tick, {EMPLOYEES} due milestones"]["min_rows_per_second"] == 2000
    # Everything a job wrote was rolled back.
    assert _counts(organization) == before
    assert not Organization.objects.filter(slug__startswith="bench-import-").exists()
