"""Server-side SVG charts: the capability radar (current vs target).

Readable without colour: the target is a dashed outline with square markers, the current level
a solid filled shape with round markers, both named in the legend; every chart has a title and
a description, and pages put a table with the same numbers next to it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# User units; the chart scales to its box (at most 30rem wide, about 330 px on a phone), so
# text is 27 units to stay at 12 px or more in a narrow card. Labels are never cut: each wraps
# onto as many lines as the room beside its axis needs (a word too long for that room is
# hyphenated), and the chart grows taller for the lines above and below the rings.
WIDTH = 680
RADIUS = 120
CENTRE_X = WIDTH / 2
FONT = 27
LINE = 28
# An average glyph width a little over that of DejaVu Sans, the widest usual sans-serif face.
CHAR_WIDTH = 0.56 * FONT
LABEL_GAP = 14  # between the outer ring and a label
MARGIN = 6
LEGEND = 46  # the legend's band at the bottom
MIN_CHARS = 6


@dataclass(frozen=True)
class RadarAxis:
    label: str
    target: int | None
    current: Decimal | float | None


def _angle(index: float, count: int) -> float:
    return -math.pi / 2 + 2 * math.pi * index / count


def _point(
    index: float, count: int, value: float, top: int, centre_y: float
) -> tuple[float, float]:
    angle = _angle(index, count)
    r = RADIUS * max(0.0, min(float(value), top)) / top
    return round(CENTRE_X + r * math.cos(angle), 1), round(centre_y + r * math.sin(angle), 1)


def _label_lines(label: str, chars: int) -> list[str]:
    """`label` wrapped onto lines of at most `chars` characters, whole words where they fit,
    a longer word hyphenated; nothing is left out."""
    chars = max(chars, MIN_CHARS)
    pieces: list[str] = []
    for word in label.split():
        while len(word) > chars:
            # Hyphenated with at least three letters on the next line.
            cut = min(chars - 1, len(word) - 3)
            pieces.append(word[:cut] + "-")
            word = word[cut:]
        pieces.append(word)
    lines: list[str] = []
    for piece in pieces:
        joinable = lines and not lines[-1].endswith("-")
        if joinable and len(lines[-1]) + 1 + len(piece) <= chars:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


@dataclass(frozen=True)
class _Label:
    x: float
    dy: float  # from the centre to the label's anchor point
    anchor: str
    lines: list[str]
    place: str  # "above", "below" or "level"

    def first_baseline(self, centre_y: float) -> float:
        y = centre_y + self.dy
        if self.place == "above":  # the lines grow upwards
            return y - LINE * (len(self.lines) - 1)
        if self.place == "below":  # and downwards
            return y + FONT * 0.8
        return y + FONT * 0.35 - LINE * (len(self.lines) - 1) / 2


def _labels(axes: Sequence[RadarAxis]) -> list[_Label]:
    count = len(axes)
    found = []
    for index, axis in enumerate(axes):
        angle = _angle(index, count)
        x = round(CENTRE_X + (RADIUS + LABEL_GAP) * math.cos(angle), 1)
        dy = round((RADIUS + LABEL_GAP) * math.sin(angle), 1)
        if abs(x - CENTRE_X) < 20:
            anchor, room = "middle", WIDTH - 2 * MARGIN
        elif x > CENTRE_X:
            anchor, room = "start", WIDTH - MARGIN - x
        else:
            anchor, room = "end", x - MARGIN
        place = "above" if dy < -20 else ("below" if dy > 20 else "level")
        lines = _label_lines(axis.label, int(room // CHAR_WIDTH))
        found.append(_Label(x, dy, anchor, lines, place))
    return found


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
    labels = _labels(axes)
    # As tall as the rings and the labels above and below them need.
    reach_up = max(
        [RADIUS + MARGIN] + [-(lb.first_baseline(0) - FONT) + MARGIN for lb in labels],
    )
    reach_down = max(
        [RADIUS + MARGIN]
        + [lb.first_baseline(0) + LINE * (len(lb.lines) - 1) + FONT * 0.3 + MARGIN for lb in labels]
    )
    centre_y = round(reach_up, 1)
    height = round(centre_y + reach_down + LEGEND)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
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
        ring_points = [_point(i, count, ring, top, centre_y) for i in range(count)]
        parts.append(
            f'<polygon points="{_polygon(ring_points)}" fill="none" stroke="#d4d9e0" '
            'stroke-width="1"/>'
        )
        # Between the first two axes, where no label is.
        x, y = _point(0.5, count, ring, top, centre_y)
        parts.append(
            f'<text x="{x}" y="{y + 8}" font-size="{FONT}" text-anchor="middle" '
            f'fill="#545d68">{ring}</text>'
        )
    for index, (axis, label) in enumerate(zip(axes, labels, strict=True)):
        x, y = _point(index, count, top, top, centre_y)
        parts.append(f'<line x1="{CENTRE_X}" y1="{centre_y}" x2="{x}" y2="{y}" stroke="#d4d9e0"/>')
        first = label.first_baseline(centre_y)
        spans = "".join(
            f'<tspan x="{label.x}" y="{round(first + LINE * n, 1)}">{escape(line)}</tspan>'
            for n, line in enumerate(label.lines)
        )
        parts.append(
            f'<text font-size="{FONT}" text-anchor="{label.anchor}" fill="#1b1f24">'
            f"<title>{escape(axis.label)}</title>{spans}</text>"
        )
    targets = [_point(i, count, a.target or 0, top, centre_y) for i, a in enumerate(axes)]
    parts.append(
        f'<polygon points="{_polygon(targets)}" fill="none" stroke="#1b1f24" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    for x, y in targets:
        parts.append(f'<rect x="{x - 3.5}" y="{y - 3.5}" width="7" height="7" fill="#1b1f24"/>')
    currents = [_point(i, count, a.current or 0, top, centre_y) for i, a in enumerate(axes)]
    parts.append(
        f'<polygon points="{_polygon(currents)}" fill="#0b5cad" fill-opacity="0.25" '
        'stroke="#0b5cad" stroke-width="2.5"/>'
    )
    for (x, y), axis in zip(currents, axes, strict=True):
        if axis.current is not None:
            parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="#0b5cad"/>')
    legend_y = height - 20
    parts.append(
        f'<line x1="40" y1="{legend_y}" x2="80" y2="{legend_y}" stroke="#1b1f24" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="88" y="{legend_y + 8}" font-size="{FONT}">{escape(_("Target (dashed)"))}</text>'
        f'<line x1="340" y1="{legend_y}" x2="380" y2="{legend_y}" stroke="#0b5cad" '
        'stroke-width="3"/>'
        f'<text x="388" y="{legend_y + 8}" font-size="{FONT}">{escape(_("Current (solid)"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# Shades of the department heatmap by the share of people below target (light → dark); the
# percentage is printed in every cell, so the chart does not rely on colour.
HEAT_BANDS = ((20, "#eef3f9", "#1b1f24"), (40, "#c9daee", "#1b1f24"), (60, "#8fb3dc", "#1b1f24"))
HEAT_TOP = ("#0b5cad", "#ffffff")
# Drawn at its natural size (pages scroll it sideways in its box), so 13 units are 13 px.
CELL_W, CELL_H, LABEL_W, HEADER_H, RIGHT = 64, 28, 190, 160, 140
HEAT_FONT = 13


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
    width = max(LABEL_W + CELL_W * len(capabilities) + RIGHT, 560)
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
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="dept-heatmap">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    parts.append(f'<g font-size="{HEAT_FONT}" fill="#1b1f24">')
    for column, capability in enumerate(capabilities):
        x = LABEL_W + CELL_W * column + CELL_W / 2
        parts.append(
            f'<text transform="translate({x},{HEADER_H - 6}) rotate(-45)">'
            f"{escape(_short(capability['name'], 22))}</text>"
        )
    parts.append(f'</g><g font-size="{HEAT_FONT}" text-anchor="end" fill="#1b1f24">')
    for line, row in enumerate(heatmap["rows"]):
        name = row["department"]["name"] or no_department
        y = HEADER_H + CELL_H * line + CELL_H / 2 + 4
        parts.append(f'<text x="{LABEL_W - 8}" y="{y}">{escape(_short(name, 24))}</text>')
    # The cells: a group of shaded squares, then a group of their labels, so that each cell
    # carries only its position and colour and the shared attributes are written once.
    parts.append('</g><g stroke="#ffffff" stroke-width="2">')
    labels = [f'<g font-size="{HEAT_FONT}" text-anchor="middle" fill="#1b1f24">']
    for line, row in enumerate(heatmap["rows"]):
        y = HEADER_H + CELL_H * line
        for column, cell in enumerate(row["cells"]):
            x = LABEL_W + CELL_W * column
            square = f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}"'
            at = f'<text x="{x + CELL_W // 2}" y="{y + CELL_H // 2 + 4}"'
            if cell is None:
                parts.append(f'{square} fill="#ffffff" stroke="#d4d9e0" stroke-width="1"/>')
                labels.append(f'{at} fill="#545d68">—</text>')
                continue
            fill, ink = _heat_colours(cell.share_below)
            parts.append(f'{square} fill="{fill}"/>')
            ink_attribute = "" if ink == "#1b1f24" else f' fill="{ink}"'
            labels.append(f"{at}{ink_attribute}>{cell.share_below}%</text>")
    parts.append("</g>")
    parts.extend(labels)
    parts.append("</g>")
    legend_y = HEADER_H + CELL_H * len(departments) + 24
    parts.append(
        f'<text x="10" y="{legend_y}" font-size="{HEAT_FONT}" fill="#545d68">'
        + escape(_("Share of people below target; darker is more. — : not assessed."))
        + "</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _localised() -> Callable[[object], str]:
    """A function printing numbers localised and escaped as a template prints them,
    remembering each value it has printed (a table repeats a few values many times)."""
    shown: dict[tuple[type, str], str] = {}

    def number(value: object) -> str:
        key = (type(value), str(value))
        if key not in shown:
            shown[key] = escape(formats.localize(value))
        return shown[key]

    return number


def team_heatmap_rows(grid: dict) -> SafeString:
    """The rows (`<tr>`s) of a team heatmap's table (`gaps.heatmap_grid`): per person, a link
    to their results, then per capability the level and the target, shaded and marked below,
    at or above target (the mark is also said in words), or "not assessed". Written here
    rather than in the template, whose per-variable cost dominated a page of 500 cells."""
    number = _localised()
    marks = {
        "band-below": ("▼", escape(_("below target"))),
        "band-above": ("▲", escape(_("above target"))),
        "band-at": ("●", escape(_("at target"))),
    }
    not_assessed = (
        '<td><span aria-hidden="true">—</span><span class="visually-hidden">'
        f"{escape(_('not assessed'))}</span></td>"
    )
    parts = []
    for row in grid["rows"]:
        person = row["employee"]
        link = reverse("assessments:results", args=[person.uuid])
        parts.append(f'<tr><th scope="row"><a href="{link}">{escape(person.full_name)}</a></th>')
        for cell in row["cells"]:
            if cell is None:
                parts.append(not_assessed)
                continue
            gap = cell.gap
            band = "band-below" if gap > 0 else "band-above" if gap < 0 else "band-at"
            mark, words = marks[band]
            parts.append(
                f'<td class="{band}">{number(cell.effective)} / {number(cell.target_level)} '
                f'<span aria-hidden="true">{mark}</span>'
                f'<span class="visually-hidden">{words}</span></td>'
            )
        parts.append("</tr>")
    return mark_safe("".join(parts))


def department_heatmap_rows(heatmap: dict) -> SafeString:
    """The rows (`<tr>`s) of the table that pages put beside `department_heatmap_svg`: per
    department and capability the share below target, the people below and assessed, the
    mean level and target; numbers localised as a template would print them. Written here
    rather than in the template, whose per-variable cost dominated a page of 1,000 cells."""
    number = _localised()
    no_department = escape(_("No department"))
    not_assessed = (
        '<td><span aria-hidden="true">—</span><span class="visually-hidden">'
        f"{escape(_('not assessed'))}</span></td>"
    )
    parts = []
    for row in heatmap["rows"]:
        name = escape(row["department"]["name"]) if row["department"]["name"] else no_department
        parts.append(f'<tr><th scope="row">{name}</th>')
        for cell in row["cells"]:
            if cell is None:
                parts.append(not_assessed)
                continue
            parts.append(
                f'<td>{number(cell.share_below)} % <span class="muted">({number(cell.below)}/'
                f"{number(cell.people)}; {number(cell.mean_level)} / {number(cell.mean_target)})"
                "</span></td>"
            )
        parts.append("</tr>")
    return mark_safe("".join(parts))


def capability_report_rows(report: list[dict], *, show_trend: bool = False) -> SafeString:
    """The rows (`<tr>`s) of a capability report's table (`gaps.capability_report`): people,
    below target and their share, mean level and target, the weighted gap index, the people
    proficient (flagged at risk) and with `show_trend` the change since the previous cycle.
    Written here rather than in the template, whose per-variable cost dominated a report of
    150 capabilities."""
    number = _localised()
    at_risk = f' <span class="flag">{escape(_("at risk"))}</span>'
    parts = []
    for row in report:
        parts.append(
            f'<tr>\n    <th scope="row">{escape(row["name"])}</th>'
            f'<td class="num">{number(row["people"])}</td>'
            f'<td class="num">{number(row["below"])} ({number(row["share_below"])} %)</td>\n'
            f'    <td class="num">{number(row["mean_level"])}</td>'
            f'<td class="num">{number(row["mean_target"])}</td>'
            f'<td class="num">{number(row["gap_index"])}</td>\n'
            f'    <td class="num">{number(row["proficient"])}'
            f"{at_risk if row['at_risk'] else ''}</td>\n    "
        )
        if show_trend:
            trend = row["trend"]
            shown = "—" if trend is None else number(trend)
            parts.append(f'<td class="num">{"+" if trend and trend > 0 else ""}{shown}</td>')
        parts.append("\n  </tr>")
    return mark_safe("".join(parts))


def coverage_rows(coverage: list[dict]) -> SafeString:
    """The rows of the gap report's coverage table (`gaps.coverage`): per capability the people
    proficient, and whether it is at risk."""
    number = _localised()
    at_risk = f'<span class="flag">{escape(_("At risk"))}</span>'
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{escape(row["name"])}</th>'
            f'<td class="num">{number(row["proficient"])}</td>'
            f"<td>{at_risk if row['at_risk'] else '—'}</td></tr>"
            for row in coverage
        )
    )


def training_needs_rows(needs: list[dict]) -> SafeString:
    """The rows of the gap report's training needs (`gaps.training_needs`): per capability and
    target level the people below it and their mean gap."""
    number = _localised()
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{escape(row["name"])}</th>'
            f'<td class="num">{number(row["target_level"])}</td>'
            f'<td class="num">{number(row["people"])}</td>'
            f'<td class="num">{number(row["mean_gap"])}</td></tr>'
            for row in needs
        )
    )
