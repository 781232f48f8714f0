"""The Python client's README example, run as written against a live server: provision people
with their role, assign a role, launch a cycle, read gaps — through the generated client."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from assessments.models import Assessment
from capabilities.catalogue.loader import catalogue_load
from capabilities.models import RoleAssignment
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.services import api_key_create
from tests.conftest import in_org

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "python"


def _example() -> str:
    readme = (CLIENT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "the README has its example"
    return blocks[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_readme_example_runs_against_a_live_server(live_server, org_a, monkeypatch):
    catalogue_load()  # transactional tests before this one may have emptied it
    _, secret = api_key_create(organization=org_a, name="client", scopes=ALL_SCOPES)
    monkeypatch.syspath_prepend(str(CLIENT / "plms-client"))
    namespace: dict = {"__name__": "readme_example"}
    exec(compile(_example(), "clients/python/README.md", "exec"), namespace)

    gaps = namespace["run"](live_server.url, secret)

    assert type(gaps).__name__ == "EmployeeGaps"
    assert len(gaps.gaps) == 2 and {g.target_level for g in gaps.gaps} == {4}
    with in_org(org_a):
        holders = set(
            RoleAssignment.objects.filter(ended_at__isnull=True).values_list(
                "employee__email", flat=True
            )
        )
        assert holders == {"ada@example.com", "bo@example.com"}
        assessed = set(Assessment.objects.values_list("employee__email", flat=True))
        assert assessed == {"ada@example.com", "bo@example.com"}
    for name in [m for m in sys.modules if m.startswith("plms_client")]:
        monkeypatch.delitem(sys.modules, name)
