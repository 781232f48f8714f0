"""The catalogue of error codes is the one place codes are defined: every code the services
raise is in it with one status, docs/errors.md is generated from it, and the schema lists the
codes of each operation from it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from plms.common import error_codes
from plms.common.error_codes import CATALOGUE, markdown
from plms.common.errors import ApplicationError

ROOT = Path(__file__).resolve().parents[2]
APPS = ("assessments", "capabilities", "goals", "learning", "workflows", "plms")


def _raised_codes():
    """(place, code, explicit status) of every `ApplicationError(...)` in the code base; the
    code is resolved through module constants and the catalogue's names."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            constants = {
                node.targets[0].id: node.value.value
                for node in tree.body
                if isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant)
            }
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
                    yield place, argument.value, status
                elif name in constants:
                    yield place, constants[name], status
                elif isinstance(getattr(error_codes, name, None), error_codes.ErrorCode):
                    yield place, getattr(error_codes, name).code, status
                else:
                    yield place, None, status  # computed: from the codes collected beside it


def test_every_raised_code_is_catalogued_with_one_status():
    problems = []
    for place, code, status in _raised_codes():
        if code is None:
            continue
        entry = CATALOGUE.get(code)
        if entry is None:
            problems.append(f"{place}: {code!r} is not in plms/common/error_codes.py")
        elif status is not None and status != entry.status:
            problems.append(f"{place}: {code} answers {status}, the catalogue says {entry.status}")
    assert problems == []


def test_the_statuses_follow_one_rule():
    assert CATALOGUE["not_rater"].status == 403  # an authorisation refusal
    assert CATALOGUE["rating_on_behalf"].status == 403
    assert CATALOGUE["assessment_locked"].status == 409  # a state conflict
    assert CATALOGUE["invalid_transition"].status == 409
    assert CATALOGUE["invalid"].status == 400
    assert CATALOGUE["not_found"].status == 404
    assert ApplicationError(error_codes.NOT_RATER, "No.").status == 403
    assert ApplicationError("not_rater", "No.").code == "not_rater"


def test_docs_errors_md_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "errors.md").read_text() == markdown()
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
