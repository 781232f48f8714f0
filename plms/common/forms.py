"""Select widgets with a search box, for choices too many to list (people, goals).

The select starts with a few likely choices (and whatever is chosen already); typing in the
search box asks `search_url` for the first matches, sending the search as `q` and the select's
current value(s) under the field's name, and htmx puts the options it returns
(`partials/options.html`) in the select. Validation is the field's: any allowed value is
accepted, found by a search or not.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from plms.common.ids import parse_public_id


class SearchSelectMixin:
    search_url_name: str = ""
    search_label: str = ""

    def __init__(self, *args, search_url_name: str = "", search_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search_url_name = search_url_name or self.search_url_name
        self.search_label = search_label or self.search_label
        self.search_params: dict[str, str] = {}  # sent with every search (e.g. what to leave out)

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        target = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        search = render_to_string(
            "partials/select_search.html",
            {
                "target": target,
                "url": reverse(self.search_url_name),
                "query": urlencode(self.search_params),
                "label": self.search_label,
            },
        )
        return mark_safe(search + select)  # both parts are escaped by their templates


class SearchSelect(SearchSelectMixin, forms.Select):
    pass


class SearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    pass


class PublicIdsField(forms.MultipleChoiceField):
    """Public ids chosen among objects too many to list as choices: any well-formed id is
    valid here; the view checks that each exists and may be chosen."""

    def valid_value(self, value) -> bool:
        return parse_public_id(value) is not None
