"""Library pages: everyone reads the library, roles and scorecards; HR admins change them."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capabilities import forms, selectors
from capabilities.imports.library import FORMATS, KINDS, library_export, library_import
from capabilities.models import Capability, CapabilityLevel
from capabilities.services import frameworks as framework_services
from capabilities.services import library as library_services
from capabilities.services import roles as role_services
from capabilities.services import scales as scale_services
from plms.audit import actions
from plms.audit.selectors import audit_events_for
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.common.imports import ImportFailed
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

PAGE_SIZE = 25
HISTORY_SIZE = 50
HOLDERS_PAGE_SIZE = 50


def _scale_levels() -> list:
    scale_services.scale_ensure()
    return list(selectors.scale_get().levels.all())


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _capability_or_404(id) -> Capability:
    id = _uuid(id)
    capability = selectors.capability_get(uuid=id) if id else None
    if capability is None:
        raise Http404
    return capability


def _role_or_404(id):
    role = selectors.job_role_get(uuid=id)
    if role is None:
        raise Http404
    return role


# --- Library ---------------------------------------------------------------------------------


@member_required
def capability_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in Capability.Status.values:
        status = ""
    tag = request.GET.get("tag", "").strip()
    categories = list(selectors.category_list())
    category = next((c for c in categories if str(c.uuid) == request.GET.get("category")), None)
    capabilities = selectors.capability_list(
        search=search, category=category, status=status, tag=tag, with_levels=False
    )
    page = Paginator(capabilities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "search": search,
        "status": status,
        "tag": tag,
        "category": category,
        "categories": categories,
        "statuses": Capability.Status.choices,
        "filtered": bool(search or status or tag or category),
        "updates": selectors.catalogue_updates() if request.membership.is_admin else [],
    }
    template = (
        "capabilities/_capability_rows.html"
        if request.htmx
        else "capabilities/capability_list.html"
    )
    return render(request, template, context)


@member_required
def capability_detail(request: HttpRequest, id) -> HttpResponse:
    capability = _capability_or_404(id)
    scale_levels = _scale_levels()
    by_level = {level.level: level for level in capability.levels.all()}
    columns = [(level, by_level.get(level.number)) for level in scale_levels]
    context = {
        "capability": capability,
        "columns": columns,
        "requirements": selectors.capability_requirements(capability=capability),
        "history": audit_events_for(obj=capability)[:HISTORY_SIZE],
        "update": next((s for c, s in selectors.catalogue_updates() if c.pk == capability.pk), None)
        if capability.source_key and request.membership.is_admin
        else None,
    }
    return render(request, "capabilities/capability_detail.html", context)


@transaction.atomic
def _save_capability(request, form, capability=None):
    actor = actor_from_request(request)
    data = form.capability_fields()
    category = form.cleaned_data["category"]
    if not category:
        name = form.cleaned_data["new_category"].strip()
        category = selectors.category_list().filter(name__iexact=name).first()
        if category is None:
            category = library_services.category_create(actor=actor, name=name)
    if capability is None:
        return library_services.capability_create(
            actor=actor, category=category, levels=form.level_inputs(), **data
        )
    return library_services.capability_update(
        actor=actor, capability=capability, category=category, levels=form.level_inputs(), **data
    )


@member_required(admin=True)
def capability_create(request: HttpRequest) -> HttpResponse:
    return _capability_form(request, None)


@member_required(admin=True)
def capability_edit(request: HttpRequest, id) -> HttpResponse:
    return _capability_form(request, _capability_or_404(id))


def _capability_form(request: HttpRequest, capability: Capability | None) -> HttpResponse:
    scale_levels = _scale_levels()
    initial = (
        forms.CapabilityForm.initial_for(capability)
        if capability
        else {"status": Capability.Status.DRAFT}
    )
    form = forms.CapabilityForm(
        request.POST or None,
        initial=initial,
        scale_levels=scale_levels,
        viewer=request.employee,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_capability(request, form, capability)
        except ApplicationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Saved %s.") % saved.name)
            return redirect("capabilities:capability_detail", id=saved.uuid)
    level_fields = [
        (level, form[f"level_{level.number}_descriptor"], form[f"level_{level.number}_indicators"])
        for level in scale_levels
    ]
    return render(
        request,
        "capabilities/capability_form.html",
        {"form": form, "capability": capability, "level_fields": level_fields},
    )


@member_required(admin=True)
@require_POST
def capability_retire(request: HttpRequest, id) -> HttpResponse:
    capability = _capability_or_404(id)
    library_services.capability_retire(actor=actor_from_request(request), capability=capability)
    messages.success(request, _("%s is retired; its history and ratings are kept.") % capability)
    return redirect("capabilities:capability_detail", id=capability.uuid)


@member_required(admin=True)
@require_POST
def capability_catalogue_update(request: HttpRequest, id) -> HttpResponse:
    capability = _capability_or_404(id)
    try:
        library_services.capability_apply_catalogue_update(
            actor=actor_from_request(request), capability=capability
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%s now has the catalogue's latest content.") % capability)
    return redirect("capabilities:capability_detail", id=capability.uuid)


# --- Catalogue -------------------------------------------------------------------------------


@member_required
def catalogue_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    page = Paginator(
        selectors.catalogue_capability_list(search=search, category=category), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    adopted = selectors.adopted_source_keys()
    page.object_list = list(page.object_list)
    for source in page.object_list:
        source.adopted_as = adopted.get(source.key)
    context = {
        "page": page,
        "search": search,
        "category": category,
        "categories": selectors.catalogue_category_list(),
        "filtered": bool(search or category),
    }
    return render(request, "capabilities/catalogue_list.html", context)


@member_required(admin=True)
@require_POST
def catalogue_adopt(request: HttpRequest) -> HttpResponse:
    keys = request.POST.getlist("key")
    sources = selectors.catalogue_capability_list().filter(key__in=keys)
    result = library_services.capability_adopt(actor=actor_from_request(request), sources=sources)
    if result.adopted:
        messages.success(
            request,
            _("Adopted: %s.") % ", ".join(c.name for c in result.adopted),
        )
    for source, reason in result.skipped:
        messages.info(
            request,
            _("%(name)s was not adopted: %(reason)s.") % {"name": source.name, "reason": reason},
        )
    if len(result.adopted) == 1:
        return redirect("capabilities:capability_detail", id=result.adopted[0].uuid)
    return redirect(request.POST.get("next") or "capabilities:catalogue_list")


# --- Scale and versions ----------------------------------------------------------------------


@member_required
def scale_detail(request: HttpRequest) -> HttpResponse:
    scale_services.scale_ensure()
    scale = selectors.scale_get()
    levels = list(scale.levels.all())
    old_numbers = [level.number for level in levels]
    usage = scale_services.scale_usage(counts=False) if request.membership.is_admin else {}
    initial = {
        "name": scale.name,
        "level_count": len(levels),
        "proficient_level": scale.proficient_level,
    }
    for level in levels:
        initial[f"level_{level.number}_name"] = level.name
        initial[f"level_{level.number}_description"] = level.description
    form = None
    if request.membership.is_admin:
        form = forms.ScaleForm(
            request.POST or None, initial=initial, old_numbers=old_numbers, in_use=bool(usage)
        )
        if request.method == "POST" and form.is_valid():
            try:
                scale_services.scale_update(
                    actor=actor_from_request(request),
                    scale=scale,
                    name=form.cleaned_data["name"],
                    levels=form.levels(),
                    proficient_level=form.cleaned_data["proficient_level"],
                    mapping=form.mapping(),
                )
            except ApplicationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, _("The competency scale is saved."))
                return redirect("capabilities:scale")
    elif request.method == "POST":
        raise Http404
    context = {
        "scale": scale,
        "levels": levels,
        "form": form,
        "usage": usage,
        "history": audit_events_for(obj=scale)[:HISTORY_SIZE],
    }
    return render(request, "capabilities/scale.html", context)


@member_required
def version_list(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.framework_version_list())
    comparison = None
    numbers = [v.number for v in versions]
    try:
        old_number = int(request.GET.get("from", ""))
        new_number = int(request.GET.get("to", ""))
    except ValueError:
        old_number, new_number = (numbers[1], numbers[0]) if len(numbers) > 1 else (None, None)
    if old_number in numbers and new_number in numbers:
        comparison = selectors.framework_diff(
            old=selectors.framework_version_get(number=old_number),
            new=selectors.framework_version_get(number=new_number),
        )
    context = {
        "versions": versions,
        "comparison": comparison,
        "old_number": old_number,
        "new_number": new_number,
    }
    return render(request, "capabilities/versions.html", context)


@member_required(admin=True)
@require_http_methods(["GET", "POST"])
def version_publish(request: HttpRequest) -> HttpResponse:
    """A published version cannot be changed or withdrawn: a page says what it freezes, and
    only its confirmed form publishes (a bare post only shows that page)."""
    if request.POST.get("confirm") != "publish":
        note = (request.POST.get("note") or request.GET.get("note") or "")[:300]
        context = {"publish": selectors.framework_publish_consequences(), "note": note}
        return render(request, "capabilities/version_publish_confirm.html", context)
    try:
        version = framework_services.framework_publish(
            actor=actor_from_request(request), note=request.POST.get("note", "")
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Version %d is published.") % version.number)
    return redirect("capabilities:version_list")


# --- Redundancy audit ------------------------------------------------------------------------


@member_required(admin=True)
def duplicate_list(request: HttpRequest) -> HttpResponse:
    candidates = selectors.capability_duplicates()
    return render(request, "capabilities/duplicates.html", {"candidates": candidates})


@member_required(admin=True)
@require_POST
def duplicate_merge(request: HttpRequest) -> HttpResponse:
    keep = _capability_or_404(request.POST.get("keep"))
    duplicate = _capability_or_404(request.POST.get("duplicate"))
    try:
        library_services.capability_merge(
            actor=actor_from_request(request), keep=keep, duplicate=duplicate
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(dup)s is merged into %(keep)s.") % {"dup": duplicate, "keep": keep}
        )
    return redirect("capabilities:duplicate_list")


# --- Import and export -----------------------------------------------------------------------


@member_required(admin=True)
def library_import_view(request: HttpRequest) -> HttpResponse:
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        fmt = form.file_format()
        if fmt is None:
            form.add_error("file", _("Upload a .csv, .json or .xlsx file."))
        else:
            try:
                result = library_import(
                    actor=actor_from_request(request),
                    kind=form.cleaned_data["kind"],
                    fmt=fmt,
                    data=form.cleaned_data["file"].read(),
                )
            except ImportFailed as failure:
                errors = failure.errors
            else:
                messages.success(
                    request,
                    _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                if form.cleaned_data["kind"] == "job_roles":
                    return redirect("capabilities:role_list")
                return redirect("capabilities:capability_list")
    return render(
        request,
        "capabilities/import.html",
        {"form": form, "errors": errors, "formats": list(FORMATS), "kinds": KINDS},
    )


@member_required(admin=True)
def library_export_view(request: HttpRequest) -> HttpResponse:
    kind, fmt = request.GET.get("kind", ""), request.GET.get("format", "")
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    body, content_type, filename = library_export(kind=kind, fmt=fmt)
    audit_record(
        actor=actor_from_request(request), action=actions.DATA_EXPORTED, object_label=filename
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Job roles -------------------------------------------------------------------------------


@member_required
def role_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    family = request.GET.get("family", "")
    page = Paginator(selectors.job_role_list(search=search, family=family), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "search": search,
        "family": family,
        "families": selectors.job_role_families(),
        "filtered": bool(search or family),
    }
    return render(request, "capabilities/role_list.html", context)


def _scorecard_context(role) -> dict:
    scale_levels = _scale_levels()
    names = {level.number: level.name for level in scale_levels}
    requirements = list(role.requirements.all())
    descriptors = selectors.levels_by_capability(r.capability for r in requirements)
    rows = [
        {
            "requirement": r,
            "level_name": names.get(r.target_level, ""),
            "descriptor": descriptors.get(r.capability_id, {}).get(r.target_level),
        }
        for r in requirements
    ]
    total = sum(r.weight for r in requirements) or 1
    for row in rows:
        row["share"] = round(100 * row["requirement"].weight / total)
    return {
        "role": role,
        "rows": rows,
        "key_results": list(role.key_results.all()),
        "scale_levels": scale_levels,
    }


def _picker_levels(capability, scale_levels) -> list[tuple]:
    if capability is None:
        return [(level, None) for level in scale_levels]
    by_level = {
        level.level: level for level in CapabilityLevel.objects.filter(capability=capability)
    }
    return [(level, by_level.get(level.number)) for level in scale_levels]


@member_required
def role_detail(request: HttpRequest, id) -> HttpResponse:
    role = _role_or_404(id)
    context = _scorecard_context(role)
    # A role may be held by thousands: its holders are a list of pages, not the page itself.
    context["holders"] = Paginator(selectors.role_holders(role=role), HOLDERS_PAGE_SIZE).get_page(
        request.GET.get("holders")
    )
    if request.membership.is_admin:
        picked = None
        if _uuid(request.GET.get("capability")):
            picked = (
                selectors.capability_choices().filter(uuid=_uuid(request.GET["capability"])).first()
            )
        initial = {"capability": picked} if picked else {}
        existing = next(
            (r for r in role.requirements.all() if picked and r.capability_id == picked.pk), None
        )
        if existing:
            initial.update(
                target_level=existing.target_level, weight=existing.weight, is_core=existing.is_core
            )
        context.update(
            requirement_form=forms.RequirementForm(
                initial=initial, scale_levels=context["scale_levels"]
            ),
            picker=_picker_levels(picked, context["scale_levels"]),
            picked=picked,
            assign_form=forms.AssignForm(viewer=request.employee),
        )
    context["history"] = audit_events_for(obj=role)[:HISTORY_SIZE]
    return render(request, "capabilities/role_detail.html", context)


@member_required(admin=True)
def level_picker(request: HttpRequest) -> HttpResponse:
    """The target-level radio buttons with the chosen capability's descriptors (htmx)."""
    chosen = _uuid(request.GET.get("capability"))
    picked = selectors.capability_choices().filter(uuid=chosen).first() if chosen else None
    scale_levels = _scale_levels()
    current = request.GET.get("target_level")
    return render(
        request,
        "capabilities/_level_picker.html",
        {"picker": _picker_levels(picked, scale_levels), "picked": picked, "current": current},
    )


