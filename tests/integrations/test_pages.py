from django.db import connection
from django.test.utils import CaptureQueriesContext

from plms.integrations.models import WebhookSubscription
from tests.conftest import in_org
from tests.integrations.factories import (
    WebhookDeliveryAttemptFactory,
    WebhookDeliveryFactory,
    WebhookSubscriptionFactory,
)


def test_hr_admins_find_integrations_in_the_navigation(login_client, hr_admin, employee, client):
    page = login_client(hr_admin).get("/")
    assert 'href="/integrations/"' in page.content.decode()
    client.force_login(employee.user)
    assert 'href="/integrations/"' not in client.get("/").content.decode()
    assert client.get("/integrations/").status_code == 403


def test_empty_list_points_to_the_next_action(login_client, hr_admin):
    page = login_client(hr_admin).get("/integrations/")
    assert page.status_code == 200
    assert "No webhooks yet." in page.content.decode()


def test_create_shows_the_secret_once_then_only_its_hint(org_a, login_client, hr_admin):
    client = login_client(hr_admin)
    form = client.get("/integrations/webhooks/new/")
    assert form.status_code == 200 and 'name="events"' in form.content.decode()
    bad = client.post("/integrations/webhooks/new/", {"url": "http://x.example", "events": []})
    assert bad.status_code == 200 and "has-error" in bad.content.decode()
    created = client.post(
        "/integrations/webhooks/new/",
        {
            "url": "https://hooks.example.com/in",
            "events": ["employee.created", "goal.status_changed"],
        },
    )
    assert created.status_code == 201
    with in_org(org_a):
        subscription = WebhookSubscription.objects.get()
    assert subscription.secret in created.content.decode()
    detail = client.get(f"/integrations/webhooks/{subscription.uuid}/").content.decode()
    assert subscription.secret not in detail and subscription.secret_hint in detail
    listing = client.get("/integrations/").content.decode()
    assert "https://hooks.example.com/in" in listing and subscription.secret not in listing


def test_http_is_refused_by_the_service_rules(login_client, hr_admin):
    response = login_client(hr_admin).post(
        "/integrations/webhooks/new/",
        {"url": "http://hooks.example.com", "events": ["employee.created"]},
    )
    assert response.status_code == 200 and "https://" in response.content.decode()


def test_send_test_disable_enable_delete(
    org_a, login_client, hr_admin, receiver, local_webhooks, django_capture_on_commit_callbacks
):
    client = login_client(hr_admin)
    subscription = WebhookSubscriptionFactory(organization=org_a, url=receiver.url)
    base = f"/integrations/webhooks/{subscription.uuid}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(base + "test/", follow=True)
    assert "Test event sent" in response.content.decode()
    assert len(receiver.requests) == 1
    assert "webhook.test" in client.get(base).content.decode()
    client.post(base + "toggle/", {"active": "0"})
    with in_org(org_a):
        subscription.refresh_from_db()
        assert not subscription.active
    assert "Enable" in client.get(base).content.decode()
    client.post(base + "toggle/", {"active": "1"})
    with in_org(org_a):
        subscription.refresh_from_db()
        assert subscription.active
    assert client.get(base + "test/").status_code == 405
    # Deleting asks first, with what goes with it; a bare post deletes nothing.
    confirm = client.get(base + "delete/").content.decode()
    assert "The log of 1 delivery is removed" in confirm
    assert client.post(base + "delete/").status_code == 200
    assert client.get(base).status_code == 200
    assert client.post(base + "delete/", {"confirm": "delete"}).status_code == 302
    assert client.get(base).status_code == 404


def test_another_organizations_webhook_is_404(org_a, org_b, outsider, client):
    subscription = WebhookSubscriptionFactory(organization=org_a)
    client.force_login(outsider.user)
    base = f"/integrations/webhooks/{subscription.uuid}/"
    assert client.get(base).status_code == 404
    for action in ("test/", "toggle/", "delete/"):
        assert client.post(base + action).status_code == 404
    assert subscription.url not in client.get("/integrations/").content.decode()


def test_pages_have_a_steady_query_count(org_a, login_client, hr_admin):
    client = login_client(hr_admin)
    subscription = WebhookSubscriptionFactory(organization=org_a)

    def rows(n):
        for _ in range(n):
            WebhookSubscriptionFactory(organization=org_a)
            delivery = WebhookDeliveryFactory(organization=org_a, subscription=subscription)
            WebhookDeliveryAttemptFactory(organization=org_a, delivery=delivery, status_code=500)

    rows(2)
    urls = ["/integrations/", f"/integrations/webhooks/{subscription.uuid}/"]
    client.get("/")  # the first request of a session writes it
    few = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        few[url] = len(queries)
    rows(6)
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == few[url], url
