"""Writes of surveys: HR builds and schedules a survey, rounds open, people answer.

A scheduled survey gets a Momentum workflow (`surveys.milestones`): on each occurrence of its
recurrence the tick starts a run per person in the audience, whose `survey_invitation` step
opens the round (once) and invites the person; Momentum's reminders chase whoever has not
answered until the round closes. A survey whose first day is today or past opens its first
round at once, through the same function.

Answers are anonymous: `response_submit` writes who answered (`SurveyParticipation`) and what
was answered (`SurveyResponse`) as two rows that share nothing but the round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plms.audit.services import audit_record, snapshot
from plms.common.errors import ApplicationError
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from surveys.error_codes import (
    ALREADY_ANSWERED,
    INVALID,
    NOT_IN_AUDIENCE,
    ROUND_NOT_OPEN,
    SURVEY_CLOSED,
    SURVEY_NOT_DRAFT,
)
from surveys.library import LIBRARY
from surveys.models import (
    LOWEST_MIN_GROUP,
    Survey,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
    SurveyRound,
    SurveySettings,
    random_id,
)
from workflows import notifications, triggers
from workflows import services as workflow_services
from workflows.models import WorkflowTemplate

SURVEY_FIELDS = (
    "name",
    "description",
    "audience",
    "audience_ids",
    "recurrence",
    "starts_on",
    "open_days",
)
RRULES = {"monthly": "FREQ=MONTHLY", "quarterly": "FREQ=MONTHLY;INTERVAL=3"}
MAX_QUESTIONS = 40
MAX_TEXT_ANSWER = 2000
INVITATION = "survey.invitation"
notifications.register_event(INVITATION, "Surveys addressed to you")


def _invalid(field: str, message: str) -> ApplicationError:
    return ApplicationError(INVALID, message, fields={field: message})


# --- Settings --------------------------------------------------------------------------------


def survey_settings_get() -> SurveySettings:
    """The organisation's survey settings (unsaved defaults when it has none)."""
    return SurveySettings.objects.first() or SurveySettings()


@transaction.atomic
def survey_settings_update(*, actor: Actor, min_group_size: int) -> SurveySettings:
    actor.require_admin()
    if not LOWEST_MIN_GROUP <= min_group_size <= 100:
        raise _invalid(
            "min_group_size", f"Choose a number from {LOWEST_MIN_GROUP} to 100 (people)."
        )
    settings, _created = SurveySettings.objects.select_for_update().get_or_create(
        organization_id=actor.organization.pk
    )
    before = settings.min_group_size
    settings.min_group_size = min_group_size
    settings.updated_at = timezone.now()
    settings.save(update_fields=["min_group_size", "updated_at"])
    audit_record(
        actor=actor,
        action="survey_settings.updated",
        obj=settings,
        changes={"min_group_size": [before, min_group_size]},
    )
    return settings


# --- Building a survey -----------------------------------------------------------------------


def _clean_question(item: Mapping[str, Any], position: int) -> dict[str, Any]:
    field = f"questions[{position}]"
    key = str(item.get("library_key") or "")
    if key:
        if key not in LIBRARY:
            raise _invalid(field, f"No shipped question {key!r}.")
        data: dict[str, Any] = {**LIBRARY[key], "library_key": key}
        if item.get("text"):
            data["text"] = item["text"]
    else:
        data = {k: item[k] for k in item if k != "library_key"}
    text = str(data.get("text") or "").strip()
    if not text:
        raise _invalid(field, "Every question needs its text.")
    kind = data.get("kind", SurveyQuestion.Kind.SCALE)
    if kind not in SurveyQuestion.Kind.values:
        raise _invalid(field, "A question is a scale, open text or multiple choice.")
    question = {
        "library_key": key,
        "text": text[:300],
        "kind": kind,
        "scale_min": 1,
        "scale_max": 5,
        "low_label": str(data.get("low_label") or "")[:60],
        "high_label": str(data.get("high_label") or "")[:60],
        "choices": [],
        # Only open questions may be skipped: a figure over those who answered one question
        # would be a group of its own, smaller than the group shown.
        "required": kind != SurveyQuestion.Kind.TEXT or bool(data.get("required", False)),
    }
    if kind == SurveyQuestion.Kind.ENPS:
        question.update(scale_min=0, scale_max=10)
    elif kind == SurveyQuestion.Kind.SCALE:
        low, high = data.get("scale_min", 1), data.get("scale_max", 5)
        if not (isinstance(low, int) and isinstance(high, int) and 0 <= low < high <= 10):
            raise _invalid(field, "A scale runs from 0 or more to at most 10, low to high.")
        question.update(scale_min=low, scale_max=high)
    elif kind == SurveyQuestion.Kind.CHOICE:
        choices = [str(c).strip()[:100] for c in data.get("choices") or [] if str(c).strip()]
        if len(choices) < 2 or len(set(choices)) != len(choices):
            raise _invalid(field, "A multiple-choice question needs two or more distinct choices.")
        question["choices"] = choices
    return question


