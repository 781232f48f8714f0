"""Assessment pages: what I have to rate, the rating form (with the employee's goal results
beside each capability), results with the radar chart and goal results, the team heatmap, and
for HR admins cycles (launch with progress), the gap report and fairness."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments import charts, fairness, form_cards, gaps
from assessments.forms import (
    AdjustForm,
    CloseCycleForm,
    CycleForm,
    ExpertGrantForm,
    PreviewVoteForm,
    ReasonForm,
)
from assessments.models import Assessment, AssessmentCycle, PreviewVote
from assessments.reviews import selectors as review_selectors
from assessments.reviews import services as review_services
from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import raters as rater_selectors
from assessments.selectors import ratings as rating_selectors
from assessments.selectors import requirements as requirement_selectors
from assessments.selectors import results as result_selectors
from assessments.services import calibration as calibration_services
from assessments.services import cycles as cycle_services
from assessments.services import raters as rater_services
from assessments.services import ratings as rating_services
from goals.feedback import selectors as feedback_selectors
from plms.common.errors import ApplicationError
from plms.tenancy.actors import actor_from_request
from plms.tenancy.replica import replica_view
from plms.web.decorators import member_required

PAGE_SIZE = 25
NOT_OBSERVED = "n/o"


def _cycle_or_404(id) -> AssessmentCycle:
    cycle = cycle_selectors.cycle_get(uuid=id)
    if cycle is None:
        raise Http404
    return cycle


# --- Raters ----------------------------------------------------------------------------------


@member_required
def my_assessments(request: HttpRequest) -> HttpResponse:
    viewer = request.employee
    context = {"page": None, "nominations": [], "open_cycles": []}
    if viewer is not None:
        assessments = rater_selectors.my_assessments(rater=viewer)
        context["page"] = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
        context["nominations"] = rater_selectors.peer_nominations_to_decide(manager=viewer)
        context["open_cycles"] = cycle_selectors.open_peer_cycles()
    return render(request, "assessments/my_assessments.html", context)


def _form_items(request: HttpRequest, data: dict) -> tuple[list, dict]:
    """Rating inputs from the posted form for the capabilities shown, plus what was posted."""
    items, posted = [], {}
    for item in data["items"]:
        capability = item["capability"]
        raw = request.POST.get(f"level-{capability.uuid}")
        evidence = request.POST.get(f"evidence-{capability.uuid}", "")
        if raw is None or raw == "":
            continue
        if raw == NOT_OBSERVED:
            level = None
        else:
            try:
                level = int(raw)
            except ValueError:
                level = -1  # refused by the service as outside the scale
        items.append(rating_services.RatingInput(capability, level, evidence))
        posted[capability.pk] = {"level": raw, "evidence": evidence}
    return items, posted


@member_required
def assessment_form(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    assessment = rater_selectors.assessment_get_for_viewer(actor=actor, uuid=id)
    if assessment is None:
        raise Http404
    can_rate = rater_selectors.can_rate(actor=actor, assessment=assessment)
    data = _rating_form_data(assessment)
    errors: dict = {}
    error_message = ""
    posted_answers: dict[str, str] | None = None
    if request.method == "POST":
        if not can_rate:
            raise Http404
        items, posted = _form_items(request, data)
        posted_answers = _posted_answers(request, assessment)
        try:
            if items:
                rating_services.ratings_save(actor=actor, assessment=assessment, items=items)
            if posted_answers:
                review_services.answers_save(
                    actor=actor, assessment=assessment, answers=posted_answers
                )
            if assessment.kind == Assessment.Kind.MANAGER and "performance" in request.POST:
                rating_services.calibration_inputs_set(
                    actor=actor,
                    assessment=assessment,
                    performance=_int_or_none(request.POST.get("performance")),
                    potential=_int_or_none(request.POST.get("potential")),
                )
            if request.POST.get("action") == "submit":
                rating_services.assessment_submit(actor=actor, assessment=assessment)
                messages.success(request, _("Submitted. Thank you."))
                return redirect("assessments:my_assessments")
        except ApplicationError as exc:
            errors, error_message = exc.fields, exc.message
            data = _rating_form_data(assessment)
            for item in data["items"]:
                if item["capability"].pk in posted:
                    item["posted"] = posted[item["capability"].pk]
        else:
            messages.success(request, _("Draft saved."))
            return redirect("assessments:assessment_form", id=assessment.uuid)
    goal_results = rating_selectors.goal_results_for_viewer(
        actor=actor,
        employee=assessment.employee,
        capabilities=[item["capability"] for item in data["items"]],
    )
    feedback = feedback_selectors.feedback_by_capability(
        actor=actor,
        employee=assessment.employee,
        capabilities=[item["capability"] for item in data["items"]],
    )
    for item in data["items"]:
        item["error"] = errors.get(item["capability"].key, [""])[0] if errors else ""
        item["goals"] = goal_results.get(item["capability"].pk, [])
        item["feedback"] = feedback.get(item["capability"].pk, [])
        posted_level = (item.get("posted") or {}).get("level")
        item["rated"] = bool(posted_level) or item.get("rating") is not None
        # "Not rated" belongs to the levels, any other problem (evidence) to the evidence box.
        item["level_error"] = item["error"] if item["error"] and not item["rated"] else ""
        item["level_cards"] = form_cards.level_cards(item, not_observed=NOT_OBSERVED)
    rated = sum(1 for item in data["items"] if item["rated"])
    sections = review_selectors.question_sections(assessment=assessment, posted=posted_answers)
    for section in sections:
        for question in section["questions"]:
            question["error"] = (errors.get(question["key"]) or [""])[0] if errors else ""
        if section["kind"] == "goals":
            section["goals"] = _reflection_goals(actor, assessment)
    context = {
        "rated": rated,
        "sections": sections,
        "unanswered": [q for section in sections for q in section["questions"] if q.get("error")],
        "unrated": [item for item in data["items"] if not item["rated"]] if errors else [],
        "assessment": assessment,
        "can_rate": can_rate and assessment.is_open,
        "error_message": error_message,
        "not_observed": NOT_OBSERVED,
        "has_goal_results": bool(goal_results),
        **data,
    }
    return render(request, "assessments/assessment_form.html", context)


def _rating_form_data(assessment: Assessment) -> dict:
    """The rating form's capabilities, unless the cycle's template asks this rater none."""
    data = rating_selectors.rating_form_data(assessment=assessment)
    section = review_selectors.capability_section(assessment)
    if section is None:
        data["items"] = []
    data["capability_section"] = section
    return data


def _posted_answers(request: HttpRequest, assessment: Assessment) -> dict[str, str]:
    """{question key: posted value} for the questions the rater is asked."""
    return {
        question["key"]: request.POST[f"answer-{question['key']}"]
        for section in review_selectors.question_sections(assessment=assessment)
        for question in section["questions"]
        if f"answer-{question['key']}" in request.POST
    }


def _reflection_goals(actor, assessment: Assessment) -> list:
    """The employee's goals a goal reflection looks back on, as far as the rater sees them."""
    return review_selectors.reflection_goals(actor=actor, employee=assessment.employee)


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return -1


