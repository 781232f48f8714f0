"""Demo: Acme's HRIS has a webhook subscription, disabled because its endpoint is fictional."""

from __future__ import annotations

from plms.integrations.models import WebhookSubscription
from plms.integrations.services import subscriptions as subscription_services
from plms.integrations.webhooks import EMPLOYEE_CREATED, EMPLOYEE_DEACTIVATED, EMPLOYEE_UPDATED
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS

DEMO_URL = "https://hris.acme.example/plms-webhooks"


def seed_webhooks(actor: Actor) -> None:
    if WebhookSubscription.objects.filter(url=DEMO_URL).exists():
        return
    subscription_services.webhook_subscription_create(
        actor=actor,
        url=DEMO_URL,
        events=[EMPLOYEE_CREATED, EMPLOYEE_UPDATED, EMPLOYEE_DEACTIVATED],
        description="HRIS sync (demo: the endpoint does not exist, so it is disabled)",
        active=False,
    )


DEMO_STEPS.append(seed_webhooks)
