"""Reads of surveys: lists for HR, what a person may answer now, action plans."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from plms.people.models import Employee
from plms.tenancy.actors import Actor
from surveys.models import (
    ActionPlan,
    Survey,
    SurveyAction,
    SurveyParticipation,
    SurveyQuestion,
    SurveyRound,
)
from surveys.services import audience


def surveys() -> QuerySet[Survey]:
    """Every survey of the organisation (for lookups by public id)."""
    return Survey.objects.all()


def survey_list(*, status: str = "", search: str = "") -> QuerySet[Survey]:
    queryset = Survey.objects.annotate(question_count=Count("questions", distinct=True))
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset.prefetch_related(
        Prefetch("questions", queryset=SurveyQuestion.objects.order_by("position", "id")),
        Prefetch("rounds", queryset=SurveyRound.objects.order_by("number")),
    ).order_by("-created_at", "-id")


def survey_list_for_viewer(*, actor: Actor) -> QuerySet[Survey]:
    """HR admins and keys: every survey; a member: the scheduled surveys addressed to them."""
    queryset = survey_list()
    if actor.is_admin:
        return queryset
    employee = actor.employee
    if employee is None:
        return queryset.none()
    addressed = Q(audience=Survey.Audience.EVERYONE) | Q(
        audience=Survey.Audience.PEOPLE, audience_ids__contains=[str(employee.uuid)]
    )
    department = employee.department
    if department is not None:
        addressed |= Q(
            audience=Survey.Audience.DEPARTMENTS, audience_ids__contains=[str(department.uuid)]
        )
    return queryset.filter(addressed, status=Survey.Status.SCHEDULED)


def survey_get(*, uuid) -> Survey | None:
    return survey_list().filter(uuid=uuid).first()


def rounds_of(*, survey: Survey) -> list[SurveyRound]:
    return list(SurveyRound.objects.filter(survey=survey).order_by("number"))


def round_get(*, survey: Survey, uuid) -> SurveyRound | None:
    return SurveyRound.objects.filter(survey=survey, uuid=uuid).first()


def open_rounds_for(*, employee: Employee | None, now: dt.datetime | None = None) -> list[dict]:
    """Rounds open now of surveys addressed to `employee`, with whether they have answered."""
    if employee is None:
        return []
    now = now or timezone.now()
    rounds = (
        SurveyRound.objects.filter(
            opens_at__lte=now, closes_at__gt=now, survey__status=Survey.Status.SCHEDULED
        )
        .select_related("survey")
        .annotate(
            answered=Exists(
                SurveyParticipation.objects.filter(round=OuterRef("pk"), employee=employee)
            )
        )
        .order_by("closes_at", "id")
    )
    found = []
    for survey_round in rounds:
        if audience(survey_round.survey).filter(pk=employee.pk).exists():
            found.append({"round": survey_round, "answered": survey_round.answered})
    return found


def rounds_to_answer(*, employee: Employee, now: dt.datetime | None = None) -> list[SurveyRound]:
    """Open rounds of surveys addressed to `employee` that they have not answered (for the home
    page's "What is due"): one query, or two when they belong to a department."""
    now = now or timezone.now()
    rounds = (
        SurveyRound.objects.filter(
            opens_at__lte=now, closes_at__gt=now, survey__status=Survey.Status.SCHEDULED
        )
        .exclude(
            Exists(SurveyParticipation.objects.filter(round=OuterRef("pk"), employee=employee))
        )
        .select_related("survey")
        .order_by("closes_at", "id")
    )
    found = list(rounds[:20])
    if not found:
        return []
    department_row = employee.department if employee.department_id is not None else None
    department = str(department_row.uuid) if department_row is not None else None

    def addressed(survey: Survey) -> bool:
        ids = {str(value) for value in survey.audience_ids or []}
        if survey.audience == Survey.Audience.DEPARTMENTS:
            return department in ids
        if survey.audience == Survey.Audience.PEOPLE:
            return str(employee.uuid) in ids
        return True

    return [r for r in found if addressed(r.survey)]


def action_plans(*, survey: Survey) -> QuerySet[ActionPlan]:
    return (
        ActionPlan.objects.filter(survey=survey)
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=SurveyAction.objects.select_related("owner").order_by("due_on", "id"),
            )
        )
        .order_by("department__name", "id")
    )


def actions_of(*, actor: Actor) -> QuerySet[SurveyAction]:
    """The actions the actor owns (HR: every action)."""
    queryset = SurveyAction.objects.select_related("owner", "plan__survey", "plan__department")
    if actor.is_admin:
        return queryset
    if actor.employee is None:
        return queryset.none()
    return queryset.filter(owner=actor.employee)
