import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plms.audit.models import AuditEvent
from plms.integrations.models import WebhookDelivery, WebhookSubscription
from tests.conftest import in_org
from tests.integrations.factories import (
    WebhookDeliveryAttemptFactory,
    WebhookDeliveryFactory,
    WebhookSubscriptionFactory,
)

URL = "/api/v1/webhooks"
NEW = {"url": "https://hooks.example.com/plms", "events": ["employee.created"]}


def test_create_shows_the_secret_once(org_a, key_client_a):
    created = key_client_a.post(URL, NEW, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["secret_hint"] == body["secret"][:10] + "…"
    assert body["events"] == ["employee.created"] and body["active"] is True
    detail = key_client_a.get(f"{URL}/{body['id']}").json()
    assert "secret" not in detail and detail["secret_hint"] == body["secret_hint"]
    listing = key_client_a.get(URL).json()
    assert body["secret"] not in str(listing)
    with in_org(org_a):
        subscription = WebhookSubscription.objects.get()
        assert subscription.secret == body["secret"]  # kept, to sign deliveries
        assert AuditEvent.objects.filter(action="webhook.created").count() == 1


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({**NEW, "url": "http://hooks.example.com/x"}, "https_required", "url"),
        ({**NEW, "url": "https://10.1.2.3/x"}, "invalid_url", "url"),
        ({**NEW, "url": "http://127.0.0.1:8000/x"}, "invalid_url", "url"),
        ({**NEW, "events": ["employee.exploded"]}, "invalid", "events.0"),
        ({**NEW, "events": []}, "invalid", "events"),
    ],
)
def test_urls_and_events_are_validated(key_client_a, payload, code, field):
    response = key_client_a.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code and field in response.json()["fields"]


def test_local_http_urls_are_allowed_when_configured(key_client_a, settings):
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = True
    response = key_client_a.post(URL, {**NEW, "url": "http://127.0.0.1:8000/x"}, format="json")
    assert response.status_code == 201
    response = key_client_a.post(URL, {**NEW, "url": "http://hooks.example.com/x"}, format="json")
    assert response.json()["code"] == "https_required"


def test_update_reenables_and_resets_failures_and_delete(org_a, key_client_a):
    subscription = WebhookSubscriptionFactory(
        organization=org_a, active=False, consecutive_failures=10, disabled_reason="Failing."
    )
    url = f"{URL}/{subscription.uuid}"
    response = key_client_a.patch(
        url, {"active": True, "events": ["goal.status_changed", "employee.updated"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["active"] and body["consecutive_failures"] == 0 and body["disabled_at"] is None
    assert body["events"] == ["employee.updated", "goal.status_changed"]
    off = key_client_a.patch(url, {"active": False}, format="json").json()
    assert off["disabled_reason"] == "Disabled by an administrator." and off["disabled_at"]
    assert key_client_a.put(url, NEW, format="json").status_code == 405
    assert key_client_a.delete(url).status_code == 204
    assert key_client_a.get(url).status_code == 404


def test_scopes_decide_what_a_key_may_do(org_a, make_key_client):
    subscription = WebhookSubscriptionFactory(organization=org_a)
    reader = make_key_client(org_a, ["webhooks:read"])
    assert reader.get(URL).status_code == 200
    assert reader.get(f"{URL}/{subscription.uuid}/deliveries").status_code == 200
    assert reader.post(URL, NEW, format="json").status_code == 403
    assert reader.post(f"{URL}/{subscription.uuid}/test").status_code == 403
    assert reader.delete(f"{URL}/{subscription.uuid}").status_code == 403
    people = make_key_client(org_a, ["people:read", "people:write"])
    assert people.get(URL).status_code == 403


def test_only_hr_admins_see_webhooks_in_the_browser(client, employee, hr_admin):
    client.force_login(employee.user)
    assert client.get(URL).status_code == 403
    client.force_login(hr_admin.user)
    assert client.get(URL).status_code == 200
    created = client.post(URL, NEW, content_type="application/json")
    assert created.status_code == 201 and "secret" in created.json()


def test_another_organization_gets_404(org_a, key_client_b):
    subscription = WebhookSubscriptionFactory(organization=org_a)
    for path in ("", "/deliveries"):
        assert key_client_b.get(f"{URL}/{subscription.uuid}{path}").status_code == 404
    assert key_client_b.post(f"{URL}/{subscription.uuid}/test").status_code == 404
    assert key_client_b.patch(f"{URL}/{subscription.uuid}", {}, format="json").status_code == 404
    assert key_client_b.delete(f"{URL}/{subscription.uuid}").status_code == 404


def test_deliveries_list_with_the_log_and_a_steady_query_count(org_a, key_client_a):
    subscription = WebhookSubscriptionFactory(organization=org_a)

    def deliveries(n):
        for _ in range(n):
            delivery = WebhookDeliveryFactory(organization=org_a, subscription=subscription)
            WebhookDeliveryAttemptFactory(organization=org_a, delivery=delivery, status_code=500)
            WebhookDeliveryAttemptFactory(organization=org_a, delivery=delivery)

    url = f"{URL}/{subscription.uuid}/deliveries"
    deliveries(2)
    key_client_a.get("/api/v1/me")
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get(url).status_code == 200
    deliveries(8)
    with CaptureQueriesContext(connection) as many:
        body = key_client_a.get(url).json()
    assert len(many) == len(few)
    assert body["count"] == 10
    first = body["results"][0]
    assert set(first) >= {"id", "event", "event_type", "status", "attempts", "log"}
    assert [entry["status_code"] for entry in first["log"]] == [200, 500]


def test_subscription_list_has_a_steady_query_count(org_a, key_client_a):
    def subscriptions(n):
        for _ in range(n):
            WebhookDeliveryFactory(
                organization=org_a, subscription=WebhookSubscriptionFactory(organization=org_a)
            )

    subscriptions(2)
    key_client_a.get("/api/v1/me")
    with CaptureQueriesContext(connection) as few:
        key_client_a.get(URL)
    subscriptions(6)
    with CaptureQueriesContext(connection) as many:
        assert key_client_a.get(URL).json()["count"] == 8
    assert len(many) == len(few)


def test_the_test_action_sends_a_test_event_to_that_subscription(
    org_a, key_client_a, receiver, local_webhooks, django_capture_on_commit_callbacks
):
    subscription = WebhookSubscriptionFactory(
        organization=org_a, url=receiver.url, events=["learning.completed"], active=False
    )
    WebhookSubscriptionFactory(organization=org_a, url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = key_client_a.post(f"{URL}/{subscription.uuid}/test")
    assert response.status_code == 202
    assert response.json()["event_type"] == "webhook.test"
    (request,) = receiver.requests
    assert request.headers["PLMS-Event"] == "webhook.test"
    with in_org(org_a):
        assert WebhookDelivery.objects.get().status == "delivered"
