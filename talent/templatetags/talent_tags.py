from __future__ import annotations

from decimal import Decimal

from django import template

from learning.builder import format_level

register = template.Library()


@register.filter
def level(value: Decimal | int | None) -> str:
    """2.00 -> "2", 2.50 -> "2.5"."""
    return "" if value is None else format_level(value)
