"""Cycle reports (the department heatmap, the HR home's departments x categories, the team
heatmap's and the gap report's summaries) come from the cache while nothing they show has
changed, and change as soon as anything does: a calibration, a person moving department (even
by a plain UPDATE) or leaving a manager's team, a renamed department or capability, a deleted
person, a capability merge, the scale's proficient level, the previous cycle a trend compares
with."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import AssessmentCycle, ConsolidatedLevel
from assessments.services import calibration as calibration_services
from capabilities.models import Capability, CompetencyScale
from dashboards.organisation import gap_heatmap_by_department
from plms.people.models import Department, Employee
from tests.assessments.conftest import closed_cycle
from tests.capabilities.factories import RoleRequirementFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.postgres  # the cache is PostgreSQL's (any cache backend will do)


def _heatmap(world, cycle) -> tuple[dict, int]:
    """The API heatmap (its departments and capabilities, with its cells read from their
    collection) and whether its aggregate query ran (1) or the cache answered both (0)."""
    client = APIClient()
    client.force_login(world.hr.user)
    url = f"/api/v1/assessment-cycles/{cycle.uuid}/department-heatmap"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        cells = client.get(f"{url}/cells?page_size=200")
    assert response.status_code == 200, response.json()
    assert cells.status_code == 200 and cells.json()["next"] is None, cells.json()
    aggregated = sum('AVG(COALESCE("assessments_' in q["sql"] for q in queries.captured_queries)
    return {**response.json(), "cells": cells.json()["results"]}, aggregated


def _cell(body, department, capability) -> dict:
    department_id = None if department is None else str(department.uuid)
    return next(
        cell
        for cell in body["cells"]
        if cell["department"] == department_id and cell["capability"] == str(capability.uuid)
    )


@pytest.fixture
def placed(world):
    """A closed cycle with the employee in Sales and the peer in Support."""
    with in_org(world.org):
        sales = DepartmentFactory(organization=world.org, name="Sales")
        support = DepartmentFactory(organization=world.org, name="Support")
        Employee.objects.filter(pk=world.employee.employee.pk).update(department=sales)
        Employee.objects.filter(pk=world.peer.employee.pk).update(department=support)
    cycle = closed_cycle(world, "Cached")
    return cycle, sales, support


def test_a_second_read_comes_from_the_cache(world, placed):
    cycle, *_ = placed
    first, aggregated_first = _heatmap(world, cycle)
    second, aggregated_second = _heatmap(world, cycle)
    assert (aggregated_first, aggregated_second) == (1, 0)
    assert second == first


def test_a_calibration_shows_at_once(world, placed):
    cycle, sales, _ = placed
    complaint = world.capabilities[1]
    before, _ = _heatmap(world, cycle)
    assert _cell(before, sales, complaint)["mean_level"] == "2.00"
    with in_org(world.org):
        level = ConsolidatedLevel.objects.get(
            cycle=cycle, employee=world.employee.employee, capability=complaint
        )
        calibration_services.consolidated_level_adjust(
            actor=world.system, consolidated=level, level=Decimal("4"), reason="Calibrated"
        )
    after, aggregated = _heatmap(world, cycle)
    assert aggregated == 1
    assert _cell(after, sales, complaint)["mean_level"] == "4.00"
    assert _cell(after, sales, complaint)["below_target"] == 0


def test_moves_renames_and_deletions_show_at_once(world, placed):
    cycle, sales, support = placed
    complaint = world.capabilities[1]
    _heatmap(world, cycle)
    with in_org(world.org):  # a plain UPDATE, as an import or a script would do it
        Employee.objects.filter(pk=world.peer.employee.pk).update(department=sales)
    moved, _ = _heatmap(world, cycle)
    assert _cell(moved, sales, complaint)["people"] == 2
    assert [d["name"] for d in moved["departments"]] == ["Sales"]

    with in_org(world.org):
        Employee.objects.filter(pk=world.peer.employee.pk).update(department=support)
    back, aggregated = _heatmap(world, cycle)  # the first state again: its report again
    assert aggregated == 0
    assert _cell(back, sales, complaint)["people"] == 1

    with in_org(world.org):
        Department.objects.filter(pk=sales.pk).update(name="Field sales")
        Capability.objects.filter(pk=complaint.pk).update(name="Handling complaints")
    renamed, _ = _heatmap(world, cycle)
    assert [d["name"] for d in renamed["departments"]] == ["Field sales", "Support"]
    assert "Handling complaints" in [c["name"] for c in renamed["capabilities"]]

    with in_org(world.org):
        Employee.objects.filter(pk=world.peer.employee.pk).delete()
    deleted, _ = _heatmap(world, cycle)
    assert [d["name"] for d in deleted["departments"]] == ["Field sales"]


def test_two_people_swapping_departments_is_a_change(world, placed):
    """The same people in the same departments, only not the same ones where: the
    fingerprint ties each person to their department."""
    cycle, sales, support = placed
    _heatmap(world, cycle)
    with in_org(world.org):
        Employee.objects.filter(pk=world.employee.employee.pk).update(department=support)
        Employee.objects.filter(pk=world.peer.employee.pk).update(department=sales)
    _, aggregated = _heatmap(world, cycle)
    assert aggregated == 1


def test_the_hr_home_grid_follows_a_move(world, placed):
    cycle, sales, _ = placed
    with in_org(world.org):
        first = gap_heatmap_by_department(cycle=cycle)
        Employee.objects.filter(pk=world.peer.employee.pk).update(department=sales)
        second = gap_heatmap_by_department(cycle=cycle)
    assert {row["department"]["name"] for row in first["rows"]} >= {"Sales", "Support"}
    assert "Support" not in {row["department"]["name"] for row in second["rows"]}


def test_turned_off_every_read_aggregates(world, placed, settings):
    settings.PLMS_RESULTS_CACHE_SECONDS = 0
    cycle, *_ = placed
    # The heatmap and its cells each aggregate.
    assert [_heatmap(world, cycle)[1] for _ in range(2)] == [2, 2]


def test_a_capability_merge_shows_at_once(world, placed):
    from capabilities.services.library import capability_merge

    cycle, *_ = placed
    complaint, negotiation = world.capabilities[1], world.capabilities[2]
    before, _ = _heatmap(world, cycle)
    assert "complaint-resolution" in {c["key"] for c in before["capabilities"]}
    with in_org(world.org):
        capability_merge(actor=world.system, keep=negotiation, duplicate=complaint)
    after, aggregated = _heatmap(world, cycle)
    assert aggregated == 1
    assert "complaint-resolution" not in {c["key"] for c in after["capabilities"]}


# --- The team heatmap and the gap report ------------------------------------------------------


def _page(member_, url) -> tuple[str, int]:
    """A page's HTML and how many of the cycle's levels were aggregated for it (0: from the
    cache)."""
    client = Client()
    client.force_login(member_.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    aggregated = sum(
        'FROM "assessments_consolidatedlevel"' in q["sql"] and "GROUP BY" in q["sql"]
        for q in queries.captured_queries
    )
    return html[html.index('id="main"') :], aggregated


def _report_row(html, name) -> str:
    """The capability report's row of a capability, as text."""
    row = re.search(rf'<th scope="row">{name}</th>(.*?)</tr>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_the_team_heatmap_follows_its_levels_the_team_and_the_scale(world, placed):
    cycle, *_ = placed
    complaint = world.capabilities[1]
    url = reverse("assessments:team") + f"?cycle={cycle.uuid}"
    first, aggregated_first = _page(world.manager, url)
    again, aggregated_again = _page(world.manager, url)
    assert (aggregated_first > 0, aggregated_again) == (True, 0)
    assert again == first
    assert _report_row(first, "Complaint resolution").startswith("2 2 (100 %) 2.00")
    with in_org(world.org):  # a calibration
        level = ConsolidatedLevel.objects.get(
            cycle=cycle, employee=world.employee.employee, capability=complaint
        )
        calibration_services.consolidated_level_adjust(
            actor=world.system, consolidated=level, level=Decimal("4"), reason="Calibrated"
        )
    calibrated, _ = _page(world.manager, url)
    assert _report_row(calibrated, "Complaint resolution").startswith("2 1 (50 %) 3.00")
    with in_org(world.org):  # the peer leaves the manager's team (a plain UPDATE)
        Employee.objects.filter(pk=world.peer.employee.pk).update(manager=None)
    smaller, aggregated = _page(world.manager, url)
    assert aggregated > 0
    assert _report_row(smaller, "Complaint resolution").startswith("1 0 (0 %) 4.00")
    assert world.peer.employee.full_name not in smaller
    assert _report_row(smaller, "Customer communication").split()[-3] == "1"  # 1 at risk
    with in_org(world.org):  # the scale's proficient level moves
        CompetencyScale.objects.update(proficient_level=5)
    stricter, aggregated = _page(world.manager, url)
    assert aggregated > 0
    assert _report_row(stricter, "Customer communication").split()[-3] == "0"


def test_the_gap_report_follows_its_levels_the_previous_cycle_roles_and_the_scale(world, placed):
    cycle, *_ = placed
    complaint = world.capabilities[1]
    url = reverse("assessments:gap_report") + f"?cycle={cycle.uuid}"
    first, aggregated_first = _page(world.hr, url)
    again, aggregated_again = _page(world.hr, url)
    assert (aggregated_first > 0, aggregated_again) == (True, 0)
    assert again == first
    with in_org(world.org):  # a calibration
        level = ConsolidatedLevel.objects.get(
            cycle=cycle, employee=world.employee.employee, capability=complaint
        )
        calibration_services.consolidated_level_adjust(
            actor=world.system, consolidated=level, level=Decimal("4"), reason="Calibrated"
        )
    calibrated, _ = _page(world.hr, url)
    assert _report_row(calibrated, "Complaint resolution").startswith("2 1 (50 %) 3.00")
    # A later cycle compares with this one: a calibration of this one moves its trend.
    later = closed_cycle(world, "Later")
    with in_org(world.org):
        AssessmentCycle.objects.filter(pk=later.pk).update(
            period_start=date(2027, 4, 1), period_end=date(2027, 6, 30)
        )
    later_url = reverse("assessments:gap_report") + f"?cycle={later.uuid}"
    trend, _ = _page(world.hr, later_url)
    assert _report_row(trend, "Complaint resolution").endswith("-1.00")
    with in_org(world.org):
        level.refresh_from_db()
        calibration_services.consolidated_level_adjust(
            actor=world.system, consolidated=level, level=Decimal("2"), reason="Back"
        )
    moved, aggregated = _page(world.hr, later_url)
    assert aggregated > 0
    assert _report_row(moved, "Complaint resolution").endswith("0.00")
    # Which capabilities roles require is read each time.
    coverage = moved.split('id="coverage-heading"')[1].split("</section>")[0]
    assert "Forklift driving" not in coverage
    with in_org(world.org):
        RoleRequirementFactory(
            organization=world.org, role=world.role, capability=world.other_capability
        )
    required, aggregated = _page(world.hr, later_url)
    assert aggregated == 0
    assert "Forklift driving" in required.split('id="coverage-heading"')[1].split("</section>")[0]
    with in_org(world.org):  # the scale's proficient level moves
        CompetencyScale.objects.update(proficient_level=5)
    _, aggregated = _page(world.hr, later_url)
    assert aggregated > 0


def test_a_consolidation_shows_in_the_gap_report_and_the_heatmap_cells(world, placed):
    """Consolidating a cycle again (after a rating changed) is a new version of its results:
    the gap report's rows, kept with its figures, and the heatmap's cells are built again."""
    from assessments.consolidation import consolidate_cycle
    from assessments.models import Rating

    cycle, sales, _ = placed
    complaint = world.capabilities[1]
    url = reverse("assessments:gap_report") + f"?cycle={cycle.uuid}"
    first, _ = _page(world.hr, url)
    heatmap, _ = _heatmap(world, cycle)
    assert _cell(heatmap, sales, complaint)["mean_level"] == "2.00"
    assert _page(world.hr, url) == (first, 0)
    with in_org(world.org):
        Rating.objects.filter(
            assessment__cycle=cycle,
            assessment__employee=world.employee.employee,
            capability=complaint,
        ).update(level=4)
        consolidate_cycle(cycle=cycle)
    again, aggregated = _page(world.hr, url)
    assert aggregated > 0
    assert _report_row(again, "Complaint resolution") != _report_row(first, "Complaint resolution")
    heatmap, aggregated = _heatmap(world, cycle)
    assert aggregated == 1
    assert _cell(heatmap, sales, complaint)["mean_level"] == "4.00"