@member_required(admin=True)
@require_POST
def role_requirement_set(request: HttpRequest, id) -> HttpResponse:
    role = _role_or_404(id)
    form = forms.RequirementForm(request.POST, scale_levels=_scale_levels())
    if form.is_valid():
        try:
            role_services.requirement_set(
                actor=actor_from_request(request), role=role, **form.cleaned_data
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Requirement saved."))
    else:
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}",
            )
    return redirect("capabilities:role_detail", id=role.uuid)


@member_required(admin=True)
@require_POST
def role_requirement_remove(request: HttpRequest, id) -> HttpResponse:
    requirement = selectors.requirement_get(uuid=id)
    if requirement is None:
        raise Http404
    role_services.requirement_remove(actor=actor_from_request(request), requirement=requirement)
    messages.success(request, _("Requirement removed."))
    return redirect("capabilities:role_detail", id=requirement.role.uuid)


@member_required(admin=True)
@require_POST
def role_assign(request: HttpRequest, id) -> HttpResponse:
    role = _role_or_404(id)
    form = forms.AssignForm(request.POST)
    if form.is_valid():
        employee = form.cleaned_data["employee"]
        role_services.role_assign(actor=actor_from_request(request), employee=employee, role=role)
        messages.success(
            request, _("%(person)s now holds %(role)s.") % {"person": employee, "role": role}
        )
    else:
        messages.error(request, _("Choose an employee."))
    return redirect("capabilities:role_detail", id=role.uuid)


