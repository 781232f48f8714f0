"""Survey pages: HR builds, schedules and reads; people answer once; managers see only their
team above the minimum; empty states and validation messages; constant queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from surveys.models import Survey, SurveyAction, SurveyResponse
from tests import factories
from tests.conftest import in_org
from tests.surveys.conftest import fill
from tests.surveys.factories import SurveyFactory, SurveyQuestionFactory, SurveyRoundFactory


def _text(response) -> str:
    return response.content.decode()


def test_hr_builds_a_pulse_from_the_library_and_schedules_it(org_a, hr_admin, employee, client):
    client.force_login(hr_admin.user)
    page = client.get(reverse("surveys:new"))
    assert page.status_code == 200
    assert "How likely are you to recommend this organisation" in _text(page)
    response = client.post(
        reverse("surveys:new"),
        {
            "name": "Monthly pulse",
            "library": ["enps", "engagement_growth", "comment"],
            "audience": "everyone",
            "recurrence": "monthly",
            "open_days": 7,
            "own_1_text": "Which office do you use most?",
            "own_1_kind": "choice",
            "own_1_choices": "North, South",
        },
    )
    assert response.status_code == 302
    with in_org(org_a):
        survey = Survey.objects.get()
        kinds = list(survey.questions.order_by("position").values_list("kind", flat=True))
    assert kinds == ["enps", "scale", "choice", "text"]  # the comment last
    detail = client.get(response["Location"])
    assert "Schedule" in _text(detail)
    client.post(reverse("surveys:schedule", args=[survey.uuid]))
    detail = client.get(reverse("surveys:detail", args=[survey.uuid]))
    assert "Scheduled" in _text(detail)
    assert "<td>1</td>" in _text(detail)  # round 1 opened


def test_the_survey_form_explains_what_is_missing(org_a, hr_admin, client):
    client.force_login(hr_admin.user)
    response = client.post(
        reverse("surveys:new"),
        {
            "name": "",
            "audience": "departments",
            "recurrence": "monthly",
            "open_days": 7,
            "own_1_text": "Pick one",
            "own_1_kind": "choice",
            "own_1_choices": "Only",
        },
    )
    text = _text(response)
    assert response.status_code == 200
    assert "This field is required." in text
    assert "Give two or more choices." in text
    with in_org(org_a):
        assert not Survey.objects.exists()
    # A valid form whose audience names nobody: the service's message, under its field.
    response = client.post(
        reverse("surveys:new"),
        {
            "name": "X",
            "library": ["enps"],
            "audience": "departments",
            "recurrence": "once",
            "open_days": 7,
        },
    )
    assert "Choose at least one." in _text(response)


def test_empty_states(org_a, hr_admin, employee, client):
    client.force_login(hr_admin.user)
    assert "No survey yet." in _text(client.get(reverse("surveys:list")))
    client.force_login(employee.user)
    assert "No survey is open for you right now." in _text(client.get(reverse("surveys:mine")))
    assert "Nobody reports to you" in _text(client.get(reverse("surveys:team")))


def test_people_other_than_hr_cannot_open_hr_pages(org_a, employee, pulse, client):
    client.force_login(employee.user)
    for name in ("surveys:list", "surveys:new", "surveys:settings"):
        assert client.get(reverse(name)).status_code == 403
    for name in ("surveys:detail", "surveys:results", "surveys:actions"):
        assert client.get(reverse(name, args=[pulse.uuid])).status_code == 403


def test_an_employee_answers_once_from_their_surveys_page(
    org_a, employee, manager, pulse, open_round, client
):
    client.force_login(employee.user)
    mine = _text(client.get(reverse("surveys:mine")))
    assert "Monthly pulse" in mine and "Answer the survey" in mine
    url = reverse("surveys:answer", args=[pulse.uuid])
    form = _text(client.get(url))
    assert "I am proud to work for this organisation." in form
    assert "0 = Not at all likely, 10 = Extremely likely" in form
    with in_org(org_a):
        ids = {q.library_key: str(q.uuid) for q in pulse.questions.all()}
    missing = client.post(url, {ids["enps"]: "9"})
    assert missing.status_code == 200
    assert "This field is required." in _text(missing)
    done = client.post(url, {ids["enps"]: "9", ids["engagement_proud"]: "4", ids["comment"]: ""})
    assert done.status_code == 302
    again = client.get(url)
    assert "You have answered this round." in _text(again)
    assert client.post(url, {ids["enps"]: "1", ids["engagement_proud"]: "1"}).status_code == 200
    with in_org(org_a):
        assert SurveyResponse.objects.count() == 1


def test_someone_outside_the_audience_gets_a_404(org_a, hr_admin, employee, client):
    other = factories.DepartmentFactory(organization=org_a)
    survey = SurveyFactory(
        organization=org_a, audience="departments", audience_ids=[str(other.uuid)]
    )
    client.force_login(employee.user)
    assert client.get(reverse("surveys:answer", args=[survey.uuid])).status_code == 404


def test_results_page_hides_small_and_complementary_departments(
    org_a, hr_admin, pulse, open_round, departments, client
):
    fill(open_round, department=departments["Sales"], enps=[10] * 6, comments=["Great team"])
    fill(open_round, department=departments["Support"], enps=[0] * 5, comments=["Support only"])
    fill(open_round, department=departments["Legal"], enps=[9, 9], comments=["Legal secret"])
    client.force_login(hr_admin.user)
    page = _text(client.get(reverse("surveys:results", args=[pulse.uuid])))
    assert "Not shown: fewer than 5 responses." in page
    assert "Not shown: together with the groups shown it would reveal a smaller group." in page
    assert "Great team" in page  # everyone (13) is shown, with its comments in order
    # Asking for a hidden department by the filter shows nothing of it.
    legal = _text(
        client.get(
            reverse("surveys:results", args=[pulse.uuid]),
            {"department": departments["Legal"].uuid, "round": open_round.uuid},
        )
    )
    assert "Legal secret" not in legal and "Not shown: fewer than 5 responses." in legal
    support = _text(
        client.get(
            reverse("surveys:results", args=[pulse.uuid]),
            {"department": departments["Support"].uuid},
        )
    )
    assert "Support only" not in support


def test_a_manager_sees_their_team_only_above_the_minimum(
    org_a, hr_admin, manager, employee, pulse, open_round, client
):
    fill(open_round, team=manager.employee, enps=[10] * 4, comments=["From my team"])
    fill(open_round, team=hr_admin.employee, enps=[0] * 9, comments=["From elsewhere"])
    client.force_login(manager.user)
    page = _text(client.get(reverse("surveys:team")))
    assert "Not shown: fewer than 5 responses." in page
    assert "From my team" not in page and "From elsewhere" not in page
    fill(open_round, team=manager.employee, enps=[10])
    page = _text(client.get(reverse("surveys:team")))
    assert "From my team" in page and "From elsewhere" not in page
    assert "By department" not in page


def test_hr_adds_an_action_and_its_owner_marks_it_done(
    org_a, hr_admin, manager, employee, pulse, client
):
    client.force_login(hr_admin.user)
    url = reverse("surveys:actions", args=[pulse.uuid])
    assert "No action plan yet" in _text(client.get(url))
    past = client.post(
        url,
        {
            "department": "",
            "title": "Retro",
            "owner": manager.employee.uuid,
            "due_on": "2000-01-01",
        },
    )
    assert "The due date has passed." in _text(past)
    due = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        url,
        {
            "department": "",
            "title": "Retro on workload",
            "owner": manager.employee.uuid,
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302
    with in_org(org_a):
        action = SurveyAction.objects.get()
    client.force_login(manager.user)
    assert "Retro on workload" in _text(client.get(reverse("surveys:mine")))
    client.force_login(employee.user)
    assert client.post(reverse("surveys:action_done", args=[action.uuid])).status_code == 404
    client.force_login(manager.user)
    assert client.post(reverse("surveys:action_done", args=[action.uuid])).status_code == 302
    with in_org(org_a):
        action.refresh_from_db()
    assert action.status == "done"


def test_the_action_owner_is_chosen_with_the_person_search(org_a, hr_admin, pulse, client):
    """The owner picker lists a few people (the viewer's colleagues), never the whole
    organisation: the page's queries and size do not grow with it. Anyone active is still
    accepted, found by a search or not; someone who left is refused on the field."""
    client.force_login(hr_admin.user)
    url = reverse("surveys:actions", args=[pulse.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    people = [factories.member(org_a).employee for _ in range(60)]
    with CaptureQueriesContext(connection) as many:
        large = client.get(url)
    assert len(many) == len(few)
    assert large.content.count(b"<option") == small.content.count(b"<option")
    assert 'id="id_owner_search"' in _text(large)
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    with in_org(org_a):
        people[0].active = False
        people[0].save(update_fields=["active"])
    left = client.post(
        url, {"department": "", "title": "Retro", "owner": people[0].uuid, "due_on": due}
    )
    assert "Choose a person." in _text(left)
    added = client.post(
        url, {"department": "", "title": "Retro", "owner": people[-1].uuid, "due_on": due}
    )
    assert added.status_code == 302
    with in_org(org_a):
        assert SurveyAction.objects.get().owner == people[-1]


def test_the_people_picker_says_how_to_fill_it(org_a, hr_admin, client):
    client.force_login(hr_admin.user)
    page = _text(client.get(reverse("surveys:new")))
    assert "When the audience is chosen people. Search by name, then choose." in page


def test_settings_page_refuses_a_minimum_below_three(org_a, hr_admin, client):
    client.force_login(hr_admin.user)
    response = client.post(reverse("surveys:settings"), {"min_group_size": 2})
    assert "Ensure this value is greater than or equal to 3." in _text(response)
    assert client.post(reverse("surveys:settings"), {"min_group_size": 6}).status_code == 302


def _grow(org, n):
    for _ in range(n):
        survey = SurveyFactory(organization=org)
        SurveyQuestionFactory(organization=org, survey=survey)
        SurveyRoundFactory(organization=org, survey=survey)


@pytest.mark.parametrize("name", ["surveys:list", "surveys:team"])
def test_list_pages_keep_their_queries(org_a, hr_admin, manager, employee, client, name):
    client.force_login(hr_admin.user if name == "surveys:list" else manager.user)
    _grow(org_a, 2)
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(name)).status_code == 200
    _grow(org_a, 5)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse(name)).status_code == 200
    assert len(small) == len(large)


def test_the_results_page_keeps_its_queries(org_a, hr_admin, pulse, departments, client):
    client.force_login(hr_admin.user)
    first = SurveyRoundFactory(organization=org_a, survey=pulse, number=1)
    fill(first, department=departments["Sales"], enps=[9] * 5)
    url = reverse("surveys:results", args=[pulse.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(2, 5):
        extra = SurveyRoundFactory(
            organization=org_a,
            survey=pulse,
            number=n,
            opens_at=timezone.now() + datetime.timedelta(days=30 * n),
            closes_at=timezone.now() + datetime.timedelta(days=30 * n + 7),
        )
        for department in departments.values():
            fill(extra, department=department, enps=[8] * 6)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)


def test_the_home_page_lists_an_open_survey_until_it_is_answered(
    org_a, employee, pulse, open_round, client
):
    client.force_login(employee.user)
    home = _text(client.get(reverse("web:home")))
    answer_url = reverse("surveys:answer", args=[pulse.uuid])
    assert f'href="{answer_url}"' in home and "Monthly pulse" in home
    with in_org(org_a):
        ids = {q.library_key: str(q.uuid) for q in pulse.questions.all()}
    client.post(answer_url, {ids["enps"]: "7", ids["engagement_proud"]: "3"})
    assert f'href="{answer_url}"' not in _text(client.get(reverse("web:home")))
