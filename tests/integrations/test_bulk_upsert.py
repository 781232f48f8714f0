import pytest

from plms.integrations.models import OutboxEvent
from plms.people.models import Department, Employee, SecondaryManager
from tests.conftest import in_org
from tests.factories import EmployeeFactory

URL = "/api/v1/employees/bulk-upsert"


def _people(org):
    with in_org(org):
        return sorted(
            Employee.objects.values_list(
                "email", "external_id", "title", "manager__email", "active"
            )
        )


def _events(org):
    with in_org(org):
        return sorted(OutboxEvent.objects.values_list("type", "payload__data__email"))


def test_creates_and_updates_matched_by_external_id_then_email(org_a, key_client_a):
    EmployeeFactory(organization=org_a, email="ada@a.example", external_id="H-1", title="Analyst")
    EmployeeFactory(organization=org_a, email="bo@a.example", title="Clerk")
    EmployeeFactory(
        organization=org_a, email="cy@a.example", title="Same", first_name="Cy", last_name=""
    )
    items = [
        # known external id: the e-mail changes
        {"external_id": "H-1", "email": "ada.l@a.example", "first_name": "Ada", "title": "Lead"},
        # known e-mail: gets its external id; reports to Ada
        {
            "external_id": "H-2",
            "email": "bo@a.example",
            "first_name": "Bo",
            "manager_email": "ada.l@a.example",
            "department": "Sales",
            "active": False,
        },
        {"email": "cy@a.example", "first_name": "Cy", "title": "Same"},
        {
            "external_id": "H-4",
            "email": "dee@a.example",
            "first_name": "Dee",
            "manager_email": "ada.l@a.example",
            "manager_weight": 60,
            "matrix_managers": [{"email": "bo@a.example", "weight": 40}],
            "start_date": "2024-02-01",
        },
    ]
    response = key_client_a.post(URL, {"items": items}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"], body["departments_created"]) == (
        1,
        2,
        1,
        1,
    )
    assert [(i["email"], i["status"]) for i in body["items"]] == [
        ("ada.l@a.example", "updated"),
        ("bo@a.example", "updated"),
        ("cy@a.example", "unchanged"),
        ("dee@a.example", "created"),
    ]
    assert _people(org_a) == [
        ("ada.l@a.example", "H-1", "Lead", None, True),
        ("bo@a.example", "H-2", "Clerk", "ada.l@a.example", False),
        ("cy@a.example", "", "Same", None, True),
        ("dee@a.example", "H-4", "", "ada.l@a.example", True),
    ]
    with in_org(org_a):
        assert Department.objects.get().employees.get().email == "bo@a.example"
        assert SecondaryManager.objects.get().manager.email == "bo@a.example"
    assert _events(org_a) == [
        ("employee.created", "dee@a.example"),
        ("employee.deactivated", "bo@a.example"),
        ("employee.updated", "ada.l@a.example"),
    ]


def test_one_bad_item_writes_nothing_and_every_problem_is_named(org_a, key_client_a):
    EmployeeFactory(organization=org_a, email="taken@a.example", external_id="T-1")
    EmployeeFactory(organization=org_a, email="other@a.example")
    items = [
        {"email": "ok@a.example", "first_name": "Ok"},
        {"email": "m@a.example", "first_name": "M", "manager_email": "ghost@a.example"},
        {"email": "not-an-email", "first_name": "N"},
        {"email": "ok@a.example", "first_name": "Twice"},
        {"email": "other@a.example", "first_name": "X", "external_id": "T-1"},
        {"email": "d@a.example", "first_name": "D", "start_date": "2024-13-01"},
    ]
    before = _people(org_a)
    response = key_client_a.post(URL, {"items": items}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"items.5.start_date"}  # types are checked first
    items[5]["start_date"] = "2024-12-01"
    body = key_client_a.post(URL, {"items": items}, format="json").json()
    assert body["code"] == "invalid" and body["detail"].startswith("Nothing was written")
    assert set(body["fields"]) == {
        "items.1.manager_email",
        "items.2.email",
        "items.3.email",
        "items.4.email",
        "items.4.external_id",
    }
    assert "ghost@a.example" in body["fields"]["items.1.manager_email"][0]
    assert _people(org_a) == before
    assert _events(org_a) == []


