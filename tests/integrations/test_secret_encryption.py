"""Webhook signing secrets are encrypted at rest, still sign deliveries, and keys rotate."""

from __future__ import annotations

import importlib
import io

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from plms.common.crypto import DecryptionError
from plms.integrations.models import WebhookSubscription
from plms.integrations.services.subscriptions import webhook_send_test
from plms.integrations.signing import verify_signature
from plms.tenancy.actors import system_actor
from tests.conftest import in_org
from tests.integrations.factories import WebhookSubscriptionFactory

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _stored(org, subscription) -> str:
    """The column as the database holds it."""
    with in_org(org), connection.cursor() as cursor:
        cursor.execute(
            "SELECT secret FROM integrations_webhooksubscription WHERE id = %s", [subscription.pk]
        )
        return cursor.fetchone()[0]


def _reloaded(org, subscription) -> WebhookSubscription:
    with in_org(org):
        return WebhookSubscription.objects.get(pk=subscription.pk)


def test_the_stored_column_does_not_contain_the_secret(org_a, key_client_a):
    response = key_client_a.post(
        "/api/v1/webhooks",
        {"url": "https://hooks.example.com/plms", "events": ["employee.created"]},
        format="json",
    )
    assert response.status_code == 201
    secret = response.json()["secret"]
    with in_org(org_a):
        subscription = WebhookSubscription.objects.get(uuid=response.json()["id"])
    stored = _stored(org_a, subscription)
    assert secret not in stored and secret[6:] not in stored
    assert stored.startswith("gAAAAA")
    assert subscription.secret == secret


def test_deliveries_are_signed_with_the_decrypted_secret(
    org_a, receiver, local_webhooks, django_capture_on_commit_callbacks
):
    subscription = WebhookSubscriptionFactory(organization=org_a, url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True), in_org(org_a):
        webhook_send_test(actor=system_actor(org_a), subscription=subscription)
    (request,) = receiver.requests
    assert verify_signature(subscription.secret, request.headers["PLMS-Signature"], request.body)
    assert not verify_signature(
        _stored(org_a, subscription), request.headers["PLMS-Signature"], request.body
    )


def test_a_new_key_is_rolled_out_by_rotation(
    org_a, org_b, settings, receiver, local_webhooks, django_capture_on_commit_callbacks
):
    settings.PLMS_ENCRYPTION_KEYS = [OLD_KEY]
    ours = WebhookSubscriptionFactory(organization=org_a, url=receiver.url)
    theirs = WebhookSubscriptionFactory(organization=org_b)
    before = _stored(org_a, ours)

    # The new key first, the old one still listed: old values read, new values use the new key.
    settings.PLMS_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert _reloaded(org_a, ours).secret == ours.secret
    with django_capture_on_commit_callbacks(execute=True), in_org(org_a):
        webhook_send_test(actor=system_actor(org_a), subscription=_reloaded(org_a, ours))
    (request,) = receiver.requests
    assert verify_signature(ours.secret, request.headers["PLMS-Signature"], request.body)

    out = io.StringIO()
    call_command("rotate_encryption_keys", "--batch-size", "1", stdout=out)
    assert "Re-encrypted 2 stored secret(s)." in out.getvalue()
    assert _stored(org_a, ours) != before

    # Every organization's values now read with the new key alone.
    settings.PLMS_ENCRYPTION_KEYS = [NEW_KEY]
    assert _reloaded(org_a, ours).secret == ours.secret
    assert _reloaded(org_b, theirs).secret == theirs.secret

    settings.PLMS_ENCRYPTION_KEYS = [OLD_KEY]
    with pytest.raises(DecryptionError):
        _reloaded(org_a, ours)


def test_the_data_migration_encrypts_existing_plain_secrets(org_a, org_b):
    ours = WebhookSubscriptionFactory(organization=org_a)
    theirs = WebhookSubscriptionFactory(organization=org_b)
    for org, subscription, plain in ((org_a, ours, "whsec_plain_a"), (org_b, theirs, "whsec_b")):
        with in_org(org), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE integrations_webhooksubscription SET secret = %s WHERE id = %s",
                [plain, subscription.pk],
            )
    migration = importlib.import_module("plms.integrations.migrations.0002_encrypt_webhook_secrets")

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    migration.encrypt_secrets(apps, editor)
    migration.encrypt_secrets(apps, editor)  # idempotent: tokens are left alone

    assert _stored(org_a, ours).startswith("gAAAAA")
    assert _stored(org_b, theirs).startswith("gAAAAA")
    assert _reloaded(org_a, ours).secret == "whsec_plain_a"
    assert _reloaded(org_b, theirs).secret == "whsec_b"
