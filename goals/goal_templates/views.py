"""Goal template pages: the templates and applying one. Thin: reads come from
goals.goal_templates.selectors, writes go through goals.goal_templates.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capabilities import selectors as capability_selectors
from goals import selectors
from goals.forms import (
    GoalTemplateForm,
    TemplateApplyForm,
)
from goals.goal_templates import selectors as template_selectors
from goals.goal_templates import services as template_services
from goals.views import PAGE_SIZE, alignment_choices, form_errors
from plms.common.errors import ApplicationError
from plms.common.ids import parse_public_id
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

# --- Templates -------------------------------------------------------------------------------


def _template_targets() -> list[tuple[str, str]]:
    roles = [
        (
            f"role:{role.uuid}",
            _("Holder of the role %(role)s (%(count)d)")
            % {"role": role.name, "count": role.holder_count},
        )
        for role in capability_selectors.job_role_list()
    ]
    departments = [
        (f"department:{department.uuid}", _("Member of %s") % department.name)
        for department in people_selectors.department_choices()
    ]
    return [("", _("Choose a job role or a department")), *roles, *departments]


@member_required(admin=True)
def template_list(request: HttpRequest) -> HttpResponse:
    """HR admins: goal templates, a new one, and applying one to a role or department."""
    actor = actor_from_request(request)
    search = request.GET.get("q", "").strip()
    choices = alignment_choices()
    form = GoalTemplateForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["key_result"] = selectors.key_result_get(uuid=parse_public_id(data.pop("key_result")))
        data["capabilities"] = selectors.capabilities_by_ids(uuids=data.pop("capabilities"))
        try:
            template = template_services.goal_template_create(actor=actor, **data)
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Template “%s” saved.") % template.name)
            return redirect("goals:template_list")
    page = Paginator(template_selectors.goal_template_list(search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "search": search,
        "form": form,
        "apply_form": TemplateApplyForm(targets=_template_targets()),
    }
    return render(request, "goals/template_list.html", context)


@member_required(admin=True)
@require_POST
def template_apply(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    template = template_selectors.goal_template_get(uuid=id)
    if template is None:
        raise Http404
    form = TemplateApplyForm(request.POST, targets=_template_targets())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("goals:template_list")
    kind, _sep, uuid = form.cleaned_data["applies_to"].partition(":")
    values = {
        "actor": actor,
        "template": template,
        "start_date": form.cleaned_data["start_date"],
        "due_date": form.cleaned_data["due_date"],
        "status": form.cleaned_data["status"],
    }
    if kind == "role":
        apply, key = template_services.goal_template_apply_to_role, "role"
        target = capability_selectors.job_role_get(uuid=parse_public_id(uuid))
    else:
        apply, key = template_services.goal_template_apply, "department"
        target = selectors.department_get(uuid=parse_public_id(uuid))
    if target is None:
        raise Http404
    try:
        result = apply(**values, **{key: target})
    except ApplicationError as exc:
        messages.error(request, exc.message)
        for name, errors in exc.fields.items():
            for error in errors:
                messages.error(request, f"{name.removeprefix('smart.')}: {error}")
    else:
        messages.success(
            request,
            _("%(created)d goals created; %(skipped)d people had one from this template already.")
            % {"created": len(result.created), "skipped": len(result.skipped)},
        )
    return redirect("goals:template_list")
