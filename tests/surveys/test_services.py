"""Building, scheduling and answering surveys: anonymity of the stored answer, answering once,
validation."""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.utils import timezone

from plms.common.errors import ApplicationError, PermissionDenied
from surveys import services
from surveys.error_codes import (
    ALREADY_ANSWERED,
    INVALID,
    NOT_IN_AUDIENCE,
    ROUND_NOT_OPEN,
    SURVEY_NOT_DRAFT,
)
from surveys.models import (
    Survey,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
    SurveyRound,
)
from tests import factories
from tests.conftest import in_org
from tests.surveys.conftest import actor_of, keys
from workflows.models import Notification, WorkflowTemplate


def test_a_survey_takes_library_questions_and_its_own(org_a, hr_admin):
    with in_org(org_a):
        survey = services.survey_create(
            actor=actor_of(hr_admin),
            name="Engagement",
            questions=[
                {"library_key": "enps"},
                {
                    "text": "Which office do you work from?",
                    "kind": "choice",
                    "choices": ["North", "South"],
                },
                {"text": "Anything else?", "kind": "text"},
                {"text": "I can focus at work.", "kind": "scale", "required": False},
            ],
        )
        questions = list(survey.questions.order_by("position"))
    assert [q.kind for q in questions] == ["enps", "choice", "text", "scale"]
    assert (questions[0].scale_min, questions[0].scale_max) == (0, 10)
    assert questions[0].library_key == "enps"
    assert questions[1].choices == ["North", "South"]
    # Only open text may be skipped: a scale is required whatever was asked.
    assert [q.required for q in questions] == [True, True, False, True]
    assert survey.status == Survey.Status.DRAFT


@pytest.mark.parametrize(
    "question, field",
    [
        ({"library_key": "nope"}, "questions[0]"),
        ({"text": "Pick", "kind": "choice", "choices": ["Only one"]}, "questions[0]"),
        ({"text": "", "kind": "scale"}, "questions[0]"),
        ({"text": "Wide", "kind": "scale", "scale_min": 1, "scale_max": 20}, "questions[0]"),
    ],
)
def test_invalid_questions_are_refused_by_field(org_a, hr_admin, question, field):
    with in_org(org_a), pytest.raises(ApplicationError) as caught:
        services.survey_create(actor=actor_of(hr_admin), name="X", questions=[question])
    assert caught.value.code == INVALID
    assert field in caught.value.fields


def test_only_hr_builds_surveys(org_a, employee):
    with in_org(org_a), pytest.raises(PermissionDenied):
        services.survey_create(
            actor=actor_of(employee), name="X", questions=[{"library_key": "enps"}]
        )


def test_an_audience_names_only_this_organisations_departments(org_a, org_b, hr_admin):
    elsewhere = factories.DepartmentFactory(organization=org_b)
    with in_org(org_a), pytest.raises(ApplicationError) as caught:
        services.survey_create(
            actor=actor_of(hr_admin),
            name="X",
            questions=[{"library_key": "enps"}],
            audience="departments",
            audience_ids=[str(elsewhere.uuid)],
        )
    assert "audience_ids" in caught.value.fields


def test_an_answer_is_stored_without_the_person(org_a, pulse, open_round, employee, manager):
    ids = keys(pulse)
    with in_org(org_a):
        services.response_submit(
            actor=actor_of(employee),
            survey=pulse,
            answers={ids["enps"]: 9, ids["engagement_proud"]: 5, ids["comment"]: "More focus"},
        )
        response = SurveyResponse.objects.get()
        assert SurveyParticipation.objects.filter(employee=employee.employee).count() == 1
        open_round.refresh_from_db()
    assert open_round.responses_count == 1
    # The response counts in the person's department and team, and says nothing else of them.
    assert response.team_manager_id == manager.employee.pk
    assert response.department_id == employee.employee.department_id
    person_fields = [
        f.name
        for f in SurveyResponse._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.related_model.__name__ in ("Employee", "User")
    ]
    assert person_fields == ["team_manager"]
    times = [
        f.name
        for f in SurveyResponse._meta.get_fields()
        if isinstance(f, models.DateField | models.DateTimeField)
    ]
    assert times == []
    participation_fields = {f.name for f in SurveyParticipation._meta.concrete_fields}
    assert participation_fields == {"id", "organization", "uuid", "round", "employee"}


def test_response_ids_do_not_follow_the_order_of_arrival(org_a, pulse, open_round):
    people = [factories.member(org_a) for _ in range(8)]
    ids = keys(pulse)
    with in_org(org_a):
        for person in people:
            services.response_submit(
                actor=actor_of(person),
                survey=pulse,
                answers={ids["enps"]: 5, ids["engagement_proud"]: 3},
            )
        response_ids = list(SurveyResponse.objects.values_list("id", flat=True))
    # Random 62-bit ids: sorted by id they are not in the order they arrived in.
    assert len(set(response_ids)) == 8
    assert min(response_ids) > 10**9


