"""Forms of the goal pages. They only parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goals.models import (
    CheckInEscalation,
    Direction,
    Feedback,
    Frequency,
    GoalUpdate,
    Indicator,
    Level,
    Perspective,
)
from plms.common.forms import PublicIdsField, SearchSelect, SearchSelectMultiple
from plms.common.ids import parse_public_id
from plms.people.forms import PersonField

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"), max_length=200, help_text=_("The result, in a sentence.")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=TEXT)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial="operational")
    owner = forms.CharField(
        label=_("Owner"),
        widget=SearchSelect(
            search_url_name="goals:owner_choices", search_label=_("Search people and departments")
        ),
    )
    parents = PublicIdsField(
        label=_("Supports"),
        required=False,
        help_text=_("The goals this one contributes to."),
        widget=SearchSelectMultiple(
            search_url_name="goals:parent_choices",
            search_label=_("Search goals"),
            attrs={"size": 5},
        ),
    )
    key_result = forms.CharField(
        label=_("Key result of the role"),
        required=False,
        help_text=_("The key result of the owner's job role this goal serves."),
        widget=SearchSelect(
            search_url_name="goals:key_result_choices", search_label=_("Search key results")
        ),
    )
    capabilities = PublicIdsField(
        label=_("Capabilities exercised"),
        required=False,
        help_text=_("The goal's results appear beside these capabilities in assessments."),
        widget=SearchSelectMultiple(
            search_url_name="goals:capability_choices",
            search_label=_("Search capabilities"),
            attrs={"size": 5},
        ),
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=50)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    baseline = forms.DecimalField(
        label=_("Baseline"), required=False, max_digits=16, decimal_places=4
    )
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=16, decimal_places=4)
    range_low = forms.DecimalField(
        label=_("Range: low"), required=False, max_digits=16, decimal_places=4
    )
    range_high = forms.DecimalField(
        label=_("Range: high"), required=False, max_digits=16, decimal_places=4
    )
    indicator = forms.ChoiceField(label=_("Indicator"), choices=Indicator.choices)
    perspective = forms.ChoiceField(label=_("Perspective"), choices=Perspective.choices)
    update_frequency = forms.ChoiceField(
        label=_("Update frequency"), choices=Frequency.choices, initial="monthly"
    )
    data_source = forms.CharField(label=_("Data source"), required=False, max_length=200)
    weight = forms.DecimalField(
        label=_("Weight"), initial=1, min_value=0, max_digits=6, decimal_places=2
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=TEXT,
        help_text=_("Needed to change the target, range, due date or weight of an active goal."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args, owners=(), parents=(), key_results=(), capabilities=(), editing=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["owner"].widget.choices = owners
        self.fields["parents"].widget.choices = parents
        self.fields["key_result"].widget.choices = key_results
        self.fields["capabilities"].widget.choices = capabilities
        if editing:
            del self.fields["owner"]
        else:
            del self.fields["justification"]

    def clean_owner(self) -> str:
        """`organization:`, `department:<id>` or `employee:<id>`; whether the viewer may set
        goals for that owner is the goal service's to say."""
        value = self.cleaned_data["owner"]
        kind, _sep, public_id = value.partition(":")
        if (kind == "organization" and not public_id) or (
            kind in ("department", "employee") and parse_public_id(public_id) is not None
        ):
            return value
        raise forms.ValidationError(_("Choose an owner."))

    def clean_key_result(self) -> str:
        """Empty or a public id; whether it names a key result is the view's to say."""
        value = self.cleaned_data["key_result"]
        if value and parse_public_id(value) is None:
            raise forms.ValidationError(_("Choose a key result."))
        return value


class GoalTemplateForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=200)
    title = forms.CharField(
        label=_("Goal"), max_length=200, help_text=_("The result, in a sentence.")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=TEXT)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial="operational")
    key_result = forms.ChoiceField(
        label=_("Key result of the role"),
        required=False,
        help_text=_("Goals from the template serve it, and go to holders of its role only."),
    )
    capabilities = forms.MultipleChoiceField(
        label=_("Capabilities exercised"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=50)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    baseline = forms.DecimalField(
        label=_("Baseline"), required=False, max_digits=16, decimal_places=4
    )
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=16, decimal_places=4)
    indicator = forms.ChoiceField(label=_("Indicator"), choices=Indicator.choices)
    perspective = forms.ChoiceField(label=_("Perspective"), choices=Perspective.choices)
    weight = forms.DecimalField(
        label=_("Weight"), initial=1, min_value=0, max_digits=6, decimal_places=2
    )

    def __init__(self, *args, key_results=(), capabilities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_result"].choices = [("", _("No key result")), *key_results]
        self.fields["capabilities"].choices = capabilities


class TemplateApplyForm(forms.Form):
    applies_to = forms.ChoiceField(label=_("Give a goal to each"))
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    status = forms.ChoiceField(
        label=_("Create the goals as"),
        choices=[("draft", _("Drafts")), ("active", _("Active goals"))],
        initial="draft",
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applies_to"].choices = targets

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due <= start:
            self.add_error("due_date", _("The due date must come after the start date."))
        return data


class ProgressForm(forms.Form):
    value = forms.DecimalField(label=_("New value"), max_digits=16, decimal_places=4)
    confidence = forms.ChoiceField(
        label=_("Confidence"), choices=GoalUpdate.Confidence.choices, initial="medium"
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=TEXT)


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)


class ActivateForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Override reason"),
        required=False,
        widget=TEXT,
        help_text=_("Managers may activate a goal that fails the check, saying why."),
    )


class CheckInForm(forms.Form):
    obstacles = forms.CharField(
        label=_("Obstacles"),
        required=False,
        widget=TEXT,
        help_text=_("What blocks progress, and what help is needed."),
    )
    priorities = forms.CharField(
        label=_("Priorities"), required=False, widget=TEXT, help_text=_("For the next period.")
    )
    shared_notes = forms.CharField(label=_("Shared notes"), required=False, widget=TEXT)
    private_manager_notes = forms.CharField(
        label=_("Private notes"),
        required=False,
        widget=TEXT,
        help_text=_("Only you and your own managers see these; never your report."),
    )

    def __init__(self, *args, private=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not private:
            del self.fields["private_manager_notes"]


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Who"))
    due_date = forms.DateField(label=_("By"), required=False, widget=DATE)

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners


class EscalateForm(forms.Form):
    part = forms.ChoiceField(label=_("Escalate"), choices=CheckInEscalation.Part.choices)


class ResolveEscalationForm(forms.Form):
    note = forms.CharField(
        label=_("What was decided"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The manager and HR see it beside the escalation."),
    )


class FeedbackForm(forms.Form):
    receiver = PersonField(label=_("For"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Feedback.Kind.choices)
    observation = forms.CharField(
        label=_("Observation"), widget=TEXT, help_text=_("What you saw or heard, specifically.")
    )
    impact = forms.CharField(label=_("Impact"), required=False, widget=TEXT)
    expectation = forms.CharField(
        label=_("Expectation"),
        required=False,
        widget=TEXT,
        help_text=_("Required for corrective feedback: what is expected from now on."),
    )
    support_offered = forms.CharField(label=_("Support offered"), required=False, widget=TEXT)
    follow_up_date = forms.DateField(label=_("Follow up on"), required=False, widget=DATE)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Feedback.Visibility.choices)
    capabilities = forms.MultipleChoiceField(
        label=_("Capabilities it is about"),
        required=False,
        help_text=_(
            "It then appears beside these capabilities when the person is assessed, to whoever "
            "may see this feedback."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    request = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, viewer=None, capabilities=(), **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get(self.add_prefix("receiver")) or self.initial.get("receiver")
        self.fields["receiver"].offer(viewer=viewer, chosen=chosen)
        self.fields["capabilities"].choices = capabilities


class FeedbackRequestForm(forms.Form):
    asked = PersonField(label=_("Ask"))
    message = forms.CharField(label=_("About"), required=False, widget=TEXT)

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asked"].offer(viewer=viewer, chosen=self.data.get(self.add_prefix("asked")))
