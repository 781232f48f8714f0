"""Review template pages (HR admins): the list, a template with its sections and versions,
and the section editor."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.reviews import schema
from assessments.reviews import selectors as review_selectors
from assessments.reviews import services as review_services
from assessments.reviews.forms import RATER_KIND_LABELS, SectionForm, TemplateForm
from assessments.reviews.models import ReviewTemplate
from plms.common.errors import ApplicationError
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

PAGE_SIZE = 25


def _template_or_404(id) -> ReviewTemplate:
    template = review_selectors.review_template_get(uuid=id)
    if template is None:
        raise Http404
    return template


def _place_errors(form, exc: ApplicationError) -> None:
    placed = False
    for name, msgs in exc.fields.items():
        field = name.rsplit(".", 1)[-1] if "." in name else name
        if field == "text":
            field = "questions"
        for message in msgs:
            form.add_error(field if field in form.fields else None, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@member_required(admin=True)
def template_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    archived = request.GET.get("archived") == "1"
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = review_services.review_template_create(
                actor=actor_from_request(request), **form.cleaned_data
            )
        except ApplicationError as exc:
            _place_errors(form, exc)
        else:
            messages.success(request, _("Template created. Add its sections."))
            return redirect("assessments:review_template", id=template.uuid)
    templates = review_selectors.review_template_list(search=search, archived=archived)
    context = {
        "page": Paginator(templates, PAGE_SIZE).get_page(request.GET.get("page")),
        "search": search,
        "archived": archived,
        "form": form,
    }
    return render(request, "assessments/review_template_list.html", context)


def _sections_for_display(sections: list[dict]) -> list[dict]:
    return [
        {
            **section,
            "kind_label": _(schema.SECTION_KIND_LABELS[section["kind"]]),
            "rater_labels": [str(RATER_KIND_LABELS[k]) for k in section["rater_kinds"]],
        }
        for section in sections
    ]


@member_required(admin=True)
def template_detail(request: HttpRequest, id) -> HttpResponse:
    template = _template_or_404(id)
    form = TemplateForm(
        request.POST or None, initial={"name": template.name, "description": template.description}
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_services.review_template_update(
                actor=actor_from_request(request), template=template, **form.cleaned_data
            )
        except ApplicationError as exc:
            _place_errors(form, exc)
        else:
            messages.success(request, _("Template saved."))
            return redirect("assessments:review_template", id=template.uuid)
    context = {
        "template": template,
        "form": form,
        "sections": _sections_for_display(template.sections),
        "versions": review_selectors.review_template_versions(template=template)[:10],
        "cycles": review_selectors.cycles_using(template=template),
    }
    return render(request, "assessments/review_template_detail.html", context)


@member_required(admin=True)
def template_section(request: HttpRequest, id) -> HttpResponse:
    """Add a section (no `index`) or edit the one at `index`."""
    template = _template_or_404(id)
    raw = request.GET.get("index") or request.POST.get("index")
    index: int | None = None
    previous = None
    if raw not in (None, ""):
        try:
            index = int(raw)
            previous = template.sections[index]
        except (ValueError, IndexError) as exc:
            raise Http404 from exc
    initial = SectionForm.initial_of(previous) if previous else {"rater_kinds": ["self", "manager"]}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review_services.review_template_section_save(
                actor=actor_from_request(request),
                template=template,
                section=form.section(previous),
                index=index,
            )
        except ApplicationError as exc:
            _place_errors(form, exc)
        else:
            messages.success(request, _("Section saved."))
            return redirect("assessments:review_template", id=template.uuid)
    context = {"template": template, "form": form, "index": index, "previous": previous}
    return render(request, "assessments/review_template_section.html", context)


@member_required(admin=True)
@require_POST
def template_section_delete(request: HttpRequest, id) -> HttpResponse:
    template = _template_or_404(id)
    try:
        review_services.review_template_section_delete(
            actor=actor_from_request(request),
            template=template,
            index=int(request.POST.get("index", "-1")),
        )
    except (ApplicationError, ValueError):
        messages.error(request, _("That section no longer exists."))
    else:
        messages.success(request, _("Section removed."))
    return redirect("assessments:review_template", id=template.uuid)


@member_required(admin=True)
@require_POST
def template_archive(request: HttpRequest, id) -> HttpResponse:
    template = _template_or_404(id)
    archived = request.POST.get("archived") != "0"
    review_services.review_template_archive(
        actor=actor_from_request(request), template=template, archived=archived
    )
    messages.success(request, _("Template archived.") if archived else _("Template restored."))
    return redirect("assessments:review_template", id=template.uuid)
