"""People pages for HR admins and managers: directory, person, CSV import, invitations."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plms.common.errors import ApplicationError
from plms.common.ids import parse_public_id
from plms.common.imports import ImportFailed
from plms.common.uploads import UploadField
from plms.people import selectors, services
from plms.people.forms import person_label
from plms.people.imports import COLUMNS, people_import
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

PAGE_SIZE = 25


class ImportForm(forms.Form):
    file = UploadField(
        label=gettext_lazy("CSV file"), help_text=gettext_lazy("UTF-8, with a header row.")
    )


@member_required(admin=True)
def employee_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    wanted = parse_public_id(request.GET.get("department"))
    department = selectors.department_choices().filter(uuid=wanted).first() if wanted else None
    employees = selectors.employee_list(search=search, department=department)
    page = selectors.DirectoryPaginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "search": search,
        "department": department,
        "departments": selectors.department_choices(),
    }
    template = "people/_employee_rows.html" if request.htmx else "people/employee_list.html"
    return render(request, template, context)


@member_required
def employee_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    employee = selectors.employee_get_for_viewer(actor=actor, uuid=id)
    if employee is None:
        raise Http404
    viewer = actor.employee
    context = {
        "person": employee,
        "reports": selectors.direct_reports(manager=employee),
        # HR and the person's managers may start a performance improvement plan for them.
        "may_start_improvement_plan": employee.active
        and (
            actor.is_admin
            or (
                viewer is not None
                and viewer.pk != employee.pk
                and selectors.is_manager_of(manager=viewer, employee=employee)
            )
        ),
    }
    return render(request, "people/employee_detail.html", context)


@member_required
def person_choices(request: HttpRequest) -> HttpResponse:
    """The options of a person picker (`plms.people.forms.PersonField`, `PeopleField`) for a
    search: the first matches by name, or the viewer's colleagues for an empty search. A
    picker of several people names its field (`keep`): the people chosen in it stay, selected,
    first."""
    kept = request.GET.getlist(request.GET["keep"]) if request.GET.get("keep") else []
    chosen = selectors.person_choices(viewer=None, include=kept[:200]) if kept else []
    people = selectors.person_choices(
        viewer=request.employee, search=request.GET.get("q", "")[:100]
    )
    chosen_ids = {person.pk for person in chosen}
    choices = [(str(person.uuid), person_label(person), True) for person in chosen]
    choices += [
        (str(person.uuid), person_label(person), False)
        for person in people
        if person.pk not in chosen_ids
    ]
    return render(request, "partials/options.html", {"choices": choices})


@member_required(admin=True)
def employee_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            try:
                result = people_import(actor=actor_from_request(request), text=text)
            except ImportFailed as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _(
                        "Imported: %(created)d new, %(updated)d updated, %(unchanged)d "
                        "unchanged, %(departments)d new departments."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                        "departments": result.departments_created,
                    },
                )
                return redirect("people:employee_list")
    return render(
        request,
        "people/employee_import.html",
        {"form": form, "errors": errors, "columns": COLUMNS},
    )


@member_required(admin=True)
@require_POST
def employee_invite(request: HttpRequest, id) -> HttpResponse:
    employee = selectors.employee_get(uuid=id)
    if employee is None:
        raise Http404
    try:
        services.invitation_send(actor=actor_from_request(request), employee=employee)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Invitation sent to %s.") % employee.email)
    return redirect("people:employee_detail", id=employee.uuid)
