"""Starts the tests' OpenID Connect provider (tests/idp/oidc_provider.mjs, node `oidc-provider`
from package.json) on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "plms-test"
CLIENT_SECRET = "plms-test-secret"


@dataclass(frozen=True)
class OidcProvider:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def set_mode(self, mode: str) -> None:
        """normal, wrong-audience, bad-signature or foreign-key (see oidc_provider.mjs)."""
        httpx.get(
            f"{self.issuer}/__test__/mode", params={"value": mode}, timeout=5
        ).raise_for_status()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def oidc_provider(redirect_uris: list[str]) -> Iterator[OidcProvider]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.fail("node and the npm packages are needed: make assets")
    port = _free_port()
    process = subprocess.Popen(
        [node, str(SCRIPT), str(port), CLIENT_ID, CLIENT_SECRET, *redirect_uris],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    provider = OidcProvider(issuer=f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"the OpenID Connect provider did not start:\n{output}")
                time.sleep(0.2)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
