"""The project's URLs and three pages that nothing in the product has: one linked from the
navigation (found one link deep), one linked only from it (two deep) and one linked only from
that (three deep: out of the crawl's reach). `SLOW_PATH` answers after `SLOW_SECONDS`."""

import time

from django.http import HttpRequest, HttpResponse
from django.urls import path

from plms.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401

NEW_PATH, DEEPER_PATH, TOO_DEEP_PATH = "/added-report/", "/added-report/detail/", "/too-deep/"
SLOW_PATH = "/added-report/slow/"
SLOW_SECONDS = 0.35


def _page(body: str) -> HttpResponse:
    return HttpResponse(f"<!doctype html><title>Added</title><main>{body}</main>")


def added(request: HttpRequest) -> HttpResponse:
    return _page(f'<a href="{DEEPER_PATH}">Detail</a> <a href="{SLOW_PATH}">Slow</a>')


def deeper(request: HttpRequest) -> HttpResponse:
    return _page(f'<a href="{TOO_DEEP_PATH}">Further</a>')


def too_deep(request: HttpRequest) -> HttpResponse:
    return _page("The end")


def slow(request: HttpRequest) -> HttpResponse:
    time.sleep(SLOW_SECONDS)
    return _page("Slow")


urlpatterns = [
    path(NEW_PATH.strip("/") + "/", added),
    path(DEEPER_PATH.strip("/") + "/", deeper),
    path(TOO_DEEP_PATH.strip("/") + "/", too_deep),
    path(SLOW_PATH.strip("/") + "/", slow),
    *urlpatterns,
]
