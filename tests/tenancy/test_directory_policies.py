"""The directory tables (memberships, API keys) are read before an organization is active, so
they cannot carry the tenant policy; they carry the narrowest one that still allows those
reads. Raw SQL as the application role, outside those paths, sees nothing."""

from __future__ import annotations

import pytest
from django.db import ProgrammingError, connection, transaction

from plms.tenancy.context import user_scope
from plms.tenancy.models import Membership
from plms.tenancy.rls import rls_problems
from plms.tenancy.selectors import api_key_for_secret, memberships_for_user
from plms.tenancy.services import api_key_create
from tests import factories
from tests.conftest import in_org

pytestmark = pytest.mark.postgres


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.fixture
def directory(org_a, org_b):
    both = factories.member(org_a, email="both@a.example")
    with in_org(org_b):
        Membership.objects.create(organization=org_b, user=both.user)
    only_b = factories.member(org_b, email="only@b.example")
    key_a, secret_a = api_key_create(organization=org_a, name="a", scopes=["people:read"])
    key_b, _ = api_key_create(organization=org_b, name="b", scopes=["people:read"])
    return {"both": both, "only_b": only_b, "key_a": key_a, "secret_a": secret_a, "key_b": key_b}


def test_outside_every_path_nothing_is_seen(directory):
    assert _rows("SELECT id FROM tenancy_membership") == []
    assert _rows("SELECT id FROM tenancy_apikey") == []


def test_an_organization_sees_its_own_directory_only(directory, org_a, org_b):
    with in_org(org_b):
        memberships = _rows("SELECT DISTINCT organization_id FROM tenancy_membership")
        keys = _rows("SELECT DISTINCT organization_id FROM tenancy_apikey")
    assert memberships == [(org_b.pk,)] and keys == [(org_b.pk,)]


def test_a_signed_in_user_sees_their_own_memberships_only(directory, org_a, org_b):
    user = directory["both"].user
    with user_scope(user.pk):
        rows = _rows("SELECT user_id, organization_id FROM tenancy_membership ORDER BY 2")
        keys = _rows("SELECT id FROM tenancy_apikey")
    assert rows == [(user.pk, org_a.pk), (user.pk, org_b.pk)]
    assert keys == []
    assert [m.organization for m in memberships_for_user(user=user)] == [org_a, org_b]
    assert _rows("SELECT id FROM tenancy_membership") == []  # the scope ended


def test_a_presented_key_is_found_by_its_prefix_and_nothing_else_leaks(directory, org_a):
    key, error = api_key_for_secret(secret=directory["secret_a"])
    assert error is None and key.pk == directory["key_a"].pk and key.organization == org_a
    with transaction.atomic():
        found = _rows("SELECT id FROM tenancy_api_key_by_prefix(%s)", [directory["key_a"].prefix])
        # The function lifted the policy for its own query only.
        assert _rows("SELECT id FROM tenancy_apikey") == []
    assert found == [(directory["key_a"].pk,)]
    assert _rows("SELECT id FROM tenancy_api_key_by_prefix(%s)", ["no-such-prefix"]) == []


def test_rows_cannot_be_written_into_another_organization(directory, org_a, org_b):
    for statement in (
        "UPDATE tenancy_membership SET organization_id = %s",
        "UPDATE tenancy_apikey SET organization_id = %s",
    ):
        with (
            in_org(org_b),
            pytest.raises(ProgrammingError, match="row-level security"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [org_a.pk])
    with in_org(org_a):
        assert _rows("SELECT count(*) FROM tenancy_apikey") == [(1,)]


def test_the_check_knows_the_directory_policies(db):
    assert [p for p in rls_problems() if p.table.startswith("tenancy_")] == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT policyname FROM pg_policies WHERE tablename = 'tenancy_apikey'")
        assert cursor.fetchall() == [("directory_access",)]
