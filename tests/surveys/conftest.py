"""A scheduled pulse (eNPS, one engagement question, a comment) and helpers to fill a round."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from plms.tenancy.actors import Actor
from surveys import services
from surveys.models import Survey
from tests import factories
from tests.conftest import in_org
from tests.surveys.factories import SurveyResponseFactory, SurveyRoundFactory


def actor_of(member) -> Actor:
    return Actor(
        organization=member.organization, membership=member.membership, employee=member.employee
    )


@pytest.fixture
def pulse(org_a, hr_admin):
    with in_org(org_a):
        return services.survey_create(
            actor=actor_of(hr_admin),
            name="Monthly pulse",
            questions=[
                {"library_key": "enps"},
                {"library_key": "engagement_proud"},
                {"library_key": "comment"},
            ],
            recurrence="monthly",
        )


def keys(survey: Survey) -> dict[str, str]:
    """The public ids of the survey's questions by their library key."""
    with in_org(survey.organization):
        return {q.library_key: str(q.uuid) for q in survey.questions.all()}


def fill(survey_round, *, department=None, team=None, enps=(), comments=()):
    """One response per eNPS value, in `department`, in the team of `team` (an Employee)."""
    ids = keys(survey_round.survey)
    made = []
    for n, value in enumerate(enps):
        answers = {ids["enps"]: value, ids["engagement_proud"]: 4}
        if n < len(comments):
            answers[ids["comment"]] = comments[n]
        made.append(
            SurveyResponseFactory(
                organization=survey_round.organization,
                round=survey_round,
                department=department,
                team_manager=team,
                answers=answers,
            )
        )
    return made


@pytest.fixture
def open_round(org_a, pulse):
    """Round 1 of the pulse, open since yesterday (the pulse is scheduled)."""
    with in_org(org_a):
        Survey.objects.filter(pk=pulse.pk).update(status=Survey.Status.SCHEDULED)
    pulse.status = Survey.Status.SCHEDULED
    now = timezone.now()
    return SurveyRoundFactory(
        organization=org_a,
        survey=pulse,
        number=1,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=6),
    )


@pytest.fixture
def departments(org_a):
    return {
        name: factories.DepartmentFactory(organization=org_a, name=name)
        for name in ("Sales", "Support", "Legal")
    }


T0 = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)  # a Monday, 09:00 UTC


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    """Run Momentum's beat tick at `now`, and everything it enqueues, in-process."""
    from workflows import tasks

    def run(now: datetime.datetime) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.workflow_tick(now=now.isoformat())

    return run
