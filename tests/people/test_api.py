import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plms.people.models import Employee
from plms.people.selectors import directory_rows
from tests import factories
from tests.conftest import in_org
from tests.factories import DepartmentFactory, EmployeeFactory, SecondaryManagerFactory


def _employees(org, n, department=None):
    boss = EmployeeFactory(organization=org)
    for _ in range(n):
        e = EmployeeFactory(organization=org, manager=boss, department=department)
        SecondaryManagerFactory(organization=org, employee=e, manager=boss, weight=30)


def test_employee_list_is_paginated_in_a_stable_order(org_a, key_client_a):
    _employees(org_a, 5)
    body = key_client_a.get("/api/v1/employees", {"page_size": 2}).json()
    assert body["count"] == 6 and len(body["results"]) == 2 and body["next"]
    names = [(r["last_name"], r["first_name"]) for r in body["results"]]
    assert names == sorted(names)
    assert set(body["results"][0]) >= {"id", "email", "manager", "matrix_managers", "department"}


def test_employee_list_query_count_does_not_grow_with_rows(org_a, key_client_a):
    department = DepartmentFactory(organization=org_a)
    _employees(org_a, 3, department)
    key_client_a.get("/api/v1/me")  # the key's last-used time is written once a minute
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get("/api/v1/employees").status_code == 200
    _employees(org_a, 20, department)
    with CaptureQueriesContext(connection) as many:
        assert len(key_client_a.get("/api/v1/employees").json()["results"]) == 25
    assert len(many) == len(few)


