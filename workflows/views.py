"""Momentum pages: HR configures workflows (templates, preview, runs, dashboard); everyone has
their notifications (bell, list, settings)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plms.common.errors import ApplicationError
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from workflows import notifications as notification_services
from workflows import selectors, services, shipped
from workflows.forms import (
    AUDIENCE_FIELDS,
    MilestoneForm,
    MilestoneFormSet,
    NotificationSettingsForm,
    WorkflowTemplateForm,
)
from workflows.models import WorkflowTemplate

PAGE_SIZE = 25


def _template_or_404(id) -> WorkflowTemplate:
    template = selectors.workflow_template_get(uuid=id)
    if template is None:
        raise Http404
    return template


# --- Templates -------------------------------------------------------------------------------


@member_required(admin=True)
def template_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    templates = selectors.workflow_template_list(search=search)
    page = Paginator(templates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workflows/template_list.html",
        {"page": page, "search": search, "shipped": shipped.shipped_list()},
    )


@member_required(admin=True)
@require_POST
def template_instantiate(request: HttpRequest, key: str) -> HttpResponse:
    try:
        template = services.workflow_template_instantiate(
            actor=actor_from_request(request), key=key
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("workflows:template_list")
    messages.success(request, _("Draft created: review it, preview it, then activate it."))
    return redirect("workflows:template_detail", id=template.uuid)


def _apply_errors(exc: ApplicationError, form, formset, milestone_indexes: list[int]) -> None:
    placed = False
    for name, errors in exc.fields.items():
        parts = name.split(".")
        if parts[0] == "milestones" and len(parts) == 3 and parts[1].isdigit():
            position = int(parts[1])
            if position < len(milestone_indexes):
                target = formset.forms[milestone_indexes[position]]
                field = parts[2] if parts[2] in target.fields else None
                for error in errors:
                    target.add_error(field, error)
                placed = True
                continue
        field = name if name in form.fields else None
        if name == "audience_ids":
            audience = form.cleaned_data.get("audience")
            field = audience if audience in AUDIENCE_FIELDS else "departments"
        for error in errors:
            form.add_error(field, error)
        placed = True
    if not placed:
        form.add_error(None, exc.message)


def _milestones_from(formset) -> tuple[list[dict], list[int]]:
    items, indexes = [], []
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        item = {k: v for k, v in data.items() if k != "DELETE"}
        item["condition"] = item.get("condition") or ""
        items.append(item)
        indexes.append(index)
    return items, indexes


def _template_form_page(request: HttpRequest, template: WorkflowTemplate | None) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method == "POST":
        form = WorkflowTemplateForm(request.POST)
        formset = MilestoneFormSet(request.POST, prefix="milestones")
        if form.is_valid() and formset.is_valid():
            items, indexes = _milestones_from(formset)
            try:
                if template is None:
                    template = services.workflow_template_create(
                        actor=actor, milestones=items, **form.service_fields()
                    )
                else:
                    services.workflow_template_update(
                        actor=actor, template=template, milestones=items, **form.service_fields()
                    )
            except ApplicationError as exc:
                _apply_errors(exc, form, formset, indexes)
            else:
                messages.success(request, _("Workflow saved."))
                return redirect("workflows:template_detail", id=template.uuid)
    elif template is None:
        form = WorkflowTemplateForm(initial={"trigger": "date", "audience": "everyone"})
        formset = MilestoneFormSet(prefix="milestones")
    else:
        form = WorkflowTemplateForm(initial=WorkflowTemplateForm.initial_for(template))
        formset = MilestoneFormSet(
            prefix="milestones",
            initial=[MilestoneForm.initial_for(m) for m in template.milestones.all()],
        )
    return render(
        request,
        "workflows/template_form.html",
        {"form": form, "formset": formset, "template": template},
    )


@member_required(admin=True)
def template_create(request: HttpRequest) -> HttpResponse:
    return _template_form_page(request, None)


@member_required(admin=True)
def template_edit(request: HttpRequest, id) -> HttpResponse:
    template = _template_or_404(id)
    if template.status == WorkflowTemplate.Status.CANCELLED:
        messages.error(request, _("A cancelled workflow cannot be changed."))
        return redirect("workflows:template_detail", id=template.uuid)
    return _template_form_page(request, template)


@member_required(admin=True)
def template_detail(request: HttpRequest, id) -> HttpResponse:
    template = _template_or_404(id)
    search = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    if state not in ("", "active", "completed", "cancelled"):
        state = ""
    runs = selectors.workflow_run_list(template=template, search=search, state=state)
    counts = selectors.workflow_run_counts(template=template)
    paginator = Paginator(runs, PAGE_SIZE)
    if not search:  # the summary's count, not a count of a year of runs
        paginator.count = counts.get(state, 0) if state else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "template": template,
        "preview": selectors.workflow_template_preview(template=template),
        "stats": selectors.workflow_template_dashboard(template=template),
        "counts": counts,
        "page": page,
        "search": search,
        "state": state,
    }
    return render(request, "workflows/template_detail.html", context)


ACTIONS = {
    "activate": (services.workflow_template_activate, "Workflow activated."),
    "pause": (services.workflow_template_pause, "Workflow paused."),
    "resume": (services.workflow_template_resume, "Workflow resumed."),
    "cancel": (services.workflow_template_cancel, "Workflow cancelled."),
}


# Actions that cannot be taken back ask first, on a page of their own (no JavaScript needed).
CONFIRMED = ("activate", "cancel")


@member_required(admin=True)
@require_http_methods(["GET", "POST"])
def template_action(request: HttpRequest, id, action: str) -> HttpResponse:
    """Pause and resume act at once; activating and cancelling show what they will do, in
    numbers, and act only on the confirmed form. A GET of any other action is a 405."""
    template = _template_or_404(id)
    if action not in ACTIONS:
        raise Http404
    if action in CONFIRMED and request.POST.get("confirm") != action:
        context = {
            "template": template,
            "action": action,
            "preview": selectors.workflow_template_preview(template=template),
            "counts": selectors.workflow_run_counts(template=template),
            "milestones": template.milestones.count(),
        }
        return render(request, "workflows/template_confirm.html", context)
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    service, done = ACTIONS[action]
    try:
        service(actor=actor_from_request(request), template=template)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _(done))
    return redirect("workflows:template_detail", id=template.uuid)


@member_required(admin=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    templates = list(
        selectors.workflow_template_list().exclude(status=WorkflowTemplate.Status.DRAFT)[:20]
    )
    stats = selectors.workflow_templates_dashboard(templates=templates)
    rows = [(t, stats[t.pk]) for t in templates]
    return render(request, "workflows/dashboard.html", {"rows": rows})


# --- Runs ------------------------------------------------------------------------------------


@member_required(admin=True)
def run_detail(request: HttpRequest, id) -> HttpResponse:
    run = selectors.workflow_run_get(uuid=id)
    if run is None:
        raise Http404
    return render(request, "workflows/run_detail.html", {"run": run})


@member_required(admin=True)
@require_POST
def run_cancel(request: HttpRequest, id) -> HttpResponse:
    run = selectors.workflow_run_get(uuid=id)
    if run is None:
        raise Http404
    try:
        services.workflow_run_cancel(
            actor=actor_from_request(request), run=run, reason=request.POST.get("reason", "")
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Run cancelled."))
    return redirect("workflows:run_detail", id=run.uuid)


# --- Notifications ---------------------------------------------------------------------------


@member_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    items = selectors.notification_list(
        actor=actor_from_request(request), unread=True if unread_only else None
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workflows/notification_list.html",
        {"page": page, "unread_only": unread_only},
    )


@member_required
@require_POST
def notification_read(request: HttpRequest, id) -> HttpResponse:
    notification = selectors.notification_get(actor=actor_from_request(request), uuid=id)
    if notification is None:
        raise Http404
    notification_services.notification_mark_read(user=request.user, notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.link or "notifications:list")
    return redirect(_back(request))


@member_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notification_services.notification_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d marked as read.") % {"count": count})
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:list"


@member_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    current = selectors.notification_settings_get(user=request.user)
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST)
        if form.is_valid():
            try:
                notification_services.notification_settings_update(
                    user=request.user,
                    events=form.events(),
                    email_digest=form.cleaned_data["email_digest"],
                    digest_hour=form.cleaned_data["digest_hour"],
                    quiet_hours_start=form.cleaned_data["quiet_hours_start"],
                    quiet_hours_end=form.cleaned_data["quiet_hours_end"],
                )
            except ApplicationError as exc:
                for name, errors in exc.fields.items():
                    for error in errors:
                        form.add_error(name if name in form.fields else None, error)
            else:
                messages.success(request, _("Notification settings saved."))
                return redirect("notifications:settings")
    else:
        initial = {
            "email_digest": current.email_digest,
            "digest_hour": current.digest_hour,
            "quiet_hours_start": current.quiet_hours_start,
            "quiet_hours_end": current.quiet_hours_end,
        }
        for event, choice in (current.events or {}).items():
            initial[f"in_app:{event}"] = choice.get("in_app", True)
            initial[f"email:{event}"] = choice.get("email", True)
        form = NotificationSettingsForm(initial=initial)
    return render(
        request,
        "workflows/notification_settings.html",
        {"form": form, "time_zone": request.user.time_zone},
    )
