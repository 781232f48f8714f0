"""Goal pages: my goals, team goals at risk, scorecards, goal detail, goal tree. Thin: reads
come from goals.selectors, writes go through goals.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capabilities import selectors as capability_selectors
from goals import scorecards as scorecard_selectors
from goals import selectors, services
from goals import tree as tree_selectors
from goals.error_codes import NOT_FOUND
from goals.forms import (
    ActivateForm,
    DecisionForm,
    GoalForm,
    ProgressForm,
)
from goals.models import Goal, Level
from goals.smart import GoalDraft, smart_check
from plms.common.errors import ApplicationError
from plms.common.ids import parse_public_id
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.tenancy.replica import replica_view
from plms.web.decorators import member_required

PAGE_SIZE = 20
LATENCY_SHOWN = 20  # the latest red episodes listed under the team's goals at risk


def form_errors(form, exc: ApplicationError) -> None:
    """Put a refused service call's messages on the form, each under its field when it has one."""
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
        "scorecard": scorecard_selectors.scorecard(all_mine),
    }
    return render(request, "goals/my_goals.html", context)


@member_required
def team_at_risk(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    number = request.GET.get("page")
    first = (int(number) - 1) * PAGE_SIZE if number and number.isdigit() and int(number) else 0
    risks = (
        selectors.team_goal_risk_rows(manager=employee, window=(first, first + PAGE_SIZE))
        if employee is not None
        else []
    )
    page = Paginator(risks, PAGE_SIZE).get_page(number)
    # The database judges, counts and pages the team's goals (a large team has thousands)
    # in one query: only the page's goals are loaded and evaluated for display.
    page.object_list = selectors.goals_for_risks(list(page.object_list))
    context = {
        "page": page,
        "latency": (
            selectors.decision_latency(
                goals=selectors.team_goals(manager=employee), shown=LATENCY_SHOWN
            )
            if employee is not None
            else None
        ),
    }
    return render(request, "goals/team_at_risk.html", context)


@member_required
def my_scorecard(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    scorecard = (
        scorecard_selectors.person_scorecard(actor=actor_from_request(request), employee=employee)
        if employee is not None
        else scorecard_selectors.balanced_scorecard([])
    )
    context = {"person": employee, "scorecard": scorecard, "mine": True}
    return render(request, "goals/person_scorecard.html", context)


@member_required
def person_scorecard(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    employee = scorecard_selectors.scorecard_employee_get(actor=actor, uuid=id)
    if employee is None:
        raise Http404
    context = {
        "person": employee,
        "scorecard": scorecard_selectors.person_scorecard(actor=actor, employee=employee),
        "mine": request.employee is not None and request.employee.pk == employee.pk,
    }
    return render(request, "goals/person_scorecard.html", context)


@member_required
@replica_view
def team_scorecard(request: HttpRequest) -> HttpResponse:
    """The team's balanced scorecard (summed by the database over the whole team) and a page
    of its people, each with their own."""
    employee = request.employee
    search = request.GET.get("q", "").strip()[:100]
    team_ids = scorecard_selectors.team_ids(manager=employee) if employee is not None else []
    people = scorecard_selectors.team_members(people=team_ids, search=search) if team_ids else []
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = scorecard_selectors.team_member_scores(list(page.object_list))
    team = scorecard_selectors.team_summary(people=team_ids) if team_ids else None
    context = {"team": team, "page": page, "search": search}
    return render(request, "goals/team_scorecard.html", context)


def _owner_choices(
    request: HttpRequest, *, search: str = "", chosen: str = ""
) -> list[tuple[str, str, bool]]:
    """The owner picker's options as (value, label, chosen): without a search the
    organisation (HR admins), the viewer, their direct reports and the first 20 departments
    they may set goals for; with one, the people and the first 20 departments matching it (see
    `goal_owner_people`); and the owner `chosen` already, first."""
    actor = actor_from_request(request)
    employee = request.employee
    words = search.lower().split()
    departments = selectors.goal_owner_departments(actor=actor)
    options = []
    if request.membership.is_admin and all(word in "organisation" for word in words):
        options.append(("organization:", _("The organisation")))
    for person in selectors.goal_owner_people(actor=actor, search=search):
        label = _("Me (%s)") % person.full_name if person == employee else person.full_name
        options.append((f"employee:{person.uuid}", label))
    matching = [d for d in departments if all(word in d.name.lower() for word in words)]
    options += [
        (f"department:{d.uuid}", _("Department: %s") % d.name)
        for d in matching[: selectors.PICKER_SHOWN]
    ]
    options = list(dict.fromkeys(options))
    values = {value for value, _label in options}
    if chosen and chosen not in values:
        label = _owner_label(chosen)
        if label:
            options.insert(0, (chosen, label))
    return [(value, label, value == chosen) for value, label in options]


def _owner_label(value: str) -> str:
    kind, _sep, public_id = value.partition(":")
    if kind == "employee":
        person = people_selectors.employee_get(uuid=parse_public_id(public_id))
        return person.full_name if person else ""
    if kind == "department":
        department = selectors.department_get(uuid=parse_public_id(public_id))
        return _("Department: %s") % department.name if department else ""
    return _("The organisation") if value == "organization:" else ""


def _parent_choices(
    actor, *, chosen=(), search: str = "", exclude: Goal | None = None
) -> list[tuple[str, str, bool]]:
    """The parent picker's options as (value, label, chosen): see `goal_parent_options`."""
    return [
        (str(uuid), f"{title} ({Level(level).label})", selected)
        for uuid, title, level, selected in selectors.goal_parent_options(
            actor=actor, search=search, include=chosen, exclude=exclude
        )
    ]


def _key_result_choices(
    request: HttpRequest, *, search: str = "", chosen: str = ""
) -> list[tuple[str, str, bool]]:
    """The key result picker's options as (value, label, chosen): none first, then see
    `key_result_options`."""
    options = selectors.key_result_options(viewer=request.employee, search=search, include=chosen)
    found = [(str(uuid), label, selected) for uuid, label, selected in options]
    return [("", _("No key result"), not any(selected for *_rest, selected in found)), *found]


def _capability_choices(
    request: HttpRequest, *, search: str = "", chosen=()
) -> list[tuple[str, str, bool]]:
    """The capability picker's options as (value, label, chosen): see `capability_options`."""
    options = selectors.capability_options(viewer=request.employee, search=search, include=chosen)
    return [(str(uuid), name, selected) for uuid, name, selected in options]


def _pairs(options: list[tuple[str, str, bool]]) -> list[tuple[str, str]]:
    return [(value, label) for value, label, _chosen in options]


@member_required
def owner_choices(request: HttpRequest) -> HttpResponse:
    """Options of the goal form's owner picker for a search (htmx)."""
    options = _owner_choices(
        request, search=request.GET.get("q", "")[:100], chosen=request.GET.get("owner", "")
    )
    return render(request, "partials/options.html", {"choices": options})


@member_required
def parent_choices(request: HttpRequest) -> HttpResponse:
    """Options of the goal form's parent picker for a search (htmx), the chosen ones kept and
    the goal being edited (`exclude`) left out."""
    actor = actor_from_request(request)
    exclude = None
    if request.GET.get("exclude"):  # the goal being edited supports no goal of its own
        exclude = selectors.goal_visible(actor=actor, uuid=parse_public_id(request.GET["exclude"]))
    options = _parent_choices(
        actor,
        chosen=request.GET.getlist("parents"),
        search=request.GET.get("q", "")[:100],
        exclude=exclude,
    )
    return render(request, "partials/options.html", {"choices": options})


@member_required
def key_result_choices(request: HttpRequest) -> HttpResponse:
    """Options of the goal form's key result picker for a search (htmx)."""
    options = _key_result_choices(
        request, search=request.GET.get("q", "")[:100], chosen=request.GET.get("key_result", "")
    )
    return render(request, "partials/options.html", {"choices": options})


@member_required
def capability_choices(request: HttpRequest) -> HttpResponse:
    """Options of the goal form's capability picker for a search (htmx), the chosen ones kept."""
    options = _capability_choices(
        request,
        search=request.GET.get("q", "")[:100],
        chosen=request.GET.getlist("capabilities"),
    )
    return render(request, "partials/options.html", {"choices": options})


def _chosen_alignment(form: GoalForm) -> dict | None:
    """The form's key result and capabilities, or None with an error on the field that names
    one the organisation does not have."""
    public_id = form.cleaned_data.get("key_result")
    key_result = selectors.key_result_get(uuid=parse_public_id(public_id)) if public_id else None
    if public_id and key_result is None:
        form.add_error("key_result", _("Choose a key result."))
    uuids = set(form.cleaned_data.get("capabilities") or [])
    capabilities = selectors.capabilities_by_ids(uuids=uuids)
    if len(capabilities) != len(uuids):
        form.add_error("capabilities", _("Choose capabilities of the library."))
    if form.errors:
        return None
    return {"key_result": key_result, "capabilities": capabilities}


def _chosen_parents(form: GoalForm, actor, exclude: Goal | None = None) -> list[Goal] | None:
    """The form's parent goals, or None with an error on the field when one may not be
    chosen (not visible, completed, cancelled, or the goal itself)."""
    parents = selectors.goal_parents_chosen(
        actor=actor, uuids=form.cleaned_data.get("parents", []), exclude=exclude
    )
    if parents is None:
        form.add_error(
            "parents",
            _("Choose goals you can see that are neither completed nor cancelled."),
        )
    return parents


def alignment_choices() -> dict[str, list[tuple[str, str]]]:
    """Key results (by role) and capabilities a goal may name, for the goal form."""
    return {
        "key_results": [
            (str(kr.uuid), f"{kr.role.name}: {kr.outcome}") for kr in selectors.key_result_choices()
        ],
        "capabilities": [(str(c.uuid), c.name) for c in capability_selectors.capability_choices()],
    }


def _chosen_owner(form: GoalForm) -> dict | None:
    """The form's owner as the goal's owner fields (none when editing: the owner stays), or
    None with an error on the field when it names no person or department of the
    organisation. Whether the viewer may set goals for that owner is the service's to say."""
    owner = form.cleaned_data.get("owner")
    if owner is None:
        return {}
    kind, _sep, uuid = owner.partition(":")
    values: dict = {"owner_type": kind}
    if kind == "employee":
        values["owner_employee"] = people_selectors.employee_get(uuid=parse_public_id(uuid))
    elif kind == "department":
        values["owner_department"] = selectors.department_get(uuid=parse_public_id(uuid))
    if any(value is None for value in values.values()):
        form.add_error("owner", _("Choose an owner."))
        return None
    return values


def _goal_values(form: GoalForm, parents: list[Goal], owner: dict, alignment: dict) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("justification", None)
    data.pop("owner", None)
    data["parents"] = parents
    return {**data, **alignment, **owner}


def _smart_from_form(form: GoalForm, actor):
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
        has_key_result=bool(data.get("key_result")),
    )
    settings = selectors.goal_settings_get()
    return smart_check(draft, stretch_limit=settings.stretch_limit_percent)


@member_required
def goal_create(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = GoalForm(
        request.POST or None,
        owners=_pairs(_owner_choices(request, chosen=request.POST.get("owner", ""))),
        parents=_pairs(_parent_choices(actor, chosen=request.POST.getlist("parents"))),
        key_results=_pairs(_key_result_choices(request, chosen=request.POST.get("key_result", ""))),
        capabilities=_pairs(
            _capability_choices(request, chosen=request.POST.getlist("capabilities"))
        ),
    )
    check = None
    if request.method == "POST" and form.is_valid():
        check = _smart_from_form(form, actor)
        parents, owner = _chosen_parents(form, actor), _chosen_owner(form)
        alignment = _chosen_alignment(form) if "check" not in request.POST else None
        if None not in (parents, owner, alignment):
            values = _goal_values(form, parents, owner, alignment)
            try:
                goal = services.goal_create(actor=actor, **values)
            except ApplicationError as exc:
                form_errors(form, exc)
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
    initial["key_result"] = str(goal.key_result.uuid) if goal.key_result else ""
    initial["capabilities"] = [str(c.uuid) for c in goal.capabilities.all()]
    initial["version"] = goal.version
    posted = request.method == "POST"
    chosen = request.POST.getlist("parents") if posted else initial["parents"]
    key_result = request.POST.get("key_result", "") if posted else initial["key_result"]
    capabilities = request.POST.getlist("capabilities") if posted else initial["capabilities"]
    form = GoalForm(
        request.POST or None,
        initial=initial,
        parents=_pairs(_parent_choices(actor, chosen=chosen, exclude=goal)),
        key_results=_pairs(_key_result_choices(request, chosen=key_result)),
        capabilities=_pairs(_capability_choices(request, chosen=capabilities)),
        editing=True,
    )
    form.fields["parents"].widget.search_params = {"exclude": str(goal.uuid)}
    parents = alignment = None
    if posted and form.is_valid():
        parents = _chosen_parents(form, actor, exclude=goal)
        alignment = _chosen_alignment(form)
    if parents is not None and alignment is not None:
        values = _goal_values(form, parents, {}, alignment)
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
            form_errors(form, exc)
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
    return _goal_detail_page(request, actor, goal)


def _goal_detail_page(request: HttpRequest, actor, goal, *, progress_form=None, status=200):
    """The goal's page; after a refused progress update, with the typed values and errors."""
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
        "progress_form": progress_form or ProgressForm(),
        "activate_form": ActivateForm(),
        "decision_form": DecisionForm(),
        "children": selectors.goal_children(actor=actor, goal=goal),
    }
    return render(request, "goals/goal_detail.html", context, status=status)


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
    """Records progress; a refusal shows the page again with what was typed and the errors at
    their fields, not only a banner."""
    actor = actor_from_request(request)
    goal = selectors.goal_get(actor=actor, uuid=id)
    if goal is None:
        raise Http404
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.goal_progress_record(actor=actor, goal=goal, **form.cleaned_data)
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("goals:goal_detail", id=id)
    return _goal_detail_page(request, actor, goal, progress_form=form, status=400)


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
            raise ApplicationError(NOT_FOUND, _("No change is pending."))
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
    """The cascade, a page of top-level goals at a time, each with the goals supporting it
    (the whole organisation's, for HR admins: how many); deeper levels open on demand
    (`?under=<goal>`: a page of the goals supporting that goal, as a fragment for htmx, else as
    a page)."""
    actor = actor_from_request(request)
    forest = tree_selectors.goal_forest(actor=actor)
    under = None
    if "under" in request.GET:
        under = selectors.goal_visible(actor=actor, uuid=parse_public_id(request.GET["under"]))
        if under is None or not forest.contains(under):
            raise Http404
    ids = forest.children_of([under.pk])[under.pk] if under is not None else forest.roots
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    nodes = tree_selectors.goal_tree(actor=actor, forest=forest, ids=list(page.object_list))
    context = {"roots": nodes, "page": page, "under": under}
    if under is not None and request.htmx:
        return render(request, "goals/_tree_nodes.html", context)
    return render(request, "goals/goal_tree.html", context)
