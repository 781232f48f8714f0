"""The overall rating scale page (HR): each level's number (its place in the order), name,
description and the lowest formula score that proposes it; add, rename, reorder or remove
levels. `reward.services.rating_scale_set` decides what is valid (no duplicates, no removing
a level that ratings give) and audits the change."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plms.common.errors import ApplicationError
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from reward import selectors, services


class LevelForm(forms.Form):
    value = forms.IntegerField(label=gettext_lazy("Number"), min_value=1, max_value=20)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    min_score = forms.DecimalField(
        label=gettext_lazy("Proposed from a score of"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BaseLevelFormSet(forms.BaseFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = gettext_lazy("Remove this level")


LevelFormSet = forms.formset_factory(
    LevelForm, formset=BaseLevelFormSet, extra=1, can_delete=True, max_num=20
)


@member_required(admin=True)
def rating_scale(request: HttpRequest) -> HttpResponse:
    levels = list(selectors.rating_levels())
    initial = [
        {
            "value": level.value,
            "name": level.name,
            "min_score": level.min_score,
            "description": level.description,
        }
        for level in levels
    ]
    formset = LevelFormSet(request.POST or None, initial=initial, prefix="levels")
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid():
        specs = [
            services.LevelSpec(
                value=form.cleaned_data["value"],
                name=form.cleaned_data["name"],
                min_score=form.cleaned_data["min_score"],
                description=form.cleaned_data["description"],
            )
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("name")
        ]
        try:
            services.rating_scale_set(actor=actor_from_request(request), levels=specs)
        except ApplicationError as error:
            problems = [str(p) for p in error.fields.get("levels", [error.message])]
        else:
            messages.success(request, _("Rating scale saved."))
            targets = selectors.settings_get().distribution_targets or {}
            if targets and set(targets) != {str(spec.value) for spec in specs}:
                messages.warning(
                    request,
                    _(
                        "The distribution guideline names other levels than the scale now "
                        "has: give it one share per level in the settings."
                    ),
                )
            return redirect("reward:rating_scale")
    return render(
        request,
        "reward/rating_scale.html",
        {"formset": formset, "problems": problems, "formula": selectors.formula_in_words()},
    )
