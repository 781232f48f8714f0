"""Relative ranking on the calibration page (when the organisation ranks): the chosen
department's ranking in the chosen cycle, and HR's move of one person with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from reward import ranking, selectors

NO_DEPARTMENT = "none"


class RankForm(forms.Form):
    position = forms.IntegerField(label=gettext_lazy("New place"), min_value=1)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)


def ranking_context(request: HttpRequest, *, cycle) -> dict:
    """What the calibration page shows of the ranking: nothing while the organisation does
    not rank; else the departments to choose from and the chosen one's ranking."""
    if cycle is None or not selectors.settings_get().relative_ranking:
        return {}
    departments = list(people_selectors.departments().order_by("name", "id"))
    chosen = request.GET.get("rank_department", "")
    department = next((d for d in departments if str(d.uuid) == chosen), None)
    if department is None and chosen != NO_DEPARTMENT and departments:
        department = departments[0]
    levels = selectors.level_names()
    group = ranking.calibration_group(cycle=cycle, department=department)
    for entry in group:
        entry.final_name = levels.get(entry.rating.final_level, "")
    return {
        "ranking": group,
        "rank_departments": departments,
        "rank_department": department,
        "rank_department_key": str(department.uuid) if department else NO_DEPARTMENT,
        "no_department": NO_DEPARTMENT,
    }


@require_POST
@member_required(admin=True)
def calibration_rank(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    rating = selectors.rating_get_for_viewer(actor=actor, uuid=request.POST.get("rating"))
    if rating is None:
        raise Http404
    department = rating.employee.department
    back = (
        reverse("reward:calibration")
        + f"?cycle={rating.cycle.uuid}&rank_department="
        + (str(department.uuid) if department else NO_DEPARTMENT)
        + "#ranking"
    )
    form = RankForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new place and say why."))
        return redirect(back)
    try:
        ranking.rating_rank(actor=actor, rating=rating, **form.cleaned_data)
    except ApplicationError as error:
        details = [m for problems in error.fields.values() for m in problems]
        messages.error(request, " ".join([error.message, *details]))
    else:
        messages.success(
            request,
            _("%(name)s is now number %(position)d.")
            % {"name": rating.employee.full_name, "position": form.cleaned_data["position"]},
        )
    return redirect(back)
