"""Forms of the template builder (input shape only; the services hold the rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.reviews import schema

RATER_KIND_LABELS = {
    "self": _("The employee (self)"),
    "manager": _("Managers"),
    "peer": _("Peers"),
    "expert": _("Experts"),
    "upward": _("Reports, about their manager (upward)"),
}


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of section"),
        choices=[(kind, _(label)) for kind, label in schema.SECTION_KIND_LABELS.items()],
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rater_kinds = forms.MultipleChoiceField(
        label=_("Who answers it"),
        choices=[(kind, RATER_KIND_LABELS[kind]) for kind in schema.SECTION_RATER_KINDS],
        widget=forms.CheckboxSelectMultiple,
    )
    required = forms.BooleanField(label=_("Answers are required"), required=False, initial=True)
    questions = forms.CharField(
        label=_("Questions, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Not used by the capability ratings section."),
    )
    options = forms.CharField(
        label=_("Options, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Multiple choice only: every question of the section offers these."),
    )

    @classmethod
    def initial_of(cls, section: dict) -> dict:
        questions = section.get("questions", [])
        return {
            "kind": section["kind"],
            "title": section["title"],
            "help_text": section["help_text"],
            "rater_kinds": section["rater_kinds"],
            "required": section["required"],
            "questions": "\n".join(q["text"] for q in questions),
            "options": "\n".join(questions[0].get("options", [])) if questions else "",
        }

    def section(self, previous: dict | None = None) -> dict:
        """The section as the services take it; a question whose wording is unchanged keeps
        its key (and so its answers' history), a reworded one is a new question."""
        data = self.cleaned_data
        keys = {q["text"]: q["key"] for q in (previous or {}).get("questions", [])}
        options = [line.strip() for line in data["options"].splitlines() if line.strip()]
        questions = []
        for line in data["questions"].splitlines():
            text = line.strip()
            if not text:
                continue
            question: dict = {"text": text}
            if text in keys:
                question["key"] = keys[text]
            if data["kind"] == schema.CHOICE:
                question["options"] = options
            questions.append(question)
        return {
            "kind": data["kind"],
            "title": data["title"],
            "help_text": data["help_text"],
            "rater_kinds": data["rater_kinds"],
            "required": data["required"],
            "questions": questions,
        }