def _clean_survey(survey: Survey) -> None:
    if not survey.name.strip():
        raise _invalid("name", "Give the survey a name.")
    if survey.audience not in Survey.Audience.values:
        raise _invalid("audience", "Choose the whole organisation, departments or people.")
    if survey.recurrence not in Survey.Recurrence.values:
        raise _invalid("recurrence", "Choose once, every month or every quarter.")
    if not 1 <= survey.open_days <= 60:
        raise _invalid("open_days", "A round stays open from 1 to 60 days.")
    ids = [str(value) for value in survey.audience_ids or []]
    if survey.audience == Survey.Audience.EVERYONE:
        ids = []
    elif not ids:
        raise _invalid("audience_ids", "Choose at least one.")
    else:
        model = Department if survey.audience == Survey.Audience.DEPARTMENTS else Employee
        try:
            found = set(map(str, model.objects.filter(uuid__in=ids).values_list("uuid", flat=True)))
        except Exception as exc:  # a malformed uuid
            raise _invalid("audience_ids", "Not an id of this organisation.") from exc
        if found != set(ids):
            raise _invalid("audience_ids", "Not an id of this organisation.")
    survey.audience_ids = sorted(set(ids))


def _replace_questions(survey: Survey, questions: Sequence[Mapping[str, Any]]) -> None:
    if not questions:
        raise _invalid("questions", "Add at least one question.")
    if len(questions) > MAX_QUESTIONS:
        raise _invalid("questions", f"A survey has at most {MAX_QUESTIONS} questions.")
    cleaned = [_clean_question(item, n) for n, item in enumerate(questions)]
    survey.questions.all().delete()
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            organization_id=survey.organization_id, survey=survey, position=n + 1, **item
        )
        for n, item in enumerate(cleaned)
    )


@transaction.atomic
def survey_create(
    *, actor: Actor, name: str, questions: Sequence[Mapping[str, Any]], **fields: Any
) -> Survey:
    """A draft survey with its questions (shipped ones by `library_key`, or the
    organisation's own)."""
    actor.require_admin()
    for field in fields:
        if field not in SURVEY_FIELDS:
            raise TypeError(f"Unknown survey field {field!r}.")
    survey = Survey(name=name, created_by=actor.user, **fields)
    survey.organization_id = actor.organization.pk
    _clean_survey(survey)
    survey.save()
    _replace_questions(survey, questions)
    audit_record(
        actor=actor, action="survey.created", obj=survey, changes=snapshot(survey, SURVEY_FIELDS)
    )
    return survey


