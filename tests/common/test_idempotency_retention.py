"""Idempotency records older than PLMS_IDEMPOTENCY_HOURS no longer replay and are purged by
the hourly retention beat, in batches, per organization; recent ones stay and still replay."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from plms.common.idempotency import idempotency_records_purge
from plms.common.models import IdempotencyRecord
from plms.integrations import tasks
from tests.conftest import in_org

PAYLOAD = {"email": "nia@a.example", "first_name": "Nia"}


def _record(org, key: str, *, hours_ago: float) -> IdempotencyRecord:
    with in_org(org):
        return IdempotencyRecord.objects.create(
            principal="key:1",
            key=key,
            method="POST",
            path="/api/v1/employees",
            request_hash="0" * 64,
            status_code=201,
            created_at=timezone.now() - timedelta(hours=hours_ago),
        )


def _left(org) -> set[str]:
    with in_org(org):
        return set(IdempotencyRecord.objects.values_list("key", flat=True))


def test_the_hourly_beat_purges_expired_records_in_every_organization(org_a, org_b, settings):
    settings.PLMS_IDEMPOTENCY_HOURS = 24
    settings.PLMS_RETENTION_BATCH_SIZE = 2  # several batches
    for index in range(5):
        _record(org_a, f"old-{index}", hours_ago=25 + index)
    _record(org_a, "recent", hours_ago=23)
    _record(org_b, "old-b", hours_ago=48)
    _record(org_b, "recent-b", hours_ago=1)

    tasks.purge_webhook_history()  # the retention beat starts the idempotency purge too

    assert _left(org_a) == {"recent"}
    assert _left(org_b) == {"recent-b"}
    # Idempotent: nothing expired is left anywhere.
    assert tasks.purge_expired_idempotency_records() == 0


def test_the_purge_counts_per_organization(org_a, org_b, settings):
    settings.PLMS_IDEMPOTENCY_HOURS = 24
    _record(org_a, "old-1", hours_ago=30)
    _record(org_a, "old-2", hours_ago=30)
    _record(org_b, "old-b", hours_ago=30)
    assert tasks.purge_expired_idempotency_records() == 2  # organizations
    _record(org_a, "old-3", hours_ago=30)
    before = timezone.now() - timedelta(hours=24)
    assert idempotency_records_purge(organization_id=org_a.pk, before=before, batch_size=1) == 1
    assert idempotency_records_purge(organization_id=org_a.pk, before=before) == 0


def test_a_recent_request_still_replays_after_the_purge(org_a, key_client_a, settings):
    settings.PLMS_IDEMPOTENCY_HOURS = 24
    first = key_client_a.post(
        "/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert first.status_code == 201
    tasks.purge_expired_idempotency_records()
    again = key_client_a.post(
        "/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"

    with in_org(org_a):
        IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    tasks.purge_expired_idempotency_records()
    assert _left(org_a) == set()
    fresh = key_client_a.post(
        "/api/v1/employees",
        {**PAYLOAD, "email": "two@a.example"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert fresh.status_code == 201 and "Idempotent-Replayed" not in fresh
