"""The home page as a browser shows it: the page, then the sections it loads after it (htmx)."""

from __future__ import annotations

import re
from html import unescape

SECTION = re.compile(r'hx-get="([^"]+)" hx-trigger="load"')


def home_sections(html: str) -> list[str]:
    """The URLs of the sections a page loads as soon as it is shown."""
    return [unescape(url) for url in SECTION.findall(html)]


def home_page(client, url: str = "/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    sections = home_sections(page)
    while sections:  # a section may load sections of its own
        section = sections.pop(0)
        fragment = client.get(section, headers={"HX-Request": "true"})
        assert fragment.status_code == 200, section
        page += fragment.content.decode()
        sections += home_sections(fragment.content.decode())
    return page
