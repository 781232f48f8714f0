"""Forms of the learning pages that have more than a field or two (input shape only; the
services hold the rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MILESTONE_ROWS = 5
REVIEW_ROWS = 4


class DateInput(forms.DateInput):
    input_type = "date"


class ImprovementPlanForm(forms.Form):
    """A performance improvement plan: why, the goals it is about, its period, milestones with
    due dates, review dates, and (for HR) the sign-off that starts it."""

    title = forms.CharField(
        label=_("Title"), max_length=200, initial=_("Performance improvement plan")
    )
    reason = forms.CharField(
        label=_("Why this plan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What falls short of expectations, with the facts; the employee sees it."),
    )
    goals = forms.MultipleChoiceField(
        label=_("Goals it is about"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    period_start = forms.DateField(label=_("Starts"), widget=DateInput)
    period_end = forms.DateField(label=_("Ends"), widget=DateInput)
    sign_off = forms.BooleanField(
        label=_("Sign off as HR now (the plan starts and review reminders go out)"),
        required=False,
    )

    def __init__(self, *args, goals=(), may_sign_off: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = [(str(goal.uuid), goal.title) for goal in goals]
        if not may_sign_off:
            del self.fields["sign_off"]
        for row in range(1, MILESTONE_ROWS + 1):
            self.fields[f"milestone_{row}"] = forms.CharField(
                label=_("Milestone %(n)d") % {"n": row}, max_length=200, required=row == 1
            )
            self.fields[f"milestone_{row}_due"] = forms.DateField(
                label=_("Due"), required=row == 1, widget=DateInput
            )
        for row in range(1, REVIEW_ROWS + 1):
            self.fields[f"review_{row}"] = forms.DateField(
                label=_("Review %(n)d") % {"n": row}, required=False, widget=DateInput
            )

    def milestone_rows(self):
        return [
            (self[f"milestone_{row}"], self[f"milestone_{row}_due"])
            for row in range(1, MILESTONE_ROWS + 1)
        ]

    def review_rows(self):
        return [self[f"review_{row}"] for row in range(1, REVIEW_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for row in range(1, MILESTONE_ROWS + 1):
            name, due = data.get(f"milestone_{row}"), data.get(f"milestone_{row}_due")
            if name and not due:
                self.add_error(f"milestone_{row}_due", _("Give the milestone a due date."))
            if due and not name:
                self.add_error(f"milestone_{row}", _("Say what is to be achieved."))
        return data

    def milestones(self):
        return [
            (self.cleaned_data[f"milestone_{row}"], self.cleaned_data[f"milestone_{row}_due"])
            for row in range(1, MILESTONE_ROWS + 1)
            if self.cleaned_data.get(f"milestone_{row}")
        ]

    def review_dates(self):
        return [
            self.cleaned_data[f"review_{row}"]
            for row in range(1, REVIEW_ROWS + 1)
            if self.cleaned_data.get(f"review_{row}")
        ]
