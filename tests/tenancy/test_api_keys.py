from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from plms.tenancy.models import ApiKey
from plms.tenancy.selectors import hash_secret
from plms.tenancy.services import api_key_revoke
from tests.conftest import in_org


def bearer(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_create_api_key_prints_the_key_once_and_stores_only_a_hash(org_a):
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_key",
        "--org",
        "org-a",
        "--name",
        "HRIS",
        "--scopes",
        "people:read",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    with in_org(org_a):
        key = ApiKey.objects.get(name="HRIS")
    assert secret.startswith("plms_") and secret not in err.getvalue()
    assert key.hashed_secret == hash_secret(secret) != secret
    assert key.scopes == ["people:read"]

    response = bearer(secret).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {
        "organization": {"id": str(org_a.uuid), "slug": "org-a", "name": "Organization A"},
        "role": "api_key",
        "scopes": ["people:read"],
        "user": None,
        "employee": None,
    }
    with in_org(org_a):
        key.refresh_from_db()
    assert key.last_used_at is not None


def test_me_for_a_signed_in_member(client, employee):
    client.force_login(employee.user)
    body = client.get("/api/v1/me").json()
    assert (body["role"], body["user"], body["employee"]) == (
        "member",
        "employee@a.example",
        str(employee.employee.uuid),
    )


@pytest.mark.parametrize(
    ("header", "detail"),
    [("Bearer nonsense", "Malformed API key."), ("Bearer plms_abc_def", "Invalid API key.")],
)
def test_bad_keys_are_401_with_a_json_error(db, header, detail):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"code": "authentication_failed", "detail": detail, "fields": {}}


def test_no_credentials_is_401(db):
    response = APIClient().get("/api/v1/employees")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_revoked_and_expired_keys_stop_working(org_a, make_key_client):
    client = make_key_client(org_a, ["people:read"])
    assert client.get("/api/v1/me").status_code == 200
    api_key_revoke(key=client.api_key)
    assert client.get("/api/v1/me").json()["detail"] == "This API key has been revoked."

    client = make_key_client(org_a, ["people:read"])
    with in_org(org_a):
        ApiKey.objects.filter(pk=client.api_key.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    assert client.get("/api/v1/me").json()["detail"] == "This API key has expired."


def test_scopes_are_checked_per_area_and_access(org_a, make_key_client):
    reader = make_key_client(org_a, ["people:read"])
    assert reader.get("/api/v1/employees").status_code == 200
    response = reader.post(
        "/api/v1/employees", {"email": "x@a.example", "first_name": "X"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    nobody = make_key_client(org_a, ["goals:read"])
    assert nobody.get("/api/v1/employees").status_code == 403


def test_ping_answers_an_authenticated_caller_only(key_client_a, db):
    assert key_client_a.get("/api/v1/ping").json() == {"ok": True}
    assert APIClient().get("/api/v1/ping").status_code == 401
