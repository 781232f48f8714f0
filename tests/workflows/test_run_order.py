"""A workflow's runs are listed latest occurrence first and then by the employee's name, which
each run keeps (`workflows.0009`): written as the run is inserted, whoever inserts it, and again
when the employee's names change."""

from __future__ import annotations

import pytest

from plms.people import services as people_services
from tests import factories
from tests.conftest import in_org
from tests.workflows.conftest import T0, actor_for, days
from tests.workflows.factories import WorkflowRunFactory, WorkflowTemplateFactory
from workflows.engine import runs as run_engine
from workflows.models import WorkflowRun
from workflows.selectors import workflow_run_list

pytestmark = pytest.mark.django_db


def _listed(template) -> list[tuple[str, str]]:
    return [
        (run.occurrence, run.employee.last_name) for run in workflow_run_list(template=template)
    ]


def test_runs_are_listed_latest_occurrence_first_then_by_name(org_a, hr_admin):
    people = [
        factories.member(org_a, first_name="Ann", last_name=name).employee
        for name in ("Young", "Adams", "Moss")
    ]
    with in_org(org_a):
        template = WorkflowTemplateFactory(organization=org_a, status="active")
        for occurrence, anchor in (("january", T0), ("february", T0 + days(31))):
            run_engine.runs_start(
                template=template, employees=people, occurrence=occurrence, anchor_at=anchor, now=T0
            )
        WorkflowRunFactory(
            organization=org_a,
            template=template,
            employee=factories.member(org_a, first_name="Bo", last_name="Brown").employee,
            occurrence="january",
        )
        stored = set(WorkflowRun.objects.values_list("employee_last_name", "employee_first_name"))
        listed = _listed(template)
    assert stored == {("Young", "Ann"), ("Adams", "Ann"), ("Moss", "Ann"), ("Brown", "Bo")}
    assert listed == [
        ("february", "Adams"),
        ("february", "Moss"),
        ("february", "Young"),
        ("january", "Adams"),
        ("january", "Brown"),
        ("january", "Moss"),
        ("january", "Young"),
    ]

    with in_org(org_a):
        people_services.employee_update(
            actor=actor_for(hr_admin), employee=people[0], last_name="Abbott"
        )
        people_services.employee_update(actor=actor_for(hr_admin), employee=people[2], title="Lead")
        stored = sorted(
            WorkflowRun.objects.filter(employee__in=people[::2]).values_list(
                "employee_last_name", "occurrence"
            )
        )
        listed = _listed(template)
    assert stored == [
        ("Abbott", "february"),
        ("Abbott", "january"),
        ("Moss", "february"),
        ("Moss", "january"),
    ]
    assert listed[:3] == [("february", "Abbott"), ("february", "Adams"), ("february", "Moss")]
