"""The `workflows` and `notifications` API: HR configures, members read their own."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import in_org
from tests.workflows.factories import NotificationFactory, WorkflowTemplateFactory
from workflows.models import Notification, WorkflowTemplate

pytestmark = pytest.mark.django_db

URL = "/api/v1/workflows"
BODY = {
    "name": "Weekly check-ins",
    "trigger": "recurrence",
    "start_date": "2031-01-06",
    "recurrence": "FREQ=WEEKLY;BYDAY=MO",
    "audience": "everyone",
    "milestones": [
        {"name": "Prepare", "kind": "send_message"},
        {
            "name": "Check-in",
            "kind": "schedule_check_in",
            "due_days": 4,
            "recipients": "manager",
            "remind_on_due": True,
            "config": {"cadence": "weekly"},
        },
    ],
}


def test_hr_creates_previews_and_activates_a_workflow(api_client, hr_admin, employee):
    api_client.force_login(hr_admin.user)
    created = api_client.post(URL, BODY, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["status"] == "draft" and [m["kind"] for m in data["milestones"]] == [
        "send_message",
        "schedule_check_in",
    ]
    preview = api_client.get(f"{URL}/{data['id']}/preview").json()
    assert preview["anchor"].startswith("2031-01-06T09:00")
    assert preview["audience_count"] == 3
    assert [(e["milestone_name"], e["occasion"]) for e in preview["entries"]] == [
        ("Prepare", "start"),
        ("Check-in", "start"),
        ("Check-in", "reminder-due"),
    ]
    activated = api_client.post(f"{URL}/{data['id']}/activate")
    assert activated.status_code == 200 and activated.json()["status"] == "active"
    assert activated.json()["next_occurrence_at"].startswith("2031-01-06T09:00")
    again = api_client.post(f"{URL}/{data['id']}/activate")
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    changed = api_client.patch(
        f"{URL}/{data['id']}", {"milestones": BODY["milestones"][:1]}, format="json"
    )
    assert changed.status_code == 400 and "milestones" in changed.json()["fields"]
    assert api_client.post(f"{URL}/{data['id']}/pause").json()["status"] == "paused"
    assert api_client.get(f"{URL}/{data['id']}/runs").json()["results"] == []


def test_validation_errors_name_the_field(api_client, hr_admin):
    api_client.force_login(hr_admin.user)
    bad = {**BODY, "recurrence": "FREQ=SECONDLY"}
    response = api_client.post(URL, bad, format="json")
    assert response.status_code == 400 and "recurrence" in response.json()["fields"]
    no_kind = {**BODY, "milestones": [{"name": "X", "kind": "teleport"}]}
    assert "milestones.0.kind" in api_client.post(URL, no_kind, format="json").json()["fields"]


def test_members_read_but_do_not_write_workflows(api_client, employee, org_a):
    WorkflowTemplateFactory(organization=org_a)
    api_client.force_login(employee.user)
    assert api_client.get(URL).status_code == 200
    assert api_client.post(URL, BODY, format="json").status_code == 403


def test_a_member_lists_and_marks_only_their_own_notifications(
    api_client, org_a, employee, manager
):
    mine = NotificationFactory(organization=org_a, recipient=employee.user)
    theirs = NotificationFactory(organization=org_a, recipient=manager.user)
    api_client.force_login(employee.user)
    listed = api_client.get("/api/v1/notifications").json()["results"]
    assert [n["id"] for n in listed] == [str(mine.uuid)]
    assert api_client.get(f"/api/v1/notifications/{theirs.uuid}").status_code == 404
    assert api_client.post(f"/api/v1/notifications/{theirs.uuid}/read").status_code == 404
    read = api_client.post(f"/api/v1/notifications/{mine.uuid}/read")
    assert read.status_code == 200 and read.json()["read"] is True
    NotificationFactory(organization=org_a, recipient=employee.user)
    assert api_client.post("/api/v1/notifications/read-all").json() == {"marked": 1}
    with in_org(org_a):
        assert not Notification.objects.filter(recipient=employee.user, read_at=None).exists()
        assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_notification_list_queries_do_not_grow_with_rows(api_client, org_a, employee):
    api_client.force_login(employee.user)
    NotificationFactory.create_batch(3, organization=org_a, recipient=employee.user)
    api_client.get("/api/v1/notifications")  # first request of a session writes more
    with CaptureQueriesContext(connection) as few:
        assert api_client.get("/api/v1/notifications").status_code == 200
    NotificationFactory.create_batch(12, organization=org_a, recipient=employee.user)
    with CaptureQueriesContext(connection) as many:
        assert len(api_client.get("/api/v1/notifications").json()["results"]) == 15
    assert len(many.captured_queries) == len(few.captured_queries)


def test_workflow_list_queries_do_not_grow_with_rows(api_client, org_a, hr_admin):
    api_client.force_login(hr_admin.user)
    WorkflowTemplateFactory.create_batch(2, organization=org_a)
    api_client.get(URL)  # first request of a session writes more
    with CaptureQueriesContext(connection) as few:
        assert api_client.get(URL).status_code == 200
    WorkflowTemplateFactory.create_batch(8, organization=org_a)
    with CaptureQueriesContext(connection) as many:
        assert len(api_client.get(URL).json()["results"]) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


def test_another_organization_gets_404(api_client, org_a, outsider):
    template = WorkflowTemplateFactory(organization=org_a)
    api_client.force_login(outsider.user)
    for path in ("", "/preview", "/runs"):
        assert api_client.get(f"{URL}/{template.uuid}{path}").status_code == 404
    assert api_client.post(f"{URL}/{template.uuid}/activate").status_code == 404
    with in_org(org_a):
        assert WorkflowTemplate.objects.get(pk=template.pk).status == "draft"
