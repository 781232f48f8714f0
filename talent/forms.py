"""Forms of the career pages (input shape only; the services hold the rules)."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from plms.people.forms import PersonField, offer_people
from plms.people.models import Employee


def _offer(form: forms.Form, name: str, *, viewer: Employee | None, empty_label: str) -> None:
    """A person picker of `form` lists the person chosen (posted, or the initial choice), the
    viewer and their colleagues; anyone else is a search away."""
    chosen = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
    offer_people(form.fields[name], viewer=viewer, chosen=chosen, empty_label=empty_label)


class ListSelect(forms.Select):
    """A select of a whole list (every job role, capability or learning item: hundreds to a
    few thousand options), written in one pass as Django's select template writes it. That
    template renders each option through a template of its own, which was most of the career
    pages' time (two selects of 200 roles: about 60 ms)."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        attributes = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", key) if given is True else format_html(' {}="{}"', key, given),)
                for key, given in widget["attrs"].items()
                if given is not False
            ),
        )
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class _NameChoices(ModelChoiceIterator):
    """A model choice field's choices as (id, name) rows read in one query: no instance per
    option, and no server-side cursor (three round trips) as `ModelChoiceIterator` reads."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class RoleChoiceField(forms.ModelChoiceField):
    """A job role among `queryset`, listed by name."""

    widget = ListSelect
    iterator = _NameChoices

    def label_from_instance(self, obj) -> str:
        return obj.name


class AspirationForm(forms.Form):
    role = RoleChoiceField(label=_("A role you would like to grow into"), queryset=None)
    note = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles


class CareerPathForm(forms.Form):
    from_role = RoleChoiceField(label=_("From role"), queryset=None)
    to_role = RoleChoiceField(label=_("Next role"), queryset=None)
    typical_months = forms.IntegerField(
        label=_("Typical time (months)"), min_value=1, max_value=240, initial=24
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_role"].queryset = roles
        self.fields["to_role"].queryset = roles


RISK_CHOICES = [(1, _("Low")), (2, _("Medium")), (3, _("High"))]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.title})" if obj.title else obj.full_name


class CriticalRoleForm(forms.Form):
    role = RoleChoiceField(label=_("Role"), queryset=None)
    incumbent = PersonField(label=_("Only the position held by (optional)"), required=False)
    impact = forms.TypedChoiceField(
        label=_("Impact of losing it"), choices=RISK_CHOICES, coerce=int, initial=2
    )
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood of losing it"), choices=RISK_CHOICES, coerce=int, initial=2
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def __init__(self, *args, roles, viewer: Employee | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles
        _offer(self, "incumbent", viewer=viewer, empty_label=_("Every holder of the role"))


class SuccessorForm(forms.Form):
    employee = PersonField(label=_("Person"))
    readiness = forms.ChoiceField(label=_("Readiness"), choices=())
    note = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)

    def __init__(self, *args, viewer: Employee | None, readiness, **kwargs):
        super().__init__(*args, **kwargs)
        _offer(self, "employee", viewer=viewer, empty_label=_("Choose a person"))
        self.fields["readiness"].choices = readiness


class GrantForm(forms.Form):
    employee = PersonField(label=_("Let this person read the slate"))

    def __init__(
        self, *args, viewer: Employee | None = None, offered: list | None = None, **kwargs
    ):
        """`offered`: the choices of another person picker on the page, listed as they are
        (the same people, read once)."""
        kwargs.setdefault("auto_id", "grant-%s")  # beside another person picker on its page
        super().__init__(*args, **kwargs)
        if offered is not None:
            self.fields["employee"].widget.choices = list(offered)
        else:
            _offer(self, "employee", viewer=viewer, empty_label=_("Choose a person"))


# --- Talent review meetings ---------------------------------------------------------------------


class ReviewOpenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    pool = forms.ModelChoiceField(label=_("Talent pool"), queryset=None, required=False)
    department = forms.ModelChoiceField(label=_("or department"), queryset=None, required=False)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    facilitator = PersonField(
        label=_("Facilitator"),
        help_text=_("Suggested: next in the rotation (who facilitated least recently)."),
    )

    def __init__(self, *args, pools, departments, viewer: Employee | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = pools
        self.fields["department"].queryset = departments
        _offer(self, "facilitator", viewer=viewer, empty_label=_("Choose a person"))


class MoveForm(forms.Form):
    """A move of one person; the reason is checked by the service (a move needs one)."""

    employee = PersonChoiceField(label=_("Person"), queryset=None)
    to_box = forms.ChoiceField(label=_("Move to"), choices=())
    reason = forms.CharField(label=_("Why"), max_length=300, required=False)

    def __init__(self, *args, people, boxes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = people
        self.fields["to_box"].choices = boxes


class LogEntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("decision", _("Decision")), ("action", _("Action"))],
        widget=forms.RadioSelect,
        initial="decision",
    )
    text = forms.CharField(label=_("What was decided or is to be done"), max_length=500)
    employee = PersonChoiceField(label=_("About (optional)"), queryset=None, required=False)
    owner = PersonField(label=_("Owner (for an action)"), required=False)
    due_on = forms.DateField(
        label=_("Due on (for an action)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, reviewed, viewer: Employee | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = reviewed
        _offer(self, "owner", viewer=viewer, empty_label=_("No owner"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == "action":
            for name, message in (
                ("owner", _("An action has an owner.")),
                ("due_on", _("An action has a due date.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        return data


class HoldForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary (optional)"), max_length=2000, required=False, widget=forms.Textarea
    )


class ActionDoneForm(forms.Form):
    note = forms.CharField(label=_("What was done (optional)"), max_length=300, required=False)


class ReviewGrantForm(GrantForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].label = _("Let this person run the review")


# --- Talent pools ---------------------------------------------------------------------------------


class NamedChoiceField(forms.ModelChoiceField):
    widget = ListSelect

    def label_from_instance(self, obj) -> str:
        return getattr(obj, "title", None) or obj.name


class PoolForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(label=_("Description (optional)"), max_length=300, required=False)
    boxes = forms.MultipleChoiceField(
        label=_("9-box boxes"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Suggest people placed in any of these boxes in the latest closed cycle."),
    )
    aspired_role = RoleChoiceField(
        label=_("Aspires to (optional)"),
        queryset=None,
        required=False,
        help_text=_("Suggest only people who named this role among their aspirations."),
    )
    capability = NamedChoiceField(label=_("Capability (optional)"), queryset=None, required=False)
    minimum_level = forms.TypedChoiceField(
        label=_("At level or above"),
        choices=[("", "—"), *((n, str(n)) for n in range(1, 6))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Suggest only people assessed at this level or above in the capability."),
    )
    programme_name = forms.CharField(
        label=_("Programme name (optional)"),
        max_length=100,
        required=False,
        help_text=_("What members see on their development plan. They never see the pool's name."),
    )

    def __init__(self, *args, boxes, roles, capabilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boxes"].choices = boxes
        self.fields["aspired_role"].queryset = roles
        self.fields["capability"].queryset = capabilities


class ProgrammeItemForm(forms.Form):
    item = NamedChoiceField(label=_("Learning item"), queryset=None)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class PoolWorkflowForm(forms.Form):
    workflow = NamedChoiceField(
        label=_("Momentum workflow"),
        queryset=None,
        required=False,
        empty_label=_("No workflow"),
        help_text=_(
            "It runs for the pool's members on its own schedule; its audience follows "
            "whoever joins or leaves the pool."
        ),
    )

    def __init__(self, *args, workflows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workflow"].queryset = workflows


class PoolGrantForm(forms.Form):
    employee = PersonField(label=_("Let this person read the pool"))

    def __init__(self, *args, viewer: Employee | None = None, **kwargs):
        kwargs.setdefault("auto_id", "grant-%s")
        super().__init__(*args, **kwargs)
        _offer(self, "employee", viewer=viewer, empty_label=_("Choose a person"))
