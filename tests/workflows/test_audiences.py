"""Job-role audiences: a workflow for everyone currently holding one of the chosen roles."""

from __future__ import annotations

import pytest
from django.utils import timezone

from capabilities.models import RoleAssignment
from plms.common.errors import ApplicationError
from tests.capabilities.factories import JobRoleFactory, RoleAssignmentFactory
from tests.conftest import in_org
from tests.workflows.conftest import T0, actor_for, days
from workflows import selectors, services
from workflows.models import WorkflowRun, WorkflowTemplate

pytestmark = pytest.mark.django_db

URL = "/api/v1/workflows"
MILESTONES = [{"name": "Hello {employee}", "kind": "send_message"}]


@pytest.fixture
def roles(org_a, team):
    """Advisors: the employee and (formerly) the second report; the manager leads a team."""
    advisor = JobRoleFactory(organization=org_a, name="Advisor", key="advisor")
    lead = JobRoleFactory(organization=org_a, name="Team lead", key="team-lead")
    RoleAssignmentFactory(organization=org_a, employee=team["employee"].employee, role=advisor)
    RoleAssignmentFactory(
        organization=org_a,
        employee=team["second"].employee,
        role=advisor,
        ended_at=timezone.now() - days(30),
    )
    RoleAssignmentFactory(organization=org_a, employee=team["manager"].employee, role=lead)
    return {"advisor": advisor, "lead": lead}


def _create(actor, **fields):
    return services.workflow_template_create(
        actor=actor,
        name="Advisor onboarding",
        trigger="date",
        start_date=T0.date(),
        milestones=MILESTONES,
        **fields,
    )


def test_runs_start_for_the_current_holders_of_the_roles(org_a, team, roles, tick):
    actor = actor_for(team["hr"])
    with in_org(org_a):
        template = _create(actor, audience="job_roles", audience_ids=[str(roles["advisor"].uuid)])
        services.workflow_template_activate(actor=actor, template=template, now=T0 - days(1))
    tick(T0)
    with in_org(org_a):
        runs = WorkflowRun.objects.filter(template=template).select_related("employee")
        assert [run.employee.email for run in runs] == ["employee@a.example"]


def test_several_roles_and_the_other_conditions_combine(org_a, team, roles, system_a):
    actor = actor_for(team["hr"])
    both = [str(roles["advisor"].uuid), str(roles["lead"].uuid)]
    template = _create(actor, audience="job_roles", audience_ids=both)
    preview = services_preview(actor, template)
    assert preview == ["employee@a.example", "manager@a.example"]
    narrowed = services.workflow_template_update(
        actor=actor, template=template, audience_title_contains="Manager"
    )
    assert services_preview(actor, narrowed) == ["manager@a.example"]


def services_preview(actor, template) -> list[str]:
    preview = selectors.workflow_template_preview(template=template)
    return sorted(person.email for person in preview.sample)


def test_unknown_or_foreign_roles_are_refused(org_a, org_b, team, roles, system_a):
    actor = actor_for(team["hr"])
    foreign = JobRoleFactory(organization=org_b, name="Advisor", key="advisor")
    for ids, message in (
        ([], "Choose at least one."),
        ([str(foreign.uuid)], "Unknown id(s)"),
        ([str(roles["advisor"].uuid), "not-a-uuid"], "Unknown id"),
    ):
        with pytest.raises(ApplicationError) as error:
            _create(actor, audience="job_roles", audience_ids=ids)
        assert message in str(error.value.fields["audience_ids"])


def test_the_api_takes_a_job_role_audience(api_client, org_a, team, roles):
    api_client.force_login(team["hr"].user)
    body = {
        "name": "Advisor review",
        "trigger": "date",
        "start_date": "2031-01-06",
        "audience": "job_roles",
        "audience_ids": [str(roles["advisor"].uuid)],
        "milestones": MILESTONES,
    }
    created = api_client.post(URL, body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["audience"] == "job_roles"
    assert created.json()["audience_ids"] == [str(roles["advisor"].uuid)]
    preview = api_client.get(f"{URL}/{created.json()['id']}/preview").json()
    assert preview["audience_count"] == 1

    unknown = api_client.post(
        URL, {**body, "audience_ids": [str(roles["advisor"].organization.uuid)]}, format="json"
    )
    assert unknown.status_code == 400 and "audience_ids" in unknown.json()["fields"]


def test_the_editor_offers_job_roles(login_client, org_a, team, roles):
    client = login_client(team["hr"])
    form = client.get("/workflows/new/").content.decode()
    assert "Job roles" in form and str(roles["lead"].uuid) in form
    data = {
        "name": "Leads",
        "trigger": "date",
        "start_date": "2031-01-06",
        "audience": "job_roles",
        "job_roles": [str(roles["lead"].uuid)],
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "30",
        "milestones-0-name": "Welcome",
        "milestones-0-kind": "send_message",
        "milestones-0-relative_to": "trigger",
        "milestones-0-offset_days": "0",
        "milestones-0-due_days": "0",
        "milestones-0-recipients": "employee",
        "milestones-0-remind_before_days": "0",
        "milestones-0-remind_overdue_days": "0",
        "milestones-0-escalate_after_days": "0",
        "milestones-0-escalate_to": "hr_admins",
    }
    response = client.post("/workflows/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_org(org_a):
        template = WorkflowTemplate.objects.get(name="Leads")
    assert template.audience_ids == [str(roles["lead"].uuid)]
    edit = client.get(f"/workflows/{template.uuid}/edit/")
    assert edit.context["form"].initial["job_roles"] == [str(roles["lead"].uuid)]

    missing = client.post("/workflows/new/", {**data, "name": "None chosen", "job_roles": []})
    assert missing.status_code == 200
    assert "Choose at least one." in missing.content.decode()


def test_a_role_change_moves_people_in_and_out_of_the_audience(org_a, team, roles, system_a):
    actor = actor_for(team["hr"])
    template = _create(actor, audience="job_roles", audience_ids=[str(roles["lead"].uuid)])
    assert services_preview(actor, template) == ["manager@a.example"]
    RoleAssignment.objects.filter(employee=team["manager"].employee).update(ended_at=timezone.now())
    RoleAssignmentFactory(organization=org_a, employee=team["second"].employee, role=roles["lead"])
    assert services_preview(actor, template) == ["second@a.example"]
