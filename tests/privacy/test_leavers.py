"""The day a person left: recorded by every way people are deactivated (HR, an identity
provider over SCIM, an HRIS bulk upsert, the CSV import), cleared when they come back,
correctable by HR in the browser and the API, filled for people who had left before it was
recorded; erasure of leavers (by HR, or by the daily job once the period has passed) counts the
retention period from it, not from the last change."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from plms.audit import actions
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError
from plms.integrations.services import provisioning as integration_services
from plms.people import services as people_services
from plms.people.imports import people_import
from plms.people.models import Employee
from plms.privacy import erasure, services
from plms.privacy import tasks as privacy_tasks
from tests.assessments.conftest import actor_of
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.privacy.factories import RetentionPolicyFactory


def _refresh(org, employee) -> Employee:
    with in_org(org):
        return Employee.objects.get(pk=employee.pk)


def test_deactivation_records_the_day_and_reactivation_clears_it(org_a, hr_admin):
    actor = actor_of(hr_admin)
    with in_org(org_a):
        person = EmployeeFactory(organization=org_a)
        assert person.left_on is None
        people_services.employee_update(actor=actor, employee=person, active=False)
    assert _refresh(org_a, person).left_on == timezone.localdate()
    with in_org(org_a):
        people_services.employee_update(actor=actor, employee=person, active=True)
    assert _refresh(org_a, person).left_on is None
    with in_org(org_a):
        gone = people_services.employee_update(
            actor=actor, employee=person, active=False, left_on=datetime.date(2026, 3, 31)
        )
    assert gone.left_on == _refresh(org_a, person).left_on == datetime.date(2026, 3, 31)
    with in_org(org_a):
        created_gone = people_services.employee_create(
            actor=actor, email="gone@a.example", first_name="Gone", active=False
        )
    assert created_gone.left_on == timezone.localdate()


def test_hr_corrects_the_day_but_not_for_an_active_person_nor_in_the_future(org_a, hr_admin):
    actor = actor_of(hr_admin)
    with in_org(org_a):
        active = EmployeeFactory(organization=org_a)
        with pytest.raises(ApplicationError, match="has left"):
            people_services.employee_update(
                actor=actor, employee=active, left_on=datetime.date(2026, 1, 5)
            )
        leaver = EmployeeFactory(organization=org_a, active=False)
        with pytest.raises(ApplicationError, match="future"):
            people_services.employee_update(
                actor=actor, employee=leaver, left_on=timezone.localdate() + datetime.timedelta(1)
            )
        people_services.employee_update(
            actor=actor, employee=leaver, left_on=datetime.date(2026, 1, 5)
        )
    assert _refresh(org_a, leaver).left_on == datetime.date(2026, 1, 5)


def test_hr_corrects_the_day_on_the_persons_data_rights_page(org_a, hr_admin, client):
    leaver = EmployeeFactory(organization=org_a, active=False, left_on=datetime.date(2026, 6, 1))
    client.force_login(hr_admin.user)
    page = reverse("privacy:person", args=[leaver.uuid])
    assert "Left on 1 Jun 2026." in client.get(page).content.decode()
    assert client.post(page, {"left_on": "2026-05-04"}).status_code == 302
    assert _refresh(org_a, leaver).left_on == datetime.date(2026, 5, 4)
    refused = client.post(page, {"left_on": "2999-01-01"})
    assert refused.status_code == 200 and "cannot be in the future" in refused.content.decode()


def test_the_api_shows_and_corrects_the_day(org_a, hr_admin, make_key_client):
    actor = actor_of(hr_admin)
    with in_org(org_a):
        leaver = EmployeeFactory(organization=org_a)
        people_services.employee_update(actor=actor, employee=leaver, active=False)
    client = make_key_client(org_a, ["people:read", "people:write"])
    url = f"/api/v1/employees/{leaver.uuid}"
    assert client.get(url).json()["left_on"] == timezone.localdate().isoformat()
    listed = client.get("/api/v1/employees?active=false").json()["results"]
    assert [row["left_on"] for row in listed] == [timezone.localdate().isoformat()]
    changed = client.patch(url, {"left_on": "2026-02-01"}, format="json")
    assert changed.status_code == 200 and changed.json()["left_on"] == "2026-02-01"
    active = EmployeeFactory(organization=org_a)
    refused = client.patch(
        f"/api/v1/employees/{active.uuid}", {"left_on": "2026-02-01"}, format="json"
    )
    assert refused.status_code == 400 and "left_on" in refused.json()["fields"]


def test_scim_bulk_upsert_and_the_csv_import_record_the_day(org_a, hr_admin):
    actor = actor_of(hr_admin)
    with in_org(org_a):
        by_scim = EmployeeFactory(organization=org_a)
        by_hris = EmployeeFactory(organization=org_a, external_id="H-1")
        by_csv = EmployeeFactory(organization=org_a)
        integration_services.employee_provision(
            actor=actor, employee=by_scim, attributes={"active": False}
        )
        integration_services.employees_bulk_upsert(
            actor=actor,
            items=[
                {"email": by_hris.email, "first_name": "H", "external_id": "H-1", "active": False}
            ],
        )
        people_import(
            actor=actor,
            text=f"email,first_name,active\n{by_csv.email},C,false\nnew@a.example,New,false\n",
        )
        dated = dict(Employee.objects.filter(active=False).values_list("email", "left_on"))
    assert dated == {
        by_scim.email: timezone.localdate(),
        by_hris.email: timezone.localdate(),
        by_csv.email: timezone.localdate(),
        "new@a.example": timezone.localdate(),
    }
    with in_org(org_a):
        integration_services.employees_bulk_upsert(
            actor=actor,
            items=[
                {"email": by_hris.email, "first_name": "H", "external_id": "H-1", "active": True}
            ],
        )
    assert _refresh(org_a, by_hris).left_on is None


def test_people_who_had_left_before_are_dated_from_their_last_change(org_a):
    changed = timezone.now() - datetime.timedelta(days=400)
    leaver = EmployeeFactory(organization=org_a, active=False)
    stayer = EmployeeFactory(organization=org_a)
    with in_org(org_a):
        Employee.objects.filter(pk__in=[leaver.pk, stayer.pk]).update(
            left_on=None, updated_at=changed
        )
    migration = importlib.import_module("plms.people.migrations.0003_employee_left_on")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection  # type: ignore[attr-defined]
    migration.date_existing_leavers(None, editor)
    assert _refresh(org_a, leaver).left_on == changed.astimezone(datetime.UTC).date()
    assert _refresh(org_a, stayer).left_on is None


def test_erasure_counts_the_retention_period_from_the_day_the_person_left(org_a, hr_admin):
    actor = actor_of(hr_admin)
    with in_org(org_a):
        services.retention_policy_set(actor=actor, leavers_days=365)
        # Left long ago, changed yesterday (e.g. an HRIS sync): due.
        long_gone = EmployeeFactory(
            organization=org_a, active=False, left_on=timezone.localdate() - datetime.timedelta(400)
        )
        # Left last month, not changed for years: not due.
        recent = EmployeeFactory(
            organization=org_a, active=False, left_on=timezone.localdate() - datetime.timedelta(30)
        )
        Employee.objects.filter(pk=recent.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=1000)
        )
        recent.refresh_from_db()
        assert erasure.employee_erasure_due(employee=long_gone)
        assert not erasure.employee_erasure_due(employee=recent)
        with pytest.raises(ApplicationError, match="retention period"):
            erasure.employee_erase(actor=actor, employee=recent)
        assert erasure.employee_erase(actor=actor, employee=long_gone)


def test_the_daily_job_erases_each_organisations_due_leavers_once(org_a, org_b):
    today = timezone.localdate()
    RetentionPolicyFactory(organization=org_a, leavers_days=100)  # org_b: the default 730
    due = EmployeeFactory(organization=org_a, active=False, left_on=today - datetime.timedelta(150))
    not_yet = EmployeeFactory(
        organization=org_a, active=False, left_on=today - datetime.timedelta(50)
    )
    active = EmployeeFactory(organization=org_a)
    elsewhere = EmployeeFactory(
        organization=org_b, active=False, left_on=today - datetime.timedelta(150)
    )

    assert privacy_tasks.erase_due_leavers() == 2  # both organisations have leavers

    assert _refresh(org_a, due).first_name == "Former employee"
    assert "erased" in _refresh(org_a, due).email
    for org, kept in ((org_a, not_yet), (org_a, active), (org_b, elsewhere)):
        assert _refresh(org, kept).first_name == kept.first_name
    privacy_tasks.erase_due_leavers()  # again: nothing left to erase
    with in_org(org_a):
        (erased,) = AuditEvent.objects.filter(action=actions.PERSONAL_DATA_ERASED)
    assert erased.actor_label == "system" and erased.object_uuid == due.uuid
