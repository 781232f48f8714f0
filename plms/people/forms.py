"""The person picker: a select of a few people with a search box that refills it
(`plms.common.forms.SearchSelect`).

An organisation's whole directory (10,000 people) is no list to scroll, nor a page to send:
the select starts with the viewer's colleagues (and whoever is chosen already), and typing in
the search box asks `people:person_choices` for the first matches. Any active person of the
organisation is a valid choice, found or not.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plms.common.forms import PublicIdsField, SearchSelect, SearchSelectMultiple
from plms.common.ids import parse_public_id
from plms.people import selectors
from plms.people.models import Employee


class PersonField(forms.ModelChoiceField):
    """An active person of the organisation, by public id; `offer()` sets what the select
    lists before any search."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("empty_label", None)
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose a person.")})
        kwargs.setdefault(
            "widget",
            SearchSelect(search_url_name="people:person_choices", search_label=_("Search people")),
        )
        super().__init__(
            queryset=Employee.objects.filter(active=True), to_field_name="uuid", **kwargs
        )

    def offer(self, *, viewer: Employee | None, chosen: object = None) -> None:
        people = selectors.person_choices(viewer=viewer, include=[chosen] if chosen else [])
        self.widget.choices = [("", _("Choose a person"))] + [
            (str(person.uuid), person_label(person)) for person in people
        ]


def person_label(person: Employee) -> str:
    return f"{person.full_name} — {person.title}" if person.title else person.full_name


def offer_people(
    field: PersonField, *, viewer: Employee | None, chosen: object = None, empty_label: str
) -> None:
    """What a person picker lists before any search: the person chosen already, the viewer
    (whom the picker's search leaves out, but who may name themselves), then the viewer's
    colleagues; never the whole organisation."""
    field.offer(viewer=viewer, chosen=chosen)
    offered = list(field.widget.choices)[1:]
    if viewer is not None and viewer.active:
        offered.insert(0, (str(viewer.uuid), person_label(viewer)))
    field.widget.choices = [("", empty_label), *offered]


class PeopleField(PublicIdsField):
    """Active people of the organisation, by public id, chosen with a search (never a list of
    everyone): the select lists the people chosen already, and the search adds matches while
    keeping them. The cleaned value is the list of public ids, each checked to be an active
    person of the organisation."""

    def __init__(self, **kwargs) -> None:
        # The select lists nobody until a search: say how to fill it.
        kwargs.setdefault("help_text", _("Search by name, then choose."))
        kwargs.setdefault(
            "widget",
            SearchSelectMultiple(
                search_url_name="people:person_choices",
                search_label=_("Search people"),
                attrs={"size": 6},
            ),
        )
        super().__init__(**kwargs)

    def offer(self, *, name: str, chosen: list[str]) -> None:
        """List the chosen people, selected; a search (which keeps the field `name`'s
        choices) adds the rest."""
        self.widget.search_params = {"keep": name}
        ids = [uuid for uuid in (parse_public_id(value) for value in chosen) if uuid]
        people = selectors.employees().filter(uuid__in=ids).order_by("last_name", "first_name")
        self.widget.choices = [(str(person.uuid), person_label(person)) for person in people]

    def clean(self, value):
        chosen = super().clean(value)
        if chosen:
            ids = {parse_public_id(value) for value in chosen}
            found = set(
                Employee.objects.filter(active=True, uuid__in=ids).values_list("uuid", flat=True)
            )
            if found != ids:
                raise forms.ValidationError(
                    _("Choose active people of the organisation."), code="invalid_choice"
                )
        return chosen


def offer_chosen(form: forms.Form, name: str) -> None:
    """What `form`'s people picker `name` lists: the people chosen (posted, or initially)."""
    if form.is_bound:
        chosen = form.data.getlist(form.add_prefix(name)) if hasattr(form.data, "getlist") else []
    else:
        chosen = list(form.initial.get(name) or [])
    form.fields[name].offer(name=form.add_prefix(name), chosen=[str(value) for value in chosen])
