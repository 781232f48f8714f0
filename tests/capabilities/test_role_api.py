"""Job roles through the API: `job-role-assignments` with history, the employees' `job_role`
field, the `job_role.assigned` event, and what assigning a role starts."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Assessment
from capabilities.services.scales import scale_ensure
from plms.integrations.models import OutboxEvent
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory
from tests.capabilities.factories import (
    CapabilityFactory,
    JobRoleFactory,
    RoleRequirementFactory,
)
from tests.conftest import in_org

URL = "/api/v1/job-role-assignments"


def _roles(org):
    with in_org(org):
        scale_ensure()
        advisor = JobRoleFactory(organization=org, name="Advisor", key="advisor")
        lead = JobRoleFactory(organization=org, name="Team lead", key="team-lead")
        RoleRequirementFactory(
            organization=org,
            role=advisor,
            capability=CapabilityFactory(organization=org),
            target_level=3,
        )
    return advisor, lead


def test_assigning_keeps_the_history_and_is_idempotent(org_a, employee, key_client_a):
    advisor, lead = _roles(org_a)
    person = str(employee.employee.uuid)
    first = key_client_a.post(URL, {"employee": person, "role": str(advisor.uuid)}, format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["current"] is True and first.json()["role_key"] == "advisor"
    again = key_client_a.post(URL, {"employee": person, "role": str(advisor.uuid)}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    moved = key_client_a.post(URL, {"employee": person, "role": str(lead.uuid)}, format="json")
    assert moved.status_code == 201

    history = key_client_a.get(URL, {"employee": person}).json()
    assert [(row["role_key"], row["current"]) for row in history["results"]] == [
        ("team-lead", True),
        ("advisor", False),
    ]
    assert history["results"][1]["ended_at"] is not None
    assert key_client_a.get(URL, {"current": "true"}).json()["count"] == 1
    assert key_client_a.get(URL, {"current": "maybe"}).status_code == 400

    ended = key_client_a.post(f"{URL}/{moved.json()['id']}/end")
    assert ended.status_code == 200 and ended.json()["current"] is False
    twice = key_client_a.post(f"{URL}/{moved.json()['id']}/end")
    assert twice.status_code == 409 and twice.json()["code"] == "assignment_ended"
    assert key_client_a.get(f"/api/v1/employees/{person}").json()["job_role"] is None


def test_every_assignment_is_primary_and_a_secondary_one_is_refused(org_a, employee, key_client_a):
    advisor, _lead = _roles(org_a)
    person = str(employee.employee.uuid)
    body = {"employee": person, "role": str(advisor.uuid)}
    secondary = key_client_a.post(URL, {**body, "primary": False}, format="json")
    assert secondary.status_code == 400 and secondary.json()["code"] == "invalid"
    assert "one job role" in secondary.json()["fields"]["primary"][0]
    assert key_client_a.get(URL, {"employee": person}).json()["count"] == 0
    created = key_client_a.post(URL, {**body, "primary": True}, format="json")
    assert created.status_code == 201 and created.json()["primary"] is True


def test_the_employee_reads_and_writes_the_job_role(org_a, employee, key_client_a):
    advisor, lead = _roles(org_a)
    created = key_client_a.post(
        "/api/v1/employees",
        {"email": "new@a.example", "first_name": "New", "job_role": str(advisor.uuid)},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["job_role"] == str(advisor.uuid)
    url = f"/api/v1/employees/{created.json()['id']}"
    assert key_client_a.patch(url, {"title": "Senior"}, format="json").json()["job_role"] == str(
        advisor.uuid
    )
    changed = key_client_a.patch(url, {"job_role": str(lead.uuid)}, format="json")
    assert changed.status_code == 200 and changed.json()["job_role"] == str(lead.uuid)
    assert key_client_a.get(url).json()["job_role"] == str(lead.uuid)
    listed = key_client_a.get("/api/v1/employees", {"email": "new@a.example"}).json()
    assert listed["results"][0]["job_role"] == str(lead.uuid)
    cleared = key_client_a.patch(url, {"job_role": None}, format="json")
    assert cleared.json()["job_role"] is None
    unknown = key_client_a.patch(url, {"job_role": str(employee.employee.uuid)}, format="json")
    assert unknown.status_code == 400 and "job_role" in unknown.json()["fields"]


def test_another_organisations_role_is_not_found(org_a, org_b, employee, key_client_a):
    _, foreign = _roles(org_b)
    response = key_client_a.post(
        URL, {"employee": str(employee.employee.uuid), "role": str(foreign.uuid)}, format="json"
    )
    assert response.status_code == 400 and "role" in response.json()["fields"]


def test_assigning_announces_it_and_a_launched_cycle_picks_the_person_up(
    org_a, hr_admin, manager, employee, key_client_a
):
    advisor, lead = _roles(org_a)
    with in_org(org_a):
        in_scope = AssessmentCycleFactory(
            organization=org_a,
            status="open",
            launched_at=timezone.now(),
            scope="roles",
            scope_ids=[str(advisor.uuid)],
        )
        other = AssessmentCycleFactory(
            organization=org_a,
            status="open",
            launched_at=timezone.now(),
            scope="roles",
            scope_ids=[str(lead.uuid)],
        )
    response = key_client_a.post(
        URL, {"employee": str(employee.employee.uuid), "role": str(advisor.uuid)}, format="json"
    )
    assert response.status_code == 201
    with in_org(org_a):
        kinds = set(
            Assessment.objects.filter(cycle=in_scope, employee=employee.employee).values_list(
                "kind", flat=True
            )
        )
        assert kinds == {"self", "manager"}
        assert not Assessment.objects.filter(cycle=other).exists()
        event = OutboxEvent.objects.get(type="job_role.assigned")
    assert event.payload["data"]["employee"] == str(employee.employee.uuid)
    assert event.payload["data"]["role"] == str(advisor.uuid)
    assert event.payload["data"]["role_key"] == "advisor"
    assert event.payload["data"]["previous_role"] is None


def test_members_read_and_only_admins_assign(org_a, employee, login_client):
    advisor, _ = _roles(org_a)
    client = login_client(employee)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL, {"employee": str(employee.employee.uuid), "role": str(advisor.uuid)}, format="json"
    )
    assert response.status_code == 403


def test_the_list_takes_a_fixed_number_of_queries(org_a, hr_admin, key_client_a):
    advisor, _ = _roles(org_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert key_client_a.get(URL).status_code == 200
            assert key_client_a.get("/api/v1/employees").status_code == 200
        return len(queries)

    with in_org(org_a):
        people = [factories.EmployeeFactory(organization=org_a) for _ in range(3)]
    for person in people:
        key_client_a.post(
            URL, {"employee": str(person.uuid), "role": str(advisor.uuid)}, format="json"
        )
    few = count()
    with in_org(org_a):
        more = [factories.EmployeeFactory(organization=org_a) for _ in range(6)]
    for person in more:
        key_client_a.post(
            URL, {"employee": str(person.uuid), "role": str(advisor.uuid)}, format="json"
        )
    assert count() == few
