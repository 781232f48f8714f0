"""The gap report's and the team heatmap's tables written in Python are the template's, byte
for byte: the capability report (with and without the trend), the coverage and the training
needs, with markup in names, missing values, negative and positive trends, in two languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from assessments import charts

# The rows as the templates wrote them before `charts` did.
REPORT = Template(
    """{% load i18n %}{% for r in report %}<tr>
    <th scope="row">{{ r.name }}</th><td class="num">{{ r.people }}</td><td class="num">{{ r.below }} ({{ r.share_below }} %)</td>
    <td class="num">{{ r.mean_level }}</td><td class="num">{{ r.mean_target }}</td><td class="num">{{ r.gap_index }}</td>
    <td class="num">{{ r.proficient }}{% if r.at_risk %} <span class="flag">{% translate "at risk" %}</span>{% endif %}</td>
    {% if show_trend %}<td class="num">{% if r.trend is None %}—{% elif r.trend > 0 %}+{{ r.trend }}{% else %}{{ r.trend }}{% endif %}</td>{% endif %}
  </tr>{% endfor %}"""
)
COVERAGE = Template(
    """{% load i18n %}{% for c in coverage %}<tr><th scope="row">{{ c.name }}</th><td class="num">{{ c.proficient }}</td><td>{% if c.at_risk %}<span class="flag">{% translate "At risk" %}</span>{% else %}—{% endif %}</td></tr>{% endfor %}"""
)
NEEDS = Template(
    """{% for n in needs %}<tr><th scope="row">{{ n.name }}</th><td class="num">{{ n.target_level }}</td><td class="num">{{ n.people }}</td><td class="num">{{ n.mean_gap }}</td></tr>{% endfor %}"""
)


def _report() -> list[dict]:
    rows = []
    for index, trend in enumerate([None, Decimal("0.25"), Decimal("0.00"), Decimal("-1.50")]):
        rows.append(
            {
                "capability_id": index,
                "name": f'Négociation <b>{index}</b> & "co"',
                "key": f"k{index}",
                "people": 1234 * index,
                "below": 3 * index,
                "share_below": 25 * index,
                "mean_level": None if index == 0 else Decimal("2.50") + index,
                "mean_target": Decimal("3.00"),
                "gap_index": Decimal("0.75") * index,
                "proficient": index,
                "at_risk": index <= 2,
                "trend": trend,
            }
        )
    return rows


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_rows_are_the_templates(language):
    report = _report()
    coverage = [
        {"id": 1, "name": "A <i>b</i>", "key": "a", "proficient": 0, "at_risk": True},
        {"id": 2, "name": "Zeta", "key": "z", "proficient": 12345, "at_risk": False},
    ]
    needs = [
        {
            "name": "A & b",
            "key": "a",
            "target_level": 4,
            "people": 2500,
            "mean_gap": Decimal("1.25"),
        },
        {"name": "C", "key": "c", "target_level": 3, "people": 1, "mean_gap": None},
    ]
    with translation.override(language):
        for show_trend in (False, True):
            expected = REPORT.render(Context({"report": report, "show_trend": show_trend}))
            assert charts.capability_report_rows(report, show_trend=show_trend) == expected
        assert charts.coverage_rows(coverage) == COVERAGE.render(Context({"coverage": coverage}))
        assert charts.training_needs_rows(needs) == NEEDS.render(Context({"needs": needs}))
