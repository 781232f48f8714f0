"""Talent review pages: HR's list of reviews (and opening one), the meeting itself (its people
on the 9-box, moves with their reasons, the decision log, holding it) and the page of one
action for its owner. Confidential: HR and the people HR grants a review; every visit is
audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from talent import review_selectors, review_services
from talent.forms import (
    ActionDoneForm,
    HoldForm,
    LogEntryForm,
    MoveForm,
    ReviewGrantForm,
    ReviewOpenForm,
)
from talent.potential import BOX_KEYS, box_name

PAGE_SIZE = 25
BOX_CHOICES = [(f"{p}-{q}", box_name(p, q)) for p, q in BOX_KEYS]


def _field_errors(form, error: ApplicationError) -> None:
    placed = False
    for name, message in (error.fields or {}).items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)


@member_required
def reviews(request: HttpRequest) -> HttpResponse:
    """The reviews the viewer runs; HR opens a new one (the facilitator suggested by the
    rotation)."""
    actor = actor_from_request(request)
    if not review_selectors.may_read_reviews(actor=actor):
        raise PermissionDenied
    form = None
    if actor.is_admin:
        suggestion = review_selectors.facilitator_suggestion()
        form = ReviewOpenForm(
            request.POST or None,
            pools=review_selectors.pool_choices(),
            departments=people_selectors.department_choices(),
            viewer=actor.employee,
            initial={"facilitator": suggestion.uuid if suggestion else None},
        )
        if request.method == "POST" and form.is_valid():
            try:
                review = review_services.talent_review_open(actor=actor, **form.cleaned_data)
            except ApplicationError as error:
                _field_errors(form, error)
            else:
                messages.success(request, _("%(name)s is open.") % {"name": review.name})
                return redirect("talent:review_detail", id=review.uuid)
    elif request.method == "POST":
        raise PermissionDenied
    page = Paginator(review_selectors.reviews_for_viewer(actor=actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    review_services.talent_review_read(actor=actor, review=None, count=len(page.object_list))
    return render(request, "talent/reviews.html", {"page": page, "form": form})


def _review_or_404(request, id):
    review = review_selectors.review_get_for_viewer(actor=actor_from_request(request), uuid=id)
    if review is None:
        raise Http404
    return review


def _detail(request, review, *, move_form=None, log_form=None, status=200) -> HttpResponse:
    actor = actor_from_request(request)
    board = review_selectors.review_board(review=review)
    reviewed = review_selectors.review_people(review=review)
    entries = list(review_selectors.entries_of(review=review))
    moves = list(review_selectors.moves_of(review=review))
    for move in moves:
        move.from_label = review_selectors.box_label(move.from_box)
        move.to_label = review_selectors.box_label(move.to_box)
    context = {
        "review": review,
        "board": board,
        "box_choices": BOX_CHOICES,
        "moves": moves,
        "decisions": [e for e in entries if e.kind == "decision"],
        "actions": [e for e in entries if e.kind == "action"],
        "move_form": move_form,
        "log_form": log_form
        or LogEntryForm(reviewed=reviewed, viewer=actor.employee, auto_id="log-%s"),
        "hold_form": HoldForm(),
        "grant_form": ReviewGrantForm(viewer=actor.employee) if actor.is_admin else None,
    }
    review_services.talent_review_read(actor=actor, review=review)
    return render(request, "talent/review_detail.html", context, status=status)


@member_required
def review_detail(request: HttpRequest, id) -> HttpResponse:
    return _detail(request, _review_or_404(request, id))


@member_required
@require_POST
def review_move(request: HttpRequest, id) -> HttpResponse:
    """Move one person to another box, with the reason (the form on each person's card; the
    board's drag and drop fills in the same form)."""
    review = _review_or_404(request, id)
    form = MoveForm(
        request.POST, people=review_selectors.review_people(review=review), boxes=BOX_CHOICES
    )
    if form.is_valid():
        try:
            review_services.talent_review_move(
                actor=actor_from_request(request), review=review, **form.cleaned_data
            )
        except ApplicationError as error:
            _field_errors(form, error)
        else:
            person = form.cleaned_data["employee"]
            messages.success(
                request,
                _("%(name)s moved to %(box)s.")
                % {
                    "name": person.full_name,
                    "box": review_selectors.box_label(form.cleaned_data["to_box"]),
                },
            )
            return redirect(reverse("talent:review_detail", args=[review.uuid]) + "#board")
    messages.error(request, _("The move was not recorded: see below."))
    return _detail(request, review, move_form=form, status=400)


@member_required
@require_POST
def review_log(request: HttpRequest, id) -> HttpResponse:
    """Record a decision, or an action with its owner and due date."""
    review = _review_or_404(request, id)
    reviewed = review_selectors.review_people(review=review)
    form = LogEntryForm(request.POST, reviewed=reviewed, viewer=request.employee, auto_id="log-%s")
    if form.is_valid():
        data, actor = form.cleaned_data, actor_from_request(request)
        try:
            if data["kind"] == "action":
                review_services.talent_review_action_record(
                    actor=actor,
                    review=review,
                    text=data["text"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    employee=data["employee"],
                )
            else:
                review_services.talent_review_decision_record(
                    actor=actor, review=review, text=data["text"], employee=data["employee"]
                )
        except ApplicationError as error:
            _field_errors(form, error)
        else:
            messages.success(
                request,
                _("Action recorded: its owner will be reminded.")
                if data["kind"] == "action"
                else _("Decision recorded."),
            )
            return redirect(reverse("talent:review_detail", args=[review.uuid]) + "#log")
    return _detail(request, review, log_form=form, status=400)


@member_required
@require_POST
def review_hold(request: HttpRequest, id) -> HttpResponse:
    review = _review_or_404(request, id)
    form = HoldForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    try:
        review_services.talent_review_hold(
            actor=actor_from_request(request), review=review, summary=summary
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The review is held; its actions are followed up."))
    return redirect("talent:review_detail", id=review.uuid)


@member_required(admin=True)
@require_POST
def review_grant(request: HttpRequest, id) -> HttpResponse:
    review = _review_or_404(request, id)
    form = ReviewGrantForm(request.POST)
    if form.is_valid():
        person = form.cleaned_data["employee"]
        try:
            review_services.talent_review_grant(
                actor=actor_from_request(request), review=review, employee=person
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(name)s may now run this review.") % {"name": person.full_name}
            )
    return redirect("talent:review_detail", id=review.uuid)


@member_required
def review_action(request: HttpRequest, id) -> HttpResponse:
    """One action, for its owner (who reads nothing else of the review), HR and the review's
    runners; marked done here."""
    actor = actor_from_request(request)
    action = review_selectors.action_get_for_viewer(actor=actor, uuid=id)
    if action is None:
        raise Http404
    form = ActionDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_services.talent_review_action_complete(
                actor=actor, action=action, note=form.cleaned_data["note"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Marked done: the reminders stop."))
            return redirect("talent:review_action", id=action.uuid)
    runs = review_selectors.may_run_review(actor=actor, review=action.review)
    return render(
        request, "talent/review_action.html", {"action": action, "form": form, "runs": runs}
    )
