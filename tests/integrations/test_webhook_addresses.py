"""Webhook targets: only public addresses, at save and at send time, whatever DEBUG says.

The table is checked by the validators only: a refused address is never contacted (the
send-time tests point names at addresses through the resolver and assert that nothing was
stored; the one receiver that answers listens on loopback).
"""

from __future__ import annotations

import socket

import pytest

from plms.integrations.models import WebhookDeliveryAttempt, WebhookSubscription
from tests.conftest import in_org
from tests.integrations.factories import WebhookSubscriptionFactory
from tests.integrations.test_outbox_and_delivery import _emit, _run, _state

URL = "/api/v1/webhooks"

REFUSED = [
    "https://127.0.0.1/x",
    "https://127.1/x",
    "https://2130706433/x",
    "https://0x7f.1/x",
    "https://0.0.0.0/x",
    "https://localhost/x",
    "https://hooks.localhost/x",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.5/x",
    "https://172.16.3.4/x",
    "https://192.168.1.10/x",
    "https://100.64.0.1/x",
    "https://224.0.0.251/x",
    "https://240.0.0.1/x",
    "https://255.255.255.255/x",
    "https://[::1]/x",
    "https://[::]/x",
    "https://[fe80::1]/x",
    "https://[fc00::1]/x",
    "https://[fd12:3456::1]/x",
    "https://[ff02::1]/x",
    "https://[2001:db8::1]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://[::ffff:169.254.169.254]/x",
    "https://[::ffff:10.0.0.1]/x",
    "https://[64:ff9b::7f00:1]/x",
    "https://[2002:7f00:1::]/x",
    "http://127.0.0.1:8000/x",
]
ACCEPTED = [
    "https://hooks.example.com/plms",
    "https://93.184.216.34/x",
    "https://[2606:2800:220:1:248:1893:25c8:1946]/x",
    "https://8.8.8.8:8443/x",
]


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on"])
def test_refused_addresses_at_save_time(key_client_a, settings, debug):
    settings.DEBUG = debug
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = False
    accepted = []
    for url in REFUSED:
        response = key_client_a.post(
            URL, {"url": url, "events": ["employee.created"]}, format="json"
        )
        # Legacy numeric forms are not even URLs to the validator: refused all the same.
        if response.status_code != 400 or "url" not in response.json()["fields"]:
            accepted.append((url, response.status_code))
    assert accepted == []


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on"])
def test_public_addresses_are_accepted_at_save_time(key_client_a, settings, debug):
    settings.DEBUG = debug
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = False
    for url in ACCEPTED:
        response = key_client_a.post(
            URL, {"url": url, "events": ["employee.created"]}, format="json"
        )
        assert response.status_code == 201, (url, response.json())


def test_only_the_explicit_setting_allows_local_targets(key_client_a, settings):
    settings.DEBUG = False
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = True
    response = key_client_a.post(
        URL, {"url": "http://127.0.0.1:8000/x", "events": ["employee.created"]}, format="json"
    )
    assert response.status_code == 201


@pytest.fixture
def resolver(monkeypatch):
    """Names resolve to what the test says (a name that points at an internal address)."""
    table: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            family = socket.AF_INET6 if ":" in table[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (table[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on"])
@pytest.mark.parametrize(
    "address", ["127.0.0.1", "169.254.169.254", "10.0.0.7", "::1", "::ffff:127.0.0.1"]
)
def test_a_name_resolving_to_an_internal_address_is_refused_at_send_time(
    org_a, settings, resolver, debug, address
):
    settings.DEBUG = debug
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = False
    resolver["rebinding.example.com"] = address
    WebhookSubscriptionFactory(
        organization=org_a, url="https://rebinding.example.com/hooks", events=["employee.created"]
    )
    delivery = _emit(org_a)
    _run(org_a, delivery)
    delivery = _state(org_a, delivery)
    assert "public addresses only" in delivery.last_error and delivery.last_status_code is None
    with in_org(org_a):
        attempt = WebhookDeliveryAttempt.objects.get(delivery=delivery)
    assert attempt.response_body == "" and attempt.status_code is None


def test_a_stored_internal_url_is_refused_at_send_time_even_in_debug(org_a, settings, receiver):
    """A URL saved while local targets were allowed is not sent once they are not."""
    settings.DEBUG = True
    settings.PLMS_WEBHOOK_ALLOW_LOCAL_URLS = False
    WebhookSubscriptionFactory(organization=org_a, url=receiver.url, events=["employee.created"])
    delivery = _emit(org_a)
    _run(org_a, delivery)
    assert receiver.requests == []
    with in_org(org_a):
        attempt = WebhookDeliveryAttempt.objects.get(delivery=delivery)
        assert WebhookSubscription.objects.count() == 1
    assert attempt.response_body == "" and "loopback" in attempt.error