def test_an_external_id_cannot_take_another_employees_email(org_a, key_client_a):
    EmployeeFactory(organization=org_a, email="a@a.example", external_id="A")
    EmployeeFactory(organization=org_a, email="b@a.example", external_id="B")
    items = [{"external_id": "A", "email": "b@a.example", "first_name": "A"}]
    body = key_client_a.post(URL, {"items": items}, format="json").json()
    assert body["fields"] == {
        "items.0.email": ["e-mail used by another employee"],
        "items.0.external_id": ["external id belongs to a@a.example"],
    }


def test_limits_and_shape(key_client_a):
    assert key_client_a.post(URL, {"items": []}, format="json").status_code == 400
    too_many = [{"email": f"p{i}@a.example", "first_name": "P"} for i in range(1001)]
    response = key_client_a.post(URL, {"items": too_many}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["items.non_field_errors"]
    missing = key_client_a.post(URL, {"items": [{"first_name": "No e-mail"}]}, format="json")
    assert "items.0.email" in missing.json()["fields"]


def test_a_thousand_items_in_one_call(org_a, key_client_a):
    items = [
        {"email": f"p{i}@a.example", "first_name": "P", "external_id": f"E{i}"} for i in range(1000)
    ]
    response = key_client_a.post(URL, {"items": items}, format="json")
    assert response.status_code == 200 and response.json()["created"] == 1000
    again = key_client_a.post(URL, {"items": items}, format="json").json()
    assert again["unchanged"] == 1000


def test_the_route_does_not_collide_with_an_employee_id(org_a, key_client_a):
    assert key_client_a.get(URL).status_code == 405
    employee = EmployeeFactory(organization=org_a)
    assert key_client_a.get(f"/api/v1/employees/{employee.uuid}").status_code == 200


@pytest.mark.parametrize("scopes", [["people:read"], ["webhooks:write"]])
def test_keys_need_people_write(org_a, make_key_client, scopes):
    client = make_key_client(org_a, scopes)
    items = [{"email": "p@a.example", "first_name": "P"}]
    assert client.post(URL, {"items": items}, format="json").status_code == 403


def test_members_who_are_not_hr_admins_cannot(client, employee, hr_admin):
    items = [{"email": "p@a.example", "first_name": "P"}]
    client.force_login(employee.user)
    assert client.post(URL, {"items": items}, content_type="application/json").status_code == 403
    client.force_login(hr_admin.user)
    assert client.post(URL, {"items": items}, content_type="application/json").status_code == 200


def test_an_organization_only_upserts_its_own_people(org_a, org_b, key_client_b):
    EmployeeFactory(organization=org_a, email="same@x.example", external_id="S")
    items = [{"email": "same@x.example", "first_name": "B", "external_id": "S"}]
    assert key_client_b.post(URL, {"items": items}, format="json").json()["created"] == 1
    with in_org(org_a):
        assert Employee.objects.get().first_name != "B"


def test_unknown_fields_are_refused_not_dropped(org_a, key_client_a):
    items = [
        {
            "email": "p@a.example",
            "first_name": "P",
            "firstName": "Typo",
            "matrix_managers": [{"email": "q@a.example", "weight": 10, "x": 1}],
        }
    ]
    response = key_client_a.post(URL, {"items": items, "dry_run": True}, format="json")
    assert response.status_code == 400
    unknown = {"items.0.firstName", "items.0.matrix_managers.0.x"}
    assert set(response.json()["fields"]) == {"dry_run", *unknown}
    response = key_client_a.post(URL, {"items": items}, format="json")
    assert set(response.json()["fields"]) == unknown
    assert _people(org_a) == []
