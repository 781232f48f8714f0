"""Forms of the Momentum pages: a template with its milestones, notification settings."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from capabilities.models import JobRole
from plms.people.forms import PeopleField, offer_chosen
from plms.people.models import Department
from workflows import milestones as registry
from workflows import triggers
from workflows.models import WorkflowMilestone, WorkflowTemplate
from workflows.notifications import EVENTS

mark_safe_lazy = lazy(mark_safe, str)


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


# A milestone's settings the editor shows (`WorkflowMilestone.config`).
TELL_MANAGER_ON_SUBMIT = "tell_manager_on_submit"
CADENCES = (
    ("weekly", _("Every week")),
    ("fortnightly", _("Every two weeks")),
    ("monthly", _("Every month")),
)

# The form field that holds the chosen ids of each audience.
AUDIENCE_FIELDS = ("departments", "job_roles", "people")


class WorkflowTemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    trigger = forms.ChoiceField(
        label=_("Trigger"), choices=WorkflowTemplate.Trigger.choices, widget=forms.RadioSelect
    )
    start_date = forms.DateField(
        label=_("Date (or first date of the recurrence)"), required=False, widget=DateInput
    )
    recurrence = forms.CharField(
        label=_("Recurrence (RRULE)"),
        required=False,
        max_length=300,
        help_text=_(
            "FREQ=WEEKLY;BYDAY=MO for every Monday, FREQ=MONTHLY;INTERVAL=3 for every quarter."
        ),
    )
    event = forms.ChoiceField(label=_("Event"), required=False)
    event_days = forms.IntegerField(
        label=_("Probation length in days"),
        required=False,
        min_value=0,
        max_value=730,
        help_text=_("For “Probation ends”: days after the start date."),
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=WorkflowTemplate.Audience.choices, widget=forms.RadioSelect
    )
    departments = forms.MultipleChoiceField(
        label=_("Departments"), required=False, widget=forms.CheckboxSelectMultiple
    )
    job_roles = forms.MultipleChoiceField(
        label=_("Job roles"),
        required=False,
        help_text=_("Everyone currently holding one of these roles."),
        widget=forms.CheckboxSelectMultiple,
    )
    people = PeopleField(label=_("People"), required=False)
    audience_title_contains = forms.CharField(
        label=_("Only people whose title contains"), required=False, max_length=100
    )
    audience_requires_manager = forms.BooleanField(
        label=_("Only people who have a manager"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "—"), *triggers.event_choices()]
        self.fields["departments"].choices = [
            (str(d.uuid), d.name) for d in Department.objects.order_by("name", "id")
        ]
        self.fields["job_roles"].choices = [
            (str(role.uuid), role.name) for role in JobRole.objects.order_by("name", "id")
        ]
        offer_chosen(self, "people")

    @classmethod
    def initial_for(cls, template: WorkflowTemplate) -> dict:
        ids = [str(value) for value in template.audience_ids or []]
        return {
            "name": template.name,
            "description": template.description,
            "trigger": template.trigger,
            "start_date": template.start_date,
            "recurrence": template.recurrence,
            "event": template.event,
            "event_days": template.event_days,
            "audience": template.audience,
            "departments": ids if template.audience == "departments" else [],
            "job_roles": ids if template.audience == "job_roles" else [],
            "people": ids if template.audience == "people" else [],
            "audience_title_contains": template.audience_title_contains,
            "audience_requires_manager": template.audience_requires_manager,
        }

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        audience = data["audience"]
        data["audience_ids"] = {
            "departments": data["departments"],
            "job_roles": data["job_roles"],
            "people": data["people"],
        }.get(audience, [])
        data["event_days"] = data.get("event_days") or 0
        for name in AUDIENCE_FIELDS:
            data.pop(name)
        return data


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Milestone"), max_length=200)
    kind = forms.ChoiceField(label=_("What happens"))
    relative_to = forms.ChoiceField(
        label=_("Counted from"), choices=WorkflowMilestone.RelativeTo.choices
    )
    offset_days = forms.IntegerField(label=_("Starts after (days)"), min_value=0, initial=0)
    due_days = forms.IntegerField(label=_("Due after (days)"), min_value=0, initial=0)
    recipients = forms.ChoiceField(label=_("Who"), choices=WorkflowMilestone.Recipients.choices)
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=mark_safe_lazy(
            _(
                "May use <code>{employee}</code>, <code>{manager}</code>, <code>{workflow}</code> "
                "and <code>{deadline}</code>: each is filled in for the person it is sent about."
            )
        ),
    )
    remind_before_days = forms.IntegerField(
        label=_("Remind days before due"), min_value=0, initial=0
    )
    remind_on_due = forms.BooleanField(label=_("Remind on the due day"), required=False)
    remind_overdue_days = forms.IntegerField(
        label=_("Remind days after due"), min_value=0, initial=0
    )
    escalate_after_days = forms.IntegerField(
        label=_("Escalate when overdue by (days)"), min_value=0, initial=0
    )
    escalate_to = forms.ChoiceField(
        label=_("Escalate to"), choices=WorkflowMilestone.EscalateTo.choices
    )
    condition = forms.ChoiceField(label=_("Condition"), required=False)
    # Settings of some kinds, each shown only while its kind is chosen (see the template).
    cadence = forms.ChoiceField(
        label=_("How often the check-ins repeat"),
        choices=CADENCES,
        initial="weekly",
        required=False,
        help_text=_("When the pair has no recurring 1:1 yet, one starts at this pace."),
    )
    tell_manager_on_submit = forms.BooleanField(
        label=_("Tell the manager when the self-assessment is submitted"),
        required=False,
        initial=True,
        help_text=_(
            "In the app and by e-mail, as each manager chose. Switch it off when a later "
            "milestone of this workflow asks the manager to rate."
        ),
    )
    # The settings the page does not edit (the cycle, which assessment is tracked), kept.
    config = forms.JSONField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind.name, kind.label if kind.available else f"{kind.label} ({_('coming')})")
            for kind in registry.KINDS.values()
        ]
        self.fields["condition"].choices = [
            ("", _("Always")),
            *((c.name, c.label) for c in registry.CONDITIONS.values()),
        ]

    def clean(self) -> dict:
        """The milestone's settings in `config`: what the page edits for its kind, over what
        it keeps."""
        data = super().clean()
        config = data.get("config")
        config = {
            key: value
            for key, value in (config if isinstance(config, dict) else {}).items()
            if key not in ("cadence", TELL_MANAGER_ON_SUBMIT)
        }
        kind = data.get("kind")
        if kind == "schedule_check_in" and data.get("cadence"):
            config["cadence"] = data["cadence"]
        if kind == "launch_assessment" and not data.get(TELL_MANAGER_ON_SUBMIT):
            config[TELL_MANAGER_ON_SUBMIT] = False
        data["config"] = config
        data.pop("cadence", None)
        data.pop(TELL_MANAGER_ON_SUBMIT, None)
        return data

    @staticmethod
    def initial_for(milestone: WorkflowMilestone) -> dict:
        config = milestone.config or {}
        return {
            "config": config,
            "cadence": config.get("cadence", "weekly"),
            TELL_MANAGER_ON_SUBMIT: config.get(TELL_MANAGER_ON_SUBMIT, True),
        } | {
            name: getattr(milestone, name)
            for name in (
                "name",
                "kind",
                "relative_to",
                "offset_days",
                "due_days",
                "recipients",
                "message",
                "remind_before_days",
                "remind_on_due",
                "remind_overdue_days",
                "escalate_after_days",
                "escalate_to",
                "condition",
            )
        }


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=1, can_delete=True, max_num=30)


class NotificationSettingsForm(forms.Form):
    email_digest = forms.BooleanField(
        label=_("Gather my e-mails into one daily digest"), required=False
    )
    digest_hour = forms.IntegerField(
        label=_("Send the digest at (hour, my time)"), min_value=0, max_value=23, initial=8
    )
    quiet_hours_start = forms.TimeField(
        label=_("Quiet hours from"), required=False, widget=TimeInput
    )
    quiet_hours_end = forms.TimeField(
        label=_("Quiet hours until"), required=False, widget=TimeInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for event, label in EVENTS.items():
            self.fields[f"in_app:{event}"] = forms.BooleanField(
                label=label, required=False, initial=True
            )
            self.fields[f"email:{event}"] = forms.BooleanField(
                label=label, required=False, initial=True
            )

    def event_rows(self):
        return [
            (label, self[f"in_app:{event}"], self[f"email:{event}"])
            for event, label in EVENTS.items()
        ]

    def events(self) -> dict:
        return {
            event: {
                "in_app": self.cleaned_data[f"in_app:{event}"],
                "email": self.cleaned_data[f"email:{event}"],
            }
            for event in EVENTS
        }
