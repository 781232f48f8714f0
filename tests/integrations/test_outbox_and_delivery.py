"""Events are written with the change, delivered signed, retried, and never sent twice."""

import json
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import transaction
from django.utils import timezone

from plms.events.bus import publish
from plms.integrations import tasks
from plms.integrations.models import (
    OutboxEvent,
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookSubscription,
)
from plms.integrations.services import deliveries as delivery_services
from plms.integrations.services.deliveries import AttemptOutcome, webhook_delivery_run
from plms.integrations.signing import verify_signature
from plms.people.events import EmployeeJoined
from plms.people.services import employee_create, employee_update
from plms.tenancy.actors import system_actor
from plms.tenancy.context import organization_context
from plms.tenancy.models import Membership
from tests import factories
from tests.conftest import in_org
from tests.integrations.factories import WebhookSubscriptionFactory

pytestmark = pytest.mark.usefixtures("local_webhooks")


def _subscribe(org, receiver, events=("employee.created", "employee.updated")):
    return WebhookSubscriptionFactory(organization=org, url=receiver.url, events=list(events))


def _emit(org, data=None):
    with in_org(org):
        (row,) = publish(actor_or_organization=org, events=[EmployeeJoined(data=data or {"n": 1})])
        return WebhookDelivery.objects.filter(event=row).first()


def _run(org, delivery):
    """As the delivery task does: enter the organization, then run one attempt."""
    with organization_context(org):
        return webhook_delivery_run(delivery_id=delivery.pk)


def _state(org, delivery):
    with in_org(org):
        delivery.refresh_from_db()
        return delivery


def test_a_committed_change_is_delivered_signed_with_the_envelope(
    org_a, receiver, django_capture_on_commit_callbacks
):
    subscription = _subscribe(org_a, receiver)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, in_org(org_a):
        employee = employee_create(
            actor=system_actor(org_a), email="new@a.example", first_name="Nia"
        )
    assert len(callbacks) == 1
    (request,) = receiver.requests
    assert verify_signature(subscription.secret, request.headers["PLMS-Signature"], request.body)
    envelope = json.loads(request.body)
    assert set(envelope) == {"id", "type", "created_at", "organization", "data"}
    assert envelope["type"] == request.headers["PLMS-Event"] == "employee.created"
    assert envelope["organization"] == str(org_a.uuid)
    assert envelope["created_at"].endswith("+00:00")
    assert envelope["data"]["id"] == str(employee.uuid)
    assert envelope["data"]["email"] == "new@a.example"
    with in_org(org_a):
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
            "delivered",
            1,
            200,
        )
        assert str(delivery.event.uuid) == envelope["id"] == request.headers["PLMS-Event-Id"]
        (attempt,) = WebhookDeliveryAttempt.objects.all()
        assert attempt.status_code == 200 and len(attempt.response_body.encode()) <= 1024


def test_a_rolled_back_change_leaves_no_event_and_sends_nothing(
    org_a, receiver, django_capture_on_commit_callbacks
):
    _subscribe(org_a, receiver)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        in_org(org_a),
        transaction.atomic(),
    ):
        employee_create(actor=system_actor(org_a), email="gone@a.example", first_name="G")
        assert OutboxEvent.objects.count() == 1  # written in the change's transaction
        raise RuntimeError("the change fails after the event was emitted")
    assert callbacks == []
    with in_org(org_a):
        assert OutboxEvent.objects.count() == 0
        assert WebhookDelivery.objects.count() == 0
    assert receiver.requests == []


