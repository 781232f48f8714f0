"""The capability radar keeps every label whole: wrapped (a long word hyphenated), never cut
with "…", inside the chart's box, the chart as tall as its labels need."""

from __future__ import annotations

import re

import pytest

from assessments import charts
from assessments.charts import RadarAxis, radar_svg

LONG_NAMES = [
    "Sales forecasting and pipeline management",
    "Customer communication",
    "Multichannel service",
    "Operational performance monitoring",
    "Accessible and inclusive service",
    "Internationalisation readiness",
    "Regulatory compliance and documentation of complaints",
    "Data protection compliance",
]


def _unwrapped(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text += line[:-1] if line.endswith("-") else line + " "
    return text.strip()


@pytest.mark.parametrize("count", [3, 5, 6, 8])
def test_radar_labels_are_whole_and_inside_the_chart(count):
    axes = [RadarAxis(name, 3, 2.5) for name in LONG_NAMES[:count]]
    svg = str(radar_svg(axes, top=5, title="Capabilities"))
    assert "…" not in svg
    width, height = (float(v) for v in re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    for axis, label in zip(axes, charts._labels(axes), strict=True):
        assert _unwrapped(label.lines) == axis.label
        for line in label.lines:
            extent = len(line) * charts.CHAR_WIDTH
            left = {"start": label.x, "end": label.x - extent, "middle": label.x - extent / 2}
            assert left[label.anchor] >= 0 and left[label.anchor] + extent <= width, line
    for y in re.findall(r'<tspan x="[^"]+" y="([^"]+)"', svg):
        assert charts.FONT <= float(y) <= height - charts.LEGEND


def test_a_long_word_is_hyphenated_with_three_letters_at_least_on_the_next_line():
    assert charts._label_lines("Internationalisation", 12) == ["Internation-", "alisation"]
    assert charts._label_lines("Communication", 12) == ["Communicat-", "ion"]
    assert charts._label_lines("Complaint resolution", 12) == ["Complaint", "resolution"]
