"""Survey pages: HR builds, schedules and reads surveys and manages action plans; people answer
open rounds; managers read their team's results (only groups above the minimum)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from surveys import actions as action_services
from surveys import charts, results, selectors, services
from surveys.forms import ActionForm, AnswerForm, SettingsForm, SurveyForm, form_errors
from surveys.models import Survey

TREND_ROUNDS = 12


def _survey_or_404(id) -> Survey:
    survey = selectors.survey_get(uuid=id)
    if survey is None:
        raise Http404
    return survey


def _survey_form(request: HttpRequest, **kwargs) -> SurveyForm:
    return SurveyForm(
        request.POST or None,
        departments=people_selectors.department_choices(),
        **kwargs,
    )


# --- HR: build and schedule ------------------------------------------------------------------


@member_required(admin=True)
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.survey_list(status=request.GET.get("status", ""))[:100])
    for survey in surveys:
        survey.last_round = ([None, *survey.rounds.all()])[-1]
    return render(request, "surveys/list.html", {"surveys": surveys})


@member_required(admin=True)
def survey_new(request: HttpRequest) -> HttpResponse:
    form = _survey_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=actor_from_request(request),
                questions=form.questions(),
                **form.survey_fields(),
            )
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Survey saved as a draft: check it, then schedule it."))
            return redirect("surveys:detail", id=survey.uuid)
    return render(request, "surveys/form.html", {"form": form, "survey": None})


@member_required(admin=True)
def survey_edit(request: HttpRequest, id) -> HttpResponse:
    survey = _survey_or_404(id)
    if survey.status != Survey.Status.DRAFT:
        messages.error(request, _("Only a draft survey can change."))
        return redirect("surveys:detail", id=survey.uuid)
    form = _survey_form(request, initial=SurveyForm.initial_of(survey))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                actor=actor_from_request(request),
                survey=survey,
                questions=form.questions(),
                **form.survey_fields(),
            )
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("surveys:detail", id=survey.uuid)
    return render(request, "surveys/form.html", {"form": form, "survey": survey})


@member_required(admin=True)
def survey_detail(request: HttpRequest, id) -> HttpResponse:
    survey = _survey_or_404(id)
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "questions": list(survey.questions.all()),
            "rounds": list(survey.rounds.all()),
            "minimum": services.survey_settings_get().min_group_size,
        },
    )


@member_required(admin=True)
@require_POST
def survey_schedule(request: HttpRequest, id) -> HttpResponse:
    survey = _survey_or_404(id)
    try:
        survey = services.survey_schedule(actor=actor_from_request(request), survey=survey)
    except ApplicationError as exc:
        details = [m for ms in exc.fields.values() for m in ms]
        messages.error(request, " ".join([exc.message, *details]))
    else:
        messages.success(request, _("Scheduled: Momentum opens each round and invites everyone."))
    return redirect("surveys:detail", id=survey.uuid)


@member_required(admin=True)
@require_POST
def survey_close(request: HttpRequest, id) -> HttpResponse:
    survey = _survey_or_404(id)
    try:
        services.survey_close(actor=actor_from_request(request), survey=survey)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Survey closed: no more rounds. Its results stay."))
    return redirect("surveys:detail", id=survey.uuid)


@member_required(admin=True)
def survey_settings(request: HttpRequest) -> HttpResponse:
    settings = services.survey_settings_get()
    form = SettingsForm(request.POST or None, initial={"min_group_size": settings.min_group_size})
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_settings_update(
                actor=actor_from_request(request),
                min_group_size=form.cleaned_data["min_group_size"],
            )
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("surveys:settings")
    return render(request, "surveys/settings.html", {"form": form})


# --- Results ---------------------------------------------------------------------------------


def _results_context(request: HttpRequest, survey: Survey, *, team=None) -> dict:
    """The chosen round's groups and every round's trend; `team`: that team's cells only."""
    team_only = team is not None
    actor = actor_from_request(request)
    rounds = list(survey.rounds.all())
    chosen = None
    if request.GET.get("round"):
        chosen = next((r for r in rounds if str(r.uuid) == request.GET["round"]), None)
    chosen = chosen or (rounds[-1] if rounds else None)
    department = None
    if not team_only and request.GET.get("department"):
        department = (
            people_selectors.department_choices().filter(uuid=request.GET["department"]).first()
            if _is_uuid(request.GET["department"])
            else None
        )
    trend = results.survey_results(actor=actor, survey=survey, department=department, team=team)
    breakdown = (
        results.survey_results(
            actor=actor,
            survey=survey,
            survey_round=chosen,
            department=department,
            team=team,
            by="" if team_only or department else results.DEPARTMENT,
        )
        if chosen is not None
        else []
    )
    trend = trend[-TREND_ROUNDS:]
    return {
        "survey": survey,
        "rounds": rounds,
        "chosen": chosen,
        "department": department,
        "departments": people_selectors.department_choices(),
        "trend": trend,
        "trend_chart": charts.trend_svg(trend),
        "overall": breakdown[0] if breakdown else None,
        "groups": breakdown[1:],
        "minimum": services.survey_settings_get().min_group_size,
        "team_only": team_only,
    }


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@member_required(admin=True)
def survey_results(request: HttpRequest, id) -> HttpResponse:
    survey = _survey_or_404(id)
    return render(request, "surveys/results.html", _results_context(request, survey))


