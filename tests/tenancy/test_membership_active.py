"""An inactive membership (a deactivated person) keeps its role but grants nothing: no session
acts in its organization, the switcher does not offer it, and sign-in needs an active one."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from plms.tenancy.middleware import SESSION_KEY
from plms.tenancy.models import Membership
from plms.tenancy.selectors import membership_for_session, memberships_for_user
from tests import factories
from tests.conftest import in_org

PASSWORD = "pass-word-123"  # tests.factories.UserFactory


def _deactivate(membership: Membership) -> None:
    """As `member_sign_in_revoke` does: a save (the cached memberships follow saves)."""
    with in_org(membership.organization_id):
        membership.active = False
        membership.save(update_fields=["active"])


def _join(organization, user, **fields) -> Membership:
    with in_org(organization):
        return Membership.objects.create(organization=organization, user=user, **fields)


def test_memberships_for_user_leave_out_inactive_ones(org_a, org_b):
    person = factories.member(org_a, role="admin", email="p@a.example")
    in_b = _join(org_b, person.user)
    _deactivate(person.membership)

    assert list(memberships_for_user(user=person.user)) == [in_b]
    # A session that had chosen the inactive organization moves to the active one.
    assert membership_for_session(user=person.user, organization_id=org_a.pk) == in_b


def test_a_session_with_only_an_inactive_membership_gets_the_no_organization_page(org_a, client):
    person = factories.member(org_a, role="admin", email="p@a.example")
    client.force_login(person.user)
    assert client.get("/").status_code == 200
    _deactivate(person.membership)

    assert client.get("/").status_code == 403
    assert client.get("/people/").status_code == 403  # member_required pages
    assert client.get("/api/v1/me").status_code == 403


def test_sign_in_needs_an_active_membership(org_a, client):
    person = factories.member(org_a, email="p@a.example")
    _deactivate(person.membership)
    response = client.post("/accounts/login/", {"username": "p@a.example", "password": PASSWORD})
    assert response.status_code == 200
    assert "no longer has access" in response.content.decode()
    assert "_auth_user_id" not in client.session

    with in_org(org_a):
        person.membership.active = True
        person.membership.save(update_fields=["active"])
    response = client.post("/accounts/login/", {"username": "p@a.example", "password": PASSWORD})
    assert response.status_code == 302


def test_the_switcher_offers_only_active_memberships(org_a, org_b, client):
    org_c = factories.OrganizationFactory(slug="org-c", name="Organization C")
    person = factories.member(org_a, email="p@a.example")
    _join(org_b, person.user)
    left = _join(org_c, person.user, role="admin")
    _deactivate(left)
    client.force_login(person.user)

    page = client.get("/").content.decode()
    assert str(org_b.uuid) in page and str(org_a.uuid) in page
    assert str(org_c.uuid) not in page

    response = client.post("/accounts/switch-organization/", {"organization": str(org_c.uuid)})
    assert response.status_code == 404
    response = client.post("/accounts/switch-organization/", {"organization": str(org_b.uuid)})
    assert response.status_code == 302 and client.session[SESSION_KEY] == org_b.pk


def test_a_single_active_membership_shows_no_switcher(org_a, org_b, client):
    person = factories.member(org_a, email="p@a.example")
    _deactivate(_join(org_b, person.user))
    client.force_login(person.user)
    page = client.get("/").content.decode()
    assert 'id="org-switch"' not in page and str(org_b.uuid) not in page


def test_the_switcher_reads_memberships_in_one_query(org_a, client):
    person = factories.member(org_a, email="p@a.example")
    client.force_login(person.user)
    client.get("/")  # the first request of a session does some one-off work

    def queries_with(count: int) -> int:
        for index in range(len(memberships_for_user(user=person.user)), count):
            org = factories.OrganizationFactory(slug=f"org-x{index}")
            _join(org, person.user)
        with CaptureQueriesContext(connection) as context:
            assert client.get("/").status_code == 200
        return len(context.captured_queries)

    assert queries_with(2) == queries_with(6)
