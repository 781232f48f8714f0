"""What every signed-in page shows around its content: the notification bell's unread count
(kept in the cache, forgotten by each write that changes it) and whether the viewer manages
people (read with their employee record, not by a query of its own)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plms.people.models import Employee
from plms.tenancy.services import membership_set
from tests.conftest import in_org
from tests.workflows.factories import NotificationFactory
from workflows import notifications
from workflows.models import Notification
from workflows.retention import notifications_purge
from workflows.unread import _key, unread_count

pytestmark = pytest.mark.django_db

PAGE = "/notifications/settings/"  # a page with the layout and little else


def _bell(client) -> int:
    """The unread count the bell shows on a page (0 when it shows none)."""
    page = client.get(PAGE).content.decode()
    bell = page.split('class="bell"')[1].split("</a>")[0]
    found = re.search(r'<span class="badge">(\d+)</span>', bell)
    return int(found.group(1)) if found else 0


def _counted(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return [
        q["sql"] for q in queries.captured_queries if 'FROM "workflows_notification" ' in q["sql"]
    ]


def test_the_bell_is_counted_once_then_read_from_the_cache(login_client, org_a, employee):
    NotificationFactory(organization=org_a, recipient=employee.user)
    client = login_client(employee)
    assert _bell(client) == 1
    assert _counted(client) == []  # the next pages read the count from the cache
    assert _bell(client) == 1


def test_a_new_notification_shows_at_once(login_client, org_a, employee, manager):
    client = login_client(employee)
    assert _bell(client) == 0
    with in_org(org_a):
        notifications.notify(recipients=[employee.user], event="workflow.message", title="Hi")
    assert _bell(client) == 1
    with in_org(org_a):  # one saved on its own (not through notify) as well
        Notification.objects.create(
            recipient=employee.user, event="workflow.message", title="Again", object_id="x"
        )
    assert _bell(client) == 2


def test_a_notification_to_someone_else_leaves_the_count_cached(
    login_client, org_a, employee, manager
):
    client = login_client(employee)
    assert _bell(client) == 0
    with in_org(org_a):
        notifications.notify(recipients=[manager.user], event="workflow.message", title="A")
    assert _counted(client) == []
    assert _bell(client) == 0
    assert _bell(login_client(manager)) == 1


def test_reading_one_and_reading_all_show_at_once(login_client, org_a, employee):
    first = NotificationFactory(organization=org_a, recipient=employee.user)
    NotificationFactory(organization=org_a, recipient=employee.user)
    NotificationFactory(organization=org_a, recipient=employee.user)
    client = login_client(employee)
    assert _bell(client) == 3
    client.post(f"/notifications/{first.uuid}/read/")
    assert _bell(client) == 2
    client.post("/notifications/read-all/")
    assert _bell(client) == 0


def test_purging_old_unread_notifications_shows_at_once(login_client, org_a, employee):
    old = NotificationFactory(organization=org_a, recipient=employee.user)
    NotificationFactory(organization=org_a, recipient=employee.user)
    with in_org(org_a):
        Notification.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - timedelta(days=400)
        )
    client = login_client(employee)
    assert _bell(client) == 2
    with in_org(org_a):
        assert notifications_purge(before=timezone.now() - timedelta(days=365)) == 1
    assert _bell(client) == 1


def test_the_count_is_forgotten_again_when_the_write_commits(
    org_a, employee, django_capture_on_commit_callbacks
):
    """A page that counted while the write was under way (before its commit) cached the old
    count; the commit forgets it."""
    with in_org(org_a):
        assert unread_count(user=employee.user) == 0
        with django_capture_on_commit_callbacks(execute=True):
            notifications.notify(recipients=[employee.user], event="workflow.message", title="A")
            # what a concurrent page would have cached from the data before the commit
            cache.set(_key(org_a.pk, employee.user.pk, employee.user.date_joined), 0)
            assert unread_count(user=employee.user) == 0
        assert unread_count(user=employee.user) == 1


def test_the_count_is_per_organisation(org_a, org_b, employee):
    with in_org(org_b):
        membership_set(organization=org_b, user=employee.user, role="member")
        NotificationFactory(organization=org_b, recipient=employee.user)
        NotificationFactory(organization=org_b, recipient=employee.user)
    NotificationFactory(organization=org_a, recipient=employee.user)
    with in_org(org_a):
        assert unread_count(user=employee.user) == 1
    with in_org(org_b):
        assert unread_count(user=employee.user) == 2


def test_whether_the_viewer_manages_people_comes_with_their_employee_record(
    login_client, org_a, manager, employee
):
    client = login_client(manager)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(PAGE).content.decode()
    assert 'id="nav-team"' in page
    employee_reads = [q for q in queries.captured_queries if 'FROM "people_employee"' in q["sql"]]
    assert len(employee_reads) == 1  # the employee record, with whether they manage people

    with in_org(org_a):  # their only report leaves: the next page has no team
        Employee.objects.filter(pk=employee.employee.pk).update(active=False)
    assert 'id="nav-team"' not in client.get(PAGE).content.decode()
    assert 'id="nav-team"' not in login_client(employee).get(PAGE).content.decode()
