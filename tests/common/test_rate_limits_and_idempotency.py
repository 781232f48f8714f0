import threading

import pytest
from django.conf import settings as django_settings

from plms.common.throttling import hit
from plms.people.models import Employee
from tests.conftest import in_org


@pytest.fixture
def low_limits(settings):
    settings.PLMS_RATE_LIMITS = {"api_key": 3, "user": 2}
    if settings.REDIS_URL:
        from plms.common.throttling import _redis

        _redis().flushdb()
    else:
        from django.core.cache import cache

        cache.clear()


def test_a_key_over_its_limit_gets_429_with_retry_after(low_limits, key_client_a):
    assert [key_client_a.get("/api/v1/ping").status_code for _ in range(3)] == [200, 200, 200]
    response = key_client_a.get("/api/v1/ping")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 61


def test_limits_are_per_key_and_per_user(low_limits, org_a, make_key_client, client, employee):
    first, second = make_key_client(org_a, ["people:read"]), make_key_client(org_a, ["people:read"])
    for _ in range(3):
        first.get("/api/v1/ping")
    assert first.get("/api/v1/ping").status_code == 429
    assert second.get("/api/v1/ping").status_code == 200
    client.force_login(employee.user)
    assert [client.get("/api/v1/ping").status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.redis
def test_the_redis_counter_is_atomic_under_concurrency(db):
    from plms.common.throttling import _redis

    _redis().delete("plms:test:atomic")
    counts = []
    lock = threading.Lock()

    def worker():
        for _ in range(50):
            value = hit("plms:test:atomic", ttl=60)
            with lock:
                counts.append(value)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 401)), "every hit got its own count"
    assert django_settings.REDIS_URL


PAYLOAD = {"email": "nia@a.example", "first_name": "Nia"}


def test_a_repeated_post_with_the_same_key_creates_nothing_and_replays(org_a, key_client_a):
    first = key_client_a.post(
        "/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    again = key_client_a.post(
        "/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    with in_org(org_a):
        assert Employee.objects.filter(email="nia@a.example").count() == 1
    other = key_client_a.post(
        "/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-2"
    )
    assert other.status_code == 400 and other.json()["code"] == "duplicate_email"


def test_the_same_key_with_a_different_body_is_refused(org_a, key_client_a):
    key_client_a.post("/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    response = key_client_a.post(
        "/api/v1/employees",
        {**PAYLOAD, "first_name": "Other"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


def test_keys_are_per_caller(org_a, make_key_client):
    one, two = make_key_client(org_a, ["people:write"]), make_key_client(org_a, ["people:write"])
    assert (
        one.post("/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code
        == 201
    )
    replay_elsewhere = two.post(
        "/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert replay_elsewhere.status_code == 400  # not a replay: the e-mail is simply taken


def test_an_expired_key_may_be_used_again(org_a, key_client_a, settings):
    settings.PLMS_IDEMPOTENCY_HOURS = 0
    key_client_a.post("/api/v1/employees", PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    fresh = key_client_a.post(
        "/api/v1/employees",
        {**PAYLOAD, "email": "two@a.example"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert fresh.status_code == 201 and "Idempotent-Replayed" not in fresh
