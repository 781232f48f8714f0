import re

from django.core import mail

from plms.people.services import invitation_send
from plms.tenancy.actors import Actor
from plms.tenancy.models import Membership
from tests.conftest import in_org
from tests.factories import EmployeeFactory


def test_an_invited_employee_creates_their_sign_in(
    client, org_a, hr_admin, django_capture_on_commit_callbacks
):
    newcomer = EmployeeFactory(organization=org_a, email="new@a.example", first_name="Nia")
    with in_org(org_a), django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            actor=Actor(organization=org_a, membership=hr_admin.membership), employee=newcomer
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@a.example"]
    link = re.search(r"http://\S+/accounts/invitations/org-a/\S+/", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else link

    assert client.get(path).status_code == 200
    mismatch = client.post(
        path, {"full_name": "Nia N", "password1": "a-Long-pass-77", "password2": "x"}
    )
    assert "The two passwords differ." in mismatch.content.decode()
    response = client.post(
        path, {"full_name": "Nia N", "password1": "a-Long-pass-77", "password2": "a-Long-pass-77"}
    )
    assert response.status_code == 302
    assert client.get("/api/v1/me").json()["employee"] == str(newcomer.uuid)
    with in_org(org_a):
        assert Membership.objects.get(user__email="new@a.example").role == "member"
    client.logout()
    assert client.get(path).status_code == 404, "a used link does not work twice"


def test_invitations_are_for_admins_and_not_for_people_who_joined(login_client, hr_admin, employee):
    client = login_client(employee)
    assert client.post(f"/people/{employee.employee.uuid}/invite/").status_code == 403
    client = login_client(hr_admin)
    response = client.post(f"/people/{employee.employee.uuid}/invite/", follow=True)
    assert "has already joined" in response.content.decode()
    assert mail.outbox == []


def test_an_invitation_link_for_another_organization_is_404(
    client, org_a, org_b, hr_admin, django_capture_on_commit_callbacks
):
    newcomer = EmployeeFactory(organization=org_a, email="new@a.example")
    with in_org(org_a), django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            actor=Actor(organization=org_a, membership=hr_admin.membership), employee=newcomer
        )
    link = re.search(r"/accounts/invitations/org-a/(\S+)/", mail.outbox[0].body)
    assert client.get(f"/accounts/invitations/org-b/{link.group(1)}/").status_code == 404
