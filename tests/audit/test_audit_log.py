"""The organisation-wide audit log: each security and data event is recorded once, with who,
which organisation, what, from where and when; nobody can change or remove an entry."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import ProgrammingError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from assessments.models import ConsolidatedLevel
from assessments.services.calibration import consolidated_level_adjust
from plms.audit import actions
from plms.audit.models import AppendOnlyError, AuditEvent
from plms.audit.retention import audit_purge_expired
from plms.audit.services import audit_record
from plms.tenancy.models import Membership
from plms.tenancy.services import api_key_create, api_key_revoke, membership_set
from tests import factories
from tests.assessments.conftest import actor_of, closed_cycle, world  # noqa: F401 (fixture)
from tests.conftest import in_org

PASSWORD = "pass-word-123"
BROWSER = {"HTTP_USER_AGENT": "Audit-Test-Browser/1.0", "REMOTE_ADDR": "127.0.0.7"}


def events(org, action: str) -> list[AuditEvent]:
    with in_org(org):
        return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_sign_in_is_recorded_once_in_each_of_the_persons_organizations(
    client, org_a, org_b, employee
):
    with in_org(org_b):
        Membership.objects.create(organization=org_b, user=employee.user)
    response = client.post(
        reverse("accounts:login"),
        {"username": employee.user.email, "password": PASSWORD},
        **BROWSER,
    )
    assert response.status_code == 302
    for org in (org_a, org_b):
        (event,) = events(org, actions.SIGN_IN)
        assert event.actor_user_id == employee.user.pk
        assert event.ip_address == "127.0.0.7"
        assert event.user_agent == "Audit-Test-Browser/1.0"
        assert event.organization_id == org.pk
        assert abs(event.created_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_failed_sign_in_and_lockout_are_recorded(client, org_a, employee, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"),
            {"username": employee.user.email, "password": "wrong"},
            **BROWSER,
        )
    failed = events(org_a, actions.SIGN_IN_FAILED)
    assert len(failed) == settings.AXES_FAILURE_LIMIT
    assert failed[0].ip_address == "127.0.0.7" and failed[0].object_repr == employee.user.email
    (locked,) = events(org_a, actions.LOCKED_OUT)
    assert locked.object_repr == employee.user.email


def test_membership_created_and_role_changed(org_a, hr_admin):
    user = factories.UserFactory(email="new@a.example")
    membership_set(organization=org_a, user=user, role="member")
    membership_set(organization=org_a, user=user, role="member")  # no change, no entry
    membership_set(organization=org_a, user=user, role="admin")
    (created,) = events(org_a, actions.MEMBERSHIP_CREATED)
    (changed,) = events(org_a, actions.MEMBERSHIP_ROLE_CHANGED)
    assert created.object_repr == "new@a.example"
    assert changed.changes == {"role": {"before": "member", "after": "admin"}}


def test_api_key_created_first_used_and_revoked_once_each(org_a, hr_admin, api_client):
    key, secret = api_key_create(
        organization=org_a, name="HRIS", scopes=["people:read"], created_by=hr_admin.user
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    for _ in range(2):
        assert api_client.get("/api/v1/employees").status_code == 200
    with in_org(org_a):
        key.refresh_from_db()
        key.last_used_at -= datetime.timedelta(hours=1)  # a use long after: not the first
        type(key).objects.filter(pk=key.pk).update(last_used_at=key.last_used_at)
    assert api_client.get("/api/v1/employees").status_code == 200
    api_key_revoke(key=key, by=hr_admin.user)
    api_key_revoke(key=key, by=hr_admin.user)
    (created,) = events(org_a, actions.API_KEY_CREATED)
    (first_used,) = events(org_a, actions.API_KEY_FIRST_USED)
    (revoked,) = events(org_a, actions.API_KEY_REVOKED)
    assert created.object_uuid == key.uuid and created.actor_user_id == hr_admin.user.pk
    assert created.changes == {"scopes": ["people:read"]}
    assert first_used.actor_label == "API key HRIS"
    assert revoked.actor_user_id == hr_admin.user.pk


def test_exports_and_imports_are_recorded(client, org_a, hr_admin):
    client.force_login(hr_admin.user)
    client.get(reverse("capabilities:export") + "?kind=capabilities&format=csv", **BROWSER)
    client.get(reverse("audit:event_export") + "?format=csv&action=auth", **BROWSER)
    exported = events(org_a, actions.DATA_EXPORTED)
    assert [e.object_repr for e in exported] == ["capabilities.csv", "Audit log (CSV)"]
    assert all(
        e.actor_user_id == hr_admin.user.pk and e.ip_address == "127.0.0.7" for e in exported
    )
    upload = factories_csv("email,first_name\nnew.person@a.example,New\n")
    response = client.post(reverse("people:employee_import"), {"file": upload})
    assert response.status_code in (200, 302)
    (imported,) = events(org_a, actions.DATA_IMPORTED)
    assert imported.object_repr == "People (CSV)" and imported.changes["created"] == 1


def test_a_calibration_change_is_recorded_once(world):  # noqa: F811
    cycle = closed_cycle(world, "Calibration audit cycle")
    with in_org(world.org):
        consolidated = ConsolidatedLevel.objects.filter(cycle=cycle).order_by("id").first()
        consolidated_level_adjust(
            actor=actor_of(world.hr),
            consolidated=consolidated,
            level=Decimal("1"),
            reason="Agreed in the calibration panel.",
        )
    (event,) = events(world.org, actions.CALIBRATION_CHANGED)
    assert event.actor_user_id == world.hr.user.pk
    assert event.reason == "Agreed in the calibration panel."
    assert event.changes["adjusted_level"]["after"] == "1.00"


def factories_csv(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")


def test_entries_cannot_be_changed_or_removed_through_the_application(org_a):
    event = audit_record(action="test.event", organization=org_a, actor_label="someone")
    with in_org(org_a):
        event.reason = "rewritten"
        with pytest.raises(AppendOnlyError):
            event.save()
        with pytest.raises(AppendOnlyError):
            event.delete()
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.filter(pk=event.pk).delete()
        assert AuditEvent.objects.get(pk=event.pk).reason == ""


@pytest.mark.postgres
def test_the_application_role_cannot_update_or_delete_entries(org_a, settings):
    event = audit_record(action="test.event", organization=org_a, actor_label="someone")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.DATABASE_APP_ROLE
    for statement in (
        "UPDATE audit_auditevent SET reason = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            in_org(org_a),
            pytest.raises(ProgrammingError, match="permission denied"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    with in_org(org_a):
        assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_retention_purges_old_entries_of_one_organization_only(org_a, org_b):
    now = timezone.now()
    old_a = _backdated(org_a, days=400)
    recent_a = _backdated(org_a, days=10)
    old_b = _backdated(org_b, days=400)
    removed = audit_purge_expired(organization=org_a, before=now - datetime.timedelta(days=365))
    assert removed == 1
    # Whatever cutoff it is given, nothing younger than the minimum retention goes.
    assert audit_purge_expired(organization=org_a, before=now) == 0
    with in_org(org_a):
        left = set(AuditEvent.objects.values_list("pk", flat=True))
    with in_org(org_b):
        left |= set(AuditEvent.objects.values_list("pk", flat=True))
    assert old_a.pk not in left and {recent_a.pk, old_b.pk} <= left


def _backdated(org, *, days: int) -> AuditEvent:
    with in_org(org):
        return AuditEvent.objects.create(
            action="test.old",
            actor_label="someone",
            created_at=timezone.now() - datetime.timedelta(days=days),
        )


# --- Reading the log ---------------------------------------------------------------------------


@pytest.fixture
def logged(org_a, org_b, hr_admin, employee):
    audit_record(action=actions.SIGN_IN, organization=org_a, user=employee.user)
    audit_record(action=actions.SIGN_IN_FAILED, organization=org_a, actor_label="x@a.example")
    audit_record(
        action=actions.DATA_EXPORTED, organization=org_a, user=hr_admin.user, obj=employee.employee
    )
    audit_record(action=actions.SIGN_IN, organization=org_b, actor_label="b@b.example")


def test_api_lists_the_organizations_log_filtered(logged, make_key_client, org_a, employee):
    client = make_key_client(org_a, ["audit:read"])
    body = client.get("/api/v1/audit-events").json()
    assert {e["action"] for e in body["results"]} - {
        actions.API_KEY_CREATED,  # the test's own key
        actions.API_KEY_FIRST_USED,
    } == {actions.SIGN_IN, actions.SIGN_IN_FAILED, actions.DATA_EXPORTED}
    assert "b@b.example" not in str(body)
    auth = client.get("/api/v1/audit-events", {"action": "auth"}).json()["results"]
    assert {e["action"] for e in auth} == {actions.SIGN_IN, actions.SIGN_IN_FAILED}
    by_object = client.get("/api/v1/audit-events", {"object": str(employee.employee.uuid)})
    assert [e["action"] for e in by_object.json()["results"]] == [actions.DATA_EXPORTED]
    by_actor = client.get("/api/v1/audit-events", {"actor": "employee@a"}).json()["results"]
    assert [e["actor_email"] for e in by_actor] == ["employee@a.example"]
    future = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert client.get("/api/v1/audit-events", {"since": future}).json()["results"] == []
    assert client.get("/api/v1/audit-events", {"since": "yesterday"}).status_code == 400


def test_api_needs_the_audit_scope_and_members_cannot_read(
    logged, make_key_client, org_a, api_client, employee
):
    assert make_key_client(org_a, ["people:read"]).get("/api/v1/audit-events").status_code == 403
    api_client.force_login(employee.user)
    assert api_client.get("/api/v1/audit-events").status_code == 403


def test_api_offers_no_way_to_change_an_entry(logged, make_key_client, org_a):
    client = make_key_client(org_a, ["audit:read", "audit:write"])
    event = client.get("/api/v1/audit-events").json()["results"][0]
    url = f"/api/v1/audit-events/{event['id']}"
    assert client.get(url).status_code == 200
    assert client.patch(url, {"reason": "x"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405


def test_hr_filters_the_log_in_the_browser(logged, client, hr_admin, employee):
    client.force_login(hr_admin.user)
    page = client.get(reverse("audit:event_list"), {"action": "auth"}).content.decode()
    assert "auth.sign_in_failed" in page and "data.exported" not in page
    assert "b@b.example" not in page
    client.force_login(employee.user)
    assert client.get(reverse("audit:event_list")).status_code == 403


def test_the_log_reads_in_a_constant_number_of_queries(org_a, hr_admin, make_key_client, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = make_key_client(org_a, ["audit:read"])
    client.force_login(hr_admin.user)

    def queries(count: int) -> tuple[int, int]:
        for index in range(count):
            audit_record(
                action="test.event", organization=org_a, user=hr_admin.user, reason=f"{index}"
            )
        api.get("/api/v1/audit-events")
        client.get(reverse("audit:event_list"))
        with CaptureQueriesContext(connection) as api_queries:
            assert api.get("/api/v1/audit-events").status_code == 200
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(reverse("audit:event_list")).status_code == 200
        return len(api_queries), len(page_queries)

    assert queries(3) == queries(30)
