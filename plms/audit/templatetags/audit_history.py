"""`{% for entry in events|in_words %}`: a history as sentences (plms.audit.presenters)."""

from __future__ import annotations

from django import template

from plms.audit import presenters
from plms.audit.presenters import history_entries

register = template.Library()


@register.filter
def in_words(events) -> list:
    return history_entries(events)


@register.filter
def changes_in_words(obj) -> list:
    """The pending change `obj` (with `changes` and a `goal`-like target) in words."""
    from_model = type(getattr(obj, "goal", obj))
    return presenters.changes_in_words(obj.changes, model=from_model)