def test_only_active_subscriptions_to_the_event_get_a_delivery(org_a, org_b, receiver):
    wants = _subscribe(org_a, receiver, events=["employee.deactivated"])
    other = _subscribe(org_a, receiver, events=["employee.created"])
    WebhookSubscriptionFactory(organization=org_a, events=["employee.deactivated"], active=False)
    WebhookSubscriptionFactory(organization=org_b, events=["employee.deactivated"])
    with in_org(org_a):
        employee = employee_create(actor=system_actor(org_a), email="x@a.example", first_name="X")
        employee_update(actor=system_actor(org_a), employee=employee, title="Lead")
        employee_update(actor=system_actor(org_a), employee=employee, active=False)
        assert list(OutboxEvent.objects.order_by("id").values_list("type", flat=True)) == [
            "employee.created",
            "employee.updated",
            "employee.deactivated",
        ]
        deliveries = {(d.subscription_id, d.event.type) for d in WebhookDelivery.objects.all()}
        assert deliveries == {(wants.pk, "employee.deactivated"), (other.pk, "employee.created")}


def test_a_failed_attempt_is_retried_with_backoff_then_delivered(org_a, receiver):
    subscription = _subscribe(org_a, receiver)
    receiver.statuses.extend([500])
    delivery = _emit(org_a)

    first = _run(org_a, delivery)
    assert first.state == "retry" and 15 <= first.retry_in <= 30
    delivery = _state(org_a, delivery)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=10)
    assert delivery.locked_until is None

    # Not due yet: nothing is sent.
    assert _run(org_a, delivery).state == "skipped"
    assert len(receiver.requests) == 1

    with in_org(org_a):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert _run(org_a, delivery).state == "delivered"
    delivery = _state(org_a, delivery)
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("delivered", 2, None)
    first_request, second_request = receiver.requests
    assert first_request.body == second_request.body
    assert [r.headers["PLMS-Attempt"] for r in receiver.requests] == ["1", "2"]
    for request in receiver.requests:
        assert verify_signature(
            subscription.secret, request.headers["PLMS-Signature"], request.body
        )
    with in_org(org_a):
        log = list(WebhookDeliveryAttempt.objects.order_by("number"))
        assert [(a.number, a.status_code) for a in log] == [(1, 500), (2, 200)]
        assert log[0].next_attempt_at is not None and log[0].response_body.startswith("status 500")


def test_a_delivered_event_is_never_sent_twice(org_a, receiver):
    _subscribe(org_a, receiver)
    delivery = _emit(org_a)
    assert _run(org_a, delivery).state == "delivered"
    with in_org(org_a):  # even if it were somehow due again
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert _run(org_a, delivery).state == "skipped"
    assert len(receiver.requests) == 1


def test_only_one_worker_claims_a_delivery(org_a, receiver):
    _subscribe(org_a, receiver)
    delivery = _emit(org_a)
    with in_org(org_a):
        assert delivery_services.webhook_delivery_claim(delivery_id=delivery.pk) is not None
        assert delivery_services.webhook_delivery_claim(delivery_id=delivery.pk) is None
    assert receiver.requests == []


