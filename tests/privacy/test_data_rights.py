"""Personal-data rights: a person's data export holds their records and nothing of anyone
else's; erasure of a leaver anonymises them, removes the free text they wrote and leaves
aggregates and other people's records as they were; the dry run lists exactly what happens."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.db.models import Avg, Count, Sum
from django.urls import reverse
from django.utils import timezone

from assessments.models import ConsolidatedLevel, Rating
from goals.models import Feedback, Goal, GoalUpdate
from plms.audit import actions
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError
from plms.people.models import Employee
from plms.privacy import erasure, services
from plms.privacy.collect import NOT_THE_SUBJECT, PLANNING_ROWS, SUBJECT_ROWS
from plms.privacy.models import PersonalDataExport
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Membership
from plms.tenancy.rls import tenant_models
from plms.tenancy.selectors import memberships_for_user
from tests.assessments.conftest import actor_of, closed_cycle, world  # noqa: F401 (fixture)
from tests.conftest import in_org
from tests.factories import OrganizationFactory
from tests.goals.factories import FeedbackFactory, GoalFactory, GoalUpdateFactory
from tests.talent.factories import PotentialAssessmentFactory, SuccessorFactory

SECRET_OF_THE_PEER = "The peer's own private goal about negotiation"


@pytest.fixture
def people(world):  # noqa: F811
    """The subject (world.employee) and a colleague (world.peer), each with records."""
    cycle = closed_cycle(world, "Data rights cycle")
    with in_org(world.org):
        subject, peer = world.employee.employee, world.peer.employee
        own_goal = GoalFactory(organization=world.org, owner_employee=subject, title="Own goal")
        GoalUpdateFactory(
            organization=world.org,
            goal=own_goal,
            recorded_by=world.employee.user,
            comment="My own words.",
        )
        GoalFactory(organization=world.org, owner_employee=peer, title=SECRET_OF_THE_PEER)
        received = FeedbackFactory(
            organization=world.org, giver=peer, receiver=subject, observation="Well done."
        )
        given = FeedbackFactory(
            organization=world.org,
            giver=subject,
            receiver=peer,
            observation="Subject's words about the peer.",
        )
    return {
        "cycle": cycle,
        "subject": subject,
        "peer": peer,
        "own_goal": own_goal,
        "received": received,
        "given": given,
    }


def _export(setting, employee, capture, *, include_planning: bool = False) -> dict:
    hr = actor_of(setting.hr)
    with capture(execute=True), in_org(setting.org):
        export = services.personal_data_export_request(
            actor=hr, employee=employee, include_planning=include_planning
        )
    with in_org(setting.org):
        content = services.personal_data_export_download(
            actor=hr, export=PersonalDataExport.objects.get(pk=export.pk)
        )
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {"names": archive.namelist(), "json": json.loads(archive.read("everything.json"))}


def test_a_data_export_holds_the_persons_records_and_nothing_of_anothers(
    world,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
):
    document = _export(world, people["subject"], django_capture_on_commit_callbacks)["json"]
    subject = people["subject"]
    assert [row["id"] for row in document["people.Employee"]] == [subject.pk]
    assert document["accounts.User"][0]["email"] == subject.email
    assert {row["id"] for row in document["goals.Goal"]} == {people["own_goal"].pk}
    assert [row["comment"] for row in document["goals.GoalUpdate"]] == ["My own words."]
    assert [row["id"] for row in document["goals.Feedback"]] == [people["received"].pk]
    with in_org(world.org):
        levels = set(
            ConsolidatedLevel.objects.filter(employee=subject).values_list("pk", flat=True)
        )
        ratings = set(
            Rating.objects.filter(assessment__employee=subject).values_list("pk", flat=True)
        )
    assert levels and {row["id"] for row in document["assessments.ConsolidatedLevel"]} == levels
    assert ratings and {row["id"] for row in document["assessments.Rating"]} == ratings
    # Nothing of the colleague: no row whose subject is them, none of their text.
    text = json.dumps(document)
    assert SECRET_OF_THE_PEER not in text and "Subject's words about the peer." not in text
    for label, field, kind in SUBJECT_ROWS:
        if kind == "employee" and label not in PLANNING_ROWS:
            assert all(row[f"{field}_id"] == subject.pk for row in document[label]), label


PLANNING_NOTE = "Ready for the Head of Sales role after one more cycle"


def test_management_planning_is_withheld_unless_hr_asks_for_it(
    world,  # noqa: F811
    people,
    django_capture_on_commit_callbacks,
):
    """Successor slates and potential are never shown to the person in the product, so their
    export leaves them out (naming what was withheld) unless HR asks for them; the choice is
    in the audit log."""
    subject = people["subject"]
    with in_org(world.org):
        PotentialAssessmentFactory(organization=world.org, employee=subject, note=PLANNING_NOTE)
        successor = SuccessorFactory(organization=world.org, employee=subject)
    plain = _export(world, subject, django_capture_on_commit_callbacks)
    assert PLANNING_NOTE not in json.dumps(plain["json"])
    assert not PLANNING_ROWS & set(plain["json"])
    assert set(plain["json"]["withheld"]) == PLANNING_ROWS
    assert not any(
        name.startswith("csv/talent.") and "Aspiration" not in name for name in plain["names"]
    )

    full = _export(world, subject, django_capture_on_commit_callbacks, include_planning=True)
    assert full["json"]["withheld"] == []
    assert [row["note"] for row in full["json"]["talent.PotentialAssessment"]] == [PLANNING_NOTE]
    assert [row["id"] for row in full["json"]["talent.Successor"]] == [successor.pk]
    with in_org(world.org):
        choices = list(
            AuditEvent.objects.filter(action=actions.PERSONAL_DATA_EXPORT_REQUESTED)
            .order_by("id")
            .values_list("changes", flat=True)
        )
    assert choices == [{"include_planning": False}, {"include_planning": True}]


def test_the_export_is_built_in_the_background_downloaded_once_and_audited(
    world,  # noqa: F811
    people,
    client,
    django_capture_on_commit_callbacks,
):
    client.force_login(world.hr.user)
    page = reverse("privacy:person", args=[people["subject"].uuid])
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(
                reverse("privacy:export_request", args=[people["subject"].uuid])
            ).status_code
            == 302
        )
    with in_org(world.org):
        export = PersonalDataExport.objects.get()
    assert (export.status, export.progress) == ("ready", 100)
    assert "Download (once)" in client.get(page).content.decode()
    download = reverse("privacy:export_download", args=[export.uuid])
    first = client.get(download)
    assert first.status_code == 200 and first["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(first.content)).namelist()
    assert "everything.json" in names and "csv/goals.Goal.csv" in names
    again = client.get(download)
    assert again.status_code == 302  # with a message: request a new one
    with in_org(world.org):
        export.refresh_from_db()
        assert export.status == "downloaded" and export.content is None
        requested = AuditEvent.objects.filter(action=actions.PERSONAL_DATA_EXPORT_REQUESTED)
        downloaded = AuditEvent.objects.filter(action=actions.PERSONAL_DATA_DOWNLOADED)
        assert requested.count() == 1 and downloaded.count() == 1
        assert downloaded.get().object_uuid == people["subject"].uuid


def test_the_api_requests_lists_and_downloads_once(
    world,  # noqa: F811
    people,
    make_key_client,
    django_capture_on_commit_callbacks,
):
    client = make_key_client(world.org, ["privacy:read", "privacy:write"])
    url = f"/api/v1/employees/{people['subject'].uuid}/personal-data-exports"
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(url, format="json")
    assert created.status_code == 202, created.json()
    listed = client.get(url).json()["results"]
    assert [e["status"] for e in listed] == ["ready"] and listed[0]["progress"] == 100
    assert client.get(listed[0]["download_url"]).status_code == 200
    assert client.get(listed[0]["download_url"]).status_code == 410
    assert listed[0]["include_planning"] is False
    with django_capture_on_commit_callbacks(execute=True):
        planning = client.post(url, {"include_planning": True}, format="json")
    assert planning.status_code == 202 and planning.json()["include_planning"] is True
    refused = client.post(url, {"include_plans": True}, format="json")
    assert refused.status_code == 400 and "include_plans" in refused.json()["fields"]
    for body in ("null", "[]", '{"include_planning": 0}'):
        wrong = client.post(url, body, content_type="application/json")
        assert wrong.status_code == 400 and wrong.json()["code"] == "invalid", body
    assert make_key_client(world.org, ["people:write"]).post(url).status_code == 403
    other = make_key_client(world.outsider.membership.organization, ["privacy:write"])
    assert other.post(url).status_code == 404


def _aggregates(setting, cycle) -> tuple:
    with in_org(setting.org):
        return (
            ConsolidatedLevel.objects.filter(cycle=cycle).aggregate(
                n=Count("id"), mean=Avg("level"), total=Sum("level")
            ),
            Rating.objects.aggregate(n=Count("id"), mean=Avg("level")),
            Goal.objects.count(),
            GoalUpdate.objects.aggregate(n=Count("id"), total=Sum("value")),
            Feedback.objects.count(),
            sorted(
                ConsolidatedLevel.objects.filter(employee=setting.peer.employee).values_list(
                    "capability_id", "level"
                )
            ),
        )


def _leave(setting, employee, *, days_ago: int) -> Employee:
    with in_org(setting.org):
        Employee.objects.filter(pk=employee.pk).update(
            active=False, left_on=timezone.localdate() - datetime.timedelta(days=days_ago)
        )
        return Employee.objects.get(pk=employee.pk)


def test_erasure_leaves_aggregates_equal_and_does_what_the_dry_run_said(world, people):  # noqa: F811
    subject = _leave(world, people["subject"], days_ago=800)
    before = _aggregates(world, people["cycle"])
    actor = actor_of(world.hr)
    with in_org(world.org):
        plan = erasure.employee_erasure_plan(actor=actor, employee=subject)
        done = erasure.employee_erase(actor=actor, employee=subject)
    assert plan == done and plan
    assert {("people.Employee", "email"), ("goals.Feedback", "observation")} <= {
        (c.model, c.field) for c in plan
    }
    assert _aggregates(world, people["cycle"]) == before
    with in_org(world.org):
        subject.refresh_from_db()
        assert subject.first_name == "Former employee" and "erased" in subject.email
        assert Feedback.objects.get(pk=people["given"].pk).observation == "[removed]"
        assert Feedback.objects.get(pk=people["received"].pk).observation == "Well done."
        assert GoalUpdate.objects.get(goal=people["own_goal"]).comment == ""
        # Nothing is left to change: a second dry run is empty.
        assert erasure.employee_erasure_plan(actor=actor, employee=subject) == []
        assert AuditEvent.objects.filter(action=actions.PERSONAL_DATA_ERASED).count() == 1
    subject.user.refresh_from_db()
    assert not subject.user.has_usable_password() and "erased" in subject.user.email


def test_erasure_keeps_the_sign_in_of_someone_still_active_in_another_organisation(
    world,  # noqa: F811
    people,
):
    other_org = OrganizationFactory(slug="elsewhere", name="Elsewhere Ltd")
    user = world.employee.user
    with organization_scope(other_org):
        Membership.objects.create(organization=other_org, user=user, role="member")
    subject = _leave(world, people["subject"], days_ago=800)
    actor = actor_of(world.hr)
    with in_org(world.org):
        plan = erasure.employee_erasure_plan(actor=actor, employee=subject)
        assert ("people.Employee", "user") in {(c.model, c.field) for c in plan}
        assert not [c for c in plan if c.model == "accounts.User"]
        erasure.employee_erase(actor=actor, employee=subject)
        subject.refresh_from_db()
        assert subject.user_id is None and "erased" in subject.email
        assert not Membership.objects.filter(organization=world.org, user=user).exists()
    user.refresh_from_db()
    assert user.has_usable_password() and "erased" not in user.email
    assert [m.organization_id for m in memberships_for_user(user=user)] == [other_org.pk]


def test_erasure_waits_for_the_retention_period_and_refuses_active_people(world, people):  # noqa: F811
    actor = actor_of(world.hr)
    with in_org(world.org), pytest.raises(ApplicationError, match="Deactivate"):
        erasure.employee_erase(actor=actor, employee=people["subject"])
    recent = _leave(world, people["subject"], days_ago=10)
    with in_org(world.org), pytest.raises(ApplicationError, match="retention period"):
        erasure.employee_erase(actor=actor, employee=recent)
    with in_org(world.org):
        services.retention_policy_set(actor=actor, leavers_days=5)
        assert erasure.employee_erasure_due(employee=recent)
        with pytest.raises(ApplicationError, match="30 days"):
            services.retention_policy_set(actor=actor, audit_days=7)


def test_every_field_pointing_at_a_person_is_classified():
    """A new model that points at a person must say whether its rows are that person's."""
    from django.contrib.auth import get_user_model

    from plms.people.models import Employee as EmployeeModel

    listed = {f"{label}.{field}" for label, field, _ in SUBJECT_ROWS}
    unclassified = [
        f"{model._meta.label}.{field.name}"
        for model in tenant_models()
        for field in model._meta.concrete_fields
        if field.many_to_one
        and field.related_model in (EmployeeModel, get_user_model())
        and f"{model._meta.label}.{field.name}" not in listed | NOT_THE_SUBJECT
    ]
    assert unclassified == []
