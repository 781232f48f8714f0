"""A person picker for forms: a select of a few people with a search box that refills it.

An organisation's whole directory (10,000 people) is no list to scroll, nor a page to send:
the select starts with the viewer's colleagues (and whoever is chosen already), and typing in
the search box asks `people:choices` for the first matches, which htmx puts in the select.
Any active person of the organisation is a valid choice, found or not.
"""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from plms.people import selectors
from plms.people.models import Employee


class PersonSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        target = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        search = render_to_string("people/_person_search.html", {"target": target})
        return mark_safe(search + select)  # both parts are escaped by their templates


class PersonField(forms.ModelChoiceField):
    """An active person of the organisation, by public id; `offer()` sets what the select
    lists before any search."""

    widget = PersonSelect

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("empty_label", None)
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose a person.")})
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
