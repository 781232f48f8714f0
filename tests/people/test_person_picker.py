"""The person picker (`plms.people.forms.PersonField`, `people:person_choices`): a few people
to start with, a search over the organisation, and any active person of it as a valid choice."""

from __future__ import annotations

import re

from django.urls import reverse

from goals.models import Feedback, FeedbackRequest
from plms.people.selectors import PERSON_CHOICES_SHOWN
from tests.conftest import in_org
from tests.factories import EmployeeFactory


def _options(html: str) -> list[str]:
    return re.findall(r"<option value=\"[^\"]*\"[^>]*>([^<]*)</option>", html)


def _choices(client, query: str = "") -> list[str]:
    response = client.get(reverse("people:person_choices"), {"q": query})
    assert response.status_code == 200
    return _options(response.content.decode())


def test_search_finds_anyone_active_of_the_organisation_but_the_viewer(
    org_a, org_b, hr_admin, manager, employee, login_client
):
    with in_org(org_a):
        far = EmployeeFactory(organization=org_a, first_name="Quentin", last_name="Farr")
        EmployeeFactory(organization=org_a, first_name="Quentin", last_name="Gone", active=False)
        for n in range(PERSON_CHOICES_SHOWN + 5):
            EmployeeFactory(organization=org_a, first_name="Many", last_name=f"Same{n:02d}")
    with in_org(org_b):
        EmployeeFactory(organization=org_b, first_name="Quentin", last_name="Elsewhere")
    client = login_client(employee)

    assert _choices(client, "quentin") == [f"{far.full_name} — {far.title}"]
    assert len(_choices(client, "many")) == PERSON_CHOICES_SHOWN
    mine = _choices(client, employee.employee.last_name)
    assert not any(employee.employee.full_name in label for label in mine)
    assert (
        "Nothing matches"
        in client.get(reverse("people:person_choices"), {"q": "zzzz"}).content.decode()
    )
    # Without a search: the viewer's colleagues (here the manager), nobody else.
    colleagues = _choices(client)
    assert any(manager.employee.full_name in label for label in colleagues)
    assert not any("Quentin" in label or "Many" in label for label in colleagues)


def test_signed_out_visitors_get_no_names(db, client):
    response = client.get(reverse("people:person_choices"), {"q": "a"})
    assert response.status_code == 302 and "/login" in response.url


def test_the_feedback_form_lists_colleagues_and_accepts_anyone_found(
    org_a, org_b, manager, employee, login_client
):
    with in_org(org_a):
        far = EmployeeFactory(organization=org_a, first_name="Quentin", last_name="Farr")
        gone = EmployeeFactory(organization=org_a, active=False)
    with in_org(org_b):
        elsewhere = EmployeeFactory(organization=org_b)
    client = login_client(employee)
    url = reverse("goals:feedback_give")
    page = client.get(url).content.decode()
    assert manager.employee.full_name in page and far.full_name not in page
    assert 'hx-get="/people/choices/"' in page

    def give(receiver) -> str:
        data = {"receiver": str(receiver.uuid), "kind": "recognition", "visibility": "private"}
        response = client.post(url, {**data, "observation": "Clear handover notes."})
        return "" if response.status_code == 302 else response.content.decode()

    for refused in (gone, elsewhere):
        assert "Choose a person." in give(refused)
    with in_org(org_a):
        assert not Feedback.objects.exists()
    assert give(far) == ""
    with in_org(org_a):
        assert Feedback.objects.get().receiver == far


def test_asking_for_feedback_takes_anyone_found_and_nobody_else(
    org_a, org_b, employee, login_client
):
    with in_org(org_a):
        far = EmployeeFactory(organization=org_a, first_name="Quentin", last_name="Farr")
    with in_org(org_b):
        elsewhere = EmployeeFactory(organization=org_b)
    client = login_client(employee)
    url = reverse("goals:feedback_request")

    refused = client.post(url, {"asked": str(elsewhere.uuid)}, follow=True).content.decode()
    assert "Choose whom to ask." in refused
    with in_org(org_a):
        assert not FeedbackRequest.objects.exists()
    client.post(url, {"asked": str(far.uuid), "message": "The Q3 report"})
    with in_org(org_a):
        assert FeedbackRequest.objects.get().asked == far


AUDIENCE_FORMS = [
    ("/workflows/new/", "people"),
    ("/assessments/cycles/new/", "scope_employees"),
    ("/surveys/new/", "people"),
]


def _select(html: str, name: str) -> list[str]:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert found, f"no picker {name}"
    return _options(found.group(1))


def test_the_audience_pickers_list_no_one_until_searched_whatever_the_size(
    org_a, hr_admin, login_client
):
    """A workflow's, a cycle's and a survey's chosen people: a search and the people chosen,
    not a list of the organisation (10,000 people made these pages megabytes)."""
    client = login_client(hr_admin)
    with in_org(org_a):
        EmployeeFactory.create_batch(30, organization=org_a)
    for url, name in AUDIENCE_FORMS:
        html = client.get(url).content.decode()
        assert _select(html, name) == [], url
        assert 'aria-label="Search people"' in html, url


def test_a_search_keeps_the_people_chosen_and_refuses_unknown_ones(
    org_a, org_b, hr_admin, employee, login_client
):
    with in_org(org_a):
        chosen = EmployeeFactory(organization=org_a, first_name="Ottilie", last_name="Kept")
        EmployeeFactory(organization=org_a, first_name="Quentin", last_name="Found")
    with in_org(org_b):
        stranger = EmployeeFactory(organization=org_b, first_name="Quentin", last_name="Away")
    client = login_client(hr_admin)
    response = client.get(
        reverse("people:person_choices"), {"q": "quentin", "keep": "people", "people": chosen.uuid}
    )
    html = response.content.decode()
    assert re.search(rf'<option value="{chosen.uuid}" selected>', html)
    assert "Quentin Found" in html and "Away" not in html
    # A posted form lists its chosen people again, and refuses anyone not an active person
    # of the organisation.
    for person, accepted in ((chosen, True), (stranger, False)):
        page = client.post(
            "/surveys/new/", {"name": "Pulse", "audience": "people", "people": [person.uuid]}
        ).content.decode()
        assert ("Choose active people of the organisation." in page) is not accepted
        assert any("Ottilie Kept" in option for option in _select(page, "people")) is accepted
