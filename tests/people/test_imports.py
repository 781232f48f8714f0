import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plms.common.imports import ImportFailed
from plms.integrations.models import OutboxEvent, WebhookDelivery
from plms.people.imports import people_import
from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.actors import system_actor
from tests.conftest import in_org
from tests.integrations.factories import WebhookSubscriptionFactory

HEADER = "email,first_name,last_name,title,department,manager_email,manager_weight,matrix_managers,start_date\n"
GOOD = HEADER + (
    "boss@x.com,Bea,Boss,Director,Leadership,,,,2020-01-01\n"
    "lead@x.com,Leo,Lead,Team lead,Support,boss@x.com,,,2021-02-01\n"
    "pm@x.com,Pam,Project,Project manager,Delivery,boss@x.com,,,\n"
    "ann@x.com,Ann,Agent,Agent,Support,lead@x.com,60,pm@x.com:40,2023-03-01\n"
)


def run(org, text):
    with in_org(org):
        return people_import(actor=system_actor(org), text=text)


def snapshot(org):
    with in_org(org):
        return (
            sorted(
                Employee.objects.values_list("email", "title", "manager__email", "manager_weight")
            ),
            sorted(
                SecondaryManager.objects.values_list("employee__email", "manager__email", "weight")
            ),
            sorted(Department.objects.values_list("name", flat=True)),
        )


def test_a_good_file_imports_everyone_with_reporting_lines(org_a):
    result = run(org_a, GOOD)
    assert (result.created, result.updated, result.departments_created) == (4, 0, 3)
    employees, matrix, departments = snapshot(org_a)
    assert employees == [
        ("ann@x.com", "Agent", "lead@x.com", 60),
        ("boss@x.com", "Director", None, 100),
        ("lead@x.com", "Team lead", "boss@x.com", 100),
        ("pm@x.com", "Project manager", "boss@x.com", 100),
    ]
    assert matrix == [("ann@x.com", "pm@x.com", 40)]
    assert departments == ["Delivery", "Leadership", "Support"]


def test_reimport_updates_by_email_and_is_idempotent(org_a):
    run(org_a, GOOD)
    first = snapshot(org_a)
    result = run(org_a, GOOD)
    assert (result.created, result.updated, result.unchanged, result.departments_created) == (
        0,
        0,
        4,
        0,
    )
    assert snapshot(org_a) == first
    run(
        org_a,
        GOOD.replace("Ann,Agent,Agent", "Ann,Agent,Senior agent").replace(",60,pm@x.com:40", ",,"),
    )
    employees, matrix, _ = snapshot(org_a)
    assert ("ann@x.com", "Senior agent", "lead@x.com", 100) in employees
    assert matrix == []


def test_managers_may_be_existing_employees_not_in_the_file(org_a):
    run(org_a, GOOD)
    run(org_a, "email,first_name,manager_email\nnew@x.com,Nia,lead@x.com\n")
    employees, _, _ = snapshot(org_a)
    assert ("new@x.com", "", "lead@x.com", 100) in employees
    # Columns left out of the file are left unchanged for people in it.
    assert ("lead@x.com", "Team lead", "boss@x.com", 100) in employees


