"""The trend chart of survey results: eNPS per round, as a server-side SVG line.

Readable without colour: each shown round is a labelled point on one line; a hidden round
(below the minimum group size) is a gap with no point, named in the description. Pages put a
table with the same numbers next to it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 300
TOP, BOTTOM, LEFT, RIGHT = 30, 50, 70, 60
FONT = 22


def _y(score: float) -> float:
    """-100 … 100 to the plot's height."""
    inner = HEIGHT - TOP - BOTTOM
    return TOP + (100 - score) / 200 * inner


def trend_svg(trend: Sequence, *, chart_id: str = "survey-trend") -> SafeString:
    """The eNPS of each round of `trend` (GroupResults, oldest first); "" with no eNPS."""
    points = [(n, r) for n, r in enumerate(trend) if r.shown and r.enps is not None]
    if not points:
        return mark_safe("")
    count = max(len(trend), 2)
    step = (WIDTH - LEFT - RIGHT) / (count - 1)

    def x(n: int) -> float:
        return LEFT + n * step if len(trend) > 1 else WIDTH / 2

    title = escape(_("eNPS per round"))
    described = "; ".join(
        f"{_('Round')} {r.round.number}: "
        + (str(r.enps.score) if r.shown and r.enps is not None else _("not shown"))
        for r in trend
    )
    parts = [
        f'<svg class="chart trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">',
        f'<title id="{chart_id}-title">{title}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    for score in (100, 0, -100):
        y = _y(score)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="currentColor" stroke-opacity="0.25" />'
            f'<text x="{LEFT - 8}" y="{y + 7:.1f}" text-anchor="end" font-size="{FONT}">'
            f"{score}</text>"
        )
    segment: list[str] = []
    previous = None
    for n, result in points:
        if previous is not None and n != previous + 1 and len(segment) > 1:
            parts.append(
                f'<polyline fill="none" stroke="currentColor" stroke-width="3" '
                f'points="{" ".join(segment)}" />'
            )
            segment = []
        elif previous is not None and n != previous + 1:
            segment = []
        segment.append(f"{x(n):.1f},{_y(result.enps.score):.1f}")
        previous = n
    if len(segment) > 1:
        parts.append(
            f'<polyline fill="none" stroke="currentColor" stroke-width="3" '
            f'points="{" ".join(segment)}" />'
        )
    for n, result in points:
        cx, cy = x(n), _y(result.enps.score)
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="7" fill="currentColor" />'
            f'<text x="{cx:.1f}" y="{cy - 14:.1f}" text-anchor="middle" font-size="{FONT}">'
            f"{result.enps.score}</text>"
        )
    for n, result in enumerate(trend):
        parts.append(
            f'<text x="{x(n):.1f}" y="{HEIGHT - 14}" text-anchor="middle" font-size="{FONT}">'
            f"{escape(result.round.opens_at.strftime('%b %Y'))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
