"""Pages over many people's results: the team heatmap (a manager's team, or for HR a
department or everyone), the HR gap report and the departments x capabilities heatmap. Each
reads the cycle's cached reports and may read from a replica."""

from __future__ import annotations

import hashlib

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments import charts, gaps
from assessments.models import AssessmentCycle
from assessments.results_cache import cached_report
from assessments.selectors import cycles as cycle_selectors
from plms.tenancy.actors import actor_from_request
from plms.tenancy.replica import replica_view
from plms.web.decorators import member_required

PAGE_SIZE = 25
HOT_SPOTS = 5
HEATMAP_COLUMNS = 20  # capabilities per page of the department heatmap
TEAM_COLUMNS = 20  # and of the team heatmap


def _chosen_cycle(request: HttpRequest) -> AssessmentCycle | None:
    return cycle_selectors.closed_cycle_chosen(raw_id=request.GET.get("cycle"))


class CountedPaginator(Paginator):
    """A paginator told its count (kept with a cached report) instead of counting the list."""

    def __init__(self, object_list, per_page, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:  # type: ignore[override]
        return self._known_count


@member_required
def team(request: HttpRequest) -> HttpResponse:
    """People x capabilities of the viewer's team (HR admins: a department or everyone), a page
    of people and a page of capabilities at a time; the capability report below covers the
    whole team."""
    actor = actor_from_request(request)
    cycle = _chosen_cycle(request)
    department = None
    if actor.is_admin and request.GET.get("department"):
        department = cycle_selectors.department_by_public_id(raw_id=request.GET["department"])
    team_ids = None
    if not actor.is_admin:
        if request.employee is None:
            raise Http404
        team_ids = cycle_selectors.team_ids(manager=request.employee)
    grid: dict = {"capabilities": [], "rows": []}
    report: list[dict] = []
    page = columns = None
    column_pages: list[dict] = []
    if cycle is not None:
        levels = gaps.group_levels(cycle=cycle, employee_ids=team_ids, department=department)
        # What every page shares is computed once per change of the results (a team's report
        # reads all its levels: 100,000 for HR's everyone), and the team is part of the key.
        if team_ids is not None:
            scope = "team:" + hashlib.md5(",".join(map(str, team_ids)).encode()).hexdigest()
        else:
            scope = f"department:{department.uuid}" if department is not None else "everyone"
        summary = cached_report(
            cycle=cycle,
            name=f"team-heatmap:{scope}",
            build=lambda: gaps.team_heatmap_summary(levels=levels),
        )
        report = summary["report"]
        # A page of people at a time, and of capabilities: a large team's grid (an
        # organisation's: 10,000 people x 150 capabilities) is no page.
        page = CountedPaginator(
            gaps.heatmap_people(levels=levels), PAGE_SIZE, count=summary["people"]
        ).get_page(request.GET.get("page"))
        column_paginator = Paginator(summary["capabilities"], TEAM_COLUMNS)
        columns = column_paginator.get_page(request.GET.get("columns"))
        column_pages = _column_pages(summary["capabilities"], column_paginator, TEAM_COLUMNS)
        # The page's people are the team's already: their levels need no team filter again.
        grid = gaps.heatmap_grid(
            levels=gaps.group_levels(cycle=cycle),
            people=list(page.object_list),
            capabilities=list(columns.object_list),
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "cycle": cycle,
        "cycles": cycle_selectors.closed_cycles(),
        "grid": grid,
        "grid_rows": charts.team_heatmap_rows(grid),
        "page": page,
        "columns": columns,
        "column_pages": column_pages,
        "query": query.urlencode(),
        "report": report,
        "report_rows": charts.capability_report_rows(report),
        "department": department,
        "departments": cycle_selectors.departments() if actor.is_admin else [],
    }
    return render(request, "assessments/team.html", context)


def _column_pages(capabilities: list, paginator: Paginator, size: int) -> list[dict]:
    """Each page of a heatmap's columns named by its first and last capability (none when all
    fit on one)."""
    if paginator.num_pages < 2:
        return []

    def name(capability) -> str:
        return capability["name"] if isinstance(capability, dict) else capability.name

    return [
        {
            "number": number,
            "first": name(capabilities[(number - 1) * size]),
            "last": name(capabilities[min(number * size, len(capabilities)) - 1]),
        }
        for number in paginator.page_range
    ]


@member_required(admin=True)
@replica_view
def gap_report(request: HttpRequest) -> HttpResponse:
    cycle = _chosen_cycle(request)
    department = cycle_selectors.department_by_public_id(raw_id=request.GET.get("department"))
    context = {
        "cycle": cycle,
        "cycles": cycle_selectors.closed_cycles(),
        "department": department,
        "departments": cycle_selectors.departments(),
    }
    if cycle is not None:
        before = gaps.previous_cycle(cycle)
        scope = department.uuid if department is not None else "everyone"

        def build() -> dict:
            data = gaps.gap_report(cycle=cycle, department=department, previous=before)
            # The tables' rows are kept with their figures, written in the page's language.
            rows = {
                "report_rows": str(
                    charts.capability_report_rows(data["report"], show_trend=before is not None)
                ),
                "needs_rows": str(charts.training_needs_rows(data["needs"])),
            }
            return {**data, **rows}

        data = cached_report(
            cycle=cycle,
            other_cycles=[before] if before is not None else [],
            name=f"gap-report:{scope}:{before.uuid if before is not None else '-'}:"
            f"{get_language()}",
            build=build,
        )
        # Which capabilities roles require is read each time: the cache follows the levels.
        coverage = gaps.coverage(cycle=cycle, department=department, counts=data["proficient"])
        # The tables' rows are written in Python (150 capabilities twice and the training
        # needs: thousands of values through the template otherwise), the report's and the
        # needs' once per change of the results.
        context.update(
            report=data["report"],
            # Escaped when written (`charts`).
            report_rows=mark_safe(data["report_rows"]),
            weakest=data["report"][:3],
            overall=data["overall"],
            coverage=coverage,
            coverage_rows=charts.coverage_rows(coverage),
            needs=data["needs"],
            needs_rows=mark_safe(data["needs_rows"]),
            previous_cycle=before,
        )
    return render(request, "assessments/gap_report.html", context)


@member_required(admin=True)
@replica_view
def department_heatmap(request: HttpRequest) -> HttpResponse:
    """Departments x capabilities of a closed cycle: the share of people below target, as a
    shaded chart with the same numbers in a table and the weakest cells in words."""
    cycle = _chosen_cycle(request)
    heatmap = {"departments": [], "capabilities": [], "rows": [], "cells": []}
    if cycle is not None:
        heatmap = cached_report(
            cycle=cycle,
            name="department-heatmap",
            build=lambda: gaps.department_heatmap(levels=gaps.group_levels(cycle=cycle)),
        )
    # The largest gaps are found over every capability; the chart and the table show a page of
    # capabilities at a time (an organisation's 60 departments x 150 capabilities are 9,000
    # cells, drawn and tabled: about 2 MB).
    paginator = Paginator(heatmap["capabilities"], HEATMAP_COLUMNS)
    page = paginator.get_page(request.GET.get("page"))
    shown = gaps.department_heatmap_columns(
        heatmap, start=max(page.start_index() - 1, 0), stop=page.end_index()
    )
    column_page = {
        capability["id"]: index // HEATMAP_COLUMNS + 1
        for index, capability in enumerate(heatmap["capabilities"])
    }
    context = {
        "cycle": cycle,
        "cycles": cycle_selectors.closed_cycles(),
        "heatmap": shown,
        "page": page,
        "column_pages": _column_pages(heatmap["capabilities"], paginator, HEATMAP_COLUMNS),
        "chart": charts.department_heatmap_svg(
            shown,
            title=_("Share of people below target per department and capability, %(name)s")
            % {"name": cycle.name}
            if cycle
            else "",
        ),
        "table_rows": charts.department_heatmap_rows(shown),
        "hot_spots": [
            {**spot, "page": column_page.get(spot["cell"].capability_id)}
            for spot in gaps.heatmap_hot_spots(heatmap, limit=HOT_SPOTS)
        ],
    }
    return render(request, "assessments/department_heatmap.html", context)
