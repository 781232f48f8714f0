"""Feedback pages: the inbox, giving feedback and asking for it. Thin: reads come from
goals.feedback.selectors, writes go through goals.feedback.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capabilities import selectors as capability_selectors
from goals.feedback import selectors as feedback_selectors
from goals.feedback import services as feedback_services
from goals.forms import (
    FeedbackForm,
    FeedbackRequestForm,
)
from goals.views import PAGE_SIZE, form_errors
from plms.common.errors import ApplicationError
from plms.common.ids import parse_public_id
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

# --- Feedback --------------------------------------------------------------------------------


@member_required
def feedback_inbox(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    received = feedback_selectors.feedback_inbox(employee=employee) if employee else []
    page = Paginator(received, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "requests": feedback_selectors.feedback_requests_for(employee=employee) if employee else [],
        "praise": feedback_selectors.public_praise()[:10],
        "request_form": FeedbackRequestForm(viewer=employee),
    }
    return render(request, "goals/feedback_inbox.html", context)


@member_required
def feedback_give(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    employee = request.employee
    initial = {
        "receiver": request.GET.get("to", ""),
        "request": request.GET.get("request", ""),
    }
    form = FeedbackForm(
        request.POST or None,
        initial=initial,
        viewer=employee,
        capabilities=[(str(c.uuid), c.name) for c in capability_selectors.capability_choices()],
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["request"] = feedback_selectors.feedback_request_get(
            uuid=parse_public_id(data.pop("request"))
        )
        data["capabilities"] = list(
            capability_selectors.capabilities().filter(uuid__in=data["capabilities"])
        )
        try:
            feedback_services.feedback_give(actor=actor, **data)
        except ApplicationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Feedback sent."))
            return redirect("goals:feedback_inbox")
    return render(request, "goals/feedback_form.html", {"form": form})


@member_required
@require_POST
def feedback_request(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = FeedbackRequestForm(request.POST, viewer=request.employee)
    if form.is_valid():
        asked = form.cleaned_data["asked"]
        try:
            feedback_services.feedback_request_create(
                actor=actor, asked=asked, message=form.cleaned_data["message"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Feedback requested from %s.") % asked)
    else:
        messages.error(request, _("Choose whom to ask."))
    return redirect("goals:feedback_inbox")
