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

    # Same page, same layout: whether the viewer manages people comes with their employee
    # record (HR admins see every group without needing it), so neither costs a query more.
    assert count(employee) == count(hr_admin)


TEAM_PAGES = (
    "assessments:team",
    "assessments:expert_grants",
    "goals:team_at_risk",
    "goals:team_scorecard",
    "learning:team",
)


def _links(html: str) -> list[str]:
    import re

    return [
        href.split("#")[0]
        for href in re.findall(r'<a [^>]*href="(/[^"]*)"', html)
        if not href.startswith(("/api/", "/static/"))
    ]


def test_nobody_is_shown_a_link_to_a_page_they_cannot_use(login_client, hr_admin, employee):
    """Every link on the pages of an employee's menu (and the pages they lead to) answers,
    and none leads to a team page: the employee manages nobody."""
    from django.urls import reverse

    team_pages = {reverse(name) for name in TEAM_PAGES}
    client = login_client(employee)
    menu = _links(_page(client, "/"))
    seen: dict[str, int] = {}
    for depth, paths in enumerate([menu]):
        for path in paths:
            if path in seen:
                continue
            response = client.get(path)
            seen[path] = response.status_code
            if depth == 0 and response.status_code == 200:
                for link in _links(response.content.decode()):
                    if link not in seen and not link.startswith("/accounts/logout"):
                        seen[link] = client.get(link).status_code
    shown_team_pages = sorted(p for p in seen if p.split("?")[0] in team_pages)
    assert not shown_team_pages, f"an employee is shown team pages: {shown_team_pages}"
    broken = {path: status for path, status in seen.items() if status >= 400}
    assert not broken, f"links that answer an error: {broken}"
    assert len(seen) > 12
