"""Pay-equity page (HR): pay, or a compensation review's increases, compared across an
imported attribute within each grade, job role or both, and the gaps left unexplained after
grade, rating and position in range. Every look is audited (`reward.equity_report`)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from capabilities import selectors as capability_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from reward import equity, selectors
from reward.equity_report import equity_report

WITHIN = (
    (equity.GRADE, gettext_lazy("Each grade")),
    (equity.ROLE, gettext_lazy("Each job role")),
    (equity.GRADE_ROLE, gettext_lazy("Each grade and job role")),
)


class EquityForm(forms.Form):
    attribute = forms.ChoiceField(label=gettext_lazy("Compare by"))
    within = forms.ChoiceField(
        label=gettext_lazy("Within"), choices=WITHIN, required=False, initial=equity.GRADE
    )
    grade = forms.ChoiceField(label=gettext_lazy("Grade"), required=False)
    job_role = forms.ChoiceField(label=gettext_lazy("Job role"), required=False)
    review = forms.ChoiceField(label=gettext_lazy("Compare"), required=False)

    def __init__(self, *args, attributes, grades, roles, reviews, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.grades = {str(g.uuid): g for g in grades}
        self.roles = {str(r.uuid): r for r in roles}
        self.reviews = {str(r.uuid): r for r in reviews}
        self.fields["attribute"].choices = [(name, name.capitalize()) for name in attributes]
        self.fields["grade"].choices = [("", gettext_lazy("All grades"))] + [
            (key, g.name) for key, g in self.grades.items()
        ]
        self.fields["job_role"].choices = [("", gettext_lazy("All job roles"))] + [
            (key, r.name) for key, r in self.roles.items()
        ]
        self.fields["review"].choices = [("", gettext_lazy("Current pay"))] + [
            (key, gettext_lazy("Increases in %(name)s") % {"name": r.name})
            for key, r in self.reviews.items()
        ]


@member_required(admin=True)
def pay_equity(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    attributes = equity.equity_attributes()
    data = request.GET.copy()
    if attributes and not data.get("attribute"):
        data["attribute"] = attributes[0]
    form = EquityForm(
        data if attributes else None,
        attributes=attributes,
        grades=selectors.pay_grades(),
        roles=capability_selectors.job_roles().order_by("name", "id"),
        reviews=selectors.review_list_for_viewer(actor=actor),
    )
    report = None
    if attributes and form.is_valid():
        chosen = form.cleaned_data
        report = equity_report(
            actor=actor,
            attribute=chosen["attribute"],
            within=chosen["within"] or equity.GRADE,
            grade=form.grades.get(chosen["grade"]),
            job_role=form.roles.get(chosen["job_role"]),
            review=form.reviews.get(chosen["review"]),
        )
    return render(
        request,
        "reward/equity.html",
        {"form": form, "attributes": attributes, "report": report},
    )
