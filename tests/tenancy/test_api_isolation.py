"""Every API route and another organization: lists exclude, details are 404, writes are 404.

Routes are enumerated from the router, so a new resource joins this test by being registered;
its model needs a factory in TENANT_FACTORIES (tests/<app>/factories.py).
"""

from __future__ import annotations

import contextlib

import pytest
from django.urls import NoReverseMatch, reverse

from plms.api_urls import router
from tests.factories import TENANT_FACTORIES


def _model_of(viewset):
    serializer = getattr(viewset, "serializer_class", None)
    meta = getattr(serializer, "Meta", None)
    return getattr(meta, "model", None)


ROUTES = [
    (prefix, viewset, basename)
    for prefix, viewset, basename in router.registry
    if _model_of(viewset) is not None
]


def test_every_routed_model_has_a_factory():
    missing = [
        prefix for prefix, viewset, _ in ROUTES if _model_of(viewset) not in TENANT_FACTORIES
    ]
    assert missing == [], f"routes whose model has no registered factory: {missing}"


def _detail_urls(viewset, basename, obj):
    urls = [reverse(f"api:{basename}-detail", kwargs={"id": obj.uuid})]
    for action in viewset.get_extra_actions():
        if action.detail:
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(f"api:{basename}-{action.url_name}", kwargs={"id": obj.uuid}))
    return urls


@pytest.fixture
def other_org_clients(org_b, key_client_b, outsider, client):
    client.force_login(outsider.user)
    return {"org B key": key_client_b, "org B HR admin": client}


@pytest.mark.parametrize(("prefix", "viewset", "basename"), ROUTES, ids=[r[0] for r in ROUTES])
def test_another_organization_cannot_see_or_touch_the_object(
    prefix, viewset, basename, org_a, key_client_a, other_org_clients
):
    obj = TENANT_FACTORIES[_model_of(viewset)](organization=org_a)
    own = key_client_a.get(reverse(f"api:{basename}-detail", kwargs={"id": obj.uuid}))
    assert own.status_code == 200, "the owner's key sees it (so the 404s below mean something)"

    for who, client in other_org_clients.items():
        listing = client.get(reverse(f"api:{basename}-list"), {"page_size": 200})
        assert listing.status_code == 200, who
        assert str(obj.uuid) not in listing.content.decode(), f"{who} lists it"
        for url in _detail_urls(viewset, basename, obj):
            for method in ("get", "patch", "put", "delete", "post"):
                response = (
                    getattr(client, method)(url, {}, format="json")
                    if method != "get"
                    else client.get(url)
                )
                assert response.status_code in (404, 405), (
                    f"{who} {method.upper()} {url}: {response.status_code}"
                )
                assert response.json()["code"] in ("not_found", "method_not_allowed")
