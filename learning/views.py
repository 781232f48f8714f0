"""Learning pages: the catalogue, my plan, a plan (approval), team progress, HR reports."""

from __future__ import annotations

import contextlib
import uuid

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capabilities.selectors import capability_choices
from learning import impact, selectors
from learning.error_codes import INVALID
from learning.forms import ImprovementPlanForm
from learning.imports import COLUMNS, learning_items_import
from learning.models import DevelopmentPlan, LearningItem, PlanItem
from learning.services import builds as build_services
from learning.services import catalogue as catalogue_services
from learning.services import feedback as feedback_services
from learning.services import plans as plan_services
from plms.common.errors import ApplicationError
from plms.common.imports import ImportFailed
from plms.common.uploads import UploadField
from plms.tenancy.actors import actor_from_request
from plms.tenancy.replica import replica_view
from plms.web.decorators import member_required

PAGE_SIZE = 25
IMPACT_ITEMS_PAGE_SIZE = 50  # the items that moved competence most first
MAX_IMPACT_PAGES = 1000


class ImportForm(forms.Form):
    file = UploadField(
        label=gettext_lazy("CSV or JSON file"),
        help_text=gettext_lazy("UTF-8; a CSV file with a header row, or a JSON list of items."),
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=PlanItem.Status.choices)
    evidence = forms.CharField(
        label=gettext_lazy("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reflection = forms.CharField(
        label=gettext_lazy("Reflection"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


@member_required
def catalogue(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    kind = kind if kind in LearningItem.Kind.values else ""
    mix = request.GET.get("mix", "")
    mix = mix if mix in LearningItem.Mix.values else ""
    language = request.GET.get("language", "").strip()[:10]
    capability = None
    with contextlib.suppress(ValueError):
        wanted = uuid.UUID(request.GET.get("capability", ""))
        capability = capability_choices().filter(uuid=wanted).first()
    items = selectors.item_list(
        search=search, kind=kind, mix=mix, language=language, capability=capability
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "search": search,
        "kind": kind,
        "mix": mix,
        "language": language,
        "capability": capability,
        "kinds": LearningItem.Kind.choices,
        "mixes": LearningItem.Mix.choices,
        "languages": selectors.item_languages(),
        "capabilities": capability_choices(),
        "filtered": bool(search or kind or mix or language or capability),
        "query": query.urlencode(),
    }
    ratings = selectors.item_ratings(item_ids=[item.pk for item in page.object_list])
    for item in page.object_list:
        item.rating_mean, item.rating_count = ratings.get(item.pk, (None, 0))
    template = "learning/_item_rows.html" if request.htmx else "learning/catalogue.html"
    return render(request, template, context)


@member_required(admin=True)
def item_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            is_json = upload.name.lower().endswith(".json") or text.lstrip().startswith(("[", "{"))
            try:
                result = learning_items_import(
                    actor=actor_from_request(request),
                    text=text,
                    format="json" if is_json else "csv",
                )
            except ImportFailed as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("Imported: %(created)d new, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("learning:catalogue")
    return render(
        request, "learning/import.html", {"form": form, "errors": errors, "columns": COLUMNS}
    )


def _progress(plan: DevelopmentPlan) -> int:
    return round(100 * plan.done_count / plan.item_count) if plan.item_count else 0


@member_required
def my_plan(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    plan = selectors.current_plan_for(employee=employee) if employee else None
    items = list(selectors.plan_items(plan=plan)) if plan else []
    rated = (
        selectors.my_item_feedback(
            employee=employee, item_ids=[pi.item_id for pi in items if pi.item_id]
        )
        if employee is not None
        else {}
    )
    for pi in items:
        pi.my_feedback = rated.get(pi.item_id) if pi.item_id else None
        pi.asks_feedback = pi.status == PlanItem.Status.DONE and pi.item_id is not None
    context = {
        "plan": plan,
        "items": items,
        "rating_choices": RATING_CHOICES,
        "progress": _progress(plan) if plan else 0,
        "can_progress": plan is not None and plan.status in plan_services.PROGRESS_STATUSES,
        "can_start": plan is not None
        and plan.status == DevelopmentPlan.Status.APPROVED
        and all(item.status == PlanItem.Status.NOT_STARTED for item in items),
        "statuses": PlanItem.Status.choices,
    }
    return render(request, "learning/my_plan.html", context)


RATING_CHOICES = [
    (5, gettext_lazy("5 · Excellent")),
    (4, gettext_lazy("4 · Good")),
    (3, gettext_lazy("3 · Fair")),
    (2, gettext_lazy("2 · Poor")),
    (1, gettext_lazy("1 · Very poor")),
]


@member_required
@require_POST
def item_feedback(request: HttpRequest, id) -> HttpResponse:
    """The learner rates an item of their plan they completed, with a short comment."""
    actor = actor_from_request(request)
    item = selectors.item_get(uuid=id)
    if item is None or request.employee is None:
        raise Http404
    try:
        rating = int(request.POST.get("rating", ""))
    except ValueError:
        rating = 0
    try:
        feedback_services.learning_feedback_give(
            actor=actor, item=item, rating=rating, comment=request.POST.get("comment", "")[:2000]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: your rating helps others choose."))
    return redirect("learning:my_plan")


@member_required
@require_POST
def plan_build_mine(request: HttpRequest) -> HttpResponse:
    if request.employee is None:
        raise Http404
    try:
        build_services.plan_build(actor=actor_from_request(request), employee=request.employee)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your draft plan is ready. Review it and propose it."))
    return redirect("learning:my_plan")


@member_required
def plan_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    plan = selectors.plan_get_for_viewer(actor=actor, uuid=id)
    if plan is None:
        raise Http404
    can_manage = selectors.can_manage_plan(actor=actor, plan=plan)
    is_owner = actor.employee is not None and actor.employee.pk == plan.employee_id
    items = list(selectors.plan_items(plan=plan))
    context = {
        "plan": plan,
        "items": items,
        "progress": _progress(plan),
        "can_manage": can_manage,
        "is_owner": is_owner,
        # What the plan's state allows: items move while it is approved or active; it is
        # started only before any item has.
        "can_progress": plan.status in plan_services.PROGRESS_STATUSES,
        "can_start": plan.status == DevelopmentPlan.Status.APPROVED
        and all(item.status == PlanItem.Status.NOT_STARTED for item in items),
        "statuses": PlanItem.Status.choices,
        "catalogue": selectors.item_list().only("uuid", "title")[:500] if can_manage else [],
        "outcomes": DevelopmentPlan.Outcome.choices[1:],
        "linked_goals": selectors.plan_linked_goals(plan=plan),
        "sign_off": plan.kind == DevelopmentPlan.Kind.IMPROVEMENT
        and actor.is_admin
        and plan.hr_signed_off_at is None
        and plan.status != DevelopmentPlan.Status.COMPLETED,
    }
    return render(request, "learning/plan_detail.html", context)


PLAN_ACTION_DONE = {
    "propose": gettext_lazy("The plan is sent for approval."),
    "activate": gettext_lazy("The plan has started."),
    "approve": gettext_lazy("The plan is approved."),
    "complete": gettext_lazy("The plan is complete."),
    "sign_off": gettext_lazy("The plan is signed off and has started."),
}


@member_required
@require_POST
def plan_action(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    plan = selectors.plan_get_for_viewer(actor=actor, uuid=id)
    if plan is None:
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action == "propose":
            plan = plan_services.plan_propose(actor=actor, plan=plan)
        elif action == "activate":
            plan = plan_services.plan_activate(actor=actor, plan=plan)
        elif action == "approve":
            plan = _approve(request, actor, plan)
        elif action == "sign_off":
            plan = plan_services.plan_improvement_sign_off(actor=actor, plan=plan)
        elif action == "complete":
            plan = plan_services.plan_complete(
                actor=actor,
                plan=plan,
                outcome=request.POST.get("outcome", ""),
                note=request.POST.get("note", ""),
            )
        else:
            raise ApplicationError(INVALID, _("Unknown action."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, PLAN_ACTION_DONE[action])
    if request.POST.get("next") == "my_plan" and actor.employee is not None:
        return redirect("learning:my_plan")  # back where the employee acted
    return redirect("learning:plan_detail", id=plan.uuid)


def _approve(request: HttpRequest, actor, plan: DevelopmentPlan) -> DevelopmentPlan:
    items = {str(i.uuid): i for i in selectors.plan_items(plan=plan)}
    reason = request.POST.get("reason", "").strip()
    remove = [(items[u], reason) for u in request.POST.getlist("remove") if u in items]
    add = []
    wanted = request.POST.get("add_item", "")
    if wanted:
        item = selectors.item_list().filter(uuid=wanted).first() if _is_uuid(wanted) else None
        if item is None:
            raise ApplicationError(INVALID, _("Choose an item from the catalogue."))
        add.append(plan_services.PlanAddition(item=item, reason=reason))
    order = None
    positions = {
        u: request.POST.get(f"order_{u}", "") for u in items if request.POST.get(f"order_{u}")
    }
    kept = [u for u in items if items[u] not in [r for r, _ in remove]]
    if positions and all(p.isdigit() for p in positions.values()):
        ranked = sorted(kept, key=lambda u: (int(positions.get(u) or 9999), items[u].order))
        if ranked != sorted(kept, key=lambda u: items[u].order):
            order = [items[u] for u in ranked]
    return plan_services.plan_approve(
        actor=actor, plan=plan, add=add, remove=remove, order=order, reason=reason
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@member_required
@require_POST
def plan_item_update(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    plan_item = selectors.plan_item_get_for_viewer(actor=actor, uuid=id)
    if plan_item is None:
        raise Http404
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status for the item."))
    else:
        try:
            plan_services.plan_item_progress(actor=actor, plan_item=plan_item, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Progress saved."))
    if actor.employee is not None and actor.employee.pk == plan_item.plan.employee_id:
        return redirect("learning:my_plan")
    return redirect("learning:plan_detail", id=plan_item.plan.uuid)


# --- Performance improvement plans -----------------------------------------------------------


def _form_errors(form, exc: ApplicationError) -> None:
    placed = False
    for name, msgs in exc.fields.items():
        field = name if name in form.fields else None
        if name == "milestones":
            field = "milestone_1"
        elif name == "review_dates":
            field = "review_1"
        for message in msgs:
            form.add_error(field, message if message != "?" else exc.message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@member_required
def improvement_plan_start(request: HttpRequest, id) -> HttpResponse:
    """A manager or HR starts a performance improvement plan from the person's page."""
    actor = actor_from_request(request)
    employee = selectors.improvement_plan_employee(actor=actor, uuid=id)
    if employee is None:
        raise Http404
    goals = selectors.improvement_plan_goal_choices(employee=employee)
    form = ImprovementPlanForm(request.POST or None, goals=goals, may_sign_off=actor.is_admin)
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["goals"])
        try:
            plan = plan_services.plan_create_improvement(
                actor=actor,
                employee=employee,
                title=form.cleaned_data["title"],
                reason=form.cleaned_data["reason"],
                goals=[goal for goal in goals if str(goal.uuid) in chosen],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                milestones=form.milestones(),
                review_dates=form.review_dates(),
                sign_off=bool(form.cleaned_data.get("sign_off")),
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            if plan.hr_signed_off_at:
                done = _("Plan started; the review dates are in everyone's reminders.")
            else:
                done = _("Plan written; it starts when HR signs it off.")
            messages.success(request, done)
            return redirect("learning:plan_detail", id=plan.uuid)
    context = {"person": employee, "form": form}
    return render(request, "learning/improvement_plan_start.html", context)


@member_required(admin=True)
def improvement_plans(request: HttpRequest) -> HttpResponse:
    """HR's list of performance improvement plans, open ones first by default."""
    status = request.GET.get("status", "open")
    status = status if status in ("open", "completed", "all") else "open"
    plans = selectors.improvement_plan_list(status="" if status == "all" else status)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for plan in page.object_list:
        plan.next_review = next((day for day in plan.review_days if day >= today), None)
    statuses = [("open", _("Open")), ("completed", _("Completed")), ("all", _("All"))]
    context = {"page": page, "status": status, "statuses": statuses}
    return render(request, "learning/improvement_plans.html", context)


@member_required
def team(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    plans = selectors.team_plans(manager=employee) if employee else DevelopmentPlan.objects.none()
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    for plan in page.object_list:
        plan.progress = _progress(plan)
    context = {
        "to_approve": list(plans.filter(status=DevelopmentPlan.Status.PROPOSED)),
        "page": page,
    }
    return render(request, "learning/team.html", context)


@member_required(admin=True)
def content_gaps(request: HttpRequest) -> HttpResponse:
    return render(
        request, "learning/content_gaps.html", {"rows": selectors.content_gap_report_cached()}
    )


@member_required(admin=True)
def plan_builds(request: HttpRequest) -> HttpResponse:
    """Plans built from closed assessment cycles, with each build's progress."""
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.plan_build_list(search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    built = selectors.plans_built_from(cycle_ids=[build.cycle_id for build in page.object_list])
    for build in page.object_list:
        build.plans = built[build.cycle_id]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "search": search, "query": query.urlencode()}
    return render(request, "learning/plan_builds.html", context)


def _plan_build_or_404(id):
    build = selectors.plan_build_get(uuid=id)
    if build is None:
        raise Http404
    return build


@member_required(admin=True)
def plan_build_progress(request: HttpRequest, id) -> HttpResponse:
    """One build's progress (htmx polls it while the build runs)."""
    build = _plan_build_or_404(id)
    build.plans = selectors.plans_built_from(cycle_ids=[build.cycle_id])[build.cycle_id]
    return render(request, "learning/_plan_build_progress.html", {"build": build})


@member_required(admin=True)
@require_POST
def plan_build_again(request: HttpRequest, id) -> HttpResponse:
    build = _plan_build_or_404(id)
    try:
        build_services.plan_build_requeue(actor=actor_from_request(request), build=build)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Building the plans of %(cycle)s again.") % {"cycle": build.cycle.name}
        )
    return redirect("learning:plan_builds")


@member_required(admin=True)
@replica_view
def impact_report(request: HttpRequest) -> HttpResponse:
    """The report's HTML from the cache, per language and page of items: formatting its
    figures took longer than reading the cached report."""
    number = _page_number(request.GET.get("page"))
    body = impact.impact_report_cached(
        name=f"page-html:{get_language()}:{number}", build=lambda: _impact_body(number)
    )
    body = mark_safe(body)  # rendered, and so escaped, by its template
    return render(request, "learning/impact.html", {"body": body})


def _page_number(value: str | None) -> int:
    """A page of the items, 1 for anything but a plausible page number (each is cached)."""
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_IMPACT_PAGES else 1


def _impact_body(number: int) -> str:
    report = impact.impact_page_report()
    items = Paginator(report["items"], IMPACT_ITEMS_PAGE_SIZE).get_page(number)
    return render_to_string("learning/_impact_report.html", {"report": report, "items": items})


class SettingsForm(forms.Form):
    hours_per_quarter = forms.IntegerField(
        label=gettext_lazy("Learning hours per quarter"), min_value=1, max_value=500
    )
    plan_months = forms.IntegerField(
        label=gettext_lazy("Plan length (months)"), min_value=1, max_value=24
    )
    max_items_per_capability = forms.IntegerField(
        label=gettext_lazy("Most items per capability"), min_value=1, max_value=10
    )


@member_required(admin=True)
def learning_settings(request: HttpRequest) -> HttpResponse:
    current = selectors.learning_settings_get()
    initial = {name: getattr(current, name) for name in catalogue_services.SETTINGS_FIELDS}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_services.learning_settings_update(
                actor=actor_from_request(request), **form.cleaned_data
            )
        except ApplicationError as exc:
            for name, problems in exc.fields.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("Learning settings saved."))
            return redirect("learning:settings")
    return render(request, "learning/settings.html", {"form": form})
