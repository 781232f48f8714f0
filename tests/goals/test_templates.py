"""Goal templates applied in bulk to a job role or a department: all or nothing, idempotent,
audited, in a fixed number of queries; and the goal-templates API."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capabilities.models import RoleAssignment
from goals.goal_templates import services as template_services
from goals.models import Goal, GoalAlignment, GoalCapability, GoalTemplate
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from tests.capabilities.factories import (
    CapabilityFactory,
    JobRoleFactory,
    KeyResultFactory,
    RoleAssignmentFactory,
)
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.goals.conftest import actor_for
from tests.goals.factories import (
    GoalFactory,
    GoalTemplateCapabilityFactory,
    GoalTemplateFactory,
)

START, DUE = date(2027, 1, 1), date(2027, 6, 30)


def _holders(org, role, n, **fields):
    people = [EmployeeFactory(organization=org, **fields) for _ in range(n)]
    for person in people:
        RoleAssignmentFactory(organization=org, employee=person, role=role)
    return people


@pytest.fixture
def role_template(in_a):
    """A role with a key result, and a template serving it that names two capabilities."""
    key_result = KeyResultFactory(organization=in_a)
    template = GoalTemplateFactory(organization=in_a, key_result=key_result)
    for _ in range(2):
        GoalTemplateCapabilityFactory(organization=in_a, template=template)
    return template


def _apply(actor, template, role, **fields):
    return template_services.goal_template_apply_to_role(
        actor=actor, template=template, role=role, start_date=START, due_date=DUE, **fields
    )


def test_a_role_template_gives_each_holder_an_aligned_goal(in_a, cast, role_template):
    role = role_template.key_result.role
    people = _holders(in_a, role, 3)
    _holders(in_a, role, 1, active=False)
    applied = _apply(actor_for(cast.hr), role_template, role, status="active")
    goals = applied.created
    assert {g.owner_employee for g in goals} == set(people) and applied.skipped == []
    capabilities = set(role_template.capabilities.all())
    for goal in Goal.objects.filter(template=role_template):
        assert goal.status == "active" and goal.activated_at is not None
        assert goal.key_result == role_template.key_result
        assert set(goal.capabilities.all()) == capabilities
        assert (goal.start_date, goal.due_date) == (START, DUE)
    history = AuditEvent.objects.filter(object_uuid__in=[g.uuid for g in goals])
    assert history.filter(action="goal.created").count() == 3
    assert history.filter(action="goal.activated").count() == 3
    applied_event = AuditEvent.objects.get(action="goal_template.applied")
    assert applied_event.changes["job_role"] == str(role.uuid)
    assert sorted(applied_event.changes["goals"]) == sorted(str(g.uuid) for g in goals)


def test_applying_twice_creates_nothing_the_second_time(in_a, cast, role_template):
    role = role_template.key_result.role
    people = _holders(in_a, role, 2)
    hr = actor_for(cast.hr)
    _apply(hr, role_template, role)
    again = _apply(hr, role_template, role)
    assert again.created == [] and set(again.skipped) == set(people)
    assert Goal.objects.filter(template=role_template).count() == 2
    # A cancelled goal from the template does not count: its owner gets a new one.
    Goal.objects.filter(owner_employee=people[0]).update(status="cancelled")
    third = _apply(hr, role_template, role)
    assert [g.owner_employee for g in third.created] == [people[0]]


def test_a_manager_applies_to_their_reports_only_all_or_nothing(in_a, cast):
    role = JobRoleFactory(organization=in_a)
    template = GoalTemplateFactory(organization=in_a)
    _holders(in_a, role, 2, manager=cast.manager.employee)
    stranger = _holders(in_a, role, 1)[0]
    with pytest.raises(PermissionDenied) as caught:
        _apply(actor_for(cast.manager), template, role)
    assert str(stranger) in caught.value.message
    assert not Goal.objects.filter(template=template).exists()
    RoleAssignment.objects.filter(employee=stranger).delete()
    assert len(_apply(actor_for(cast.manager), template, role).created) == 2


def test_a_template_failing_the_smart_check_is_not_activated_in_bulk(in_a, cast):
    role = JobRoleFactory(organization=in_a)
    _holders(in_a, role, 2)
    template = GoalTemplateFactory(organization=in_a)  # no parent, no key result: not relevant
    with pytest.raises(ApplicationError) as caught:
        _apply(actor_for(cast.hr), template, role, status="active")
    assert caught.value.code == "smart_check_failed" and "smart.relevant" in caught.value.fields
    assert not Goal.objects.filter(template=template).exists()
    assert len(_apply(actor_for(cast.hr), template, role).created) == 2  # as drafts


def test_a_template_serving_another_roles_key_result_is_refused(in_a, cast, role_template):
    other_role = JobRoleFactory(organization=in_a)
    _holders(in_a, other_role, 1)
    with pytest.raises(ApplicationError) as caught:
        _apply(actor_for(cast.hr), role_template, other_role)
    assert caught.value.code == "key_result_not_in_role"


def test_a_role_nobody_holds_is_refused(in_a, cast):
    with pytest.raises(ApplicationError) as caught:
        role = JobRoleFactory(organization=in_a)
        _apply(actor_for(cast.hr), GoalTemplateFactory(organization=in_a), role)
    assert caught.value.code == "empty_role"


@pytest.mark.postgres  # SQLite's bound-parameter limit splits bulk inserts into batches
def test_applying_in_bulk_takes_the_same_queries_for_5_or_50_people(in_a, cast, goal):
    def run(n):
        role = JobRoleFactory(organization=in_a)
        key_result = KeyResultFactory(organization=in_a, role=role)
        template = GoalTemplateFactory(organization=in_a, parent=goal, key_result=key_result)
        GoalTemplateCapabilityFactory(organization=in_a, template=template)
        _holders(in_a, role, n)
        with CaptureQueriesContext(connection) as captured:
            applied = _apply(actor_for(cast.hr), template, role, status="active")
        assert len(applied.created) == n
        assert GoalAlignment.objects.filter(child__template=template).count() == n
        assert GoalCapability.objects.filter(goal__template=template).count() == n
        return len(captured)

    assert run(5) == run(50)


@pytest.mark.postgres  # SQLite's bound-parameter limit splits bulk inserts into batches
def test_a_manager_applying_in_bulk_takes_constant_queries(in_a, cast):
    def run(n):
        role = JobRoleFactory(organization=in_a)
        _holders(in_a, role, n, manager=cast.manager.employee)
        with CaptureQueriesContext(connection) as captured:
            _apply(actor_for(cast.manager), GoalTemplateFactory(organization=in_a), role)
        return len(captured)

    assert run(3) == run(30)


# --- API -------------------------------------------------------------------------------------

URL = "/api/v1/goal-templates"


def test_hr_creates_a_template_and_applies_it_to_a_role_by_api(api_client, org_a, cast, goal):
    with in_org(org_a):
        key_result = KeyResultFactory(organization=org_a)
        capability = CapabilityFactory(organization=org_a)
        people = _holders(org_a, key_result.role, 2)
    api_client.force_login(cast.hr.user)
    response = api_client.post(
        URL,
        {
            "name": "Support CSAT",
            "title": "Raise CSAT on my cases to 90 %",
            "key_result": str(key_result.uuid),
            "capabilities": [str(capability.uuid)],
            "unit": "%",
            "baseline": "85",
            "target": "90",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    template = response.json()
    assert template["capabilities"] == [str(capability.uuid)]
    body = {
        "job_role": str(key_result.role.uuid),
        "start_date": "2027-01-01",
        "due_date": "2027-06-30",
        "status": "active",
    }
    response = api_client.post(f"{URL}/{template['id']}/apply", body, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()["created"]) == 2 and response.json()["skipped"] == []
    again = api_client.post(f"{URL}/{template['id']}/apply", body, format="json")
    assert again.status_code == 200
    assert sorted(again.json()["skipped"]) == sorted(str(p.uuid) for p in people)
    listed = api_client.get(URL).json()["results"]
    assert [row["name"] for row in listed] == ["Support CSAT"]


def test_applying_needs_one_target_and_valid_dates(api_client, org_a, cast):
    with in_org(org_a):
        template = GoalTemplateFactory(organization=org_a)
    api_client.force_login(cast.hr.user)
    url = f"{URL}/{template.uuid}/apply"
    dates = {"start_date": "2027-01-01", "due_date": "2027-06-30"}
    response = api_client.post(url, dates, format="json")
    assert response.status_code == 400 and "department" in response.json()["fields"]
    with in_org(org_a):
        role = JobRoleFactory(organization=org_a)
    backwards = {"job_role": str(role.uuid), "start_date": "2027-06-30", "due_date": "2027-01-01"}
    response = api_client.post(url, backwards, format="json")
    assert response.status_code == 400 and "due_date" in response.json()["fields"]


def test_members_may_not_create_or_apply_templates_by_api(api_client, org_a, cast):
    with in_org(org_a):
        template = GoalTemplateFactory(organization=org_a)
    api_client.force_login(cast.manager.user)
    assert api_client.post(URL, {"name": "x", "title": "y"}, format="json").status_code == 403
    response = api_client.post(f"{URL}/{template.uuid}/apply", {}, format="json")
    assert response.status_code == 403
    assert api_client.get(URL).status_code == 200


def test_another_organizations_template_is_404(key_client_b, org_a):
    with in_org(org_a):
        template = GoalTemplateFactory(organization=org_a)
    assert key_client_b.get(f"{URL}/{template.uuid}").status_code == 404
    assert key_client_b.post(f"{URL}/{template.uuid}/apply", {}, format="json").status_code == 404


# --- Page ------------------------------------------------------------------------------------

PAGE = "/goals/templates/"


def test_the_templates_page_is_for_hr_admins(client, cast):
    client.force_login(cast.manager.user)
    assert client.get(PAGE).status_code == 403
    client.force_login(cast.hr.user)
    assert "No goal templates yet." in client.get(PAGE).content.decode()


def test_hr_writes_a_template_and_applies_it_to_a_role_from_the_page(client, org_a, cast):
    with in_org(org_a):
        key_result = KeyResultFactory(organization=org_a, outcome="Quality reviews pass")
        people = _holders(org_a, key_result.role, 2)
    client.force_login(cast.hr.user)
    new = {
        "name": "Advisor quality",
        "title": "Pass 95 % of my quality reviews",
        "level": "operational",
        "key_result": str(key_result.uuid),
        "unit": "%",
        "direction": "increase",
        "baseline": "88",
        "target": "95",
        "indicator": "lagging",
        "perspective": "customer",
        "weight": "1",
    }
    assert client.post(PAGE, new).status_code == 302
    page = client.get(PAGE).content.decode()
    assert "Advisor quality" in page and "Quality reviews pass" in page
    duplicate = client.post(PAGE, new)
    assert duplicate.status_code == 200 and "Already used." in duplicate.content.decode()
    with in_org(org_a):
        template = GoalTemplate.objects.get(name="Advisor quality")
    url = f"/goals/templates/{template.uuid}/apply/"
    apply = {
        "applies_to": f"role:{key_result.role.uuid}",
        "start_date": "2027-01-01",
        "due_date": "2027-06-30",
        "status": "active",
    }
    response = client.post(url, apply, follow=True)
    assert "2 goals created; 0 people had one" in response.content.decode()
    response = client.post(url, apply, follow=True)
    assert "0 goals created; 2 people had one" in response.content.decode()
    with in_org(org_a):
        goals = Goal.objects.filter(template=template)
        assert {g.owner_employee for g in goals} == set(people)
        assert all(g.status == "active" for g in goals)
    backwards = {**apply, "start_date": "2027-06-30", "due_date": "2027-01-01"}
    response = client.post(url, backwards, follow=True)
    assert "The due date must come after the start date." in response.content.decode()


def test_the_templates_page_takes_constant_queries(client, org_a, cast):
    def grow(n):
        with in_org(org_a):
            for _ in range(n):
                template = GoalTemplateFactory(
                    organization=org_a, key_result=KeyResultFactory(organization=org_a)
                )
                GoalTemplateCapabilityFactory(organization=org_a, template=template)
                GoalFactory(organization=org_a, template=template)

    client.force_login(cast.hr.user)

    def count():
        client.get(PAGE)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    grow(2)
    first = count()
    grow(6)
    assert count() == first