@member_required
@require_POST
def rating_autosave(request: HttpRequest, id) -> HttpResponse:
    """htmx: save one capability's rating or one question's answer as a draft; answers with a
    short status."""
    actor = actor_from_request(request)
    assessment = rater_selectors.assessment_get_for_viewer(actor=actor, uuid=id)
    if assessment is None or not rater_selectors.can_rate(actor=actor, assessment=assessment):
        raise Http404
    data = _rating_form_data(assessment)
    items, _posted = _form_items(request, data)
    answers = _posted_answers(request, assessment)
    try:
        if items or not answers:
            rating_services.ratings_save(actor=actor, assessment=assessment, items=items)
        if answers:
            review_services.answers_save(actor=actor, assessment=assessment, answers=answers)
    except ApplicationError as exc:
        text = "; ".join(m for msgs in exc.fields.values() for m in msgs) or exc.message
        return HttpResponse(f'<span class="error">{_escape(text)}</span>', status=200)
    return HttpResponse(f'<span class="muted">{_escape(_("Draft saved."))}</span>')


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


@member_required
def peer_nominate(request: HttpRequest, id) -> HttpResponse:
    """An employee nominates peers for an open cycle (their manager approves)."""
    actor = actor_from_request(request)
    cycle = _cycle_or_404(id)
    employee = request.employee
    if employee is None or cycle.status != AssessmentCycle.Status.OPEN:
        raise Http404
    if request.method == "POST":
        chosen = cycle_selectors.employees_by_public_ids(raw_ids=request.POST.getlist("peers"))
        try:
            rater_services.peers_nominate(actor=actor, cycle=cycle, employee=employee, peers=chosen)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Nominated. Your manager will approve."))
            return redirect("assessments:my_assessments")
    context = {
        "cycle": cycle,
        "suggestions": rater_selectors.peer_suggestions(cycle=cycle, employee=employee, limit=8),
        "nominated": rater_selectors.peer_nominations_of(cycle=cycle, employee=employee),
    }
    return render(request, "assessments/peer_nominate.html", context)


