"""Check-in pages: the list, starting one, the check-in itself with its action items, and
escalating it. Thin: reads come from goals.checkins.selectors, writes go through
goals.checkins.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals.checkins import selectors as checkin_selectors
from goals.checkins import services as checkin_services
from goals.error_codes import INVALID
from goals.forms import (
    ActionItemForm,
    CheckInForm,
    EscalateForm,
    ResolveEscalationForm,
)
from goals.views import PAGE_SIZE, form_errors
from plms.common.errors import ApplicationError
from plms.common.ids import parse_public_id
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

# --- Check-ins -------------------------------------------------------------------------------


def _page_number(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


@member_required
def check_in_list(request: HttpRequest) -> HttpResponse:
    """The check-ins the viewer may see, newest first, a page at a time, and the completion
    rates. A page reads one row more than it shows to know whether another follows: the
    number of pages would count every visible check-in on each view (123,000 for HR, and for
    a manager of 1,656 people 100 ms of the page)."""
    actor = actor_from_request(request)
    status = request.GET.get("status", "")
    check_ins = checkin_selectors.check_in_list(actor=actor, status=status)
    number = _page_number(request.GET.get("page"))
    start = (number - 1) * PAGE_SIZE
    rows = list(check_ins[start : start + PAGE_SIZE + 1])
    employee = request.employee
    reports = (
        list(people_selectors.direct_reports(manager=employee)) if employee is not None else []
    )
    rates = checkin_selectors.check_in_completion_rate_page(
        actor=actor, number=_page_number(request.GET.get("rates"))
    )
    context = {
        "check_ins": rows[:PAGE_SIZE],
        "number": number,
        "has_next": len(rows) > PAGE_SIZE,
        "status": status,
        "reports": reports,
        "rates": rates,
    }
    return render(request, "goals/check_in_list.html", context)


@member_required
@require_POST
def check_in_start(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    report = people_selectors.employee_get(uuid=parse_public_id(request.POST.get("report")))
    if report is None:
        raise Http404
    try:
        series = checkin_services.check_in_series_create(
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
    check_in = checkin_selectors.check_in_get(actor=actor, uuid=id)
    if check_in is None:
        raise Http404
    private = checkin_selectors.sees_private_notes(actor=actor, check_in=check_in)
    initial = {
        "obstacles": check_in.obstacles,
        "priorities": check_in.priorities,
        "shared_notes": check_in.shared_notes,
    }
    if private:
        initial["private_manager_notes"] = check_in.private_manager_notes
    form = CheckInForm(request.POST or None, initial=initial, private=private)
    reviews = list(checkin_selectors.check_in_goal_reviews(check_in=check_in))
    if request.method == "POST" and form.is_valid():
        comments = {
            review.goal: request.POST.get(f"review-{review.uuid}", review.comment)
            for review in reviews
        }
        try:
            checkin_services.check_in_update(
                actor=actor, check_in=check_in, reviews=comments, **form.cleaned_data
            )
        except ApplicationError as exc:
            form_errors(form, exc)
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
        "actions": checkin_selectors.check_in_open_actions(check_in=check_in),
        "action_form": ActionItemForm(owners=owners),
        "escalate_form": EscalateForm(),
        "escalations": checkin_selectors.check_in_escalations(check_in=check_in),
        "resolve_form": ResolveEscalationForm(),
    }
    return render(request, "goals/check_in_detail.html", context)


def _check_in_action(request: HttpRequest, id, run) -> HttpResponse:
    actor = actor_from_request(request)
    check_in = checkin_selectors.check_in_get(actor=actor, uuid=id)
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
        checkin_services.check_in_complete(actor=actor, check_in=check_in)
        return _("Check-in completed; the next one is scheduled.")

    return _check_in_action(request, id, run)


@member_required
@require_POST
def check_in_add_action(request: HttpRequest, id) -> HttpResponse:
    def run(actor, check_in):
        owner = people_selectors.employee_get(uuid=parse_public_id(request.POST.get("owner")))
        form = ActionItemForm(
            request.POST,
            owners=[(request.POST.get("owner", ""), "")],
        )
        if not form.is_valid():
            raise ApplicationError(INVALID, _("Say what is to be done."))
        checkin_services.action_item_add(
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
    actor = actor_from_request(request)
    item = checkin_selectors.action_item_get(actor=actor, uuid=id)
    if item is None:
        raise Http404

    def run(actor, check_in):
        done = request.POST.get("done") == "1"
        checkin_services.action_item_set_done(actor=actor, item=item, done=done)
        return _("Action item done.") if done else _("Action item reopened.")

    response = _check_in_action(request, item.check_in.uuid, run)
    back = checkin_selectors.check_in_get(
        actor=actor, uuid=parse_public_id(request.POST.get("check_in"))
    )
    return redirect("goals:check_in_detail", id=back.uuid) if back is not None else response


@member_required
@require_POST
def check_in_escalate(request: HttpRequest, id) -> HttpResponse:
    def run(actor, check_in):
        escalation = checkin_services.check_in_escalate(
            actor=actor, check_in=check_in, part=request.POST.get("part", "")
        )
        return _("Escalated to %s.") % escalation.escalated_to

    return _check_in_action(request, id, run)


@member_required
@require_POST
def check_in_escalation_resolve(request: HttpRequest, id) -> HttpResponse:
    """The person it was escalated to resolves it with a note; back to the check-in."""
    actor = actor_from_request(request)
    escalation = checkin_selectors.escalation_get_for_viewer(actor=actor, uuid=id)
    if escalation is None:
        raise Http404
    form = ResolveEscalationForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(INVALID, _("Say what was decided, for the manager and HR."))
        checkin_services.check_in_escalation_resolve(
            actor=actor, escalation=escalation, note=form.cleaned_data["note"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Escalation resolved; the manager is told."))
    return redirect(
        reverse("goals:check_in_detail", args=[escalation.check_in.uuid])
        + f"#escalation-{escalation.uuid}"
    )
