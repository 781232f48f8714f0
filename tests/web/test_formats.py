"""Dates are written one way on every page, in the language's format (plms/formats)."""

from __future__ import annotations

import datetime

from django.template import Context, Template
from django.utils import timezone, translation

from tests.conftest import in_org
from tests.learning.factories import DevelopmentPlanFactory


def test_a_page_printing_a_date_as_is_uses_the_common_format(login_client, employee, org_a):
    with in_org(org_a):
        DevelopmentPlanFactory(
            organization=org_a,
            employee=employee.employee,
            period_start=datetime.date(2026, 11, 23),
            period_end=datetime.date(2027, 5, 31),
        )
    page = login_client(employee).get("/learning/my-plan/").content.decode()
    assert "23 Nov 2026" in page and "31 May 2027" in page
    assert "Nov. 23, 2026" not in page


def test_format_names_give_one_style_for_dates_and_times(db):
    moment = timezone.make_aware(datetime.datetime(2026, 11, 23, 14, 5), datetime.UTC)
    template = Template(
        '{{ day }}|{{ day|date }}|{{ day|date:"SHORT_DATE_FORMAT" }}|'
        '{{ moment|date:"DATETIME_FORMAT" }}|{{ moment|date:"SHORT_DATETIME_FORMAT" }}'
    )
    with translation.override("en"), timezone.override(datetime.UTC):
        rendered = template.render(Context({"day": datetime.date(2026, 11, 23), "moment": moment}))
    assert rendered == "23 Nov 2026|23 Nov 2026|Mon 23 Nov|23 Nov 2026, 14:05|Mon 23 Nov, 14:05"