def test_attempts_are_bounded_and_failures_in_a_row_disable_the_subscription(
    org_a, hr_admin, receiver, settings, django_capture_on_commit_callbacks
):
    settings.PLMS_WEBHOOK_MAX_ATTEMPTS = 2
    settings.PLMS_WEBHOOK_DISABLE_AFTER_FAILURES = 2
    receiver.default_status = 503
    gone = factories.member(org_a, role="admin", email="gone@a.example")
    with in_org(org_a):
        Membership.objects.filter(pk=gone.membership.pk).update(active=False)  # not notified
    subscription = _subscribe(org_a, receiver)
    first, second, waiting = _emit(org_a), _emit(org_a), _emit(org_a)

    def fail_for_good(delivery):
        outcomes = []
        for _ in range(2):
            with in_org(org_a):
                WebhookDelivery.objects.filter(pk=delivery.pk).update(
                    next_attempt_at=timezone.now()
                )
            outcomes.append(_run(org_a, delivery).state)
        return outcomes

    assert fail_for_good(first) == ["retry", "failed"]
    with in_org(org_a):
        subscription.refresh_from_db()
        assert (subscription.active, subscription.consecutive_failures) == (True, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert fail_for_good(second) == ["retry", "failed"]
    with in_org(org_a):
        subscription.refresh_from_db()
        assert not subscription.active and subscription.disabled_at is not None
        assert "2 failed deliveries" in subscription.disabled_reason
        assert _state(org_a, waiting).status == "cancelled"
    (message,) = mail.outbox
    assert message.to == ["hr@a.example"] and subscription.url in message.body
    assert len(receiver.requests) == 4


def test_a_success_resets_the_failure_count(org_a, receiver):
    subscription = _subscribe(org_a, receiver)
    with in_org(org_a):
        WebhookSubscription.objects.filter(pk=subscription.pk).update(consecutive_failures=3)
    delivery = _emit(org_a)
    _run(org_a, delivery)
    with in_org(org_a):
        subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


def test_a_disabled_subscription_cancels_its_pending_delivery(org_a, receiver):
    subscription = _subscribe(org_a, receiver)
    delivery = _emit(org_a)
    with in_org(org_a):
        WebhookSubscription.objects.filter(pk=subscription.pk).update(active=False)
    assert _run(org_a, delivery).state == "skipped"
    assert _state(org_a, delivery).status == "cancelled"
    assert receiver.requests == []


def test_an_unreachable_endpoint_is_logged_as_an_error(org_a, receiver):
    subscription = _subscribe(org_a, receiver)
    with in_org(org_a):
        WebhookSubscription.objects.filter(pk=subscription.pk).update(url="http://127.0.0.1:9/x")
    delivery = _emit(org_a)
    outcome = _run(org_a, delivery)
    assert outcome.state == "retry"
    delivery = _state(org_a, delivery)
    assert delivery.last_status_code is None and delivery.last_error


def test_local_addresses_are_refused_unless_allowed(org_a, receiver, settings):
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = False
    subscription = _subscribe(org_a, receiver)
    with in_org(org_a):
        WebhookSubscription.objects.filter(pk=subscription.pk).update(url="https://localhost:1/x")
    delivery = _emit(org_a)
    _run(org_a, delivery)
    assert "public addresses only" in _state(org_a, delivery).last_error
    assert receiver.requests == []


def test_the_task_asks_celery_to_retry_after_the_backoff(org_a, monkeypatch):
    monkeypatch.setattr(
        tasks.delivery_services,
        "webhook_delivery_run",
        lambda **kwargs: AttemptOutcome(state="retry", retry_in=42.0),
    )
    asked = {}

    def fake_retry(**kwargs):
        asked.update(kwargs)
        return Retry()

    monkeypatch.setattr(tasks.deliver_webhook, "retry", fake_retry)
    tasks.deliver_webhook.push_request(id="t1", retries=0, is_eager=False, called_directly=False)
    try:
        with pytest.raises(Retry):
            tasks.deliver_webhook.run(1, organization_id=org_a.pk)
    finally:
        tasks.deliver_webhook.pop_request()
    assert asked["countdown"] == 42.0 and asked["max_retries"] == 6
    # In-process (eager) the sweep retries instead.
    assert (
        tasks.deliver_webhook.apply(args=[1], kwargs={"organization_id": org_a.pk}).get() == "retry"
    )


def test_the_sweep_sends_deliveries_that_are_due(org_a, org_b, receiver):
    _subscribe(org_a, receiver)
    _subscribe(org_b, receiver)
    due_a, due_b = _emit(org_a), _emit(org_b)
    later = _emit(org_a)
    past = timezone.now() - timedelta(minutes=5)
    for org, delivery in ((org_a, due_a), (org_b, due_b)):
        with in_org(org):
            WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=past)
    with in_org(org_a):
        WebhookDelivery.objects.filter(pk=later.pk).update(
            created_at=past, attempts=1, next_attempt_at=timezone.now() + timedelta(hours=1)
        )
    assert tasks.retry_due_webhook_deliveries() == 2
    assert len(receiver.requests) == 2
    assert _state(org_a, due_a).status == _state(org_b, due_b).status == "delivered"
    assert _state(org_a, later).status == "pending"
