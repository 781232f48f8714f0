"""The memberships every signed-in request acts in are kept in the cache: each change to
them, or to an organization they name, shows on the next request. (Writes are committed
here, as a request's are: until its commit, a change's user is not cached.)"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from plms.tenancy.models import Membership
from plms.tenancy.selectors import (
    ORGANIZATIONS_VERSION_KEY,
    _memberships_key,
    memberships_for_user,
)
from plms.tenancy.services import membership_set
from tests import factories
from tests.conftest import in_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose on-commit work runs at its end, as a request's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def person(org_a, committed):
    with committed():
        return factories.member(org_a, email="p@a.example")


def _membership_reads(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        memberships_for_user(user=user)
    return len([q for q in queries.captured_queries if "tenancy_membership" in q["sql"]])


def _choices(user) -> list[tuple[str, str, bool]]:
    return sorted(
        (m.organization.name, m.role, m.is_admin) for m in memberships_for_user(user=user)
    )


def test_memberships_are_read_once_then_from_the_cache(person):
    assert _membership_reads(person.user) == 1
    assert _membership_reads(person.user) == 0
    assert _choices(person.user) == [("Organization A", "member", False)]


def test_a_new_membership_a_role_change_and_a_deactivation_show_at_once(
    org_a, org_b, person, committed
):
    assert _choices(person.user) == [("Organization A", "member", False)]
    with committed():
        membership_set(organization=org_b, user=person.user, role="member")
    assert _choices(person.user) == [
        ("Organization A", "member", False),
        ("Organization B", "member", False),
    ]
    with committed():
        membership_set(organization=org_a, user=person.user, role="admin")
    assert ("Organization A", "admin", True) in _choices(person.user)
    with committed(), in_org(org_b):
        membership = Membership.objects.get(organization=org_b, user=person.user)
        membership.active = False
        membership.save(update_fields=["active"])
    assert _choices(person.user) == [("Organization A", "admin", True)]
    assert _membership_reads(person.user) == 0  # and cached again


def test_a_deleted_membership_shows_at_once(org_b, person, committed):
    with committed():
        membership_set(organization=org_b, user=person.user, role="member")
    assert len(_choices(person.user)) == 2
    with committed(), in_org(org_b):
        Membership.objects.filter(organization=org_b, user=person.user).delete()
    assert _choices(person.user) == [("Organization A", "member", False)]


def test_a_renamed_organization_shows_at_once(org_a, person, committed):
    assert _choices(person.user) == [("Organization A", "member", False)]
    with committed():
        org_a.name = "Renamed"
        org_a.save(update_fields=["name"])
    assert _choices(person.user) == [("Renamed", "member", False)]


def test_a_change_under_way_is_forgotten_again_at_its_commit(org_a, person, committed):
    """A request that read the memberships before a change committed cached the old ones;
    the commit forgets them."""
    old = memberships_for_user(user=person.user)
    with committed(), in_org(org_a):
        membership = Membership.objects.get(pk=person.membership.pk)
        membership.role = "admin"
        membership.save(update_fields=["role"])
        cache.set(_memberships_key(person.user.pk), (cache.get(ORGANIZATIONS_VERSION_KEY), old))
        assert _choices(person.user) == [("Organization A", "member", False)]
    assert _choices(person.user) == [("Organization A", "admin", True)]


def test_a_membership_read_before_its_rollback_is_not_kept(org_b, person):
    with pytest.raises(RuntimeError), transaction.atomic():
        membership_set(organization=org_b, user=person.user, role="admin")
        assert len(_choices(person.user)) == 2  # read inside the transaction
        raise RuntimeError("the request fails")
    assert _choices(person.user) == [("Organization A", "member", False)]


def test_signed_in_pages_read_no_membership_once_cached(person, client):
    client.force_login(person.user)
    client.get("/notifications/settings/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/notifications/settings/").status_code == 200
    assert not [q for q in queries.captured_queries if "tenancy_membership" in q["sql"]]