BAD_ROWS = {
    "missing email": (",Nobody,,,,,,,\n", 6, "email", "missing email"),
    "duplicate email": (
        "lead@x.com,Leo,Again,,,,,,\n",
        6,
        "email",
        "duplicate email lead@x.com (also on line 3)",
    ),
    "unknown manager": (
        "new@x.com,Nia,,,,ghost@x.com,,,\n",
        6,
        "manager_email",
        "unknown manager ghost@x.com",
    ),
    "weights not 100": (
        "new@x.com,Nia,,,,lead@x.com,70,pm@x.com:40,\n",
        6,
        "manager_weight",
        "weights not 100: manager weights total 110 %",
    ),
    "bad date": (
        "new@x.com,Nia,,,,,,,31/12/2020\n",
        6,
        "start_date",
        "'31/12/2020' is not a date (YYYY-MM-DD)",
    ),
    "self manager": (
        "new@x.com,Nia,,,,new@x.com,,,\n",
        6,
        "manager_email",
        "reporting cycle: an employee cannot manage themself",
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS, ids=list(BAD_ROWS))
def test_a_file_with_a_bad_row_imports_nothing_and_names_the_row(org_a, case):
    row, line, column, message = BAD_ROWS[case]
    with pytest.raises(ImportFailed) as caught:
        run(org_a, GOOD + row)
    assert [(e.line, e.column, e.message) for e in caught.value.errors] == [(line, column, message)]
    assert snapshot(org_a) == ([], [], [])


def test_every_bad_row_is_reported_at_once(org_a):
    text = GOOD + ",Nobody,,,,,,,\nx@x.com,X,,,,ghost@x.com,,,\n"
    with pytest.raises(ImportFailed) as caught:
        run(org_a, text)
    assert [e.line for e in caught.value.errors] == [6, 7]
    assert caught.value.code == "import_failed"


def test_a_reporting_cycle_is_rejected_naming_every_row_in_it(org_a):
    text = HEADER + (
        "a@x.com,A,,,,c@x.com,,,\n"
        "b@x.com,B,,,,a@x.com,,,\n"
        "c@x.com,C,,,,b@x.com,,,\n"
        "d@x.com,D,,,,,,,\n"
    )
    with pytest.raises(ImportFailed) as caught:
        run(org_a, text)
    errors = caught.value.errors
    assert [e.line for e in errors] == [2, 3, 4]
    assert all(e.column == "manager_email" and "reporting cycle" in e.message for e in errors)
    assert snapshot(org_a) == ([], [], [])


def test_a_cycle_through_existing_lines_is_rejected(org_a):
    run(org_a, GOOD)
    with pytest.raises(ImportFailed) as caught:
        run(org_a, "email,first_name,manager_email\nboss@x.com,Bea,ann@x.com\n")
    assert "reporting cycle" in caught.value.errors[0].message


def test_a_cycle_through_a_matrix_line_is_rejected(org_a):
    run(org_a, GOOD)
    text = "email,first_name,manager_email,manager_weight,matrix_managers\nboss@x.com,Bea,lead@x.com,50,ann@x.com:50\n"
    with pytest.raises(ImportFailed):
        run(org_a, text)


def test_header_problems_are_reported_on_line_one(org_a):
    with pytest.raises(ImportFailed) as caught:
        run(org_a, "mail,first_name,shoe_size\nx@x.com,X,42\n")
    assert [(e.line, e.column) for e in caught.value.errors] == [
        (1, "email"),
        (1, "mail,shoe_size"),
    ]


def test_import_needs_an_admin(org_a, employee):
    from plms.common.errors import PermissionDenied
    from plms.tenancy.actors import Actor

    with in_org(org_a), pytest.raises(PermissionDenied):
        people_import(actor=Actor(organization=org_a, membership=employee.membership), text=GOOD)


def test_the_same_emails_in_two_organizations_stay_apart(org_a, org_b):
    run(org_a, GOOD)
    run(org_b, GOOD.replace("Director", "Chair"))
    assert ("boss@x.com", "Director", None, 100) in snapshot(org_a)[0]
    assert ("boss@x.com", "Chair", None, 100) in snapshot(org_b)[0]


# --- Unchanged rows, events ------------------------------------------------------------------


def events(org):
    with in_org(org):
        return sorted(
            (event.type, event.payload["data"]["email"], event.payload["data"]["manager"])
            for event in OutboxEvent.objects.all()
        )


def updated_at(org):
    with in_org(org):
        return dict(Employee.objects.values_list("email", "updated_at"))


def uuid_of(org, email):
    with in_org(org):
        return str(Employee.objects.get(email=email).uuid)


def test_the_import_emits_one_created_event_per_new_employee(org_a):
    run(org_a, GOOD)
    boss, lead = uuid_of(org_a, "boss@x.com"), uuid_of(org_a, "lead@x.com")
    assert events(org_a) == [
        ("employee.created", "ann@x.com", lead),
        ("employee.created", "boss@x.com", None),
        ("employee.created", "lead@x.com", boss),
        ("employee.created", "pm@x.com", boss),
    ]
    with in_org(org_a):
        payload = OutboxEvent.objects.get(payload__data__email="ann@x.com").payload
    assert payload["type"] == "employee.created"
    assert payload["organization"] == str(org_a.uuid)
    with in_org(org_a):
        ann = Employee.objects.select_related("department").get(email="ann@x.com")
    assert payload["data"]["id"] == str(ann.uuid)
    assert payload["data"]["department"] == str(ann.department.uuid)
    assert payload["data"]["start_date"] == "2023-03-01"


def test_unchanged_rows_are_not_rewritten_and_emit_nothing(org_a):
    run(org_a, GOOD)
    before = updated_at(org_a)
    with in_org(org_a):
        OutboxEvent.objects.all().delete()
    result = run(org_a, GOOD)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert updated_at(org_a) == before
    assert events(org_a) == []


def test_only_changed_rows_are_written_and_announced(org_a):
    run(org_a, GOOD)
    before = updated_at(org_a)
    with in_org(org_a):
        OutboxEvent.objects.all().delete()
    changed = GOOD.replace("Pam,Project,Project manager", "Pam,Project,Programme manager")
    changed = changed.replace("lead@x.com,60,pm@x.com:40", "lead@x.com,70,pm@x.com:30")
    result = run(org_a, changed)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 2)
    after = updated_at(org_a)
    assert [email for email in sorted(after) if after[email] != before[email]] == [
        "ann@x.com",
        "pm@x.com",
    ]
    lead = uuid_of(org_a, "lead@x.com")
    boss = uuid_of(org_a, "boss@x.com")
    assert events(org_a) == [
        ("employee.updated", "ann@x.com", lead),
        ("employee.updated", "pm@x.com", boss),
    ]
    _, matrix, _ = snapshot(org_a)
    assert matrix == [("ann@x.com", "pm@x.com", 30)]