@transaction.atomic
def survey_update(
    *,
    actor: Actor,
    survey: Survey,
    questions: Sequence[Mapping[str, Any]] | None = None,
    **changes: Any,
) -> Survey:
    actor.require_admin()
    same_organization(actor, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise ApplicationError(SURVEY_NOT_DRAFT, "Only a draft survey can change.")
    for field, value in changes.items():
        if field not in SURVEY_FIELDS:
            raise TypeError(f"Unknown survey field {field!r}.")
        setattr(survey, field, value)
    _clean_survey(survey)
    survey.updated_at = timezone.now()
    survey.save()
    if questions is not None:
        _replace_questions(survey, questions)
    audit_record(
        actor=actor, action="survey.updated", obj=survey, changes=snapshot(survey, SURVEY_FIELDS)
    )
    return survey


# --- Scheduling: a Momentum workflow runs the recurrence -------------------------------------


def _workflow_fields(survey: Survey, start: dt.date) -> dict[str, Any]:
    audience = {
        Survey.Audience.EVERYONE: WorkflowTemplate.Audience.EVERYONE,
        Survey.Audience.DEPARTMENTS: WorkflowTemplate.Audience.DEPARTMENTS,
        Survey.Audience.PEOPLE: WorkflowTemplate.Audience.PEOPLE,
    }[Survey.Audience(survey.audience)]
    recurring = survey.recurrence in RRULES
    return {
        "description": _("Opens each round of the survey and invites its audience."),
        "trigger": "recurrence" if recurring else "date",
        "recurrence": RRULES.get(survey.recurrence, ""),
        "start_date": start,
        "audience": audience,
        "audience_ids": list(survey.audience_ids),
        "milestones": [
            {
                "name": _("Answer the survey"),
                "kind": "survey_invitation",
                "due_days": survey.open_days,
                "remind_before_days": 2 if survey.open_days > 2 else 0,
                "recipients": "employee",
                "config": {"survey": str(survey.uuid)},
            }
        ],
    }


@transaction.atomic
def survey_schedule(*, actor: Actor, survey: Survey, now: dt.datetime | None = None) -> Survey:
    """Hand the survey to Momentum. A first day of today (or none) opens the first round now;
    later rounds open on the recurrence, each at 09:00 in the organisation's time zone."""
    actor.require_admin()
    same_organization(actor, survey)
    now = now or timezone.now()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise ApplicationError(SURVEY_NOT_DRAFT, "The survey is scheduled already.")
    zone = triggers.organization_zone(actor.organization)
    today = now.astimezone(zone).date()
    start = survey.starts_on or today
    if start < today:
        raise _invalid("starts_on", "The first day has passed.")
    survey.starts_on = start
    open_now = start == today
    fields = _workflow_fields(survey, start)
    milestones = fields.pop("milestones")
    needs_workflow = survey.recurrence in RRULES or not open_now
    if needs_workflow:
        template = workflow_services.workflow_template_create(
            actor=actor,
            name=str(_("Survey: %(name)s") % {"name": survey.name})[:200],
            source=f"survey:{survey.uuid}",
            milestones=milestones,
            **fields,
        )
        # Today's occurrence opens below; Momentum takes the ones after it.
        after = max(now, triggers.anchor_on(start, zone) + dt.timedelta(minutes=1))
        survey.workflow = workflow_services.workflow_template_activate(
            actor=actor, template=template, now=after if open_now else now
        )
    survey.status = Survey.Status.SCHEDULED
    survey.scheduled_at = now
    survey.updated_at = now
    survey.save()
    audit_record(actor=actor, action="survey.scheduled", obj=survey)
    if open_now:
        round_ = round_open(survey=survey, opens_at=now)
        invite_audience(survey_round=round_, now=now)
    return survey


@transaction.atomic
def survey_close(*, actor: Actor, survey: Survey, now: dt.datetime | None = None) -> Survey:
    """Stop the survey: no more rounds, an open round closes now; results stay."""
    actor.require_admin()
    same_organization(actor, survey)
    now = now or timezone.now()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == Survey.Status.CLOSED:
        raise ApplicationError(SURVEY_CLOSED, "The survey is closed already.")
    if survey.workflow_id is not None:
        template = survey.workflow
        if template is not None and template.status in (
            WorkflowTemplate.Status.ACTIVE,
            WorkflowTemplate.Status.PAUSED,
        ):
            workflow_services.workflow_template_cancel(actor=actor, template=template)
    SurveyRound.objects.filter(survey=survey, opens_at__lte=now, closes_at__gt=now).update(
        closes_at=now
    )
    survey.status = Survey.Status.CLOSED
    survey.closed_at = now
    survey.updated_at = now
    survey.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=actor, action="survey.closed", obj=survey)
    return survey


# --- Rounds ----------------------------------------------------------------------------------


def audience(survey: Survey) -> QuerySet[Employee]:
    """The active people the survey is addressed to."""
    queryset = Employee.objects.filter(active=True)
    ids = [str(value) for value in survey.audience_ids or []]
    if survey.audience == Survey.Audience.DEPARTMENTS:
        queryset = queryset.filter(department__uuid__in=ids)
    elif survey.audience == Survey.Audience.PEOPLE:
        queryset = queryset.filter(uuid__in=ids)
    return queryset