def test_a_person_answers_a_round_once(org_a, pulse, open_round, employee):
    ids = keys(pulse)
    answers = {ids["enps"]: 9, ids["engagement_proud"]: 5}
    with in_org(org_a):
        services.response_submit(actor=actor_of(employee), survey=pulse, answers=answers)
        with pytest.raises(ApplicationError) as caught:
            services.response_submit(actor=actor_of(employee), survey=pulse, answers=answers)
        assert caught.value.code == ALREADY_ANSWERED
        assert SurveyResponse.objects.count() == 1


def test_answers_are_validated_per_question(org_a, pulse, open_round, employee):
    ids = keys(pulse)
    with in_org(org_a), pytest.raises(ApplicationError) as caught:
        services.response_submit(actor=actor_of(employee), survey=pulse, answers={ids["enps"]: 11})
    assert caught.value.code == INVALID
    assert set(caught.value.fields) == {
        f"answers.{ids['enps']}",
        f"answers.{ids['engagement_proud']}",
    }
    with in_org(org_a), pytest.raises(ApplicationError) as caught:
        services.response_submit(
            actor=actor_of(employee), survey=pulse, answers={"not-a-question": 1}
        )
    assert caught.value.code == INVALID
    with in_org(org_a):
        assert SurveyResponse.objects.count() == 0
        assert SurveyParticipation.objects.count() == 0


def test_only_the_audience_answers_and_only_while_a_round_is_open(
    org_a, hr_admin, pulse, employee, departments
):
    ids = keys(pulse)
    answers = {ids["enps"]: 9, ids["engagement_proud"]: 5}
    with in_org(org_a), pytest.raises(ApplicationError) as caught:
        services.response_submit(actor=actor_of(employee), survey=pulse, answers=answers)
    assert caught.value.code == ROUND_NOT_OPEN
    with in_org(org_a):
        survey = services.survey_create(
            actor=actor_of(hr_admin),
            name="Sales only",
            questions=[{"library_key": "enps"}],
            audience="departments",
            audience_ids=[str(departments["Sales"].uuid)],
        )
        services.survey_schedule(actor=actor_of(hr_admin), survey=survey)
        with pytest.raises(ApplicationError) as caught:
            services.response_submit(actor=actor_of(employee), survey=survey, answers=answers)
    assert caught.value.code == NOT_IN_AUDIENCE


def test_scheduling_today_opens_the_first_round_and_hands_the_rest_to_momentum(
    org_a, hr_admin, manager, employee, pulse
):
    now = timezone.now()
    with in_org(org_a):
        survey = services.survey_schedule(actor=actor_of(hr_admin), survey=pulse, now=now)
        first = SurveyRound.objects.get(survey=survey)
        template = WorkflowTemplate.objects.get(pk=survey.workflow_id)
        milestone = template.milestones.get()
        invited = set(
            Notification.objects.filter(event=services.INVITATION).values_list(
                "recipient__email", flat=True
            )
        )
        with pytest.raises(ApplicationError) as caught:
            services.survey_update(actor=actor_of(hr_admin), survey=survey, name="Changed")
    assert caught.value.code == SURVEY_NOT_DRAFT
    assert first.number == 1 and first.opens_at == now
    assert first.closes_at == now + datetime.timedelta(days=7)
    assert first.invited == 3
    assert invited == {"hr@a.example", "manager@a.example", "employee@a.example"}
    assert template.status == WorkflowTemplate.Status.ACTIVE
    assert template.trigger == "recurrence" and template.recurrence == "FREQ=MONTHLY"
    assert template.next_occurrence_at > now + datetime.timedelta(days=27)
    assert milestone.kind == "survey_invitation"
    assert milestone.config == {"survey": str(survey.uuid)}


def test_closing_stops_momentum_and_the_open_round(org_a, hr_admin, pulse):
    with in_org(org_a):
        survey = services.survey_schedule(actor=actor_of(hr_admin), survey=pulse)
        survey = services.survey_close(actor=actor_of(hr_admin), survey=survey)
        template = WorkflowTemplate.objects.get(pk=survey.workflow_id)
        assert services.round_current(survey=survey) is None
    assert survey.status == Survey.Status.CLOSED
    assert template.status == WorkflowTemplate.Status.CANCELLED


def test_the_minimum_group_size_cannot_go_below_three(org_a, hr_admin):
    with in_org(org_a):
        assert services.survey_settings_get().min_group_size == 5
        with pytest.raises(ApplicationError) as caught:
            services.survey_settings_update(actor=actor_of(hr_admin), min_group_size=2)
        assert "min_group_size" in caught.value.fields
        services.survey_settings_update(actor=actor_of(hr_admin), min_group_size=7)
        assert services.survey_settings_get().min_group_size == 7


def test_question_kinds_are_the_documented_ones():
    assert set(SurveyQuestion.Kind.values) == {"scale", "enps", "text", "choice"}
