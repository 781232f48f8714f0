"""HR's pages for personal-data rights: one person's data exports and erasure, and the
organisation's retention rules."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plms.common.errors import ApplicationError
from plms.people import services as people_services
from plms.people.selectors import employee_list
from plms.privacy import erasure as erasure_services
from plms.privacy import selectors, services
from plms.privacy.forms import LeavingDateForm, RetentionPolicyForm
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required


def _person_or_404(id):
    employee = employee_list().filter(uuid=id).first()
    if employee is None:
        raise Http404
    return employee


def _context(request, employee, **extra) -> dict:
    actor = actor_from_request(request)
    return {
        "person": employee,
        "exports": selectors.personal_data_exports_for(employee=employee)[:10],
        "erasure_due": erasure_services.employee_erasure_due(employee=employee),
        "retention": selectors.retention_policy_get(organization_id=actor.organization.pk),
        **extra,
    }


@member_required(admin=True)
def person(request: HttpRequest, id) -> HttpResponse:
    """A person's data rights; POST corrects the day a leaver left (erasure counts from it)."""
    employee = _person_or_404(id)
    form = LeavingDateForm(request.POST or None, initial={"left_on": employee.left_on})
    if request.method == "POST" and form.is_valid():
        try:
            people_services.employee_update(
                actor=actor_from_request(request),
                employee=employee,
                left_on=form.cleaned_data["left_on"],
            )
        except ApplicationError as error:
            for name, errors in error.fields.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Leaving date saved."))
            return redirect("privacy:person", id=employee.uuid)
    return render(request, "privacy/person.html", _context(request, employee, leaving_form=form))


@member_required(admin=True)
def exports_fragment(request: HttpRequest, id) -> HttpResponse:
    """The list of exports with their progress (polled while one is being prepared)."""
    employee = _person_or_404(id)
    return render(request, "privacy/_exports.html", _context(request, employee))


@member_required(admin=True)
@require_POST
def export_request(request: HttpRequest, id) -> HttpResponse:
    employee = _person_or_404(id)
    services.personal_data_export_request(
        actor=actor_from_request(request),
        employee=employee,
        include_planning=request.POST.get("include_planning") == "on",
    )
    messages.success(request, _("The export is being prepared."))
    return redirect("privacy:person", id=employee.uuid)


@member_required(admin=True)
def export_download(request: HttpRequest, id) -> HttpResponse:
    export = selectors.personal_data_export_get(public_id=id)
    if export is None:
        raise Http404
    try:
        content = services.personal_data_export_download(
            actor=actor_from_request(request), export=export
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("privacy:person", id=export.employee.uuid)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@member_required(admin=True)
def erasure(request: HttpRequest, id) -> HttpResponse:
    """The dry run: what erasing the person changes; POST (confirmed) applies it."""
    employee = _person_or_404(id)
    actor = actor_from_request(request)
    if request.method == "POST":
        try:
            changes = erasure_services.employee_erase(
                actor=actor, employee=employee, force=request.POST.get("force") == "on"
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(count)d fields were anonymised or removed.") % {"count": len(changes)}
            )
            return redirect("privacy:person", id=employee.uuid)
    plan = erasure_services.employee_erasure_plan(actor=actor, employee=employee)
    return render(request, "privacy/erasure.html", _context(request, employee, plan=plan))


@member_required(admin=True)
def retention(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    policy = selectors.retention_policy_get(organization_id=actor.organization.pk)
    form = RetentionPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_policy_set(
                actor=actor, **{name: form.cleaned_data[name] for name in form.fields}
            )
        except ApplicationError as error:
            for name, errors in error.fields.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Retention rules saved."))
            return redirect("privacy:retention")
    return render(request, "privacy/retention.html", {"form": form})
