"""The career pages' person pickers list a few people, never the whole organisation: the
succession dashboard, a critical role (nominate, grant), a talent review (facilitator, an
action's owner, grant) and a pool (grant). Anyone active is a search away, and a person the
picker did not list is still accepted."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from talent.models import Successor
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.talent.factories import CriticalRoleFactory, TalentPoolFactory, TalentReviewFactory

FAR_AWAY = "Zebedee"


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no picker {name}"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def _crowd(careers, count: int):
    with in_org(careers.org):
        EmployeeFactory.create_batch(count, organization=careers.org)
        return EmployeeFactory(organization=careers.org, first_name=FAR_AWAY, last_name="Quill")


def _pages(careers):
    with in_org(careers.org):
        critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
        pool = TalentPoolFactory(organization=careers.org)
        review = TalentReviewFactory(organization=careers.org)
    return (
        critical,
        pool,
        {
            f"/talent/reviews/{review.uuid}/": ["owner"],
            "/talent/succession/": ["incumbent"],
            f"/talent/critical-roles/{critical.uuid}/": ["employee"],
            "/talent/reviews/": ["facilitator"],
            f"/talent/pools/{pool.uuid}/": ["employee"],
        },
    )


def test_the_pickers_list_a_few_people_whatever_the_organisations_size(careers, client):
    client.force_login(careers.hr.user)
    _crowd(careers, 5)
    _critical, _pool, pages = _pages(careers)
    small = {}
    for url, names in pages.items():
        client.get(url)  # what the first view of a session reads once
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        small[url] = (len(queries), {name: len(_options(html, name)) for name in names})
        for name in names:
            assert not any(FAR_AWAY in option for option in _options(html, name)), (url, name)
    _crowd(careers, 40)
    for url, names in pages.items():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert (len(queries), {name: len(_options(html, name)) for name in names}) == small[url]
        assert 'name="q"' in html or "Search people" in html, url


def test_a_person_the_picker_did_not_list_is_accepted(careers, client):
    client.force_login(careers.hr.user)
    far = _crowd(careers, 3)
    critical, pool, _ = _pages(careers)
    response = client.post(
        f"/talent/critical-roles/{critical.uuid}/nominate/",
        {"employee": str(far.uuid), "readiness": Successor.Readiness.READY_NOW},
    )
    assert response.status_code == 302
    with in_org(careers.org):
        assert Successor.objects.filter(critical_role=critical, employee=far).exists()
    granted = client.post(f"/talent/pools/{pool.uuid}/readers/", {"employee": str(far.uuid)})
    assert granted.status_code == 302
    refused = client.post(
        f"/talent/critical-roles/{critical.uuid}/nominate/",
        {"employee": "not-a-person", "readiness": Successor.Readiness.READY_NOW},
    )
    assert refused.status_code == 302
    with in_org(careers.org):
        assert Successor.objects.filter(critical_role=critical).count() == 1