@member_required
def role_scorecard(request: HttpRequest, id) -> HttpResponse:
    return render(request, "capabilities/role_scorecard.html", _scorecard_context(_role_or_404(id)))


@member_required(admin=True)
def role_create(request: HttpRequest) -> HttpResponse:
    return _role_form(request, None)


@member_required(admin=True)
def role_edit(request: HttpRequest, id) -> HttpResponse:
    return _role_form(request, _role_or_404(id))


def _role_form(request: HttpRequest, role) -> HttpResponse:
    initial = forms.JobRoleForm.initial_for(role) if role else {}
    form = forms.JobRoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actor = actor_from_request(request)
        try:
            if role is None:
                saved = role_services.job_role_create(
                    actor=actor, key_results=form.key_results(), **form.role_fields()
                )
            else:
                saved = role_services.job_role_update(
                    actor=actor, role=role, key_results=form.key_results(), **form.role_fields()
                )
        except ApplicationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Saved %s.") % saved.name)
            return redirect("capabilities:role_detail", id=saved.uuid)
    return render(request, "capabilities/role_form.html", {"form": form, "role": role})


@member_required(admin=True)
def bulk_requirement(request: HttpRequest) -> HttpResponse:
    scale_levels = _scale_levels()
    form = forms.BulkRequirementForm(request.POST or None, scale_levels=scale_levels)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = list(data.pop("roles"))
        try:
            role_services.requirements_bulk_apply(
                actor=actor_from_request(request), roles=roles, **data
            )
        except ApplicationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(capability)s is required by %(count)d roles.")
                % {"capability": data["capability"], "count": len(roles)},
            )
            return redirect("capabilities:role_list")
    return render(request, "capabilities/bulk_requirement.html", {"form": form})