def round_open(*, survey: Survey, opens_at: dt.datetime) -> SurveyRound:
    """The survey's round opening at `opens_at`, created the first time (idempotent: every
    person's Momentum step of one occurrence asks for the same round)."""
    existing = SurveyRound.objects.filter(survey=survey, opens_at=opens_at).first()
    if existing is not None:
        return existing
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    existing = SurveyRound.objects.filter(survey=locked, opens_at=opens_at).first()
    if existing is not None:
        return existing
    number = (
        SurveyRound.objects.filter(survey=locked)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    # A round closes when the next would open at the latest.
    SurveyRound.objects.filter(survey=locked, closes_at__gt=opens_at).update(closes_at=opens_at)
    return SurveyRound.objects.create(
        organization_id=locked.organization_id,
        survey=locked,
        number=number,
        opens_at=opens_at,
        closes_at=opens_at + dt.timedelta(days=locked.open_days),
        invited=audience(locked).count(),
    )


def invitation_notice(*, survey_round: SurveyRound, users: Sequence) -> notifications.Notice:
    survey = survey_round.survey
    closes = timezone.localtime(survey_round.closes_at).date()
    return notifications.Notice(
        recipients=tuple(users),
        event=INVITATION,
        title=str(_("Your view, anonymously: %(survey)s") % {"survey": survey.name})[:200],
        body=str(_("Answer by %(date)s. Nobody sees who gave which answer.") % {"date": closes}),
        link=reverse("surveys:answer", kwargs={"id": survey.uuid}),
        object_type="surveys.surveyround",
        object_id=str(survey_round.uuid),
        occasion="invitation",
    )


def invite_audience(*, survey_round: SurveyRound, now: dt.datetime) -> int:
    """Notify everyone in the audience who has signed in (once per round)."""
    people = audience(survey_round.survey).filter(user__isnull=False).select_related("user")
    notice = invitation_notice(survey_round=survey_round, users=[p.user for p in people])
    return len(notifications.notify_many([notice], now=now)[0])


def round_current(*, survey: Survey, now: dt.datetime | None = None) -> SurveyRound | None:
    now = now or timezone.now()
    return (
        SurveyRound.objects.filter(survey=survey, opens_at__lte=now, closes_at__gt=now)
        .order_by("-opens_at")
        .first()
    )


# --- Answering -------------------------------------------------------------------------------


def _clean_answers(
    questions: Sequence[SurveyQuestion], answers: Mapping[str, Any]
) -> dict[str, Any]:
    known = {str(q.uuid): q for q in questions}
    unknown = [key for key in answers if key not in known]
    if unknown:
        raise _invalid("answers", "Answer only the survey's questions.")
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, question in known.items():
        value = answers.get(key)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            if question.required:
                errors[key] = str(_("Answer this question."))
            continue
        if question.is_scale:
            if isinstance(value, str) and value.isdigit():
                value = int(value)
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not (question.scale_min <= value <= question.scale_max)
            ):
                errors[key] = str(
                    _("Choose a value from %(low)d to %(high)d.")
                    % {"low": question.scale_min, "high": question.scale_max}
                )
                continue
        elif question.kind == SurveyQuestion.Kind.CHOICE:
            if value not in question.choices:
                errors[key] = str(_("Choose one of the choices."))
                continue
        else:
            if not isinstance(value, str):
                errors[key] = str(_("Write your answer as text."))
                continue
            if len(value) > MAX_TEXT_ANSWER:
                errors[key] = str(
                    _("Keep it under %(count)d characters.") % {"count": MAX_TEXT_ANSWER}
                )
                continue
        cleaned[key] = value
    if errors:
        raise ApplicationError(
            INVALID,
            str(_("Some answers are missing or invalid.")),
            fields={f"answers.{key}": message for key, message in errors.items()},
        )
    return cleaned


def in_audience(*, survey: Survey, employee: Employee | None) -> bool:
    return employee is not None and audience(survey).filter(pk=employee.pk).exists()


@transaction.atomic
def response_submit(
    *,
    actor: Actor,
    survey: Survey,
    answers: Mapping[str, Any],
    now: dt.datetime | None = None,
) -> SurveyRound:
    """Answer the survey's open round as the actor, once. Returns the round, never the
    response: nothing that comes back to the person can name it."""
    same_organization(actor, survey)
    employee = actor.employee
    if employee is None or not in_audience(survey=survey, employee=employee):
        raise ApplicationError(NOT_IN_AUDIENCE, "The survey is not addressed to you.")
    survey_round = round_current(survey=survey, now=now)
    if survey_round is None or survey.status == Survey.Status.CLOSED:
        raise ApplicationError(ROUND_NOT_OPEN, "The survey has no round open now.")
    cleaned = _clean_answers(list(survey.questions.all()), answers)
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(
                organization_id=survey.organization_id, round=survey_round, employee=employee
            )
    except IntegrityError as exc:
        raise ApplicationError(ALREADY_ANSWERED, "You have answered this round already.") from exc
    SurveyResponse.objects.create(
        id=random_id(),
        organization_id=survey.organization_id,
        round=survey_round,
        department_id=employee.department_id,
        team_manager_id=employee.manager_id,
        answers=cleaned,
    )
    SurveyRound.objects.filter(pk=survey_round.pk).update(responses_count=F("responses_count") + 1)
    return survey_round


def answered(*, survey_round: SurveyRound, employee: Employee | None) -> bool:
    return (
        employee is not None
        and SurveyParticipation.objects.filter(round=survey_round, employee=employee).exists()
    )
