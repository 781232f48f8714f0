"""Server-side SVG charts of the dashboards: adoption by week as lines.

Readable without colour: each series has its own marker shape and dash, and is named at the
end of its line and in the legend; the table on the page is the chart's text alternative
(the chart is described by it, `aria-describedby`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 20, 84
FONT = 16  # drawn at its natural size (it scrolls sideways in its box on a phone)
# (key, colour, dash, marker): colours meet 3:1 on white and are told apart by dash and marker.
SERIES = (
    ("active_people", "#0b5cad", "", "circle"),
    ("assessments", "#a4161a", "8 4", "square"),
    ("check_ins", "#1e6b34", "2 4", "diamond"),
    ("plan_items", "#6a3d9a", "12 4 2 4", "triangle"),
)


def _labels() -> dict[str, str]:
    return {
        "active_people": _("Active people"),
        "assessments": _("Assessments completed"),
        "check_ins": _("Check-ins held"),
        "plan_items": _("Plan items done"),
    }


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 4.5}" y="{y - 4.5}" width="9" height="9" fill="{colour}"/>'
    if shape == "diamond":
        return (
            f'<polygon points="{x},{y - 6} {x + 6},{y} {x},{y + 6} {x - 6},{y}" fill="{colour}"/>'
        )
    return f'<polygon points="{x},{y - 6} {x + 6},{y + 5} {x - 6},{y + 5}" fill="{colour}"/>'


def adoption_svg(weeks: Sequence[dict], *, described_by: str) -> SafeString:
    """Lines of `weeks` (newest first, as the table lists them) drawn oldest to newest; empty
    with fewer than two weeks."""
    weeks = list(reversed(weeks))
    if len(weeks) < 2:
        return mark_safe("")
    labels = _labels()
    top = max([1] + [int(week[key] or 0) for week in weeks for key, *_ in SERIES])
    step = max(1, -(-top // 4))  # four gridlines, whole numbers
    top = step * 4
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_at(i: int) -> float:
        return round(LEFT + plot_w * i / (len(weeks) - 1), 1)

    def y_at(value: int) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="line-chart" '
        f'aria-labelledby="adoption-chart-title" aria-describedby="{described_by}">',
        f'<title id="adoption-chart-title">{escape(_("Adoption by week"))}</title>',
    ]
    for n in range(5):
        value = step * n
        y = y_at(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#d4d9e0"/>'
            f'<text x="{LEFT - 8}" y="{y + 5}" font-size="{FONT}" text-anchor="end" '
            f'fill="#545d68">{value}</text>'
        )
    for i, week in enumerate(weeks):
        parts.append(
            f'<text x="{x_at(i)}" y="{TOP + plot_h + 22}" font-size="{FONT}" '
            f'text-anchor="middle" fill="#545d68">'
            f"{escape(formats.date_format(week['week'], 'MONTH_DAY_FORMAT'))}</text>"
        )
    for key, colour, dash, shape in SERIES:
        points = [(x_at(i), y_at(int(week[key] or 0))) for i, week in enumerate(weeks)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dashed} '
            f'points="{" ".join(f"{x},{y}" for x, y in points)}"/>'
        )
        parts.extend(_marker(shape, x, y, colour) for x, y in points)
    for n, (key, colour, dash, shape) in enumerate(SERIES):
        x, legend_y = LEFT + (n % 2) * 330, HEIGHT - 36 + (n // 2) * 24
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" y1="{legend_y}" x2="{x + 28}" y2="{legend_y}" stroke="{colour}" '
            f'stroke-width="2.5"{dashed}/>' + _marker(shape, x + 14, legend_y, colour)
        )
        parts.append(
            f'<text x="{x + 34}" y="{legend_y + 5}" font-size="{FONT}" fill="#1b1f24">'
            f"{escape(labels[key])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
