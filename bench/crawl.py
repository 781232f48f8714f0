"""The page crawl: every page a person reaches from their home, and the API's parameterless reads.

The employee's, the manager's and the HR admin's homes are signed in and read in-process
(Django's test client on the benchmark database); every local link on them (`a href`, and the
`hx-get` of sections loaded after the page) is read, then every link on *those* pages: two
links deep. One page is kept per URL pattern and person (`/goals/<id>/` once, a list's
`?page=` once), as the person sees it. Downloads, forms' targets, the API's interactive
documents and signing out are left out. The API's reads are found the way its OpenAPI document
is: every `GET` that needs no parameter in its path or its query, with the benchmark's HR key.

Nothing lists the pages: a page added later is measured as soon as something links to it (an
API list as soon as it is routed). Each page becomes a read `Item` of the group `crawl`, with
the issue's targets (pages p95 <= 300 ms and <= 300 KB; the homes p95 <= 200 ms; the API
>= 0.40 x the baseline with p95 <= 50 ms), measured under load like every other item; the
report lists them worst first.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from bench.items import READ, Item

CRAWL = "crawl"
DEPTH = 2  # the home is depth 0
ROLES = ("employee", "manager", "hr")
PAGE_MAX_P95_MS, HOME_MAX_P95_MS, API_MAX_P95_MS = 300.0, 200.0, 50.0
PAGE_MAX_KB = 300.0
API_PREFIX = "/api/v1/"
SKIPPED = (
    "/api/",
    "/admin/",
    "/static/",
    "/media/",
    "/scim/",
    "/accounts/logout",
    "/healthz",
    "/readyz",
    "/metrics",
)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_NUMBER = re.compile(r"^\d+$")


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def url_pattern(path: str) -> str:
    """`/goals/<uuid>/?page=2&sort=x` -> `/goals/{id}/?page&sort`: one page per pattern."""
    parts = urlsplit(path)
    segments = ["{id}" if _UUID.match(s) or _NUMBER.match(s) else s for s in parts.path.split("/")]
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return "/".join(segments) + (f"?{'&'.join(keys)}" if keys else "")


class _Links(HTMLParser):
    """Local targets of links and of sections loaded after the page (`hx-get`)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") and "download" not in values:
            self.found.append(values["href"] or "")
        if values.get("hx-get"):
            self.found.append(values["hx-get"] or "")


def links_in(html: str, base: str) -> list[str]:
    """The local paths (with their query) an HTML page links to, in order, without repeats."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.found:
        if href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        parts = urlsplit(urljoin("http://testserver" + base, href))
        if parts.netloc != "testserver" or not parts.path or parts.path.startswith(SKIPPED):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return list(dict.fromkeys(found))


@dataclass
class Page:
    who: str
    path: str
    depth: int


def discover_pages(get: Callable[[str], tuple[int, str, str]], who: str) -> list[Page]:
    """Pages two links deep from `/` for one person. `get(path)` answers (status,
    content type, body) of a signed-in read."""
    pages: list[Page] = []
    patterns: set[str] = set()
    level = ["/"]
    for depth in range(DEPTH + 1):
        following: list[str] = []
        for path in level:
            pattern = url_pattern(path)
            if pattern in patterns:
                continue
            patterns.add(pattern)
            status, content_type, body = get(path)
            if status != 200 or "text/html" not in content_type:
                continue  # redirects, refusals and downloads are not pages
            pages.append(Page(who, path, depth))
            if depth < DEPTH:
                following += links_in(body, path)
        level = list(dict.fromkeys(following))
    return pages


def api_read_paths(prefix: str = API_PREFIX) -> list[str]:
    """Every `GET` of the API that needs no parameter, in its path or its query, as its OpenAPI
    document lists them (a read that asks for a `survey` or an `employee` is left out)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = []
    for path, operations in schema["paths"].items():
        read = operations.get("get")
        if read is None or not path.startswith(prefix) or "{" in path:
            continue
        if any(parameter.get("required") for parameter in read.get("parameters", [])):
            continue
        paths.append(path)
    return sorted(paths)


def page_items(pages: Iterable[Page], headers: dict[str, dict[str, str]]) -> list[Item]:
    items = []
    for page in pages:
        home = page.path == "/"
        items.append(
            Item(
                f"page {page.path} ({page.who})",
                "GET",
                page.path,
                headers[page.who],
                READ,
                max_p95_ms=HOME_MAX_P95_MS if home else PAGE_MAX_P95_MS,
                min_ratio=0.0,
                max_kb=PAGE_MAX_KB,
                group=CRAWL,
            )
        )
    return items


def api_items(paths: Iterable[str], headers: dict[str, str]) -> list[Item]:
    return [
        Item(f"GET {path}", "GET", path, headers, READ, max_p95_ms=API_MAX_P95_MS, group=CRAWL)
        for path in paths
    ]


def test_client_get(email: str) -> Callable[[str], tuple[int, str, str]]:
    """A signed-in in-process reader for `discover_pages`."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(email=email))

    def get(path: str) -> tuple[int, str, str]:
        response = client.get(path, headers={"Accept": "text/html"})
        content_type = response.get("Content-Type", "")
        if response.streaming or "text/html" not in content_type:
            return response.status_code, content_type, ""
        return response.status_code, content_type, response.content.decode(errors="replace")

    return get


def crawl_items(ctx, roles: Iterable[str] = ROLES) -> list[Item]:
    """The crawl's items for the benchmark organisation (a provider of `bench.items`)."""
    pages: list[Page] = []
    headers = {}
    for who in roles:
        found = discover_pages(test_client_get(ctx.email(who)), who)
        _log(f"crawl: {len(found)} pages two links deep from the {who}'s home")
        pages += found
        headers[who] = ctx.session_headers(ctx.email(who))
    paths = api_read_paths()
    _log(f"crawl: {len(paths)} parameterless API reads")
    return page_items(pages, headers) + api_items(paths, ctx.key_headers())
