"""The demo organisation's surveys: a monthly pulse (eNPS, the engagement set, a comment) with
three months of results, answered by everyone through the real service, so each answer is as
anonymous as a real one; Momentum opens next month's round. Acme is small, so HR set the
minimum group size to 3: Customer Operations (5) and Sales (4) are shown, People & Culture
(2) is too few and stays hidden. An action plan follows the results up."""

from __future__ import annotations

import datetime
import random

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS, member_actor
from surveys import actions, services
from surveys.library import PULSE_SET
from surveys.models import ActionPlan, Survey
from workflows.triggers import organization_zone

PULSE = "Monthly pulse"
MINIMUM = 3
COMMENTS = (
    "Clearer priorities from the leadership team.",
    "Fewer meetings on Mondays.",
    "More time for training between peaks.",
    "Recognition for the escalations team.",
    "Quieter space for calls.",
    "A clearer path to senior roles.",
)


def _answers(survey: Survey, rng: random.Random, month: int) -> dict:
    """One person's answers; the mood improves a little each month."""
    answers: dict = {}
    for question in survey.questions.all():
        key = str(question.uuid)
        if question.kind == "enps":
            answers[key] = min(10, max(0, round(rng.gauss(6.5 + month, 1.8))))
        elif question.kind == "scale":
            answers[key] = min(5, max(1, round(rng.gauss(3.1 + 0.3 * month, 0.8))))
        elif question.kind == "text" and rng.random() < 0.4:
            answers[key] = rng.choice(COMMENTS)
    return answers


def seed_surveys(actor: Actor) -> None:
    if Survey.objects.filter(name=PULSE).exists():
        return
    services.survey_settings_update(actor=actor, min_group_size=MINIMUM)
    now = timezone.now()
    today = timezone.localdate()
    next_round = today + datetime.timedelta(days=7)
    survey = services.survey_create(
        actor=actor,
        name=PULSE,
        description="Five minutes, once a month: how it feels to work here.",
        questions=[{"library_key": key} for key in PULSE_SET],
        recurrence="monthly",
        starts_on=next_round,
        open_days=7,
    )
    survey = services.survey_schedule(actor=actor, survey=survey, now=now)
    zone = organization_zone(actor.organization)
    rng = random.Random(27)
    people = list(Employee.objects.filter(active=True, user__isnull=False).order_by("email"))
    for month in range(3):
        # The same day of each of the three months before the next round.
        opens_at = datetime.datetime.combine(
            next_round - relativedelta(months=3 - month), datetime.time(9), tzinfo=zone
        )
        services.round_open(survey=survey, opens_at=opens_at)
        for person in people:
            if month == 2 and person.email == "noah@acme.example":
                continue  # one missed the last round
            services.response_submit(
                actor=member_actor(actor, person.email),
                survey=survey,
                answers=_answers(survey, rng, month),
                now=opens_at + datetime.timedelta(days=1),
            )
    operations = Department.objects.filter(name="Customer Operations").first()
    plan = actions.action_plan_ensure(actor=actor, survey=survey, department=None)
    if not ActionPlan.objects.filter(survey=survey, department=operations).exists():
        hr = Employee.objects.filter(email="hr@acme.example").first()
        if hr is not None:
            actions.action_add(
                actor=actor,
                plan=plan,
                title="Publish the promotion criteria for every role",
                owner=hr,
                due_on=today + datetime.timedelta(days=21),
            )
        manager = Employee.objects.filter(email="manager@acme.example").first()
        if operations is not None and manager is not None:
            team_plan = actions.action_plan_ensure(
                actor=actor, survey=survey, department=operations
            )
            actions.action_add(
                actor=actor,
                plan=team_plan,
                title="Hold a monthly workload retro with the team",
                owner=manager,
                due_on=today + datetime.timedelta(days=10),
            )


DEMO_STEPS.append(seed_surveys)
