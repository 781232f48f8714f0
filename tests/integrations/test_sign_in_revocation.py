"""An identity provider (SCIM) or HRIS sync that deactivates an employee withdraws their
sign-in to that organization: membership, sessions and their API keys; other organizations
are untouched."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from plms.audit.models import AuditEvent
from plms.tenancy.models import ApiKey, Membership
from plms.tenancy.scopes import ALL_SCOPES
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


def test_scim_deactivation_revokes_sign_in_sessions_and_keys(org_a, scim, client, hr_admin):
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

    assert _scim_active(scim, leaver, False).status_code == 200

    assert not Membership.objects.filter(organization=org_a, user=leaver.user).exists()
    assert _sign_in(client, leaver).status_code == 200  # the form again, with the reason
    assert "no longer has access" in _sign_in(client, leaver).content.decode()
    assert "_auth_user_id" not in client.session
    assert session.get("/api/v1/me").status_code == 403
    assert session.get("/").status_code == 403  # the "no organization" page
    response = _bearer(own_key).get("/api/v1/ping")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"
    assert _bearer(colleague_key).get("/api/v1/ping").status_code == 200
    with in_org(org_a):
        event = AuditEvent.objects.get(action="member.sign_in_revoked")
    assert event.object_uuid == leaver.employee.uuid
    assert event.changes == {"role": "admin", "api_keys_revoked": 1}


def test_reactivation_restores_sign_in_as_a_member(org_a, scim, client):
    leaver = factories.member(org_a, role="admin", email="leaver@a.example")
    _scim_active(scim, leaver, False)
    assert _scim_active(scim, leaver, True).status_code == 200

    membership = Membership.objects.get(organization=org_a, user=leaver.user)
    assert membership.role == Membership.Role.MEMBER  # admin rights are granted again by hand
    assert _sign_in(client, leaver).status_code == 302


def test_scim_delete_revokes_too(org_a, scim):
    leaver = factories.member(org_a, email="leaver@a.example")
    response = scim.delete(f"/scim/v2/Users/{leaver.employee.uuid}")
    assert response.status_code == 204
    assert not Membership.objects.filter(user=leaver.user).exists()


def test_other_organizations_keep_their_sign_in(org_a, org_b, scim, client):
    leaver = factories.member(org_a, email="both@a.example")
    membership_b = Membership.objects.create(organization=org_b, user=leaver.user)
    _, key_b = api_key_create(
        organization=org_b, name="b", scopes=ALL_SCOPES, created_by=leaver.user
    )

    _scim_active(scim, leaver, False)

    assert Membership.objects.filter(pk=membership_b.pk).exists()
    assert _bearer(key_b).get("/api/v1/ping").status_code == 200
    assert _sign_in(client, leaver).status_code == 302
    me = client.get("/api/v1/me").json()
    assert me["organization"]["slug"] == "org-b"


def test_hris_bulk_upsert_deactivation_revokes_too(org_a, key_client_a):
    leaver = factories.member(org_a, email="leaver@a.example")
    _, own_key = api_key_create(
        organization=org_a, name="own", scopes=ALL_SCOPES, created_by=leaver.user
    )
    response = key_client_a.post(
        "/api/v1/employees/bulk-upsert",
        {"items": [{"email": "leaver@a.example", "first_name": "Lee", "active": False}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert not Membership.objects.filter(user=leaver.user).exists()
    assert ApiKey.objects.get(name="own").revoked_at is not None
    assert _bearer(own_key).get("/api/v1/ping").status_code == 401


def test_an_employee_who_never_signed_in_is_simply_deactivated(org_a, scim):
    employee = factories.EmployeeFactory(organization=org_a, email="never@a.example")
    body = {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active", "value": False}]}
    response = scim.patch(
        f"/scim/v2/Users/{employee.uuid}", data=json.dumps(body), content_type=SCIM
    )
    assert response.status_code == 200 and response.json()["active"] is False
    with in_org(org_a):
        assert not AuditEvent.objects.filter(action="member.sign_in_revoked").exists()
