"""The outliers page: consistently high performers and chronic low performers with the
suggested action, for HR (everyone) and managers (the people below them)."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from plms.common.errors import ApplicationError
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from reward import outliers, selectors


class CriteriaForm(forms.Form):
    times = forms.IntegerField(
        label=gettext_lazy("In at least (N)"), min_value=1, max_value=outliers.MAX_CYCLES
    )
    cycles = forms.IntegerField(
        label=gettext_lazy("Of the last cycles (M)"), min_value=1, max_value=outliers.MAX_CYCLES
    )


@member_required
def outlier_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not outliers.may_see_outliers(actor=actor):
        raise Http404
    defaults = {"times": outliers.DEFAULT_TIMES, "cycles": outliers.DEFAULT_CYCLES}
    form = CriteriaForm(request.GET if request.GET else None, initial=defaults)
    criteria = outliers.Criteria()
    if form.is_bound and form.is_valid():
        try:
            criteria = outliers.Criteria(**form.cleaned_data).validated()
        except ApplicationError as error:
            form.add_error("times", error.fields.get("times", [error.message])[0])
            criteria = outliers.Criteria()
    report = outliers.outliers_for_viewer(actor=actor, criteria=criteria)
    names = selectors.level_names()
    return render(
        request,
        "reward/outliers.html",
        {
            "form": form,
            "report": report,
            "top_names": [f"{v} {names[v]}" for v in report.top_levels],
            "low_names": [f"{v} {names[v]}" for v in report.low_levels],
            "is_admin": actor.is_admin,
        },
    )
