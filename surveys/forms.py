"""Forms of the survey pages: build a survey, answer one, add an action, the settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plms.common.errors import ApplicationError
from plms.people.forms import PeopleField, PersonField, offer_chosen, offer_people
from plms.people.models import Employee
from surveys.library import LIBRARY, PULSE_SET
from surveys.models import LOWEST_MIN_GROUP, Survey, SurveyQuestion

OWN_QUESTIONS = 3
OWN_KINDS = [
    ("", _("— none —")),
    ("scale", _("Scale 1-5 (disagree … agree)")),
    ("text", _("Open text (optional to answer)")),
    ("choice", _("Multiple choice")),
]


def form_errors(form: forms.Form, exc: ApplicationError) -> None:
    """Put a refused service call's messages on the form, each under its field when it has one."""
    for name, errors in exc.fields.items():
        field = name if name in form.fields else None
        for error in errors:
            form.add_error(field, error)
    if not exc.fields:
        form.add_error(None, exc.message)


class SurveyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Introduction for respondents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    library = forms.MultipleChoiceField(
        label=_("Questions from the library"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(key, item["text"]) for key, item in LIBRARY.items()],
        initial=list(PULSE_SET),
        help_text=_("eNPS (0-10) and the engagement set (1-5, disagree … agree)."),
    )
    audience = forms.ChoiceField(
        label=_("Who is asked"),
        choices=Survey.Audience.choices,
        initial="everyone",
        widget=forms.RadioSelect,
    )
    departments = forms.MultipleChoiceField(
        label=_("Departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When the audience is departments."),
    )
    people = PeopleField(
        label=_("People"),
        required=False,
        help_text=_("When the audience is chosen people. Search by name, then choose."),
    )
    recurrence = forms.ChoiceField(
        label=_("How often"), choices=Survey.Recurrence.choices, initial="monthly"
    )
    starts_on = forms.DateField(
        label=_("First round opens on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: as soon as you schedule it."),
    )
    open_days = forms.IntegerField(
        label=_("Days each round stays open"), min_value=1, max_value=60, initial=7
    )

    def __init__(self, *args: Any, departments=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].choices = [(str(d.uuid), d.name) for d in departments]
        offer_chosen(self, "people")
        for n in range(1, OWN_QUESTIONS + 1):
            self.fields[f"own_{n}_text"] = forms.CharField(
                label=_("Your question %(n)d") % {"n": n}, required=False, max_length=300
            )
            self.fields[f"own_{n}_kind"] = forms.ChoiceField(
                label=_("Kind of question %(n)d") % {"n": n}, required=False, choices=OWN_KINDS
            )
            self.fields[f"own_{n}_choices"] = forms.CharField(
                label=_("Choices of question %(n)d") % {"n": n},
                required=False,
                max_length=500,
                help_text=_("For multiple choice: the choices, separated by commas."),
            )

    def own_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"own_{n}_text"], self[f"own_{n}_kind"], self[f"own_{n}_choices"])
            for n in range(1, OWN_QUESTIONS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for n in range(1, OWN_QUESTIONS + 1):
            text, kind = data.get(f"own_{n}_text"), data.get(f"own_{n}_kind")
            if text and not kind:
                self.add_error(f"own_{n}_kind", _("Choose what kind of question it is."))
            if kind and not text:
                self.add_error(f"own_{n}_text", _("Write the question."))
            if kind == "choice" and len(self._choices(n, data)) < 2:
                self.add_error(f"own_{n}_choices", _("Give two or more choices."))
        return data

    @staticmethod
    def _choices(n: int, data: dict[str, Any]) -> list[str]:
        raw = data.get(f"own_{n}_choices") or ""
        return [c.strip() for c in raw.split(",") if c.strip()]

    def questions(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        items: list[dict[str, Any]] = [{"library_key": key} for key in data.get("library") or []]
        for n in range(1, OWN_QUESTIONS + 1):
            text, kind = data.get(f"own_{n}_text"), data.get(f"own_{n}_kind")
            if text and kind:
                item: dict[str, Any] = {"text": text, "kind": kind}
                if kind == "scale":
                    item.update(low_label="Strongly disagree", high_label="Strongly agree")
                if kind == "choice":
                    item["choices"] = self._choices(n, data)
                items.append(item)
        # The library's open question last, after the organisation's own.
        items.sort(key=lambda item: item.get("library_key") == "comment")
        return items

    def survey_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        audience = data["audience"]
        ids = {"departments": data.get("departments"), "people": data.get("people")}
        return {
            "name": data["name"],
            "description": data.get("description") or "",
            "audience": audience,
            "audience_ids": list(ids.get(audience) or []),
            "recurrence": data["recurrence"],
            "starts_on": data.get("starts_on"),
            "open_days": data["open_days"],
        }

    @classmethod
    def initial_of(cls, survey: Survey) -> dict[str, Any]:
        questions = list(survey.questions.all())
        initial: dict[str, Any] = {
            "name": survey.name,
            "description": survey.description,
            "library": [q.library_key for q in questions if q.library_key],
            "audience": survey.audience,
            "departments": survey.audience_ids if survey.audience == "departments" else [],
            "people": survey.audience_ids if survey.audience == "people" else [],
            "recurrence": survey.recurrence,
            "starts_on": survey.starts_on,
            "open_days": survey.open_days,
        }
        own = [q for q in questions if not q.library_key][:OWN_QUESTIONS]
        for n, question in enumerate(own, start=1):
            initial[f"own_{n}_text"] = question.text
            initial[f"own_{n}_kind"] = question.kind
            initial[f"own_{n}_choices"] = ", ".join(question.choices)
        return initial


class AnswerForm(forms.Form):
    """One field per question, named by the question's public id."""

    def __init__(self, *args: Any, questions=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            key = str(question.uuid)
            if question.is_scale:
                values = range(question.scale_min, question.scale_max + 1)
                help_text = ""
                if question.low_label and question.high_label:
                    help_text = (
                        f"{question.scale_min} = {question.low_label}, "
                        f"{question.scale_max} = {question.high_label}"
                    )
                self.fields[key] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(v, str(v)) for v in values],
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    help_text=help_text,
                    required=True,
                )
            elif question.kind == SurveyQuestion.Kind.CHOICE:
                self.fields[key] = forms.ChoiceField(
                    label=question.text,
                    choices=[(c, c) for c in question.choices],
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[key] = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Optional. Leave out names and details that would identify you."),
                )


class ActionForm(forms.Form):
    department = forms.ChoiceField(label=_("For"), required=False)
    title = forms.CharField(label=_("What will be done"), max_length=200)
    owner = PersonField(label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self, *args: Any, departments=(), viewer: Employee | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("The whole organisation"))] + [
            (str(d.uuid), d.name) for d in departments
        ]
        chosen = self.data.get(self.add_prefix("owner")) if self.is_bound else None
        offer_people(
            self.fields["owner"], viewer=viewer, chosen=chosen, empty_label=_("Choose a person")
        )


class SettingsForm(forms.Form):
    min_group_size = forms.IntegerField(
        label=_("Minimum group size"),
        min_value=LOWEST_MIN_GROUP,
        max_value=100,
        help_text=_(
            "No result of a group with fewer responses is shown, nor of a group that could be "
            "worked out from the others."
        ),
    )
