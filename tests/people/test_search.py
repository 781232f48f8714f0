"""The people search's index (`people_employeesearchgram`, kept by triggers on the employee
table): every way people are written keeps it, it never changes what a search finds, it stays
inside the organisation, and the search is an index lookup rather than a scan."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plms.people import selectors, services
from plms.people.imports import people_import
from plms.people.models import Employee
from plms.privacy import erasure
from plms.privacy import services as privacy_services
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_scope
from tests.assessments.conftest import actor_of
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.postgres


def found(org, search: str) -> list[str]:
    with organization_scope(org):
        return [e.email for e in selectors.employee_list(search=search)]


def scanned(org, search: str) -> list[str]:
    """What the search found before it had an index: the exact match alone."""
    with organization_scope(org):
        people = Employee.objects.all()
        for word in search.split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(title__icontains=word)
            )
        return list(
            people.order_by("last_name", "first_name", "id").values_list("email", flat=True)
        )


def index_rows(org) -> set[tuple[str, int]]:
    with organization_scope(org), connection.cursor() as cursor:
        cursor.execute("SELECT gram, employee_id FROM people_employeesearchgram")
        return set(cursor.fetchall())


def recomputed(org) -> set[tuple[str, int]]:
    """The index as it should be, computed again from the people as they are now."""
    with organization_scope(org), connection.cursor() as cursor:
        cursor.execute(
            "SELECT g.gram, e.id FROM people_employee AS e, unnest("
            "people_search_grams(e.first_name, e.last_name, e.email, e.title)) AS g(gram)"
        )
        return set(cursor.fetchall())


def test_create_rename_deactivate_and_delete_keep_the_search_true(org_a):
    actor = system_actor(org_a)
    with organization_scope(org_a):
        person = services.employee_create(
            actor=actor, email="o.brandt@a.example", first_name="Ottilie", last_name="Brandt"
        )
    assert found(org_a, "ttil") == ["o.brandt@a.example"]
    assert found(org_a, "BRAND ottil") == ["o.brandt@a.example"]

    with organization_scope(org_a):
        services.employee_update(actor=actor, employee=person, first_name="Henrike")
    assert found(org_a, "ttil") == []
    assert found(org_a, "enrik brandt") == ["o.brandt@a.example"]

    with organization_scope(org_a):
        services.employee_update(
            actor=actor, employee=person, title="Quality lead", email="h.brandt@a.example"
        )
    assert found(org_a, "lity") == ["h.brandt@a.example"]
    assert found(org_a, "o.brandt") == []
    assert found(org_a, "h.bran") == ["h.brandt@a.example"]

    # Deactivating changes no searched field: the directory still finds a leaver, the person
    # picker (active people only) does not.
    with organization_scope(org_a):
        services.employee_update(actor=actor, employee=person, active=False)
        assert selectors.person_choices(viewer=None, search="enrik") == []
    assert found(org_a, "enrik") == ["h.brandt@a.example"]
    assert index_rows(org_a) == recomputed(org_a)

    with organization_scope(org_a):
        Employee.objects.filter(pk=person.pk).delete()
    assert index_rows(org_a) == set()


def test_the_import_bulk_paths_keep_the_index(org_a):
    header = "email,first_name,last_name,title,manager_email\n"
    first = header + "".join(
        f"p{i}@a.example,Person{i},Surname{i},Engineer,{'p0@a.example' if i else ''}\n"
        for i in range(30)
    )
    with organization_scope(org_a):
        people_import(actor=system_actor(org_a), text=first)
    assert index_rows(org_a) == recomputed(org_a)
    assert found(org_a, "urname17") == ["p17@a.example"]

    # 8 rows in 9 changed, as the benchmark's import does: one UPDATE ... FROM (VALUES ...).
    changed = header + "".join(
        f"p{i}@a.example,Person{i},Surname{i},"
        f"{'Engineer' if i % 9 == 0 else 'Architect'},{'p0@a.example' if i else ''}\n"
        for i in range(30)
    )
    with organization_scope(org_a):
        people_import(actor=system_actor(org_a), text=changed)
    assert index_rows(org_a) == recomputed(org_a)
    assert found(org_a, "rchit surname17") == ["p17@a.example"]
    assert found(org_a, "ngineer surname17") == []
    assert found(org_a, "ngineer surname18") == ["p18@a.example"]


@pytest.mark.parametrize(
    "search",
    [
        "ann",
        "ANN",
        "nna sch",  # pieces of two fields
        "ann.sc",  # across a dot of the e-mail
        "@b.exa",
        "ead of",  # across a space of the title
        "müll",
        "MÜLLER",
        "50%",
        "a_b",
        "xyzzy",
        "an",  # shorter than a piece: the scan alone
        "a",
        "nnA",
    ],
)
def test_the_index_never_changes_what_a_search_finds(org_a, search):
    for first, last, email, title in [
        ("Anna", "Schmidt", "anna.schmidt@a.example", "Head of Sales"),
        ("Hannah", "Müller", "hannah@a.example", "Analyst"),
        ("Jan", "Nann", "jan.nann@a.example", "50% Engineer"),
        ("Bo", "A_b", "bo@a.example", "Scheduler"),
        ("Johann", "Lee", "johann@a.example", "Head of Finance"),
    ]:
        EmployeeFactory(
            organization=org_a, first_name=first, last_name=last, email=email, title=title
        )
    assert found(org_a, search) == scanned(org_a, search)


def test_the_index_stays_inside_its_organisation(org_a, org_b):
    EmployeeFactory(organization=org_a, first_name="Ottilie", email="ottilie@a.example")
    EmployeeFactory(organization=org_b, first_name="Ottilie", email="ottilie@b.example")
    assert found(org_a, "ottil") == ["ottilie@a.example"]
    assert found(org_b, "ottil") == ["ottilie@b.example"]
    with organization_scope(org_a):
        own = set(Employee.objects.values_list("id", flat=True))
    assert {pk for _, pk in index_rows(org_a)} == own
    # Row-level security on the index itself: nothing without an organisation.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_employeesearchgram")
        assert cursor.fetchone()[0] == 0


def test_a_search_is_an_index_lookup_on_the_organisations_pieces(org_a, org_b):
    for org in (org_a, org_b):
        with organization_scope(org):
            Employee.objects.bulk_create(
                Employee(
                    organization=org,
                    email=f"person{i}@{org.slug}.example",
                    first_name=f"First{i}",
                    last_name=f"Last{i % 97}",
                    title=f"Title {i % 13}",
                )
                for i in range(3000)
            )
    with organization_scope(org_a):
        queryset = selectors.employee_list(search="last42 irst1")
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "people_employeesearchgram_pkey" in plan, plan
        assert "Seq Scan on people_employeesearchgram" not in plan, plan
        assert len(list(queryset)) == len(scanned(org_a, "last42 irst1")) > 0


def test_api_search_finds_the_middle_of_a_name_in_constant_queries(org_a, key_client_a):
    for i in range(3):
        EmployeeFactory(organization=org_a, last_name=f"Rossi{i}")
    EmployeeFactory(organization=org_a, last_name="Bianchi")
    key_client_a.get("/api/v1/me")
    with CaptureQueriesContext(connection) as few:
        body = key_client_a.get("/api/v1/employees", {"search": "ossi"}).json()
    assert sorted(r["last_name"] for r in body["results"]) == ["Rossi0", "Rossi1", "Rossi2"]
    for i in range(3, 20):
        EmployeeFactory(organization=org_a, last_name=f"Rossi{i}")
    with CaptureQueriesContext(connection) as many:
        body = key_client_a.get("/api/v1/employees", {"search": "OSSI"}).json()
    assert body["count"] == 20
    assert len(many) == len(few)
    assert key_client_a.get("/api/v1/employees", {"search": "ianch"}).json()["count"] == 1


def test_people_page_search_uses_the_index(client, org_a, hr_admin):
    EmployeeFactory(organization=org_a, first_name="Ottilie", last_name="Brandt")
    client.force_login(hr_admin.user)
    page = client.get("/people/", {"q": "tilie bran"})
    assert page.status_code == 200
    assert "Ottilie" in page.content.decode()
    assert "people_employeesearchgram" in "\n".join(
        q["sql"] for q in _queries(client, "/people/", {"q": "tilie bran"})
    )


def _queries(client, path, data):
    with CaptureQueriesContext(connection) as queries:
        client.get(path, data)
    return queries.captured_queries


def test_erasing_a_leaver_leaves_no_piece_of_their_name_searchable(org_a, hr_admin):
    actor = actor_of(hr_admin)
    with organization_scope(org_a):
        privacy_services.retention_policy_set(actor=actor, leavers_days=30)
        leaver = EmployeeFactory(
            organization=org_a,
            first_name="Ottilie",
            last_name="Brandt",
            email="ottilie@a.example",
            title="Quality lead",
            active=False,
            left_on=timezone.localdate() - datetime.timedelta(days=400),
        )
    assert found(org_a, "ottil brandt") == ["ottilie@a.example"]
    with organization_scope(org_a):
        assert erasure.employee_erase(actor=actor, employee=leaver)
    assert found(org_a, "ottil") == found(org_a, "brandt") == found(org_a, "quality") == []
    assert index_rows(org_a) == recomputed(org_a)
    assert not {gram for gram, pk in index_rows(org_a) if pk == leaver.pk} & {"OTT", "BRA", "QUA"}
