"""The surveys API: HR builds and schedules, people answer write-only, results are suppressed
under any combination of filters; isolation, errors and query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import SurveyResponse
from tests import factories
from tests.conftest import in_org
from tests.surveys.conftest import fill, keys
from tests.surveys.factories import SurveyFactory, SurveyQuestionFactory, SurveyRoundFactory

URL = "/api/v1/surveys"


def _session(member):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(member.user)
    return client


@pytest.fixture
def scheduled(key_client_a):
    response = key_client_a.post(
        f"{URL}/",
        {
            "name": "Monthly pulse",
            "recurrence": "monthly",
            "questions": [
                {"library_key": "enps"},
                {"library_key": "engagement_growth"},
                {
                    "text": "Where do you work from?",
                    "kind": "choice",
                    "choices": ["Home", "Office"],
                },
                {"library_key": "comment"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    survey = response.json()
    assert survey["status"] == "draft"
    assert [q["kind"] for q in survey["questions"]] == ["enps", "scale", "choice", "text"]
    response = key_client_a.post(f"{URL}/{survey['id']}/schedule/", format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def _answers(survey, enps=9):
    q = {question["kind"]: question["id"] for question in survey["questions"]}
    return {q["enps"]: enps, q["scale"]: 4, q["choice"]: "Home", q["text"]: "Quieter rooms"}


def test_hr_schedules_and_a_person_answers_once_without_reading_back(org_a, scheduled, employee):
    assert scheduled["status"] == "scheduled"
    assert [r["number"] for r in scheduled["rounds"]] == [1]
    client = _session(employee)
    body = {"survey": scheduled["id"], "answers": _answers(scheduled)}
    response = client.post("/api/v1/survey-responses/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json() == {"survey": scheduled["id"], "round": 1}
    again = client.post("/api/v1/survey-responses/", body, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_answered"
    # Write-only: no list, no object route.
    assert client.get("/api/v1/survey-responses/").status_code == 405
    with in_org(org_a):
        response_id = SurveyResponse.objects.get().uuid
    assert client.get(f"/api/v1/survey-responses/{response_id}/").status_code == 404


def test_invalid_answers_are_a_400_per_question(scheduled, employee):
    q = {question["kind"]: question["id"] for question in scheduled["questions"]}
    response = _session(employee).post(
        "/api/v1/survey-responses/",
        {"survey": scheduled["id"], "answers": {q["enps"]: 12, q["choice"]: "Moon"}},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert {f"answers.{q['enps']}", f"answers.{q['choice']}", f"answers.{q['scale']}"} <= set(
        body["fields"]
    )


def test_members_cannot_build_surveys(employee):
    response = _session(employee).post(
        f"{URL}/", {"name": "X", "questions": [{"library_key": "enps"}]}, format="json"
    )
    assert response.status_code == 403


def test_members_list_only_the_scheduled_surveys_addressed_to_them(
    org_a, scheduled, employee, key_client_a
):
    SurveyFactory(organization=org_a, name="Draft", status="draft")
    SurveyFactory(
        organization=org_a,
        name="Others",
        audience="people",
        audience_ids=["00000000-0000-0000-0000-000000000001"],
    )
    names = [s["name"] for s in _session(employee).get(f"{URL}/").json()["results"]]
    assert names == ["Monthly pulse"]
    assert len(key_client_a.get(f"{URL}/").json()["results"]) == 3


def test_results_are_suppressed_below_the_minimum_and_under_combined_filters(
    org_a, key_client_a, hr_admin, pulse, open_round, departments
):
    lead = factories.EmployeeFactory(organization=org_a)
    sales, support = departments["Sales"], departments["Support"]
    fill(open_round, department=sales, team=lead, enps=[10] * 5, comments=["x"] * 5)
    fill(open_round, department=sales, enps=[0], comments=["mine alone"])
    fill(open_round, department=support, enps=[9] * 5)
    fill(open_round, department=departments["Legal"], enps=[0, 0])
    base = f"/api/v1/survey-results/?survey={pulse.uuid}"
    rows = key_client_a.get(f"{base}&by=department").json()["results"]
    by = {row["department"]: row for row in rows}
    assert by[None]["responses"] == 13 and not by[None]["suppressed"]
    assert by[str(sales.uuid)]["responses"] == 6
    # Legal has two; Support (5) would let Legal be subtracted out: both suppressed.
    assert by[str(departments["Legal"].uuid)]["reason"] == "below_minimum"
    assert by[str(support.uuid)]["reason"] == "complement"
    for row in (by[str(support.uuid)], by[str(departments["Legal"].uuid)]):
        assert row["suppressed"] and row["enps"] is None and row["responses"] is None
        assert row["questions"] == [] and row["comments"] == []
    # Sales x the lead's team is 5, but Sales minus it is one person: suppressed.
    cell = key_client_a.get(f"{base}&department={sales.uuid}&team={lead.uuid}").json()
    assert cell["results"][0]["suppressed"]
    # A single round asked for directly is the same cell.
    one = key_client_a.get(f"{base}&round={open_round.uuid}&department={support.uuid}").json()
    assert one["results"][0]["reason"] == "complement"
    everyone = by[None]
    assert "mine alone" in everyone["comments"]  # within a group of 13
    assert everyone["enps"]["promoters"] == 10 and everyone["enps"]["detractors"] == 3


def test_a_manager_reads_only_their_team_and_an_employee_nothing(
    org_a, hr_admin, manager, employee, pulse, open_round
):
    other = factories.member(org_a, email="lead2@a.example", manager=hr_admin.employee)
    factories.member(org_a, manager=other.employee)
    fill(open_round, team=manager.employee, enps=[10] * 5)
    fill(open_round, team=other.employee, enps=[0] * 6)
    base = f"/api/v1/survey-results/?survey={pulse.uuid}"
    rows = _session(manager).get(f"{base}&team={other.employee.uuid}").json()["results"]
    assert [(r["team"], r["responses"]) for r in rows] == [(str(manager.employee.uuid), 5)]
    assert _session(employee).get(base).json()["results"] == []


@pytest.mark.parametrize(
    "query",
    ["", "survey=nope", "survey={s}&by=person", "survey={s}&colour=red", "survey={s}&round=x"],
)
def test_malformed_result_queries_are_a_400(key_client_a, pulse, query):
    response = key_client_a.get(f"/api/v1/survey-results/?{query.format(s=pulse.uuid)}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_another_organisation_sees_none_of_it(org_a, key_client_b, pulse, open_round):
    fill(open_round, enps=[10] * 6)
    assert key_client_b.get(f"{URL}/{pulse.uuid}/").status_code == 404
    assert key_client_b.get(f"{URL}/").json()["results"] == []
    response = key_client_b.get(f"/api/v1/survey-results/?survey={pulse.uuid}")
    assert response.status_code == 400  # not a survey of theirs
    response = key_client_b.post(
        "/api/v1/survey-responses/", {"survey": str(pulse.uuid), "answers": {}}, format="json"
    )
    assert response.status_code == 400


def _grow_surveys(org, n):
    for _ in range(n):
        survey = SurveyFactory(organization=org)
        SurveyQuestionFactory(organization=org, survey=survey)
        SurveyRoundFactory(organization=org, survey=survey)


def test_the_survey_list_keeps_its_queries(org_a, key_client_a):
    _grow_surveys(org_a, 2)
    key_client_a.get(f"{URL}/")
    with CaptureQueriesContext(connection) as small:
        assert key_client_a.get(f"{URL}/").status_code == 200
    _grow_surveys(org_a, 5)
    with CaptureQueriesContext(connection) as large:
        response = key_client_a.get(f"{URL}/")
    assert len(response.json()["results"]) == 7
    assert len(small) == len(large)


def test_results_keep_their_queries_whatever_the_responses_and_rounds(
    org_a, key_client_a, pulse, departments
):
    round_one = SurveyRoundFactory(organization=org_a, survey=pulse, number=1)
    fill(round_one, department=departments["Sales"], enps=[9] * 5)
    url = f"/api/v1/survey-results/?survey={pulse.uuid}&by=department"
    key_client_a.get(url)
    with CaptureQueriesContext(connection) as small:
        assert key_client_a.get(url).status_code == 200
    for n in range(2, 5):
        extra = SurveyRoundFactory(organization=org_a, survey=pulse, number=n)
        for department in departments.values():
            fill(extra, department=department, enps=[8] * 6)
    with CaptureQueriesContext(connection) as large:
        response = key_client_a.get(url)
    assert len(response.json()["results"]) == 16
    assert len(small) == len(large)


def test_a_draft_survey_can_be_updated_and_then_not(key_client_a, scheduled):
    response = key_client_a.patch(f"{URL}/{scheduled['id']}/", {"name": "New"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "survey_not_draft"


def test_unknown_fields_are_refused(key_client_a):
    response = key_client_a.post(
        f"{URL}/",
        {"name": "X", "questions": [{"library_key": "enps"}], "colour": "red"},
        format="json",
    )
    assert response.status_code == 400
    assert "colour" in response.json()["fields"]


def test_keys_are_the_documented(pulse):
    assert set(keys(pulse)) == {"enps", "engagement_proud", "comment"}
