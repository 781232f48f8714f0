"""Server-side SVG charts: the capability radar (current vs target).

Readable without colour: the target is a dashed outline with square markers, the current level
a solid filled shape with round markers, both named in the legend; every chart has a title and
a description, and pages put a table with the same numbers next to it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 140


@dataclass(frozen=True)
class RadarAxis:
    label: str
    target: int | None
    current: Decimal | float | None


def _point(index: int, count: int, value: float, top: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * max(0.0, min(float(value), top)) / top
    return round(CENTRE + r * math.cos(angle), 1), round(CENTRE + r * math.sin(angle), 1)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in points)


def radar_svg(
    axes: Sequence[RadarAxis], *, top: int, title: str, chart_id: str = "radar"
) -> SafeString:
    """A radar of `axes` on a 0…`top` scale; empty when fewer than three axes (a radar of one
    or two capabilities says nothing a table does not say better)."""
    count = len(axes)
    if count < 3:
        return mark_safe("")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE + 40}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="radar">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">'
        + escape(
            "; ".join(
                _("%(name)s: current %(current)s, target %(target)s")
                % {
                    "name": a.label,
                    "current": "—" if a.current is None else f"{float(a.current):.1f}",
                    "target": "—" if a.target is None else a.target,
                }
                for a in axes
            )
        )
        + "</desc>",
    ]
    for ring in range(1, top + 1):
        ring_points = [_point(i, count, ring, top) for i in range(count)]
        parts.append(
            f'<polygon points="{_polygon(ring_points)}" fill="none" stroke="#d4d9e0" '
            'stroke-width="1"/>'
        )
        x, y = _point(0, count, ring, top)
        parts.append(f'<text x="{x + 4}" y="{y + 4}" font-size="10" fill="#545d68">{ring}</text>')
    for index, axis in enumerate(axes):
        x, y = _point(index, count, top, top)
        parts.append(f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x}" y2="{y}" stroke="#d4d9e0"/>')
        lx, ly = _point(index, count, top + 0.9, top)
        anchor = "middle" if abs(lx - CENTRE) < 20 else ("start" if lx > CENTRE else "end")
        label = axis.label if len(axis.label) <= 24 else axis.label[:23] + "…"
        parts.append(
            f'<text x="{lx}" y="{ly}" font-size="11" text-anchor="{anchor}" '
            f'fill="#1b1f24">{escape(label)}</text>'
        )
    targets = [_point(i, count, a.target or 0, top) for i, a in enumerate(axes)]
    parts.append(
        f'<polygon points="{_polygon(targets)}" fill="none" stroke="#1b1f24" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    for x, y in targets:
        parts.append(f'<rect x="{x - 3.5}" y="{y - 3.5}" width="7" height="7" fill="#1b1f24"/>')
    currents = [_point(i, count, a.current or 0, top) for i, a in enumerate(axes)]
    parts.append(
        f'<polygon points="{_polygon(currents)}" fill="#0b5cad" fill-opacity="0.25" '
        'stroke="#0b5cad" stroke-width="2.5"/>'
    )
    for (x, y), axis in zip(currents, axes, strict=True):
        if axis.current is not None:
            parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="#0b5cad"/>')
    legend_y = SIZE + 18
    parts.append(
        f'<line x1="20" y1="{legend_y}" x2="50" y2="{legend_y}" stroke="#1b1f24" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="56" y="{legend_y + 4}" font-size="12">{escape(_("Target (dashed)"))}</text>'
        f'<line x1="200" y1="{legend_y}" x2="230" y2="{legend_y}" stroke="#0b5cad" '
        'stroke-width="3"/>'
        f'<text x="236" y="{legend_y + 4}" font-size="12">{escape(_("Current (solid)"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# Shades of the department heatmap by the share of people below target (light → dark); the
# percentage is printed in every cell, so the chart does not rely on colour.
HEAT_BANDS = ((20, "#eef3f9", "#1b1f24"), (40, "#c9daee", "#1b1f24"), (60, "#8fb3dc", "#1b1f24"))
HEAT_TOP = ("#0b5cad", "#ffffff")
CELL_W, CELL_H, LABEL_W, HEADER_H = 64, 28, 170, 120


def _heat_colours(share: int) -> tuple[str, str]:
    for bound, fill, ink in HEAT_BANDS:
        if share < bound:
            return fill, ink
    return HEAT_TOP


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def department_heatmap_svg(heatmap: dict, *, title: str, chart_id: str = "heatmap") -> SafeString:
    """Departments (rows) x capabilities (columns), each cell shaded by the share of people
    below target and labelled with it; empty when there is nothing to draw. Pages put the
    same numbers in a table beside it."""
    departments, capabilities = heatmap["departments"], heatmap["capabilities"]
    if not departments or not capabilities:
        return mark_safe("")
    width = LABEL_W + CELL_W * len(capabilities) + 10
    height = HEADER_H + CELL_H * len(departments) + 40
    no_department = _("No department")
    summary = "; ".join(
        _("%(department)s, %(capability)s: %(share)s%% below target")
        % {
            "department": row["department"]["name"] or no_department,
            "capability": capability["name"],
            "share": cell.share_below,
        }
        for row in heatmap["rows"]
        for capability, cell in zip(capabilities, row["cells"], strict=True)
        if cell is not None
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="dept-heatmap">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    for column, capability in enumerate(capabilities):
        x = LABEL_W + CELL_W * column + CELL_W / 2
        parts.append(
            f'<text transform="translate({x},{HEADER_H - 6}) rotate(-45)" font-size="11" '
            f'fill="#1b1f24">{escape(_short(capability["name"], 22))}</text>'
        )
    for line, row in enumerate(heatmap["rows"]):
        y = HEADER_H + CELL_H * line
        name = row["department"]["name"] or no_department
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + CELL_H / 2 + 4}" font-size="12" text-anchor="end" '
            f'fill="#1b1f24">{escape(_short(name, 24))}</text>'
        )
        for column, cell in enumerate(row["cells"]):
            x = LABEL_W + CELL_W * column
            if cell is None:
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="#ffffff" '
                    'stroke="#d4d9e0"/>'
                    f'<text x="{x + CELL_W / 2}" y="{y + CELL_H / 2 + 4}" font-size="11" '
                    'text-anchor="middle" fill="#545d68">—</text>'
                )
                continue
            fill, ink = _heat_colours(cell.share_below)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{fill}" '
                'stroke="#ffffff" stroke-width="2"/>'
                f'<text x="{x + CELL_W / 2}" y="{y + CELL_H / 2 + 4}" font-size="11" '
                f'text-anchor="middle" fill="{ink}">{cell.share_below}%</text>'
            )
    legend_y = HEADER_H + CELL_H * len(departments) + 24
    parts.append(
        f'<text x="{LABEL_W}" y="{legend_y}" font-size="11" fill="#545d68">'
        + escape(_("Share of people below target; darker is more. — : not assessed."))
        + "</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