@member_required
def team_results(request: HttpRequest) -> HttpResponse:
    """A manager's team in every survey with a round: only groups above the minimum."""
    employee = request.employee
    if employee is None or not people_selectors.manages_people(manager=employee):
        return render(request, "surveys/team.html", {"no_team": True})
    chosen = None
    surveys = [s for s in selectors.survey_list() if s.rounds.all()]
    if request.GET.get("survey") and _is_uuid(request.GET["survey"]):
        chosen = next((s for s in surveys if str(s.uuid) == request.GET["survey"]), None)
    chosen = chosen or (surveys[0] if surveys else None)
    context = {"surveys": surveys, "team_only": True, "survey": chosen}
    if chosen is not None:
        context.update(_results_context(request, chosen, team=employee))
    return render(request, "surveys/team.html", context)


# --- Answering -------------------------------------------------------------------------------


@member_required
def mine(request: HttpRequest) -> HttpResponse:
    rounds = selectors.open_rounds_for(employee=request.employee)
    owned = []
    if request.employee is not None:
        owned = list(
            selectors.actions_of(actor=actor_from_request(request))
            .filter(owner=request.employee, status="open")
            .order_by("due_on", "id")[:50]
        )
    return render(request, "surveys/mine.html", {"open": rounds, "actions": owned})


@member_required
def answer(request: HttpRequest, id) -> HttpResponse:
    survey = selectors.surveys().filter(uuid=id).first()
    employee = request.employee
    if survey is None or not services.in_audience(survey=survey, employee=employee):
        raise Http404
    survey_round = services.round_current(survey=survey)
    if survey_round is None or survey.status == Survey.Status.CLOSED:
        return render(request, "surveys/answer.html", {"survey": survey, "state": "closed"})
    if services.answered(survey_round=survey_round, employee=employee):
        return render(request, "surveys/answer.html", {"survey": survey, "state": "answered"})
    questions = list(survey.questions.all())
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                actor=actor_from_request(request),
                survey=survey,
                answers={k: v for k, v in form.cleaned_data.items() if v not in ("", None)},
            )
        except ApplicationError as exc:
            for name, errors in exc.fields.items():
                key = name.removeprefix("answers.")
                for error in errors:
                    form.add_error(key if key in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you: your answers are in, without your name."))
            return redirect("surveys:mine")
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "state": "open", "form": form, "round": survey_round},
    )


# --- Action plans ----------------------------------------------------------------------------


@member_required(admin=True)
def actions(request: HttpRequest, id) -> HttpResponse:
    survey = _survey_or_404(id)
    departments = list(people_selectors.department_choices())
    actor = actor_from_request(request)
    form = ActionForm(request.POST or None, departments=departments, viewer=actor.employee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        department = next((d for d in departments if str(d.uuid) == data["department"]), None)
        try:
            plan = action_services.action_plan_ensure(
                actor=actor, survey=survey, department=department
            )
            action_services.action_add(
                actor=actor,
                plan=plan,
                title=data["title"],
                owner=data["owner"],
                due_on=data["due_on"],
            )
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Action added: Momentum reminds its owner when it is due."))
            return redirect("surveys:actions", id=survey.uuid)
    return render(
        request,
        "surveys/actions.html",
        {"survey": survey, "plans": list(selectors.action_plans(survey=survey)), "form": form},
    )


@member_required
@require_POST
def action_done(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    action = selectors.actions_of(actor=actor).filter(uuid=id).first()
    if action is None:
        raise Http404
    action_services.action_complete(actor=actor, action=action)
    messages.success(request, _("Action done."))
    if actor.is_admin:
        return redirect("surveys:actions", id=action.plan.survey.uuid)
    return redirect("surveys:mine")
