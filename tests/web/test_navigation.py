"""The main navigation: what each kind of viewer sees, at a fixed cost per page."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import in_org
from tests.factories import EmployeeFactory


def _page(client, url="/notifications/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_team_group_follows_the_viewer_not_the_last_page_rendered(
    login_client, org_a, hr_admin, employee
):
    assert 'id="nav-admin"' in _page(login_client(hr_admin))
    page = _page(login_client(employee))
    assert 'id="nav-team"' not in page and 'id="nav-admin"' not in page
    assert 'href="/people/"' not in page

    with in_org(org_a):
        EmployeeFactory(organization=org_a, manager=employee.employee)
    page = _page(login_client(employee))
    assert 'id="nav-team"' in page and 'id="nav-admin"' not in page


def test_the_navigation_costs_no_query_beyond_knowing_whether_the_viewer_manages(
    login_client, hr_admin, employee
):
    def count(member) -> int:
        client = login_client(member)
        _page(client)
        with CaptureQueriesContext(connection) as queries:
            _page(client)
        return len(queries)

    # Same page, same layout: HR admins see every group without asking whether they manage.
    assert count(employee) == count(hr_admin) + 1
