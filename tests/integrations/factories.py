"""Factories of the integrations app; related objects stay in the factory's organization."""

from __future__ import annotations

import factory

from plms.integrations.models import (
    OutboxEvent,
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookSubscription,
)
from plms.integrations.signing import secret_generate
from tests.factories import TenantFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class WebhookSubscriptionFactory(TenantFactory):
    class Meta:
        model = WebhookSubscription

    url = factory.Sequence(lambda n: f"https://hooks{n}.example.com/plms")
    events = factory.LazyFunction(lambda: ["employee.created", "employee.updated"])
    secret = factory.LazyFunction(secret_generate)


@tenant_factory
class OutboxEventFactory(TenantFactory):
    class Meta:
        model = OutboxEvent

    type = "employee.created"
    payload = factory.LazyAttribute(
        lambda o: {"id": "x", "type": o.type, "data": {}, "organization": str(o.organization.uuid)}
    )


@tenant_factory
class WebhookDeliveryFactory(TenantFactory):
    class Meta:
        model = WebhookDelivery

    subscription = factory.SubFactory(WebhookSubscriptionFactory, organization=SAME_ORG)
    event = factory.SubFactory(OutboxEventFactory, organization=SAME_ORG)


@tenant_factory
class WebhookDeliveryAttemptFactory(TenantFactory):
    class Meta:
        model = WebhookDeliveryAttempt

    delivery = factory.SubFactory(WebhookDeliveryFactory, organization=SAME_ORG)
    number = factory.Sequence(lambda n: n + 1)
    status_code = 200
