"""Schemathesis against the live schema on a running server, authenticated, default checks,
stateful phase included: 0 failures.

The resources under contract are listed in CONTRACT_RESOURCES; a resource joins when it has
passed a full run (strict filters from plms.common.api, documented nullability, no 5xx).

`PLMS_CONTRACT_RESOURCES="capabilities job-roles"` runs the contract for those resources only
(while working on them, or to try one before it joins); the stateful phase is then required
only when the selection has links between operations.
"""

from __future__ import annotations

import os
import re
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
CONTRACT_RESOURCES = (
    "me",
    "ping",
    "employees",
    "departments",
    "catalogue/capabilities",
    "capabilities",
    "competency-scales",
    "job-roles",
    "job-role-assignments",
    "capability-updates",
    "external-ratings",
    "webhooks",
    "learning-items",
    "development-plans",
    "learning-completions",
    "learning-content-gaps",
    "learning-impact",
    "workflows",
    "notifications",
    "assessment-cycles",
    "assessments",
    "peer-nominations",
    "expert-grants",
    "rating-previews",
    "goals",
    "goal-templates",
    "check-ins",
    "feedback",
    "audit-events",
    "personal-data-exports",
)


def _selected_resources() -> tuple[str, ...]:
    wanted = os.environ.get("PLMS_CONTRACT_RESOURCES", "").replace(",", " ").split()
    return tuple(wanted) or CONTRACT_RESOURCES


@pytest.mark.postgres  # the contract is PostgreSQL's (row-level security, strict types)
@pytest.mark.django_db(transaction=True)
def test_the_api_honours_its_openapi_contract(live_server, settings, tmp_path):
    settings.PLMS_RATE_LIMITS = {"api_key": 1_000_000, "user": 1_000_000}
    # Deliveries of "send a test event" run in-process here: generated hosts fail fast.
    settings.PLMS_WEBHOOK_TIMEOUT_SECONDS = 1
    resources = _selected_resources()
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
            rf"^/api/v1/({'|'.join(map(re.escape, resources))})(/|$)",
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
        timeout=1500,  # about 5 minutes alone; far more beside the rest of the suite
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-8000:]
    if resources == CONTRACT_RESOURCES or "Stateful" in output:
        assert "✅ Stateful" in output, "the stateful phase ran and passed:\n" + output[-3000:]
