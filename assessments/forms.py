"""Forms of the assessment pages (input shape only; the services hold the rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import RATER_KINDS, AssessmentCycle, ReviewTemplate
from capabilities.models import JobRole
from plms.people.forms import PeopleField, offer_chosen
from plms.people.models import Department

KIND_LABELS = {
    "self": _("Self"),
    "manager": _("Manager"),
    "peer": _("Peer"),
    "expert": _("Expert"),
    "upward": _("Upward (reports)"),
}


class DateInput(forms.DateInput):
    input_type = "date"


class CycleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    period_start = forms.DateField(label=_("Period starts"), widget=DateInput)
    period_end = forms.DateField(label=_("Period ends"), widget=DateInput)
    scope = forms.ChoiceField(
        label=_("Who is assessed"),
        choices=AssessmentCycle.Scope.choices,
        widget=forms.RadioSelect,
        initial=AssessmentCycle.Scope.ORGANIZATION,
    )
    # Lists of check boxes with a search field (not Ctrl-click multi-selects); the page shows
    # only the one the chosen scope uses.
    scope_departments = forms.MultipleChoiceField(
        label=_("Departments"), required=False, widget=forms.CheckboxSelectMultiple
    )
    scope_roles = forms.MultipleChoiceField(
        label=_("Job roles"), required=False, widget=forms.CheckboxSelectMultiple
    )
    scope_employees = PeopleField(label=_("Employees"), required=False)
    peer_anonymous = forms.BooleanField(
        label=_("Peer ratings are anonymous"), required=False, initial=True
    )
    min_peers = forms.IntegerField(
        label=_("Minimum peers before peer ratings are shown"), min_value=1, max_value=20, initial=3
    )
    upward_reviews = forms.BooleanField(
        label=_("Reports review their managers (upward reviews)"),
        required=False,
        help_text=_("Anonymous: a manager sees only what enough of their reports said together."),
    )
    min_upward = forms.IntegerField(
        label=_("Minimum reports before upward answers are shown"),
        min_value=2,
        max_value=20,
        initial=3,
        required=False,
    )
    max_peer_requests = forms.IntegerField(
        label=_("Most peer requests per person"), min_value=1, max_value=50, initial=5
    )
    evidence_at_extremes = forms.BooleanField(
        label=_("Evidence required at the ends of the scale"), required=False, initial=True
    )
    evidence_min_distance = forms.IntegerField(
        label=_("Evidence required this many levels from the other rating (0 = never)"),
        min_value=0,
        max_value=6,
        initial=2,
    )
    review_template = forms.ModelChoiceField(
        label=_("Review template"),
        queryset=ReviewTemplate.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=_("No template: capability ratings only"),
        help_text=_("The questions the cycle asks each kind of rater beside the ratings."),
    )
    preview_voting = forms.BooleanField(
        label=_("Ratings preview vote before calibration"),
        required=False,
        help_text=_(
            "Once closed, HR and each person's managers say whether each level looks right, "
            "too high or too low before anyone calibrates it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        defaults = {"self": 30, "manager": 50, "peer": 20, "expert": 0, "upward": 0}
        for kind in RATER_KINDS:
            label = KIND_LABELS[kind]
            self.fields[f"weight_{kind}"] = forms.IntegerField(
                label=_("%(kind)s weight (%%)") % {"kind": label},
                min_value=0,
                max_value=100,
                initial=defaults[kind],
                # Upward ratings are optional: left empty, they weigh nothing.
                required=kind != "upward",
            )
            self.fields[f"deadline_{kind}"] = forms.DateField(
                label=_("%(kind)s deadline") % {"kind": label}, required=False, widget=DateInput
            )
        self.fields["review_template"].queryset = ReviewTemplate.objects.filter(
            archived=False
        ).order_by("name")
        self.fields["scope_departments"].choices = [
            (str(d.uuid), d.name) for d in Department.objects.order_by("name")
        ]
        self.fields["scope_roles"].choices = [
            (str(r.uuid), r.name) for r in JobRole.objects.order_by("name")
        ]
        offer_chosen(self, "scope_employees")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("weight_upward") is None:
            data["weight_upward"] = 0
        if data.get("min_upward") is None:
            data["min_upward"] = 3
        scope = data["scope"]
        data["scope_ids"] = {
            "departments": data.get("scope_departments"),
            "roles": data.get("scope_roles"),
            "employees": data.get("scope_employees"),
        }.get(scope) or []
        for name in ("scope_departments", "scope_roles", "scope_employees"):
            data.pop(name, None)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseCycleForm(forms.Form):
    """The confirmation of a close: the number of unsubmitted assessments the person saw
    (so a close never acts on numbers nobody looked at) and, when there are any, why."""

    confirmed_unsubmitted = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why close now?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit trail with the numbers above."),
    )


class AdjustForm(forms.Form):
    level = forms.DecimalField(
        label=_("Calibrated level"),
        max_digits=4,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to remove the adjustment."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ExpertGrantForm(forms.Form):
    employee = forms.EmailField(
        label=_("Employee's e-mail"), help_text=_("The person the expert assesses.")
    )
    expert = forms.EmailField(
        label=_("Expert's e-mail"),
        help_text=_("Someone who has signed in; they see and rate this one assessment only."),
    )


class PreviewVoteForm(forms.Form):
    vote = forms.ChoiceField(label=_("Your view"), choices=(), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the level looks too high or too low."),
    )

    def __init__(self, *args, **kwargs):
        from assessments.models import PreviewVote

        super().__init__(*args, **kwargs)
        self.fields["vote"].choices = PreviewVote.Choice.choices