@member_required
@require_POST
def nomination_decide(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    assessment = rater_selectors.peer_nomination_get_for_decider(actor=actor, uuid=id)
    if assessment is None:
        raise Http404
    try:
        rater_services.peer_nomination_decide(
            actor=actor, assessment=assessment, approve=request.POST.get("decision") == "approve"
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("assessments:my_assessments")


@member_required
def expert_grants(request: HttpRequest) -> HttpResponse:
    """HR admins and managers grant expert assessors on their people's assessments in an
    open cycle, and revoke them; the expert sees and rates that one assessment only."""
    actor = actor_from_request(request)
    cycle = cycle_selectors.open_expert_cycle_chosen(
        raw_id=request.GET.get("cycle") or request.POST.get("cycle")
    )
    form = ExpertGrantForm(request.POST or None)
    if request.method == "POST" and cycle is not None and form.is_valid():
        employee = cycle_selectors.employee_by_email(email=form.cleaned_data["employee"])
        expert = cycle_selectors.employee_by_email(email=form.cleaned_data["expert"])
        if employee is None:
            form.add_error("employee", _("Nobody in the organisation has this e-mail."))
        if expert is None:
            form.add_error("expert", _("Nobody in the organisation has this e-mail."))
        if employee is not None and expert is not None:
            try:
                rater_services.expert_grant(
                    actor=actor, cycle=cycle, employee=employee, expert=expert
                )
            except ApplicationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(expert)s may now rate %(employee)s.")
                    % {"expert": expert.full_name, "employee": employee.full_name},
                )
                return redirect(f"{reverse('assessments:expert_grants')}?cycle={cycle.uuid}")
    search = request.GET.get("q", "").strip()
    grants = (
        rater_selectors.expert_grant_list_for_viewer(actor=actor, cycle=cycle, search=search)
        if cycle is not None
        else None
    )
    context = {
        "cycle": cycle,
        "cycles": cycle_selectors.open_expert_cycles(),
        "form": form,
        "search": search,
        "query": f"cycle={cycle.uuid}&" if cycle is not None else "",
        "page": Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
        if grants is not None
        else None,
    }
    return render(request, "assessments/expert_grants.html", context)


@member_required
@require_POST
def expert_revoke(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    assessment = rater_selectors.expert_grant_get_for_viewer(actor=actor, uuid=id)
    if assessment is None:
        raise Http404
    try:
        rater_services.expert_revoke(actor=actor, assessment=assessment)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(expert)s no longer rates this person.") % {"expert": assessment.rater.full_name},
        )
    return redirect(f"{reverse('assessments:expert_grants')}?cycle={assessment.cycle.uuid}")


# --- Results ---------------------------------------------------------------------------------


@member_required
def results(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    employee = rater_selectors.results_employee_for_viewer(actor=actor, uuid=id)
    if employee is None:
        raise Http404
    employee_gaps = gaps.employee_gaps(employee=employee)
    _low, high = requirement_selectors.scale_bounds()
    radar = charts.radar_svg(
        [charts.RadarAxis(g.capability.name, g.target, g.current) for g in employee_gaps],
        top=high,
        title=_("%(name)s: current level and target per capability") % {"name": employee.full_name},
    )
    goal_results = rating_selectors.goal_results_for_viewer(
        actor=actor, employee=employee, capabilities=[g.capability for g in employee_gaps]
    )
    history = list(result_selectors.consolidated_for_employee(employee=employee))
    sources = gaps.rating_sources(history)
    for level in history:
        level.external_sources = sources[level.pk].external
        level.exam_count = sources[level.pk].exams
    latest = next(iter(history), None)
    peers = (
        result_selectors.peer_summary(cycle=latest.cycle, employee=employee)
        if latest is not None
        else {}
    )
    context = {
        "person": employee,
        "gaps": employee_gaps,
        "rows": [
            (g, peers.get(g.capability.pk), goal_results.get(g.capability.pk, []))
            for g in employee_gaps
        ],
        "goal_rows": [
            (g.capability, goal_results[g.capability.pk])
            for g in employee_gaps
            if g.capability.pk in goal_results
        ],
        "gap_index": gaps.weighted_gap_index(employee_gaps),
        "radar": radar,
        "history": history,
        "peers": peers,
        "latest_cycle": latest.cycle if latest else None,
        **_results_answers(actor, employee),
        "feedback_rows": _feedback_rows(actor, employee, [g.capability for g in employee_gaps]),
    }
    return render(request, "assessments/results.html", context)


def _feedback_rows(actor, employee, capabilities) -> list:
    """(capability, [feedback]) for the capabilities some visible feedback names."""
    feedback = feedback_selectors.feedback_by_capability(
        actor=actor, employee=employee, capabilities=capabilities
    )
    return [(c, feedback[c.pk]) for c in capabilities if c.pk in feedback]


def _results_answers(actor, employee) -> dict:
    """The review answers about the person in the latest closed cycle that assessed them
    (whether or not it gave them levels: an upward review may weigh nothing)."""
    cycle = review_selectors.results_cycle(employee=employee)
    if cycle is None:
        return {"answers": [], "upward_capabilities": [], "answers_cycle": None}
    return {
        "answers": review_selectors.answers_for_results(
            actor=actor, employee=employee, cycle=cycle
        ),
        "upward_capabilities": review_selectors.upward_capability_summary(
            actor=actor, cycle=cycle, employee=employee
        ),
        "upward_spread": actor.is_admin,  # HR reads the distribution, the manager the mean
        "answers_cycle": cycle,
    }


# --- HR admins -------------------------------------------------------------------------------


@member_required(admin=True)
def cycle_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    cycles = cycle_selectors.cycle_list(search=search)
    page = Paginator(cycles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assessments/cycle_list.html", {"page": page, "search": search})


@member_required(admin=True)
def cycle_create(request: HttpRequest) -> HttpResponse:
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycle_services.cycle_create(
                actor=actor_from_request(request), **form.service_kwargs()
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Cycle created. Check the scope, then launch it."))
            return redirect("assessments:cycle_detail", id=cycle.uuid)
    return render(request, "assessments/cycle_form.html", {"form": form})


def _form_errors(form, exc: ApplicationError) -> None:
    placed = False
    for name, msgs in exc.fields.items():
        field = name if name in form.fields else None
        if name == "scope_ids":
            field = "scope"
        for message in msgs:
            form.add_error(field, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@member_required(admin=True)
def cycle_detail(request: HttpRequest, id) -> HttpResponse:
    cycle = _cycle_or_404(id)
    context = {
        "cycle": cycle,
        "completion": cycle_selectors.cycle_completion_by_department(cycle=cycle),
        "reason_form": ReasonForm(),
        "in_scope": cycle_selectors.cycle_scope_employees(cycle).count(),
    }
    return render(request, "assessments/cycle_detail.html", context)


@member_required(admin=True)
def cycle_progress(request: HttpRequest, id) -> HttpResponse:
    """htmx polling target: the launch progress of a cycle. Once the launch has finished, the
    poll reloads the whole page, so the completion table shows the new assessments."""
    cycle = _cycle_or_404(id)
    response = render(request, "assessments/_launch_progress.html", {"cycle": cycle})
    if request.htmx and cycle.launch_state != AssessmentCycle.LaunchState.RUNNING:
        response["HX-Refresh"] = "true"
    return response


def _cycle_action(request: HttpRequest, id, do, done: str) -> HttpResponse:
    cycle = _cycle_or_404(id)
    try:
        do(actor_from_request(request), cycle)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("assessments:cycle_detail", id=cycle.uuid)


@member_required(admin=True)
@require_http_methods(["GET", "POST"])
def cycle_launch(request: HttpRequest, id) -> HttpResponse:
    """Launching notifies everyone in scope and cannot be undone: a page says how many people
    and assessments it makes, and only its confirmed form launches (works without JavaScript)."""
    cycle = _cycle_or_404(id)
    if request.method == "POST" and request.POST.get("confirm") == "launch":
        return _cycle_action(
            request,
            id,
            lambda actor, cycle: cycle_services.cycle_launch(actor=actor, cycle=cycle),
            _("Launch started: the assessments are being created."),
        )
    context = {"cycle": cycle, "launch": cycle_selectors.cycle_launch_consequences(cycle=cycle)}
    return render(request, "assessments/cycle_launch_confirm.html", context)


@member_required(admin=True)
@require_http_methods(["GET", "POST"])
def cycle_close(request: HttpRequest, id) -> HttpResponse:
    """Closing consolidates and leaves every unsubmitted assessment unrated for good: a page
    states it in numbers and asks why when any are unsubmitted; a post without the confirmed
    numbers (an old form, a stray click) only shows that page and changes nothing."""
    cycle = _cycle_or_404(id)
    consequences = cycle_selectors.cycle_close_consequences(cycle=cycle)
    form = CloseCycleForm(initial={"confirmed_unsubmitted": consequences.unsubmitted})
    status = 200
    if request.method == "POST" and "confirmed_unsubmitted" in request.POST:
        form = CloseCycleForm(request.POST)
        if form.is_valid():
            try:
                cycle_services.cycle_close(
                    actor=actor_from_request(request), cycle=cycle, **form.cleaned_data
                )
            except ApplicationError as exc:
                _form_errors(form, exc)
                status = exc.status if exc.status >= 400 else 400
                consequences = cycle_selectors.cycle_close_consequences(cycle=cycle)
                form.data = form.data.copy()
                form.data["confirmed_unsubmitted"] = consequences.unsubmitted
            else:
                messages.success(request, _("Cycle closed; results are consolidated."))
                return redirect("assessments:cycle_detail", id=cycle.uuid)
    context = {"cycle": cycle, "close": consequences, "form": form}
    return render(request, "assessments/cycle_close_confirm.html", context, status=status)


@member_required(admin=True)
@require_POST
def cycle_reopen(request: HttpRequest, id) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _cycle_action(
        request,
        id,
        lambda actor, cycle: cycle_services.cycle_reopen(actor=actor, cycle=cycle, reason=reason),
        _("Cycle reopened."),
    )


@member_required(admin=True)
@replica_view
def calibration(request: HttpRequest, id) -> HttpResponse:
    """Fairness and calibration of a cycle: rater analytics, self vs manager by department,
    the level distribution per department, the 9-box and calibrated levels."""
    cycle = _cycle_or_404(id)
    adjusted = result_selectors.adjusted_levels(cycle=cycle)
    context = {
        "cycle": cycle,
        "analytics": fairness.rater_analytics(cycle=cycle),
        "self_vs_manager": fairness.self_vs_manager_by_department(cycle=cycle),
        "distribution": fairness.level_distribution_by_department(cycle=cycle),
        "nine_box": fairness.nine_box(cycle=cycle),
        "adjusted": adjusted,
        "preview": result_selectors.preview_summary(cycle=cycle) if cycle.preview_voting else None,
        "answer_summary": review_selectors.cycle_answer_summary(cycle=cycle),
    }
    return render(request, "assessments/calibration.html", context)


@member_required
def rating_preview(request: HttpRequest, id) -> HttpResponse:
    """The pre-calibration ratings preview of a closed cycle: HR admins and managers see the
    consolidated levels of their people with the votes so far, and vote on each."""
    actor = actor_from_request(request)
    cycle = _cycle_or_404(id)
    if not cycle.preview_voting:
        raise Http404
    search = request.GET.get("q", "").strip()
    contested = request.GET.get("contested") == "1"
    levels = result_selectors.preview_list_for_viewer(
        actor=actor, cycle=cycle, contested=True if contested else None, search=search
    )
    page = Paginator(levels, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "cycle": cycle,
        "page": page,
        "search": search,
        "contested": contested,
        "query": "contested=1&" if contested else "",
        "choices": PreviewVote.Choice.choices,
        "is_open": cycle.status == AssessmentCycle.Status.CLOSED,
    }
    return render(request, "assessments/rating_preview.html", context)


@member_required
@require_POST
def preview_vote(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    consolidated = result_selectors.preview_level_get_for_viewer(actor=actor, uuid=id)
    if consolidated is None:
        raise Http404
    form = PreviewVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the level looks right, too high or too low."))
    else:
        try:
            calibration_services.preview_vote_cast(
                actor=actor,
                consolidated=consolidated,
                vote=form.cleaned_data["vote"],
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as exc:
            messages.error(
                request,
                _("%(who)s · %(capability)s: %(message)s")
                % {
                    "who": consolidated.employee.full_name,
                    "capability": consolidated.capability.name,
                    "message": exc.message,
                },
            )
        else:
            messages.success(request, _("Vote saved."))
    return redirect("assessments:rating_preview", id=consolidated.cycle.uuid)


@member_required(admin=True)
def consolidated_adjust(request: HttpRequest, id) -> HttpResponse:
    consolidated = result_selectors.consolidated_get(uuid=id)
    if consolidated is None:
        raise Http404
    form = AdjustForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            calibration_services.consolidated_level_adjust(
                actor=actor_from_request(request),
                consolidated=consolidated,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Level calibrated."))
            return redirect("assessments:results", id=consolidated.employee.uuid)
    sources = gaps.rating_sources([consolidated])[consolidated.pk]
    answers = review_selectors.answers_for_results(
        actor=actor_from_request(request),
        employee=consolidated.employee,
        cycle=consolidated.cycle,
    )
    context = {
        "form": form,
        "consolidated": consolidated,
        "sources": sources,
        "answers": answers,
    }
    return render(request, "assessments/adjust.html", context)