def test_create_employee_and_duplicate_email_error(org_a, key_client_a):
    department = DepartmentFactory(organization=org_a)
    payload = {"email": "New@A.example", "first_name": "Nia", "department": str(department.uuid)}
    created = key_client_a.post("/api/v1/employees", payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["email"] == "new@a.example"
    assert created.json()["department"] == str(department.uuid)
    again = key_client_a.post("/api/v1/employees", payload, format="json")
    assert again.status_code == 400
    assert again.json() == {
        "code": "duplicate_email",
        "detail": "An employee with e-mail new@a.example exists.",
        "fields": {"email": ["Already used by another employee."]},
    }


def test_validation_errors_are_per_field(org_a, key_client_a):
    response = key_client_a.post("/api/v1/employees", {"first_name": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"email", "first_name"}


def test_a_department_of_another_organization_cannot_be_referenced(org_a, org_b, key_client_a):
    foreign = DepartmentFactory(organization=org_b)
    response = key_client_a.post(
        "/api/v1/employees",
        {"email": "x@a.example", "first_name": "X", "department": str(foreign.uuid)},
        format="json",
    )
    assert response.status_code == 400
    assert "department" in response.json()["fields"]


def test_members_read_but_only_admins_write(client, employee, hr_admin):
    client.force_login(employee.user)
    assert client.get("/api/v1/employees").status_code == 200
    denied = client.post(
        "/api/v1/employees",
        {"email": "y@a.example", "first_name": "Y"},
        content_type="application/json",
    )
    assert denied.status_code == 403
    client.force_login(hr_admin.user)
    allowed = client.post(
        "/api/v1/employees",
        {"email": "y@a.example", "first_name": "Y"},
        content_type="application/json",
    )
    assert allowed.status_code == 201


def test_filters_and_search(org_a, key_client_a):
    sales = DepartmentFactory(organization=org_a, name="Sales")
    EmployeeFactory(organization=org_a, first_name="Zelda", department=sales)
    EmployeeFactory(organization=org_a, first_name="Yann")
    by_dept = key_client_a.get("/api/v1/employees", {"department": str(sales.uuid)}).json()
    assert [r["first_name"] for r in by_dept["results"]] == ["Zelda"]
    by_search = key_client_a.get("/api/v1/employees", {"search": "yann"}).json()
    assert [r["first_name"] for r in by_search["results"]] == ["Yann"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/employees/not-a-uuid"])
def test_unknown_api_paths_are_json_404(key_client_a, path):
    response = key_client_a.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_method_not_allowed_is_json(key_client_a):
    response = key_client_a.delete("/api/v1/employees")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_a_duplicate_external_id_is_a_400_not_a_server_error(org_a, key_client_a):
    EmployeeFactory(organization=org_a, external_id="H-1")
    response = key_client_a.post(
        "/api/v1/employees",
        {"email": "z@a.example", "first_name": "Z", "external_id": "H-1"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "duplicate_external_id"
    other = EmployeeFactory(organization=org_a)
    patched = key_client_a.patch(
        f"/api/v1/employees/{other.uuid}", {"external_id": "H-1"}, format="json"
    )
    assert patched.status_code == 400 and patched.json()["fields"] == {
        "external_id": ["Already used by another employee."]
    }


def test_every_page_holds_the_next_rows_of_the_stable_order(org_a, key_client_a):
    _employees(org_a, 11)
    EmployeeFactory(organization=org_a, last_name="Same", first_name="Twin")
    EmployeeFactory(organization=org_a, last_name="Same", first_name="Twin")
    with in_org(org_a):
        expected = [
            str(u)
            for u in Employee.objects.order_by("last_name", "first_name", "id").values_list(
                "uuid", flat=True
            )
        ]
    seen, page = [], 1
    while True:
        body = key_client_a.get("/api/v1/employees", {"page_size": 4, "page": page}).json()
        seen += [row["id"] for row in body["results"]]
        assert all("matrix_managers" in row and "department" in row for row in body["results"])
        if not body["next"]:
            break
        page += 1
    assert seen == expected and body["count"] == 14
    newest = key_client_a.get("/api/v1/employees", {"ordering": "-created_at", "page_size": 3})
    with in_org(org_a):
        latest = [
            str(u)
            for u in Employee.objects.order_by(
                "-created_at", "last_name", "first_name", "id"
            ).values_list("uuid", flat=True)[:3]
        ]
    assert [row["id"] for row in newest.json()["results"]] == latest


def test_a_page_past_the_end_is_a_json_404(org_a, key_client_a):
    _employees(org_a, 2)
    response = key_client_a.get("/api/v1/employees", {"page": 9})
    assert response.status_code == 404 and "code" in response.json()


def test_the_directory_pages_through_everyone_in_order(org_a, hr_admin, login_client):
    _employees(org_a, 30)
    client = login_client(hr_admin)
    with in_org(org_a):
        expected = [str(e.uuid) for e in Employee.objects.order_by("last_name", "first_name", "id")]
    seen = []
    for number in (1, 2):
        page = client.get("/people/", {"page": number}).context["page"]
        seen += [str(e["uuid"]) for e in page.object_list]
    assert seen == expected


def test_the_directorys_rows_say_what_the_employees_do(org_a, hr_admin, login_client):
    """The directory's plain rows name each person, department, manager and matrix managers
    (heaviest first) as the employees and their links do."""
    with in_org(org_a):
        department = DepartmentFactory(organization=org_a)
        boss = EmployeeFactory(organization=org_a, department=department, last_name="")
        people = [
            EmployeeFactory(organization=org_a, department=department, manager=boss),
            EmployeeFactory(organization=org_a, department=None, manager=None),
        ]
        for weight, manager in ((30, boss), (60, people[1])):
            SecondaryManagerFactory(
                organization=org_a, employee=people[0], manager=manager, weight=weight
            )
        ids = [boss.pk, *(person.pk for person in people)]
        rows = directory_rows(ids=ids)
        for row, employee in zip(
            rows, Employee.objects.filter(pk__in=ids).order_by("pk"), strict=True
        ):
            links = employee.secondary_manager_links.select_related("manager")
            assert row["uuid"] == employee.uuid and row["full_name"] == employee.full_name
            assert row["department"] == (employee.department.name if employee.department else None)
            assert row["manager"] == (str(employee.manager) if employee.manager else None)
            assert row["matrix_managers"] == [
                {"manager": str(link.manager), "weight": link.weight} for link in links
            ]
            assert (row["email"], row["title"], row["active"], row["user_id"]) == (
                employee.email,
                employee.title,
                employee.active,
                employee.user_id,
            )
    page = login_client(hr_admin).get("/people/").content.decode()
    assert f"{people[1].full_name} (60 %)" in page and f"{boss.full_name} (30 %)" in page


def test_a_list_row_is_the_employee_as_the_detail_shows_it(org_a, key_client_a):
    department = DepartmentFactory(organization=org_a)
    boss = EmployeeFactory(organization=org_a, last_name="Boss")
    joined = factories.member(
        org_a,
        email="joined@a.example",
        manager=boss,
        department=department,
        external_id="HR-7",
        start_date=datetime.date(2025, 3, 1),
    ).employee
    for weight in (20, 60):
        SecondaryManagerFactory(organization=org_a, employee=joined, weight=weight)
    plain = EmployeeFactory(organization=org_a, title="", last_name="Plain")
    for employee in (joined, plain):
        listed = key_client_a.get("/api/v1/employees", {"email": employee.email}).json()
        detail = key_client_a.get(f"/api/v1/employees/{employee.uuid}").json()
        assert listed["results"] == [detail]
    assert [m["weight"] for m in detail_of(key_client_a, joined)["matrix_managers"]] == [60, 20]
    assert detail_of(key_client_a, joined)["has_joined"] is True


def detail_of(client, employee) -> dict:
    return client.get(f"/api/v1/employees/{employee.uuid}").json()


@pytest.mark.postgres
def test_a_deep_page_leaves_the_planner_settings_as_it_found_them(org_a, key_client_a):
    _employees(org_a, 6)
    body = key_client_a.get("/api/v1/employees", {"page_size": 2, "page": 3}).json()
    assert len(body["results"]) == 2
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_sort")
        assert cursor.fetchone()[0] == "on"
