"""What items and jobs need to know about the benchmark organisations."""

from __future__ import annotations

import secrets
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from bench.generators import Sizes
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization


@dataclass
class BenchContext:
    """The measured organisation (`organization`), its neighbour, an API key with every scope
    and sign-ins. Providers read sample objects inside `in_scope()`."""

    organization: Organization
    neighbour: Organization
    sizes: Sizes
    api_key: str
    run_token: str
    _cookies: dict[str, str] = field(default_factory=dict)

    def email(self, local: str) -> str:
        """A generated person's address: `hr`, `manager`, `employee`, `ceo`."""
        return f"{local}@{self.organization.slug}.example"

    def in_scope(self) -> AbstractContextManager[int]:
        return organization_scope(self.organization)

    def key_headers(self, *, json_body: bool = False) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}
        if json_body:
            headers["Content-Type"] = "application/json"
        return headers

    def session_headers(self, email: str, *, write: bool = False) -> dict[str, str]:
        """Browser headers of a signed-in person (a real session row, as after signing in)."""
        if email not in self._cookies:
            client = Client()
            client.force_login(get_user_model().objects.get(email=email))
            self._cookies[email] = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookie = f"{settings.SESSION_COOKIE_NAME}={self._cookies[email]}"
        headers = {"Accept": "text/html"}
        if write:
            token = secrets.token_hex(16)  # a 32-character CSRF secret, in cookie and header
            cookie += f"; {settings.CSRF_COOKIE_NAME}={token}"
            headers["X-CSRFToken"] = token
        headers["Cookie"] = cookie
        return headers
