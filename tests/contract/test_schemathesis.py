"""Schemathesis against the live schema on a running server, authenticated, default checks,
stateful phase included: 0 failures.

The resources under contract are listed in CONTRACT_RESOURCES; a resource joins when it has
passed a full run (strict filters from plms.common.api, documented nullability, no 5xx).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from plms.tenancy.models import Organization
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_RESOURCES = ("me", "ping", "employees", "departments")


@pytest.mark.django_db(transaction=True)
def test_the_api_honours_its_openapi_contract(live_server, settings, tmp_path):
    settings.PLMS_RATE_LIMITS = {"api_key": 1_000_000, "user": 1_000_000}
    call_command("seed_demo")
    _, secret = api_key_create(
        organization=Organization.objects.get(slug="acme"), name="contract", scopes=ALL_SCOPES
    )
    st = shutil.which("st", path=str(Path(sys.executable).parent))
    assert st, "schemathesis is installed with the dev extra"
    run = subprocess.run(
        [
            st,
            "run",
            f"{live_server.url}/api/schema/",
            "--header",
            f"Authorization: Bearer {secret}",
            "--include-path-regex",
            rf"^/api/v1/({'|'.join(CONTRACT_RESOURCES)})(/|$)",
            "--max-examples",
            "15",
            "--seed",
            "20261123",
            "--request-timeout",
            "20",
            "--report",
            "junit",
            "--report-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-8000:]
    assert "✅ Stateful" in output, "the stateful phase ran and passed:\n" + output[-3000:]
