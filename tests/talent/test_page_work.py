"""What the career pages do per request at organisation scale: the role selects written in one
pass (the same HTML as Django's select), and the pages' query counts as roles grow."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capabilities.models import JobRole
from talent.forms import ListSelect, RoleChoiceField
from tests.capabilities.factories import JobRoleFactory
from tests.conftest import in_org


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