def test_a_new_manager_for_an_existing_employee_is_a_change(org_a):
    run(org_a, GOOD)
    with in_org(org_a):
        OutboxEvent.objects.all().delete()
    text = HEADER + (
        "chief@x.com,Cat,Chief,CEO,Leadership,,,,\nboss@x.com,Bea,Boss,Director,Leadership,chief@x.com,,,2020-01-01\n"
    )
    result = run(org_a, text)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    employees, _, _ = snapshot(org_a)
    assert ("boss@x.com", "Director", "chief@x.com", 100) in employees
    assert events(org_a) == [
        ("employee.created", "chief@x.com", None),
        ("employee.updated", "boss@x.com", uuid_of(org_a, "chief@x.com")),
    ]


def test_deactivating_in_the_file_emits_deactivated(org_a):
    run(org_a, GOOD)
    with in_org(org_a):
        OutboxEvent.objects.all().delete()
    run(org_a, "email,first_name,active\npm@x.com,Pam,false\nboss@x.com,Bea,true\n")
    assert [(kind, email) for kind, email, _ in events(org_a)] == [
        ("employee.deactivated", "pm@x.com")
    ]


def test_a_failed_import_emits_nothing(org_a):
    with pytest.raises(ImportFailed):
        run(org_a, GOOD + ",Nobody,,,,,,,\n")
    assert events(org_a) == []


def test_subscribers_get_one_delivery_per_event(org_a, django_capture_on_commit_callbacks):
    WebhookSubscriptionFactory(organization=org_a, events=["employee.created"])
    with django_capture_on_commit_callbacks() as callbacks:
        run(org_a, GOOD)
    with in_org(org_a):
        assert WebhookDelivery.objects.count() == 4
    assert len(callbacks) == 1  # the deliveries are enqueued together, after the commit


def _people_csv(count: int) -> str:
    return GOOD + "".join(
        f"p{n}@x.com,P{n},Person,Agent,Support,lead@x.com,,,2024-01-0{1 + n % 9}\n"
        for n in range(count)
    )


def test_the_import_takes_a_constant_number_of_queries(org_a, org_b):
    counts = []
    for org, rows in ((org_a, 2), (org_b, 40)):
        with in_org(org), CaptureQueriesContext(connection) as captured:
            people_import(actor=system_actor(org), text=_people_csv(rows))
        counts.append(len(captured))
    assert counts[0] == counts[1]
    # Re-importing with every row changed: updates are pages too.
    for org, rows in ((org_a, 2), (org_b, 40)):
        with in_org(org), CaptureQueriesContext(connection) as captured:
            people_import(actor=system_actor(org), text=_people_csv(rows).replace("Agent", "Rep"))
        counts.append(len(captured))
    assert counts[2] == counts[3]


def test_changed_start_dates_are_written(org_a):
    run(org_a, GOOD)
    run(org_a, GOOD.replace("2021-02-01", "2021-03-01"))
    with in_org(org_a):
        assert Employee.objects.get(email="lead@x.com").start_date == datetime.date(2021, 3, 1)
