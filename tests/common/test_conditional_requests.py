"""ETag on object reads, If-Match on writes (412 on a mismatch), for every API viewset."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from plms.common.conditional import ConditionalRequestsMixin
from plms.tenancy.context import organization_scope
from tests.capabilities.factories import JobRoleFactory

URL = "/api/v1/job-roles"


@pytest.fixture
def role(org_a):
    with organization_scope(org_a):
        return JobRoleFactory(organization=org_a, name="Advisor", key="advisor")


def test_an_object_get_has_an_etag_that_changes_with_the_object(key_client_a, role):
    first = key_client_a.get(f"{URL}/{role.uuid}")
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert key_client_a.get(f"{URL}/{role.uuid}")["ETag"] == etag, "stable while unchanged"
    key_client_a.patch(f"{URL}/{role.uuid}", {"name": "Senior advisor"}, format="json")
    assert key_client_a.get(f"{URL}/{role.uuid}")["ETag"] != etag


def test_if_match_with_the_current_etag_writes_and_returns_the_new_one(key_client_a, role):
    etag = key_client_a.get(f"{URL}/{role.uuid}")["ETag"]
    response = key_client_a.patch(
        f"{URL}/{role.uuid}", {"name": "Senior advisor"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Senior advisor"
    assert response["ETag"] != etag
    assert response["ETag"] == key_client_a.get(f"{URL}/{role.uuid}")["ETag"]


def test_if_match_with_a_stale_etag_is_412_and_writes_nothing(key_client_a, role):
    stale = key_client_a.get(f"{URL}/{role.uuid}")["ETag"]
    key_client_a.patch(f"{URL}/{role.uuid}", {"name": "Changed meanwhile"}, format="json")
    response = key_client_a.patch(
        f"{URL}/{role.uuid}", {"name": "Lost update"}, format="json", HTTP_IF_MATCH=stale
    )
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    assert key_client_a.get(f"{URL}/{role.uuid}").json()["name"] == "Changed meanwhile"

    response = key_client_a.delete(f"{URL}/{role.uuid}", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert key_client_a.get(f"{URL}/{role.uuid}").status_code == 200


def test_delete_with_the_current_etag_or_a_star(key_client_a, role, org_a):
    etag = key_client_a.get(f"{URL}/{role.uuid}")["ETag"]
    weak = "W/" + etag  # If-Match compares strongly: a weak tag never matches
    assert key_client_a.delete(f"{URL}/{role.uuid}", HTTP_IF_MATCH=weak).status_code == 412
    response = key_client_a.delete(f"{URL}/{role.uuid}", HTTP_IF_MATCH=f'"other", {etag}')
    assert response.status_code == 204
    with organization_scope(org_a):
        other = JobRoleFactory(organization=org_a, name="Other", key="other")
    assert key_client_a.delete(f"{URL}/{other.uuid}", HTTP_IF_MATCH="*").status_code == 204


def test_another_organizations_object_is_still_404_with_if_match(key_client_b, role):
    response = key_client_b.patch(
        f"{URL}/{role.uuid}", {"name": "X"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_writers_with_the_same_etag_get_one_200_and_one_412(org_a, make_key_client):
    from plms.tenancy.scopes import ALL_SCOPES

    with organization_scope(org_a):
        role = JobRoleFactory(organization=org_a, name="Advisor", key="advisor")
    clients = [make_key_client(org_a, ALL_SCOPES) for _ in range(2)]
    etag = clients[0].get(f"{URL}/{role.uuid}")["ETag"]
    barrier = threading.Barrier(2, timeout=30)
    statuses: list[int] = []

    def write(client, name: str) -> None:
        try:
            barrier.wait()
            response = client.patch(
                f"{URL}/{role.uuid}", {"name": name}, format="json", HTTP_IF_MATCH=etag
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=write, args=(client, f"Writer {i}"))
        for i, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200, 412]


def test_every_object_viewset_tags_and_honours_if_match():
    """Every API viewset derives from the base class, so none forgets the headers."""
    from django.urls import get_resolver

    def viewsets(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from viewsets(pattern.url_patterns)
            elif getattr(pattern.callback, "cls", None) is not None and getattr(
                pattern.callback, "actions", None
            ):
                yield pattern.callback.cls

    found = {cls for cls in viewsets(get_resolver().url_patterns) if hasattr(cls, "retrieve")}
    assert found, "the API routes were found"
    assert {cls.__name__ for cls in found if not issubclass(cls, ConditionalRequestsMixin)} == set()


def test_the_schema_documents_etag_if_match_and_412(key_client_a):
    schema = key_client_a.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    role = schema["paths"]["/api/v1/job-roles/{id}"]
    assert "ETag" in role["get"]["responses"]["200"]["headers"]
    for method in ("patch", "delete"):
        names = {p["name"] for p in role[method].get("parameters", []) if p["in"] == "header"}
        assert "If-Match" in names
        assert "412" in role[method]["responses"]
