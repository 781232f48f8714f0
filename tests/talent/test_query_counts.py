"""Every confidential talent list, in the API and in the pages, reads a constant number of
queries whatever the number of rows: the succession dashboard, a slate with its evidence,
successors, potential, the 9-box and its drill-down, nominations and talent pools (with their
members, programme, suggestions and readers)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment
from talent import pool_programme, pool_services, services
from tests import factories
from tests.assessments.factories import AssessmentFactory
from tests.conftest import in_org
from tests.learning.factories import LearningItemFactory
from tests.talent.conftest import actor_of
from tests.talent.factories import (
    CriticalRoleFactory,
    PotentialAssessmentFactory,
    SuccessorFactory,
    SuccessorNominationFactory,
    TalentPoolFactory,
)


@pytest.fixture
def grow(careers):
    """`grow(n)`: n more people, each with results and potential in Q4 (placed on the 9-box),
    a critical role with them on its slate, a nomination, a seat in the pool (with its
    programme) and a grant to read the pool and the role; the pool and a reader made once."""
    hr = actor_of(careers.hr)
    reader = factories.member(careers.org, email="reader@a.example")
    with in_org(careers.org):
        pool = TalentPoolFactory(organization=careers.org, name="Future leaders", boxes=["3-3"])
        pool_programme.programme_items_add(
            actor=hr, pool=pool, items=[LearningItemFactory(organization=careers.org)]
        )
        pool_services.pool_grant(actor=hr, pool=pool, employee=reader.employee)
    careers.pool, careers.reader = pool, reader
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            person = factories.member(careers.org, email=f"person{i}@a.example").employee
            waiting = factories.member(careers.org, email=f"waiting{i}@a.example").employee
            careers.assess(person, careers.q4, {"communication": 3, "coaching": 3})
            careers.assess(waiting, careers.q4, {"communication": 3, "coaching": 3})
            with in_org(careers.org):
                PotentialAssessmentFactory(
                    organization=careers.org, employee=person, cycle=careers.q4, level=3
                )
                AssessmentFactory(  # a manager's typed-in potential: the fallback path
                    organization=careers.org,
                    cycle=careers.q4,
                    employee=waiting,
                    rater=careers.manager.employee,
                    kind=Assessment.Kind.MANAGER,
                    status=Assessment.Status.SUBMITTED,
                    performance=3,
                    potential=3,
                )
                critical = CriticalRoleFactory(organization=careers.org, role=careers.lead)
                SuccessorFactory(organization=careers.org, critical_role=critical, employee=person)
                services.succession_grant(
                    actor=hr, critical_role=critical, employee=reader.employee
                )
                SuccessorNominationFactory(
                    organization=careers.org,
                    critical_role=critical,
                    employee=person,
                    proposed_by=careers.manager.employee,
                )
                pool_services.pool_member_add(actor=hr, pool=pool, employee=person)
                pool_services.pool_grant(
                    actor=hr,
                    pool=pool,
                    employee=factories.member(careers.org, email=f"r{i}@a.example").employee,
                )
            careers.last_critical = critical

    return grow


def _same_count(client, url: str, grow, expect_more: str = "") -> None:
    client.get(url)  # the first use of a key or a session is recorded once
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
        assert response.status_code == 200, url
    grow(5)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
        assert response.status_code == 200, url
    if expect_more:
        assert expect_more in response.content.decode()
    assert len(many) == len(few), (url, len(few), len(many))


API_LISTS = [
    "/api/v1/critical-roles",
    "/api/v1/successors",
    "/api/v1/potential-assessments",
    "/api/v1/successor-nominations",
    "/api/v1/talent-pools",
    "/api/v1/talent-pools/{pool}",
    "/api/v1/talent-pools/{pool}/suggestions",
    "/api/v1/talent-pools/{pool}/readers",
]


@pytest.mark.parametrize("path", API_LISTS)
def test_confidential_api_lists_do_not_grow_with_rows(careers, grow, key_client_a, path):
    grow(1)
    _same_count(key_client_a, path.format(pool=careers.pool.uuid), grow)


PAGES = [
    "/talent/succession/",
    "/talent/nine-box/",
    "/talent/nine-box/?box=3-3",
    "/talent/pools/",
    "/talent/pools/{pool}/",
]


@pytest.mark.parametrize("path", PAGES)
def test_confidential_pages_do_not_grow_with_rows(careers, grow, client, path, settings):
    # Every read builds what the 9-box caches: the reads compared are both the full work.
    settings.PLMS_RESULTS_CACHE_SECONDS = 0
    grow(1)
    client.force_login(careers.hr.user)
    _same_count(client, path.format(pool=careers.pool.uuid), grow)


def test_a_slate_with_its_evidence_does_not_grow_with_successors(careers, grow, client):
    grow(1)
    critical = careers.last_critical
    url = f"/talent/critical-roles/{critical.uuid}/"
    client.force_login(careers.hr.user)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    with in_org(careers.org):
        for i in range(5):
            person = factories.member(careers.org, email=f"more{i}@a.example").employee
            careers.assess(person, careers.q4, {"communication": 2})
            SuccessorFactory(organization=careers.org, critical_role=critical, employee=person)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    api = f"/api/v1/critical-roles/{critical.uuid}/successors"
    client.get(api)
    with CaptureQueriesContext(connection) as api_queries:
        assert len(client.get(api).json()["results"]) == 6
    assert len(api_queries) < 40


def test_a_granted_readers_lists_do_not_grow_with_rows(careers, grow, client):
    grow(1)
    client.force_login(careers.reader.user)
    for url in ("/talent/succession/", "/api/v1/critical-roles", "/api/v1/talent-pools"):
        client.get(url)
    with CaptureQueriesContext(connection) as few:
        for url in ("/talent/succession/", "/api/v1/critical-roles", "/api/v1/talent-pools"):
            assert client.get(url).status_code == 200
    grow(5)
    with CaptureQueriesContext(connection) as many:
        for url in ("/talent/succession/", "/api/v1/critical-roles", "/api/v1/talent-pools"):
            assert client.get(url).status_code == 200
    assert len(many) == len(few)
