"""What the career pages do per request at organisation scale: the role selects written in one
pass (the same HTML as Django's select), the team's aspirations paged and counted by one
query, and the pages' query counts as roles and aspirations grow."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.test.utils import CaptureQueriesContext

from capabilities.models import JobRole
from talent import selectors
from talent.forms import ListSelect, RoleChoiceField
from tests import factories
from tests.capabilities.factories import JobRoleFactory
from tests.conftest import in_org
from tests.talent.factories import AspirationFactory


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("chosen", [None, "advisor", "odd"])
def test_the_list_select_writes_what_djangos_select_writes(careers, chosen):
    with in_org(careers.org):
        odd = JobRoleFactory(organization=careers.org, name='R&D <lead> "quoted"', key="odd")
        roles = JobRole.objects.order_by("name", "id")
        value = {None: None, "advisor": careers.advisor.pk, "odd": odd.pk}[chosen]
        fast = RoleChoiceField(queryset=roles, required=chosen is not None)
        plain = RoleChoiceField(queryset=roles, required=chosen is not None, widget=forms.Select)
        attrs = {"id": "id_role", "aria-describedby": "role_helptext", "required": True}
        assert isinstance(fast.widget, ListSelect)
        ours = fast.widget.render("role", value, attrs=attrs)
        django = plain.widget.render("role", value, attrs=attrs)
    assert _tags(ours) == _tags(django)
    # The same choices as Django's iterator gives, read as rows.
    with in_org(careers.org):
        rows = [(str(value), label) for value, label in fast.choices]
        instances = [(str(value), label) for value, label in ModelChoiceIterator(fast)]
    assert rows == instances and len(rows) == 4
    assert "R&amp;D &lt;lead&gt; &quot;quoted&quot;" in ours
    assert ours.count(" selected") == 1  # the chosen role, or the empty choice


def test_the_career_pages_list_every_role_in_a_constant_number_of_queries(careers, client):
    client.force_login(careers.hr.user)
    urls = ["/talent/career-paths/", "/talent/succession/", "/talent/pools/", "/talent/"]
    for url in urls:
        client.get(url)
    with CaptureQueriesContext(connection) as few:
        for url in urls:
            assert client.get(url).status_code == 200
    with in_org(careers.org):
        for i in range(30):
            JobRoleFactory(organization=careers.org, name=f"Role {i:02}", key=f"role-{i}")
    with CaptureQueriesContext(connection) as many:
        pages = [client.get(url).content.decode() for url in urls]
    assert len(many) == len(few)
    # Both selects of a career path, the critical role's and the pool's offer every role.
    assert pages[0].count(">Role 29</option>") == 2
    assert pages[1].count(">Role 29</option>") == 1
    assert pages[2].count(">Role 29</option>") == 1


@pytest.fixture
def team(careers):
    """`team(n)`: n more people below the manager (one level down), each aspiring to Team
    Lead, named so that they sort after the employee."""
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            lead = careers.manager.employee if i % 2 else careers.employee.employee
            person = factories.member(
                careers.org, email=f"report{i}@a.example", manager=lead
            ).employee
            with in_org(careers.org):
                person.last_name = f"Zed{i:03}"
                person.save(update_fields=["last_name"])
                AspirationFactory(organization=careers.org, employee=person, role=careers.lead)

    return grow


def _names(page: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>([^<]+)</td>", page)


def test_the_team_page_is_paged_and_counted_as_before(careers, client, team):
    team(30)
    client.force_login(careers.manager.user)
    with in_org(careers.org):
        everyone = [
            a.employee.full_name
            for a in selectors.team_aspirations(manager=careers.manager.employee)
        ]
    assert len(everyone) == 30
    first = client.get("/talent/team/").content.decode()
    second = client.get("/talent/team/?page=2").content.decode()
    assert _names(first) + _names(second) == everyone
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    # Past the end is the last page, not a number is the first, as Paginator.get_page does.
    assert _names(client.get("/talent/team/?page=9").content.decode()) == everyone[25:]
    assert _names(client.get("/talent/team/?page=x").content.decode()) == everyone[:25]
    # Nobody below: an empty first page.
    client.force_login(careers.peer.user)
    assert "Nobody in your team" in client.get("/talent/team/?page=3").content.decode()


def test_the_team_page_does_not_grow_with_the_team(careers, client, team):
    team(1)
    client.force_login(careers.manager.user)
    client.get("/talent/team/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/talent/team/").status_code == 200
    team(40)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/talent/team/?page=2").status_code == 200
    assert len(many) == len(few)
