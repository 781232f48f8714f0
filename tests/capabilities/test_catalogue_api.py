"""Adoption from the shipped catalogue and the updates offered, through the API."""

from __future__ import annotations

import pytest

from capabilities.catalogue.loader import catalogue_load
from capabilities.models import Capability, CatalogueCapability
from tests.conftest import in_org

UPDATES = "/api/v1/capability-updates"


@pytest.fixture(autouse=True)
def catalogue(db):
    catalogue_load()  # a transactional test run before may have emptied the shared tables


def _source() -> CatalogueCapability:
    return CatalogueCapability.objects.order_by("key").first()


def _adopt(client, key):
    return client.post(f"/api/v1/catalogue/capabilities/{key}/adopt")


def test_adopting_is_idempotent(org_a, hr_admin, key_client_a):
    source = _source()
    first = _adopt(key_client_a, source.key)
    assert first.status_code == 201, first.json()
    body = first.json()
    assert body["source_key"] == source.key and body["source_revision"] == source.revision
    assert body["name"] == source.name and len(body["levels"]) == 5
    again = _adopt(key_client_a, source.key)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    with in_org(org_a):
        assert Capability.objects.filter(source_key=source.key).count() == 1
    assert _adopt(key_client_a, "no-such-capability").status_code == 404
    assert (
        key_client_a.post(
            f"/api/v1/catalogue/capabilities/{source.key}/adopt", {"status": "draft"}, format="json"
        ).status_code
        == 400
    )


def test_members_may_not_adopt(org_a, employee, login_client):
    response = login_client(employee).post(f"/api/v1/catalogue/capabilities/{_source().key}/adopt")
    assert response.status_code == 403


def test_updates_are_offered_then_accepted_or_declined(org_a, hr_admin, key_client_a):
    sources = list(CatalogueCapability.objects.order_by("key")[:2])
    adopted = [_adopt(key_client_a, source.key).json() for source in sources]
    assert key_client_a.get(UPDATES).json()["count"] == 0
    # The catalogue moves on (as `manage.py load_catalogue` does after an edit).
    for source in sources:
        CatalogueCapability.objects.filter(pk=source.pk).update(
            revision=source.revision + 1, description="Revised by the catalogue."
        )
    offered = key_client_a.get(UPDATES).json()
    assert offered["count"] == 2
    first = next(row for row in offered["results"] if row["id"] == adopted[0]["id"])
    assert first["offered"] is True
    assert first["offer"]["revision"] == sources[0].revision + 1
    assert first["offer"]["description"] == "Revised by the catalogue."

    accepted = key_client_a.post(f"{UPDATES}/{adopted[0]['id']}/accept")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["description"] == "Revised by the catalogue."
    assert accepted.json()["source_revision"] == sources[0].revision + 1

    declined = key_client_a.post(f"{UPDATES}/{adopted[1]['id']}/decline")
    assert declined.status_code == 200
    assert declined.json()["description"] != "Revised by the catalogue."
    assert key_client_a.get(UPDATES).json()["count"] == 0
    state = key_client_a.get(f"{UPDATES}/{adopted[1]['id']}").json()
    assert state["offered"] is False and state["offer"] is None
    refused = key_client_a.post(f"{UPDATES}/{adopted[1]['id']}/accept")
    assert refused.status_code == 409 and refused.json()["code"] == "no_update"
    # A later revision is offered again.
    CatalogueCapability.objects.filter(pk=sources[1].pk).update(revision=sources[1].revision + 2)
    assert key_client_a.get(UPDATES).json()["count"] == 1


def test_another_organisations_update_is_not_found(org_a, org_b, key_client_a, key_client_b):
    source = _source()
    adopted = _adopt(key_client_a, source.key).json()
    CatalogueCapability.objects.filter(pk=source.pk).update(revision=source.revision + 1)
    assert key_client_b.get(f"{UPDATES}/{adopted['id']}").status_code == 404
    assert key_client_b.post(f"{UPDATES}/{adopted['id']}/accept").status_code == 404
