"""Deactivating an employee (by an identity provider through SCIM, an HRIS sync, or an HR admin)
withdraws their sign-in to that organization: the membership becomes inactive (its role kept),
their open sessions end and their API keys are revoked. A reactivation gives the sign-in
back with the same role; revoked keys stay revoked. Other organizations are untouched."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from plms.audit.models import AuditEvent
from plms.people import services as people_services
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.models import ApiKey, Membership
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.selectors import memberships_for_user
from plms.tenancy.services import api_key_create
from tests import factories
from tests.conftest import in_org

SCIM = "application/scim+json"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
PASSWORD = "pass-word-123"  # tests.factories.UserFactory


@pytest.fixture
def scim(org_a, make_key_client):
    return make_key_client(org_a, ["people:write"])


def _scim_active(client, member, active: bool):
    body = {
        "schemas": [PATCH],
        "Operations": [{"op": "replace", "path": "active", "value": active}],
    }
    return client.patch(
        f"/scim/v2/Users/{member.employee.uuid}", data=json.dumps(body), content_type=SCIM
    )


def _sign_in(client, member):
    return client.post(
        "/accounts/login/", {"username": member.user.email, "password": PASSWORD}, follow=False
    )


def _bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def _membership(org, member) -> Membership:
    with in_org(org):
        return Membership.objects.get(organization=org, user=member.user)


def _audit(org, action: str) -> list[AuditEvent]:
    with in_org(org):
        return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_scim_deactivation_withdraws_sign_in_sessions_and_keys(org_a, scim, client, hr_admin):
    leaver = factories.member(org_a, role="admin", email="leaver@a.example")
    _, own_key = api_key_create(
        organization=org_a, name="leaver's sync", scopes=ALL_SCOPES, created_by=leaver.user
    )
    _, colleague_key = api_key_create(
        organization=org_a, name="HR sync", scopes=ALL_SCOPES, created_by=hr_admin.user
    )
    session = APIClient()
    session.force_login(leaver.user)
    assert session.get("/api/v1/me").status_code == 200
    assert _bearer(own_key).get("/api/v1/ping").status_code == 200

    response = _scim_active(scim, leaver, False)
    assert response.status_code == 200 and response.json()["active"] is False

    membership = _membership(org_a, leaver)
    assert membership.active is False
    assert membership.role == Membership.Role.ADMIN  # kept for a reactivation
    assert _sign_in(client, leaver).status_code == 200  # the form again, with the reason
    assert "no longer has access" in _sign_in(client, leaver).content.decode()
    assert "_auth_user_id" not in client.session
    # The open session has ended: the API asks for credentials, pages for a sign-in.
    assert session.get("/api/v1/me").status_code == 401
    assert session.get("/").status_code == 302
    response = _bearer(own_key).get("/api/v1/ping")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"
    assert _bearer(colleague_key).get("/api/v1/ping").status_code == 200
    [event] = _audit(org_a, "member.sign_in_revoked")
    assert event.object_uuid == leaver.employee.uuid
    assert event.changes == {"role": "admin", "api_keys_revoked": 1, "sessions_ended": 1}
    assert event.reason == "Deactivated by SCIM."


def test_reactivation_restores_sign_in_with_the_same_role(org_a, scim, client):
    leaver = factories.member(org_a, role="admin", email="leaver@a.example")
    _, own_key = api_key_create(
        organization=org_a, name="own", scopes=ALL_SCOPES, created_by=leaver.user
    )
    _scim_active(scim, leaver, False)
    assert _scim_active(scim, leaver, True).status_code == 200

    membership = _membership(org_a, leaver)
    assert membership.active is True and membership.role == Membership.Role.ADMIN
    assert len(memberships_for_user(user=leaver.user)) == 1
    assert _sign_in(client, leaver).status_code == 302
    assert client.get("/api/v1/me").json()["role"] == "admin"
    assert client.get("/").status_code == 200
    # A key revoked at the deactivation stays revoked: the person creates a new one.
    assert _bearer(own_key).get("/api/v1/ping").status_code == 401
    [event] = _audit(org_a, "member.sign_in_restored")
    assert event.changes == {"role": "admin"} and event.reason == "Reactivated by SCIM."


def test_scim_delete_withdraws_too(org_a, scim):
    leaver = factories.member(org_a, email="leaver@a.example")
    response = scim.delete(f"/scim/v2/Users/{leaver.employee.uuid}")
    assert response.status_code == 204
    membership = _membership(org_a, leaver)
    assert membership.active is False and membership.role == Membership.Role.MEMBER


def test_other_organizations_keep_their_sign_in(org_a, org_b, scim, client):
    leaver = factories.member(org_a, role="admin", email="both@a.example")
    with in_org(org_b):
        membership_b = Membership.objects.create(organization=org_b, user=leaver.user)
    _, key_b = api_key_create(
        organization=org_b, name="b", scopes=ALL_SCOPES, created_by=leaver.user
    )
    session = APIClient()
    session.force_login(leaver.user)
    assert session.get("/api/v1/me").json()["organization"]["slug"] == "org-a"

    _scim_active(scim, leaver, False)

    with in_org(membership_b.organization_id):
        membership_b.refresh_from_db()
    assert membership_b.active is True
    assert _bearer(key_b).get("/api/v1/ping").status_code == 200
    # Open sessions end; signing in again lands in the organization the person still belongs to.
    assert session.get("/api/v1/me").status_code == 401
    assert _sign_in(client, leaver).status_code == 302
    assert client.get("/api/v1/me").json()["organization"]["slug"] == "org-b"


def test_hris_bulk_upsert_deactivation_and_reactivation(org_a, key_client_a):
    leaver = factories.member(org_a, role="admin", email="leaver@a.example")
    _, own_key = api_key_create(
        organization=org_a, name="own", scopes=ALL_SCOPES, created_by=leaver.user
    )

    def upsert(active: bool):
        item = {"email": "leaver@a.example", "first_name": "Lee", "active": active}
        response = key_client_a.post(
            "/api/v1/employees/bulk-upsert", {"items": [item]}, format="json"
        )
        assert response.status_code == 200, response.json()

    upsert(False)
    membership = _membership(org_a, leaver)
    assert membership.active is False and membership.role == Membership.Role.ADMIN
    with in_org(org_a):
        assert ApiKey.objects.get(name="own").revoked_at is not None
    assert _bearer(own_key).get("/api/v1/ping").status_code == 401
    assert _audit(org_a, "member.sign_in_revoked")[0].reason == "Deactivated by HRIS sync."

    upsert(True)
    with in_org(membership.organization_id):
        membership.refresh_from_db()
    assert membership.active is True and membership.role == Membership.Role.ADMIN


def test_an_employee_who_never_signed_in_is_simply_deactivated(org_a, scim):
    employee = factories.EmployeeFactory(organization=org_a, email="never@a.example")
    body = {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active", "value": False}]}
    response = scim.patch(
        f"/scim/v2/Users/{employee.uuid}", data=json.dumps(body), content_type=SCIM
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert _audit(org_a, "member.sign_in_revoked") == []


def test_a_repeated_deactivation_withdraws_once(org_a, scim):
    leaver = factories.member(org_a, email="leaver@a.example")
    _scim_active(scim, leaver, False)
    assert _scim_active(scim, leaver, False).status_code == 200
    assert len(_audit(org_a, "member.sign_in_revoked")) == 1
    assert _membership(org_a, leaver).active is False


def test_scim_lists_a_deactivated_member_as_inactive(org_a, scim):
    leaver = factories.member(org_a, email="leaver@a.example")
    _scim_active(scim, leaver, False)
    response = scim.get("/scim/v2/Users", {"filter": 'userName eq "leaver@a.example"'})
    assert response.status_code == 200
    [user] = response.json()["Resources"]
    assert user["id"] == str(leaver.employee.uuid) and user["active"] is False


def test_an_hr_admin_deactivating_an_employee_withdraws_their_sign_in(org_a, hr_admin, client):
    leaver = factories.member(org_a, role="admin", email="leaver@a.example")
    _, own_key = api_key_create(
        organization=org_a, name="own", scopes=ALL_SCOPES, created_by=leaver.user
    )
    session = APIClient()
    session.force_login(leaver.user)
    actor = Actor(organization=org_a, membership=hr_admin.membership, employee=hr_admin.employee)

    with in_org(org_a):
        employee = Employee.objects.get(pk=leaver.employee.pk)
        people_services.employee_update(actor=actor, employee=employee, active=False)

    membership = _membership(org_a, leaver)
    assert membership.active is False and membership.role == Membership.Role.ADMIN
    assert session.get("/").status_code == 302  # the session has ended
    assert session.get("/api/v1/me").status_code == 401
    assert _bearer(own_key).get("/api/v1/ping").status_code == 401
    assert "no longer has access" in _sign_in(client, leaver).content.decode()
    [event] = _audit(org_a, "member.sign_in_revoked")
    assert event.reason == f"Deactivated by {hr_admin.user}."
    assert event.changes == {"role": "admin", "api_keys_revoked": 1, "sessions_ended": 1}

    with in_org(org_a):
        employee.refresh_from_db()
        people_services.employee_update(actor=actor, employee=employee, active=True)
    with in_org(membership.organization_id):
        membership.refresh_from_db()
    assert membership.active is True and membership.role == Membership.Role.ADMIN
    assert session.get("/").status_code == 302  # an ended session stays ended
    assert _sign_in(client, leaver).status_code == 302
    assert client.get("/").status_code == 200


def test_deactivation_through_the_employees_api_withdraws_too(org_a, key_client_a):
    leaver = factories.member(org_a, email="leaver@a.example")
    response = key_client_a.patch(
        f"/api/v1/employees/{leaver.employee.uuid}", {"active": False}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert _membership(org_a, leaver).active is False
    [event] = _audit(org_a, "member.sign_in_revoked")
    assert event.reason == "Deactivated by API key test."


def test_other_changes_leave_the_sign_in_alone(org_a, key_client_a):
    member = factories.member(org_a, email="stays@a.example")
    response = key_client_a.patch(
        f"/api/v1/employees/{member.employee.uuid}", {"title": "Lead"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert _membership(org_a, member).active is True
    assert _audit(org_a, "member.sign_in_revoked") == []


def test_reactivating_someone_whose_membership_was_removed_gives_a_plain_membership(org_a, scim):
    leaver = factories.member(org_a, role="admin", email="leaver@a.example")
    with in_org(org_a):
        Membership.objects.filter(pk=leaver.membership.pk).delete()
        Employee.objects.filter(pk=leaver.employee.pk).update(active=False)

    assert _scim_active(scim, leaver, True).status_code == 200

    membership = _membership(org_a, leaver)
    assert membership.active is True and membership.role == Membership.Role.MEMBER


def test_the_people_csv_import_withdraws_and_restores_sign_in(org_a, hr_admin, client):
    from plms.people.imports import people_import

    leaver = factories.member(org_a, role="admin", email="leaver@a.example")
    actor = Actor(organization=org_a, membership=hr_admin.membership, employee=hr_admin.employee)

    def import_active(active: str):
        with in_org(org_a):
            people_import(
                actor=actor, text=f"email,first_name,active\nleaver@a.example,Lee,{active}\n"
            )

    import_active("false")
    membership = _membership(org_a, leaver)
    assert membership.active is False and membership.role == Membership.Role.ADMIN
    assert "no longer has access" in _sign_in(client, leaver).content.decode()
    assert _audit(org_a, "member.sign_in_revoked")[0].reason.startswith("Deactivated by ")

    import_active("true")
    with in_org(membership.organization_id):
        membership.refresh_from_db()
    assert membership.active is True and membership.role == Membership.Role.ADMIN
    assert _sign_in(client, leaver).status_code == 302
