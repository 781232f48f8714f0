"""The catalogue of error codes is the one place codes are defined (one registry, filled by one
`error_codes.py` per app): every code raised is a named constant of it with one status,
docs/errors.md is generated from it, and the schema lists the codes of each operation from it
(each code names the operations that return it)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from assessments import error_codes as assessment_codes
from plms.common import error_codes
from plms.common.error_codes import CONDITIONAL, PAGES, load_all, markdown
from plms.common.errors import ApplicationError
from plms.common.management.commands.error_catalogue import operation_names

ROOT = Path(__file__).resolve().parents[2]
# Every top-level package of the project's apps (new apps join by being installed).
APPS = tuple(
    sorted(
        {
            Path(config.path).resolve().relative_to(ROOT).parts[0]
            for config in apps.get_app_configs()
            if Path(config.path).resolve().is_relative_to(ROOT)
            # Installed packages live in the project's virtualenv (./.venv), not the project.
            and "site-packages" not in Path(config.path).parts
        }
    )
)
CATALOGUE = load_all()


def _project_apps():
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT) and config.label != "common"
    ]


def _constants() -> dict[str, str]:
    """{constant name: code} over the catalogue's modules (the common one and each app's)."""
    found = {}
    modules = [error_codes] + [
        importlib.import_module(f"{config.name}.error_codes")
        for config in _project_apps()
        if (Path(config.path) / "error_codes.py").exists()
    ]
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, error_codes.ErrorCode):
                assert found.get(name, value.code) == value.code, name
                found[name] = value.code
    return found


def _raised_codes():
    """(place, code, explicit status) of every `ApplicationError(...)` in the code base; the
    code is resolved through the catalogue's named constants."""
    constants = _constants()
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None))
                    == "ApplicationError"
                    and node.args
                ):
                    continue
                argument = node.args[0]
                place = f"{path.relative_to(ROOT)}:{node.lineno}"
                status = next(
                    (ast.literal_eval(k.value) for k in node.keywords if k.arg == "status"), None
                )
                name = ast.unparse(argument).rsplit(".", 1)[-1]
                if isinstance(argument, ast.Constant):
                    yield place, ast.literal_eval(argument), status, "literal"
                elif name in constants:
                    yield place, constants[name], status, "constant"
                else:
                    yield place, None, status, "computed"  # from the codes collected beside it


def test_every_raised_code_is_catalogued_with_one_status():
    problems = []
    for place, code, status, _ in _raised_codes():
        if code is None:
            continue
        entry = CATALOGUE.get(code)
        if entry is None:
            problems.append(f"{place}: {code!r} is not in plms/common/error_codes.py")
        elif status is not None and status != entry.status:
            problems.append(f"{place}: {code} answers {status}, the catalogue says {entry.status}")
    assert problems == []


def test_every_raised_code_is_a_named_constant_not_a_string():
    literals = [f"{place}: {code!r}" for place, code, _, how in _raised_codes() if how == "literal"]
    assert literals == []


def test_every_app_that_refuses_has_one_error_code_module():
    missing = [
        config.name
        for config in _project_apps()
        if any(
            "ApplicationError(" in path.read_text()
            for path in Path(config.path).rglob("*.py")
            if "migrations" not in path.parts
        )
        if not (Path(config.path) / "error_codes.py").exists()
    ]
    assert missing == []


@pytest.mark.django_db
def test_every_operation_a_code_names_is_in_the_schema():
    known = set(operation_names())
    unknown = sorted(
        f"{entry.code}: {operation}"
        for entry in CATALOGUE.values()
        for operation in entry.operations
        if operation not in (PAGES, CONDITIONAL) and operation not in known
    )
    assert unknown == []


def test_the_statuses_follow_one_rule():
    assert CATALOGUE["not_rater"].status == 403  # an authorisation refusal
    assert CATALOGUE["rating_on_behalf"].status == 403
    assert CATALOGUE["assessment_locked"].status == 409  # a state conflict
    assert CATALOGUE["invalid_transition"].status == 409
    assert CATALOGUE["invalid"].status == 400
    assert CATALOGUE["not_found"].status == 404
    assert ApplicationError(assessment_codes.NOT_RATER, "No.").status == 403
    assert ApplicationError("not_rater", "No.").code == "not_rater"


@pytest.mark.django_db
def test_docs_errors_md_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "errors.md").read_text() == markdown(operation_names())
    call_command("error_catalogue", check=True)


def test_every_code_is_in_docs_errors_md():
    text = (ROOT / "docs" / "errors.md").read_text()
    assert [code for code in CATALOGUE if f"`{code}`" not in text] == []


@pytest.mark.django_db
def test_the_schema_lists_the_codes_of_each_operation():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    ratings = schema["paths"]["/api/v1/assessments/{id}/ratings"]["put"]
    assert {"not_rater", "rating_on_behalf", "assessment_locked", "invalid"} <= set(
        ratings["x-error-codes"]
    )
    assert "`rating_on_behalf`" in ratings["responses"]["403"]["description"]
    assert "`assessment_locked`" in ratings["responses"]["409"]["description"]
    listing = schema["paths"]["/api/v1/employees"]["get"]
    assert "assessment_locked" not in listing["x-error-codes"]
    assert {"invalid", "not_authenticated", "permission_denied"} <= set(listing["x-error-codes"])
    # Per operation, not per resource: reading ratings is never refused as a rater's write,
    # and only ending an assignment can find it ended.
    reading = schema["paths"]["/api/v1/assessments/{id}/ratings"]["get"]
    assert "not_rater" not in reading["x-error-codes"]
    submit = schema["paths"]["/api/v1/assessments/{id}/submit"]["post"]
    assert "incomplete" in submit["x-error-codes"]
    assert "incomplete" not in ratings["x-error-codes"]
    end = schema["paths"]["/api/v1/job-role-assignments/{id}/end"]["post"]
    assign = schema["paths"]["/api/v1/job-role-assignments"]["post"]
    assert "assignment_ended" in end["x-error-codes"]
    assert "assignment_ended" not in assign["x-error-codes"]
    assert "unknown_reference" in assign["x-error-codes"]
    download = schema["paths"]["/api/v1/personal-data-exports/{id}/download"]["get"]
    assert "gone" in download["x-error-codes"]
    assert "gone" not in schema["paths"]["/api/v1/employees"]["post"]["x-error-codes"]
    patch = schema["paths"]["/api/v1/employees/{id}"]["patch"]
    assert "precondition_failed" in patch["x-error-codes"]
    assert (
        "precondition_failed" not in schema["paths"]["/api/v1/employees"]["post"]["x-error-codes"]
    )
