"""An instance that drains for a restart refuses new work with 503 and says so in /readyz."""

from __future__ import annotations

from plms.people.models import Department
from plms.tenancy.context import organization_scope


def test_a_draining_instance_refuses_new_requests_but_answers_probes(
    client, key_client_a, org_a, settings, tmp_path
):
    drain = tmp_path / "draining"
    settings.PLMS_DRAIN_FILE = str(drain)
    assert key_client_a.get("/api/v1/ping").status_code == 200
    drain.touch()
    response = key_client_a.post("/api/v1/departments", {"name": "Sales"}, format="json")
    assert response.status_code == 503
    assert response.json()["code"] == "draining" and response["Retry-After"] == "1"
    assert client.get("/readyz").status_code == 503
    assert client.get("/readyz").json()["status"] == "draining"
    assert client.get("/healthz").status_code == 200
    drain.unlink()
    with organization_scope(org_a):
        assert not Department.objects.exists(), "nothing was written"
    assert client.get("/readyz").status_code == 200
