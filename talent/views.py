"""Career pages: a person's aspirations beside their current role (with a plan towards each),
a manager's team aspirations, and HR's career paths."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.selectors import cycles as cycle_selectors
from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from talent import nine_box as nine_box_selectors
from talent import performance, selectors, services
from talent.forms import (
    AspirationForm,
    CareerPathForm,
    CriticalRoleForm,
    GrantForm,
    SuccessorForm,
)
from talent.models import Successor

PAGE_SIZE = 25


def _add_errors(form, error: ApplicationError) -> None:
    form.add_error(None, error.message)


@member_required
def my_career(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    if employee is None:
        return render(request, "talent/my_career.html", {"view": None})
    view = selectors.career_view(employee=employee)
    form = AspirationForm(roles=selectors.job_roles())
    return render(
        request,
        "talent/my_career.html",
        {"view": view, "form": form, "can_add": len(view.aspirations) < 3},
    )


@member_required
@require_POST
def aspiration_add(request: HttpRequest) -> HttpResponse:
    if request.employee is None:
        raise Http404
    form = AspirationForm(request.POST, roles=selectors.job_roles())
    if form.is_valid():
        try:
            services.aspiration_add(
                actor=actor_from_request(request),
                employee=request.employee,
                role=form.cleaned_data["role"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(role)s is among your aspirations.") % {"role": form.cleaned_data["role"].name},
            )
    else:
        messages.error(request, _("Choose a role."))
    return redirect("talent:my_career")


def _aspiration_or_404(request, id):
    aspiration = selectors.aspiration_get_for_viewer(actor=actor_from_request(request), uuid=id)
    if aspiration is None:
        raise Http404
    return aspiration


@member_required
@require_POST
def aspiration_remove(request: HttpRequest, id) -> HttpResponse:
    aspiration = _aspiration_or_404(request, id)
    try:
        services.aspiration_remove(actor=actor_from_request(request), aspiration=aspiration)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Aspiration removed."))
    return redirect("talent:my_career")


@member_required
@require_POST
def aspiration_plan(request: HttpRequest, id) -> HttpResponse:
    aspiration = _aspiration_or_404(request, id)
    try:
        plan = services.aspiration_plan_build(
            actor=actor_from_request(request), aspiration=aspiration
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("talent:my_career")
    messages.success(
        request, _("A draft plan towards %(role)s is ready.") % {"role": aspiration.role.name}
    )
    return redirect("learning:plan_detail", id=plan.uuid)


@member_required
def team(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    number = request.GET.get("page")
    if employee is None:
        page = Paginator([], PAGE_SIZE).get_page(number)
    else:
        page = selectors.team_aspiration_page(manager=employee, number=number, per_page=PAGE_SIZE)
    return render(request, "talent/team.html", {"page": page})


@member_required(admin=True)
def career_paths(request: HttpRequest) -> HttpResponse:
    roles = selectors.job_roles()
    form = CareerPathForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.career_path_create(actor=actor_from_request(request), **form.cleaned_data)
        except ApplicationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Career path added."))
            return redirect("talent:career_paths")
    page = Paginator(selectors.career_path_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talent/career_paths.html", {"page": page, "form": form})


@member_required(admin=True)
@require_POST
def career_path_remove(request: HttpRequest, id) -> HttpResponse:
    path = selectors.career_path_get(uuid=id)
    if path is None:
        raise Http404
    services.career_path_delete(actor=actor_from_request(request), path=path)
    messages.success(request, _("Career path removed."))
    return redirect("talent:career_paths")


# --- Succession (confidential: HR and the people HR grants a slate) -----------------------------


@member_required
def succession(request: HttpRequest) -> HttpResponse:
    """The succession dashboard: critical roles by risk with their bench strength, roles with
    nobody on the bench, and people who are the only successor for several roles."""
    actor = actor_from_request(request)
    if not selectors.may_read_succession(actor=actor):
        raise PermissionDenied
    roles = selectors.critical_roles_for_viewer(actor=actor)
    page = Paginator(roles, PAGE_SIZE).get_page(request.GET.get("page"))
    form = None
    if actor.is_admin:
        form = CriticalRoleForm(
            request.POST or None, roles=selectors.job_roles(), viewer=actor.employee
        )
        if request.method == "POST" and form.is_valid():
            try:
                critical = services.critical_role_mark(actor=actor, **form.cleaned_data)
            except ApplicationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("%(role)s is marked critical.") % {"role": critical})
                return redirect("talent:critical_role_detail", id=critical.uuid)
    elif request.method == "POST":
        raise PermissionDenied
    services.confidential_read(actor=actor, obj=None, what="succession dashboard")
    context = {
        "page": page,
        "summary": selectors.succession_summary(roles=roles, count=page.paginator.count),
        "form": form,
    }
    return render(request, "talent/succession.html", context)


def _critical_or_404(request, id):
    critical = selectors.critical_role_get_for_viewer(actor=actor_from_request(request), uuid=id)
    if critical is None:
        raise Http404
    return critical


@member_required
def critical_role_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    critical = _critical_or_404(request, id)
    successors = list(selectors.successors_for_viewer(actor=actor).filter(critical_role=critical))
    evidence = selectors.successor_evidence(successors=successors)
    for successor in successors:
        successor.evidence = evidence.get(successor.pk)
    services.confidential_read(actor=actor, obj=critical, what="successors")
    readiness = Successor.Readiness.choices
    form = grant_form = None
    if actor.is_admin:
        form = SuccessorForm(viewer=actor.employee, readiness=readiness)
        # Both pickers offer the same people before a search: read them once.
        grant_form = GrantForm(offered=form.fields["employee"].widget.choices)
    context = {
        "critical": critical,
        "successors": successors,
        "readiness": readiness,
        "levels": performance.LABELS,
        "form": form,
        "grant_form": grant_form,
        "readers": selectors.succession_readers(critical_role=critical) if actor.is_admin else [],
    }
    return render(request, "talent/critical_role.html", context)


@member_required(admin=True)
@require_POST
def successor_nominate(request: HttpRequest, id) -> HttpResponse:
    critical = _critical_or_404(request, id)
    form = SuccessorForm(
        request.POST, viewer=request.employee, readiness=Successor.Readiness.choices
    )
    if not form.is_valid():
        messages.error(request, _("Choose a person and their readiness."))
    else:
        try:
            services.successor_nominate(
                actor=actor_from_request(request), critical_role=critical, **form.cleaned_data
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Successor nominated."))
    return redirect("talent:critical_role_detail", id=critical.uuid)


def _successor_or_404(request, id):
    successor = selectors.successor_get_for_viewer(actor=actor_from_request(request), uuid=id)
    if successor is None:
        raise Http404
    return successor


@member_required(admin=True)
@require_POST
def successor_update(request: HttpRequest, id) -> HttpResponse:
    successor = _successor_or_404(request, id)
    try:
        if request.POST.get("remove"):
            services.successor_remove(actor=actor_from_request(request), successor=successor)
            messages.success(request, _("Taken off the slate."))
        else:
            services.successor_update(
                actor=actor_from_request(request),
                successor=successor,
                readiness=request.POST.get("readiness", ""),
            )
            messages.success(request, _("Readiness changed."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("talent:critical_role_detail", id=successor.critical_role.uuid)


@member_required(admin=True)
@require_POST
def succession_grant(request: HttpRequest, id) -> HttpResponse:
    critical = _critical_or_404(request, id)
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            services.succession_grant(
                actor=actor_from_request(request),
                critical_role=critical,
                employee=form.cleaned_data["employee"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s may now read this slate.")
                % {"name": form.cleaned_data["employee"].full_name},
            )
    return redirect("talent:critical_role_detail", id=critical.uuid)


@member_required(admin=True)
@require_POST
def succession_revoke(request: HttpRequest, id) -> HttpResponse:
    critical = _critical_or_404(request, id)
    form = GrantForm(request.POST)
    if form.is_valid():
        employee = form.cleaned_data["employee"]
        services.succession_revoke(
            actor=actor_from_request(request), critical_role=critical, employee=employee
        )
        messages.success(
            request, _("%(name)s no longer reads this slate.") % {"name": employee.full_name}
        )
    return redirect("talent:critical_role_detail", id=critical.uuid)


# --- Potential and the 9-box (HR) ----------------------------------------------------------------


BOX_PEOPLE_SHOWN = 100  # a box's people listed; a department narrows a larger box


@member_required(admin=True)
def nine_box(request: HttpRequest) -> HttpResponse:
    """Performance x potential with named boxes; a box's people (drill-down) and who moved
    since the previous cycle."""
    actor = actor_from_request(request)
    departments = list(people_selectors.department_choices())
    wanted = request.GET.get("department", "")
    department = next((d for d in departments if str(d.uuid) == wanted), None)
    view = nine_box_selectors.nine_box(
        department_id=department.pk if department is not None else None
    )
    chosen = request.GET.get("box", "")
    box = next((b for row in view.boxes for b in row if b["key"] == chosen), None)
    services.confidential_read(actor=actor, obj=None, what="potential")
    context = {
        "view": view,
        "box": box,
        "box_people": nine_box_selectors.box_people(view, key=box["key"], limit=BOX_PEOPLE_SHOWN)
        if box and box["count"]
        else [],
        "box_shown": BOX_PEOPLE_SHOWN,
        "page": Paginator(view.moves, PAGE_SIZE).get_page(request.GET.get("page")),
        "departments": departments,
        "department": department,
    }
    return render(request, "talent/nine_box.html", context)


@member_required
def potential_assess(request: HttpRequest, id) -> HttpResponse:
    """HR or a manager scores a person's potential against the described criteria."""
    actor = actor_from_request(request)
    employee = people_selectors.employee_get_for_viewer(actor=actor, uuid=id)
    if employee is None or (actor.employee is not None and actor.employee.pk == employee.pk):
        raise Http404
    criteria = selectors.potential_criteria()
    errors: dict = {}
    if request.method == "POST":
        scores = {}
        for criterion in criteria:
            value = request.POST.get(criterion.key, "")
            scores[criterion.key] = int(value) if value in ("1", "2", "3") else 0
        try:
            services.potential_assess(
                actor=actor,
                employee=employee,
                scores=scores,
                cycle=cycle_selectors.latest_closed_cycle(),
                note=request.POST.get("note", "")[:300],
            )
        except ApplicationError as error:
            errors = dict(error.fields)
            messages.error(request, error.message)
        else:
            messages.success(request, _("Potential recorded for %(name)s.") % {"name": employee})
            return redirect("talent:potential_assess", id=employee.uuid)
    context = {"person": employee, "criteria": criteria, "errors": errors}
    return render(request, "talent/potential_assess.html", context)
