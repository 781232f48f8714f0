"""Small renderers for goal pages: the RAG badge and the progress sparkline (inline SVG)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

RAG_COLOURS = {"green": "#1a7f37", "amber": "#9a6700", "red": "#cf222e"}


@register.simple_tag
def rag_badge(rag: str | None) -> str:
    labels = {"green": _("On track"), "amber": _("At risk"), "red": _("Off track")}
    if not rag:
        return format_html('<span class="rag rag-none">{}</span>', _("No data"))
    return format_html(
        '<span class="rag rag-{}"><svg width="10" height="10" aria-hidden="true">'
        '<circle cx="5" cy="5" r="5" fill="{}"/></svg> {}</span>',
        rag,
        RAG_COLOURS[rag],
        labels[rag],
    )


@register.simple_tag
def sparkline(values, rag: str | None = None, width: int = 96, height: int = 24) -> str:
    """A line through the values, scaled to the box; described for screen readers."""
    values = [Decimal(v) for v in values or []]
    if len(values) < 2:
        return format_html('<span class="muted">{}</span>', _("—"))
    low, high = min(values), max(values)
    span = (high - low) or Decimal(1)
    step = Decimal(width - 4) / (len(values) - 1)
    points = " ".join(
        f"{2 + step * i:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}"
        for i, v in enumerate(values)
    )
    label = _("Trend of the last %(count)d values, from %(first)s to %(last)s") % {
        "count": len(values),
        "first": values[0].normalize(),
        "last": values[-1].normalize(),
    }
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}"><polyline fill="none" stroke="{}" stroke-width="2" points="{}"/></svg>',
        width,
        height,
        width,
        height,
        label,
        RAG_COLOURS.get(rag or "", "#57606a"),
        points,
    )
