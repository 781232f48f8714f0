import os
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from openapi_spec_validator import validate

from plms.tenancy.models import Membership, Organization
from tests.conftest import in_org


def test_create_org_creates_the_organization_and_its_admin(db):
    out = StringIO()
    call_command(
        "create_org",
        "globex",
        "--name",
        "Globex",
        "--admin-email",
        "Boss@Globex.example",
        "--password",
        "pw-12345-abc",
        stdout=out,
    )
    organization = Organization.objects.get(slug="globex")
    with in_org(organization):
        membership = Membership.objects.select_related("user").get(organization=organization)
    assert (membership.role, membership.user.email) == ("admin", "boss@globex.example")
    assert membership.user.check_password("pw-12345-abc")
    with pytest.raises(CommandError, match="taken"):
        call_command("create_org", "globex", "--name", "Again", "--admin-email", "x@globex.example")


def test_the_openapi_schema_is_valid_and_documents_auth_and_resources(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert schema["components"]["securitySchemes"]["ApiKey"]["scheme"] == "bearer"
    assert {
        "/api/v1/me",
        "/api/v1/employees",
        "/api/v1/employees/{id}",
        "/api/v1/departments",
    } <= set(schema["paths"])


def test_the_interactive_docs_page_is_served(client, db):
    assert client.get("/api/docs/").status_code == 200


def test_the_openapi_schema_generates_without_warnings(capsys):
    """Warnings (an enum name collision, an unresolvable serializer) fail `check --deploy`."""
    call_command("spectacular", "--file", os.devnull, "--fail-on-warn")
    assert "Warning" not in capsys.readouterr().err
