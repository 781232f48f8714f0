"""Momentum pages: HR's workflows, runs and dashboard; everyone's notifications and bell."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import in_org
from tests.workflows.conftest import T0, actor_for, days
from tests.workflows.factories import (
    MilestoneRunFactory,
    NotificationFactory,
    WorkflowMilestoneFactory,
    WorkflowRunFactory,
    WorkflowTemplateFactory,
)
from workflows import services
from workflows.models import WorkflowTemplate

pytestmark = pytest.mark.django_db


def test_the_bell_shows_the_unread_count_and_the_list_marks_read(login_client, org_a, employee):
    client = login_client(employee)
    first = NotificationFactory(organization=org_a, recipient=employee.user, link="/goals/")
    NotificationFactory(organization=org_a, recipient=employee.user)
    home = client.get("/").content.decode()
    assert 'class="bell"' in home and ">2</span>" in home
    listing = client.get("/notifications/").content.decode()
    assert first.title in listing
    opened = client.post(f"/notifications/{first.uuid}/read/", {"open": "1"})
    assert opened.status_code == 302 and opened["Location"] == "/goals/"
    assert ">1</span>" in client.get("/").content.decode()
    client.post("/notifications/read-all/")
    assert "You are all caught up" in client.get("/notifications/?show=unread").content.decode()


def test_someone_elses_notification_is_404(login_client, org_a, employee, manager):
    theirs = NotificationFactory(organization=org_a, recipient=manager.user)
    client = login_client(employee)
    assert client.post(f"/notifications/{theirs.uuid}/read/").status_code == 404


def test_notification_settings_are_saved(login_client, employee):
    client = login_client(employee)
    data = {
        "email_digest": "on",
        "digest_hour": "7",
        "quiet_hours_start": "21:00",
        "quiet_hours_end": "07:00",
        "in_app:workflow.message": "on",
        "email:workflow.message": "",
    }
    response = client.post("/notifications/settings/", data)
    assert response.status_code == 302
    page = client.get("/notifications/settings/").content.decode()
    assert 'value="21:00' in page and "checked" in page


def test_notification_list_page_queries_do_not_grow(login_client, org_a, employee):
    client = login_client(employee)
    NotificationFactory.create_batch(2, organization=org_a, recipient=employee.user)
    client.get("/notifications/")  # first request of a session writes more
    with CaptureQueriesContext(connection) as few:
        assert client.get("/notifications/").status_code == 200
    NotificationFactory.create_batch(10, organization=org_a, recipient=employee.user)
    client.get("/notifications/")  # the bell counts again once, then reads the cache
    with CaptureQueriesContext(connection) as many:
        assert client.get("/notifications/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def _runs(org, template, count):
    for _ in range(count):
        run = WorkflowRunFactory(organization=org, template=template)
        for milestone in template_milestones(org, template):
            MilestoneRunFactory(organization=org, run=run, milestone=milestone)


def template_milestones(org, template):
    with in_org(org):
        return list(template.milestones.all())


def test_the_workflow_page_with_runs_and_dashboard_queries_do_not_grow(
    login_client, org_a, hr_admin
):
    client = login_client(hr_admin)
    template = WorkflowTemplateFactory(organization=org_a, status="active")
    WorkflowMilestoneFactory(organization=org_a, template=template, position=0)
    WorkflowMilestoneFactory(organization=org_a, template=template, position=1)
    _runs(org_a, template, 2)
    url = f"/workflows/{template.uuid}/"
    client.get(url)  # first request of a session writes more
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _runs(org_a, template, 8)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count("/workflows/runs/") == 10
    assert len(many.captured_queries) == len(few.captured_queries)
    with in_org(org_a):
        run = template.runs.first()
    with CaptureQueriesContext(connection) as detail:
        assert client.get(f"/workflows/runs/{run.uuid}/").status_code == 200
    # 16 page queries and the directory policy's user scope, set and reset once a request.
    assert len(detail.captured_queries) <= 18
    assert client.get("/workflows/dashboard/").status_code == 200


def test_hr_uses_a_shipped_template_previews_and_activates_it(login_client, org_a, hr_admin):
    client = login_client(hr_admin)
    listing = client.get("/workflows/").content.decode()
    for name in (
        "Quarterly competency review",
        "New joiner 30/60/90 days",
        "Weekly check-ins",
        "Post-learning re-assessment",
        "Probation review",
    ):
        assert name in listing
    created = client.post("/workflows/shipped/weekly_check_ins/")
    assert created.status_code == 302
    with in_org(org_a):
        template = WorkflowTemplate.objects.get()
    detail = client.get(created["Location"]).content.decode()
    assert "Preview: who gets what, when" in detail and "Weekly check-in" in detail
    # Activating asks first, with the numbers; a bare post only shows the question.
    confirm = client.get(f"/workflows/{template.uuid}/activate/").content.decode()
    assert "It applies to" in confirm and "Each run has 2 milestones" in confirm
    assert client.post(f"/workflows/{template.uuid}/activate/").status_code == 200
    with in_org(org_a):
        template.refresh_from_db()
    assert template.status == "draft"
    client.post(f"/workflows/{template.uuid}/activate/", {"confirm": "activate"})
    with in_org(org_a):
        template.refresh_from_db()
    assert template.status == "active"
    # Cancelling says how many runs it stops; pausing needs no confirmation.
    cancel = client.get(f"/workflows/{template.uuid}/cancel/").content.decode()
    assert "0 runs in progress are cancelled" in cancel
    client.post(f"/workflows/{template.uuid}/cancel/")
    with in_org(org_a):
        template.refresh_from_db()
    assert template.status == "active"
    assert client.get(f"/workflows/{template.uuid}/pause/").status_code == 405
    client.post(f"/workflows/{template.uuid}/cancel/", {"confirm": "cancel"})
    with in_org(org_a):
        template.refresh_from_db()
    assert template.status == "cancelled"


def test_the_editor_creates_a_workflow_with_milestones(login_client, org_a, hr_admin):
    client = login_client(hr_admin)
    assert client.get("/workflows/new/").status_code == 200
    data = {
        "name": "Onboarding",
        "trigger": "event",
        "event": "employee_joined",
        "audience": "everyone",
        "milestones-TOTAL_FORMS": "2",
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
        "milestones-1-name": "",
        "milestones-1-kind": "send_message",
        "milestones-1-relative_to": "trigger",
        "milestones-1-offset_days": "0",
        "milestones-1-due_days": "0",
        "milestones-1-recipients": "employee",
        "milestones-1-remind_before_days": "0",
        "milestones-1-remind_overdue_days": "0",
        "milestones-1-escalate_after_days": "0",
        "milestones-1-escalate_to": "hr_admins",
        "milestones-1-DELETE": "on",
    }
    response = client.post("/workflows/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_org(org_a):
        template = WorkflowTemplate.objects.get()
        assert [m.name for m in template.milestones.all()] == ["Welcome"]
    bad = client.post("/workflows/new/", {**data, "trigger": "date"})
    assert bad.status_code == 200 and "A start date is required" in bad.content.decode()


def test_members_cannot_open_hr_pages_and_other_organizations_get_404(
    login_client, org_a, employee, outsider
):
    template = WorkflowTemplateFactory(organization=org_a)
    run = WorkflowRunFactory(organization=org_a, template=template)
    assert login_client(employee).get("/workflows/").status_code == 403
    client = login_client(outsider)
    assert client.get(f"/workflows/{template.uuid}/").status_code == 404
    assert client.get(f"/workflows/runs/{run.uuid}/").status_code == 404
    assert client.post(f"/workflows/{template.uuid}/cancel/").status_code == 404


def test_a_run_page_shows_its_history(login_client, org_a, hr_admin, employee, tick):
    actor = actor_for(hr_admin)
    with in_org(org_a):
        template = services.workflow_template_create(
            actor=actor,
            name="Hello",
            trigger="date",
            start_date=T0.date(),
            audience="people",
            audience_ids=[str(employee.employee.uuid)],
            milestones=[{"name": "Hello {employee}", "kind": "send_message"}],
        )
        services.workflow_template_activate(actor=actor, template=template, now=T0 - days(1))
    tick(T0)
    with in_org(org_a):
        run = template.runs.get()
    page = login_client(hr_admin).get(f"/workflows/runs/{run.uuid}/").content.decode()
    assert "Sent to 1 person." in page and "Completed" in page
    dashboard = login_client(hr_admin).get("/workflows/dashboard/").content.decode()
    assert "100 %" in dashboard and "100.0" not in dashboard


def test_a_run_page_says_its_steps_and_its_trigger_in_words(
    login_client, org_a, hr_admin, employee, tick
):
    actor = actor_for(hr_admin)
    with in_org(org_a):
        template = services.workflow_template_create(
            actor=actor,
            name="Welcome",
            trigger="event",
            event="employee_joined",
            milestones=[
                {"name": "Hello {employee}", "kind": "send_message"},
                {
                    "name": "First 1:1",
                    "kind": "schedule_check_in",
                    "recipients": "manager",
                    "due_days": 7,
                    "remind_on_due": True,
                },
            ],
        )
        run = WorkflowRunFactory(
            organization=org_a, template=template, employee=employee.employee, occurrence="e:1"
        )
        for milestone, kind, occasion in (
            (template.milestones.all()[0], "send_message", "start"),
            (template.milestones.all()[1], "schedule_check_in", "start"),
            (template.milestones.all()[1], "remind", "reminder-due"),
            (template.milestones.all()[1], "improvement_plan_review", "review-before:2027-01-14"),
        ):
            MilestoneRunFactory(
                organization=org_a,
                run=run,
                template=template,
                milestone=milestone,
                kind=kind,
                occasion=occasion,
            )
    client = login_client(hr_admin)
    page = client.get(f"/workflows/runs/{run.uuid}/").content.decode()
    for words in (
        "Send a message",
        "Schedule a check-in",
        "reminder on the due day",
        "reminder before the review of 14 Jan 2027",
        "An employee joins",
    ):
        assert words in page
    for raw in ("send_message", "schedule_check_in", "review-before", "2027-01-14", "e:1"):
        assert raw not in page.split("<main", 1)[1].replace('datetime="', "")
    detail = client.get(f"/workflows/{template.uuid}/").content.decode()
    assert "An employee joins" in detail and "employee_joined" not in detail.split("<main", 1)[1]


def _milestone_post(index: int, **values) -> dict:
    fields = {
        "name": "",
        "kind": "send_message",
        "relative_to": "trigger",
        "offset_days": "0",
        "due_days": "0",
        "recipients": "employee",
        "remind_before_days": "0",
        "remind_overdue_days": "0",
        "escalate_after_days": "0",
        "escalate_to": "hr_admins",
        "cadence": "weekly",
        "config": "null",
    } | values
    return {
        f"milestones-{index}-{name}": value for name, value in fields.items() if value is not None
    }


def test_the_editor_switches_off_telling_the_manager_and_keeps_the_other_settings(
    login_client, org_a, hr_admin
):
    """`tell_manager_on_submit` and a check-in's cadence are set in the page; the settings the
    page does not show (the cycle a milestone names) survive an edit."""
    actor = actor_for(hr_admin)
    with in_org(org_a):
        template = services.workflow_template_create(
            actor=actor,
            name="Quarterly review",
            trigger="date",
            start_date=T0.date(),
            milestones=[
                {
                    "name": "Self-assessment",
                    "kind": "launch_assessment",
                    "due_days": 7,
                    "config": {"assessment": "self"},
                },
                {"name": "1:1", "kind": "schedule_check_in", "config": {"cadence": "monthly"}},
            ],
        )
    client = login_client(hr_admin)
    url = f"/workflows/{template.uuid}/edit/"
    form = client.get(url).content.decode()
    assert "Tell the manager when the self-assessment is submitted" in form
    assert 'value="monthly" selected' in form

    data = {
        "name": "Quarterly review",
        "trigger": "date",
        "start_date": T0.date().isoformat(),
        "audience": "everyone",
        "milestones-TOTAL_FORMS": "2",
        "milestones-INITIAL_FORMS": "2",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "30",
        **_milestone_post(
            0,
            name="Self-assessment",
            kind="launch_assessment",
            due_days="7",
            config='{"assessment": "self"}',
            tell_manager_on_submit=None,  # unticked
        ),
        **_milestone_post(
            1,
            name="1:1",
            kind="schedule_check_in",
            cadence="fortnightly",
            config='{"cadence": "monthly"}',
        ),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_org(org_a):
        first, second = template.milestones.order_by("position")
    assert first.config == {"assessment": "self", "tell_manager_on_submit": False}
    assert second.config == {"cadence": "fortnightly"}

    # Ticked again, the default (tell the manager) is back.
    data["milestones-0-tell_manager_on_submit"] = "on"
    assert client.post(url, data).status_code == 302
    with in_org(org_a):
        assert template.milestones.order_by("position")[0].config == {"assessment": "self"}


def test_a_workflow_page_says_its_recurrence_in_words(login_client, org_a, hr_admin):
    with in_org(org_a):
        weekly = services.workflow_template_instantiate(
            actor=actor_for(hr_admin), key="weekly_check_ins", today=T0.date()
        )
        odd = WorkflowTemplateFactory(
            organization=org_a, trigger="recurrence", recurrence="FREQ=MONTHLY;BYMONTHDAY=1"
        )
    client = login_client(hr_admin)
    page = client.get(f"/workflows/{weekly.uuid}/").content.decode()
    assert "On a recurrence: every Monday from 11 Jan 2027" in page
    assert "FREQ=" not in page.split("<main", 1)[1]
    # A rule it cannot say in words is shown as written, as code.
    page = client.get(f"/workflows/{odd.uuid}/").content.decode()
    assert "<code>FREQ=MONTHLY;BYMONTHDAY=1</code>" in page


def test_the_dashboard_queries_do_not_grow_with_workflows(login_client, org_a, hr_admin):
    client = login_client(hr_admin)

    def workflow():
        template = WorkflowTemplateFactory(organization=org_a, status="active")
        WorkflowMilestoneFactory(organization=org_a, template=template)
        _runs(org_a, template, 2)

    workflow()
    client.get("/workflows/dashboard/")  # first request of a session writes more
    with CaptureQueriesContext(connection) as few:
        assert client.get("/workflows/dashboard/").status_code == 200
    workflow()
    workflow()
    with CaptureQueriesContext(connection) as many:
        page = client.get("/workflows/dashboard/")
    assert page.status_code == 200 and page.content.decode().count('class="card"') == 3
    assert len(many.captured_queries) == len(few.captured_queries)
