"""Goal pages: my goals, team goals at risk, goal detail, goal tree, check-ins, feedback."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import selectors, services
from goals.forms import (
    ActionItemForm,
    ActivateForm,
    CheckInForm,
    DecisionForm,
    EscalateForm,
    FeedbackForm,
    FeedbackRequestForm,
    GoalForm,
    ProgressForm,
)
from goals.models import ActionItem, FeedbackRequest, Goal
from goals.smart import smart_check
from plms.common.errors import ApplicationError
from plms.common.ids import parse_public_id
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

PAGE_SIZE = 20


def _form_errors(form, exc: ApplicationError) -> None:
    for name, errors in exc.fields.items():
        field = name if name in form.fields else None
        for error in errors:
            form.add_error(field, error)
    if not exc.fields:
        form.add_error(None, exc.message)


# --- Goals -----------------------------------------------------------------------------------


@member_required
def my_goals(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    employee = request.employee
    goals = selectors.goal_list(actor=actor, owner_employee=employee, search=search, status=status)
    if employee is None:
        goals = goals.none()
    page = Paginator(goals, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.goal_list_for_display(page.object_list)
    all_mine = (
        selectors.goal_list_for_display(
            selectors.goal_list(actor=actor, owner_employee=employee, status="active")
        )
        if employee is not None
        else []
    )
    context = {
        "page": page,
        "search": search,
        "status": status,
        "statuses": Goal.Status.choices,
        "scorecard": selectors.scorecard(all_mine),
    }
    return render(request, "goals/my_goals.html", context)


@member_required
def team_at_risk(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    goals = selectors.team_goals_at_risk(manager=employee) if employee is not None else []
    page = Paginator(goals, PAGE_SIZE).get_page(request.GET.get("page"))
    team_goals = (
        Goal.objects.filter(
            owner_employee__in=people_selectors.all_reports(manager=employee, include_matrix=True)
        )
        if employee is not None
        else Goal.objects.none()
    )
    context = {
        "page": page,
        "latency": selectors.decision_latency(goals=team_goals),
    }
    return render(request, "goals/team_at_risk.html", context)


def _owner_choices(request: HttpRequest) -> list[tuple[str, str]]:
    choices = []
    employee = request.employee
    if employee is not None:
        choices.append((f"employee:{employee.uuid}", _("Me (%s)") % employee.full_name))
        for report in people_selectors.all_reports(manager=employee, include_matrix=True):
            choices.append((f"employee:{report.uuid}", report.full_name))
        if employee.department_id and Employee.objects.filter(manager=employee).exists():
            choices.append((f"department:{employee.department.uuid}", str(employee.department)))
    if request.membership.is_admin:
        choices.insert(0, ("organization:", _("The organisation")))
        choices += [
            (f"department:{d.uuid}", _("Department: %s") % d.name)
            for d in people_selectors.department_list()
        ]
    return list(dict.fromkeys(choices))


def _parent_choices(actor, exclude: Goal | None = None) -> list[tuple[str, str]]:
    goals = selectors.goal_list(actor=actor).exclude(status__in=["cancelled", "completed"])
    if exclude is not None:
        goals = goals.exclude(pk=exclude.pk)
    return [(str(g.uuid), f"{g.title} ({g.get_level_display()})") for g in goals]


def _goal_values(form: GoalForm, actor) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("justification", None)
    parent_ids = data.pop("parents", [])
    data["parents"] = list(selectors.goal_list(actor=actor).filter(uuid__in=parent_ids))
    owner = data.pop("owner", None)
    if owner is not None:
        kind, _sep, uuid = owner.partition(":")
        data["owner_type"] = kind
        if kind == "employee":
            data["owner_employee"] = Employee.objects.filter(uuid=parse_public_id(uuid)).first()
        elif kind == "department":
            data["owner_department"] = people_selectors.department_list().filter(uuid=uuid).first()
    return data


def _smart_from_form(form: GoalForm, actor):
    from goals.smart import GoalDraft

    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    owner = (data.get("owner") or "employee:").partition(":")[0]
    draft = GoalDraft(
        title=data.get("title", ""),
        description=data.get("description", ""),
        level=data.get("level", "operational"),
        owner_type=owner,
        unit=data.get("unit", ""),
        direction=data.get("direction", "increase"),
        baseline=data.get("baseline"),
        target=data.get("target"),
        range_low=data.get("range_low"),
        range_high=data.get("range_high"),
        indicator=data.get("indicator", "lagging"),
        start_date=data.get("start_date"),
        due_date=data.get("due_date"),
        parent_count=len(data.get("parents") or []),
    )
    settings = selectors.goal_settings_get()
    return smart_check(draft, stretch_limit=settings.stretch_limit_percent)


@member_required
def goal_create(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = GoalForm(
        request.POST or None, owners=_owner_choices(request), parents=_parent_choices(actor)
    )
    check = None
    if request.method == "POST" and form.is_valid():
        check = _smart_from_form(form, actor)
        if "check" not in request.POST:
            try:
                goal = services.goal_create(actor=actor, **_goal_values(form, actor))
            except ApplicationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Draft goal saved."))
                return redirect("goals:goal_detail", id=goal.uuid)
    if request.htmx and "check" in request.POST:
        return render(request, "goals/_smart.html", {"check": check})
    return render(request, "goals/goal_form.html", {"form": form, "check": check})


@member_required
def goal_edit(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    goal = selectors.goal_get(actor=actor, uuid=id)
    if goal is None or not selectors.can_edit_goal(actor=actor, goal=goal):
        raise Http404
    initial = {name: getattr(goal, name) for name in GoalForm.base_fields if hasattr(goal, name)}
    initial["parents"] = [str(p.uuid) for p in goal.parents.all()]
    initial["version"] = goal.version
    form = GoalForm(
        request.POST or None,
        initial=initial,
        parents=_parent_choices(actor, exclude=goal),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        values = _goal_values(form, actor)
        try:
            services.goal_update(
                actor=actor,
                goal=goal,
                version=form.cleaned_data["version"] or 0,
                justification=form.cleaned_data.get("justification", ""),
                **values,
            )
        except ApplicationError as exc:
            if exc.code == "conflict":
                messages.error(request, exc.message)
                return redirect("goals:goal_edit", id=goal.uuid)
            _form_errors(form, exc)
        else:
            pending = selectors.goal_pending_change(goal=goal)
            if pending is not None:
                messages.info(request, _("Saved. The change of the commitment awaits approval."))
            else:
                messages.success(request, _("Goal saved."))
            return redirect("goals:goal_detail", id=goal.uuid)
    return render(request, "goals/goal_form.html", {"form": form, "goal": goal})


@member_required
def goal_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    goal = selectors.goal_get(actor=actor, uuid=id)
    if goal is None:
        raise Http404
    goal = selectors.goal_list_for_display([goal])[0]
    history = Paginator(selectors.goal_history(goal=goal), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "goal": goal,
        "smart": selectors.goal_smart_check(goal),
        "updates": selectors.goal_updates(goal=goal)[:20],
        "pending": selectors.goal_pending_change(goal=goal),
        "history": history,
        "decisions": selectors.goal_decision_log(goal=goal)[:20],
        "can_edit": selectors.can_edit_goal(actor=actor, goal=goal),
        "can_record": selectors.can_record_progress(actor=actor, goal=goal),
        "can_approve": selectors.is_goal_approver(actor=actor, goal=goal),
        "progress_form": ProgressForm(),
        "activate_form": ActivateForm(),
        "decision_form": DecisionForm(),
        "children": selectors.goal_list(actor=actor).filter(parent_links__parent=goal),
    }
    return render(request, "goals/goal_detail.html", context)


def _goal_action(request: HttpRequest, id, run) -> HttpResponse:
    actor = actor_from_request(request)
    goal = selectors.goal_get(actor=actor, uuid=id)
    if goal is None:
        raise Http404
    try:
        message = run(actor, goal)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        for name, errors in exc.fields.items():
            for error in errors:
                messages.error(request, f"{name.removeprefix('smart.')}: {error}")
    else:
        messages.success(request, message)
    return redirect("goals:goal_detail", id=id)


@member_required
@require_POST
def goal_progress(request: HttpRequest, id) -> HttpResponse:
    form = ProgressForm(request.POST)

    def run(actor, goal):
        if not form.is_valid():
            raise ApplicationError("invalid", _("Enter a number for the new value."))
        services.goal_progress_record(actor=actor, goal=goal, **form.cleaned_data)
        return _("Progress recorded.")

    return _goal_action(request, id, run)


@member_required
@require_POST
def goal_status(request: HttpRequest, id) -> HttpResponse:
    status = request.POST.get("status", "")

    def run(actor, goal):
        services.goal_transition(
            actor=actor,
            goal=goal,
            status=status,
            version=int(request.POST.get("version") or 0) or None,
            override_reason=request.POST.get("override_reason", ""),
        )
        return _("The goal is now %s.") % Goal.Status(status).label

    if status not in Goal.Status.values:
        raise Http404
    return _goal_action(request, id, run)


@member_required
@require_POST
def goal_decide(request: HttpRequest, id) -> HttpResponse:
    def run(actor, goal):
        change = selectors.goal_pending_change(goal=goal)
        if change is None:
            raise ApplicationError("not_found", _("No change is pending."))
        approve = request.POST.get("decision") == "approve"
        services.goal_change_request_decide(
            actor=actor, change_request=change, approve=approve, note=request.POST.get("note", "")
        )
        return _("Change approved.") if approve else _("Change rejected.")

    return _goal_action(request, id, run)


@member_required
@require_POST
def goal_approve_stretch(request: HttpRequest, id) -> HttpResponse:
    def run(actor, goal):
        services.goal_stretch_approve(actor=actor, goal=goal)
        return _("Stretch target approved.")

    return _goal_action(request, id, run)


@member_required
def goal_tree(request: HttpRequest) -> HttpResponse:
    roots = selectors.goal_tree(actor=actor_from_request(request))
    return render(request, "goals/goal_tree.html", {"roots": roots})


# --- Check-ins -------------------------------------------------------------------------------


@member_required
def check_in_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    status = request.GET.get("status", "")
    check_ins = selectors.check_in_list(actor=actor, status=status)
    page = Paginator(check_ins, PAGE_SIZE).get_page(request.GET.get("page"))
    employee = request.employee
    reports = (
        list(people_selectors.direct_reports(manager=employee)) if employee is not None else []
    )
    rates = [
        rate
        for rate in selectors.check_in_completion_rates()
        if request.membership.is_admin or (employee is not None and rate.manager == employee)
    ]
    context = {"page": page, "status": status, "reports": reports, "rates": rates}
    return render(request, "goals/check_in_list.html", context)


@member_required
@require_POST
def check_in_start(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    report = Employee.objects.filter(uuid=parse_public_id(request.POST.get("report"))).first()
    if report is None:
        raise Http404
    try:
        series = services.check_in_series_create(
            actor=actor, report=report, cadence=request.POST.get("cadence", "weekly")
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("goals:check_in_list")
    first = series.check_ins.order_by("scheduled_for").first()
    messages.success(request, _("Recurring check-in started."))
    return redirect("goals:check_in_detail", id=first.uuid)


@member_required
def check_in_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    check_in = selectors.check_in_get(actor=actor, uuid=id)
    if check_in is None:
        raise Http404
    private = selectors.sees_private_notes(actor=actor, check_in=check_in)
    initial = {
        "obstacles": check_in.obstacles,
        "priorities": check_in.priorities,
        "shared_notes": check_in.shared_notes,
    }
    if private:
        initial["private_manager_notes"] = check_in.private_manager_notes
    form = CheckInForm(request.POST or None, initial=initial, private=private)
    reviews = list(selectors.check_in_goal_reviews(check_in=check_in))
    if request.method == "POST" and form.is_valid():
        comments = {
            review.goal: request.POST.get(f"review-{review.uuid}", review.comment)
            for review in reviews
        }
        try:
            services.check_in_update(
                actor=actor, check_in=check_in, reviews=comments, **form.cleaned_data
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Check-in saved."))
            return redirect("goals:check_in_detail", id=check_in.uuid)
    owners = [
        (str(check_in.report.uuid), check_in.report.full_name),
        (str(check_in.manager.uuid), check_in.manager.full_name),
    ]
    context = {
        "check_in": check_in,
        "form": form,
        "private": private,
        "reviews": reviews,
        "actions": selectors.check_in_open_actions(check_in=check_in),
        "action_form": ActionItemForm(owners=owners),
        "escalate_form": EscalateForm(),
        "escalations": check_in.escalations.select_related("escalated_to"),
    }
    return render(request, "goals/check_in_detail.html", context)


def _check_in_action(request: HttpRequest, id, run) -> HttpResponse:
    actor = actor_from_request(request)
    check_in = selectors.check_in_get(actor=actor, uuid=id)
    if check_in is None:
        raise Http404
    try:
        message = run(actor, check_in)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("goals:check_in_detail", id=id)


@member_required
@require_POST
def check_in_complete(request: HttpRequest, id) -> HttpResponse:
    def run(actor, check_in):
        services.check_in_complete(actor=actor, check_in=check_in)
        return _("Check-in completed; the next one is scheduled.")

    return _check_in_action(request, id, run)


@member_required
@require_POST
def check_in_add_action(request: HttpRequest, id) -> HttpResponse:
    def run(actor, check_in):
        owner = Employee.objects.filter(uuid=parse_public_id(request.POST.get("owner"))).first()
        form = ActionItemForm(
            request.POST,
            owners=[(request.POST.get("owner", ""), "")],
        )
        if not form.is_valid():
            raise ApplicationError("invalid", _("Say what is to be done."))
        services.action_item_add(
            actor=actor,
            check_in=check_in,
            text=form.cleaned_data["text"],
            owner=owner,
            due_date=form.cleaned_data["due_date"],
        )
        return _("Action item added.")

    return _check_in_action(request, id, run)


@member_required
@require_POST
def check_in_toggle_action(request: HttpRequest, id) -> HttpResponse:
    """Tick an action item off (or reopen it); back to the check-in it is shown in."""
    item = ActionItem.objects.select_related("check_in").filter(uuid=id).first()
    if item is None:
        raise Http404
    back = request.POST.get("check_in") or item.check_in.uuid

    def run(actor, check_in):
        done = request.POST.get("done") == "1"
        services.action_item_set_done(actor=actor, item=item, done=done)
        return _("Action item done.") if done else _("Action item reopened.")

    response = _check_in_action(request, item.check_in.uuid, run)
    visible = selectors.check_in_list(actor=actor_from_request(request)).filter(uuid=back)
    return redirect("goals:check_in_detail", id=back) if visible.exists() else response


@member_required
@require_POST
def check_in_escalate(request: HttpRequest, id) -> HttpResponse:
    def run(actor, check_in):
        escalation = services.check_in_escalate(
            actor=actor, check_in=check_in, part=request.POST.get("part", "")
        )
        return _("Escalated to %s.") % escalation.escalated_to

    return _check_in_action(request, id, run)


# --- Feedback --------------------------------------------------------------------------------


@member_required
def feedback_inbox(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    received = selectors.feedback_inbox(employee=employee) if employee else []
    page = Paginator(received, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "requests": selectors.feedback_requests_for(employee=employee) if employee else [],
        "praise": selectors.public_praise()[:10],
        "request_form": FeedbackRequestForm(people=_people_choices(employee)),
    }
    return render(request, "goals/feedback_inbox.html", context)


def _people_choices(employee: Employee | None) -> list[tuple[str, str]]:
    people = people_selectors.employee_list(active=True)
    if employee is not None:
        people = people.exclude(pk=employee.pk)
    return [(str(p.uuid), p.full_name) for p in people]


@member_required
def feedback_give(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    employee = request.employee
    initial = {
        "receiver": request.GET.get("to", ""),
        "request": request.GET.get("request", ""),
    }
    form = FeedbackForm(request.POST or None, initial=initial, receivers=_people_choices(employee))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["receiver"] = Employee.objects.get(uuid=data["receiver"])
        request_uuid = data.pop("request") or None
        data["request"] = FeedbackRequest.objects.filter(uuid=parse_public_id(request_uuid)).first()
        try:
            services.feedback_give(actor=actor, **data)
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Feedback sent."))
            return redirect("goals:feedback_inbox")
    return render(request, "goals/feedback_form.html", {"form": form})


@member_required
@require_POST
def feedback_request(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = FeedbackRequestForm(request.POST, people=_people_choices(request.employee))
    if form.is_valid():
        asked = Employee.objects.get(uuid=form.cleaned_data["asked"])
        try:
            services.feedback_request_create(
                actor=actor, asked=asked, message=form.cleaned_data["message"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Feedback requested from %s.") % asked)
    else:
        messages.error(request, _("Choose whom to ask."))
    return redirect("goals:feedback_inbox")
