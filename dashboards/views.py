"""The home dashboard per role: the viewer's own work, their team, their organisation."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from assessments import charts, gaps
from assessments.selectors import cycles as cycle_selectors
from assessments.selectors import requirements as requirement_selectors
from dashboards import organisation
from dashboards import selectors as dashboard_selectors
from dashboards.charts import adoption_svg
from goals import selectors as goal_selectors
from goals.feedback import selectors as feedback_selectors
from learning import selectors as learning_selectors
from plms.people import selectors as people_selectors
from plms.tenancy.replica import replica_reads
from plms.web import services
from plms.web.decorators import member_required
from plms.web.templatetags.web_nav import viewer_manages_people
from workflows import selectors as workflow_selectors

if TYPE_CHECKING:
    from plms.people.models import Employee
    from plms.tenancy.models import Organization

FEEDBACK_SHOWN = 5
TEAM_HEATMAP_COLUMNS = 12  # the home card's capabilities; the team heatmap page has them all


@member_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: what is due for the viewer, then their capabilities, plan, goals and
    feedback, and where it applies their team (when they manage people) and the organisation
    (HR admins). All but what is due are sections of their own, loaded after the page (htmx),
    so the page's first byte never waits for them; without JavaScript each is a link to its
    own page."""
    employee = request.employee
    services.member_activity_record(user=request.user)
    context: dict = {"employee": employee}
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    if employee is not None:
        context.update(_due_section(request.user, employee), my_work_url=reverse("web:home_me"))
        if viewer_manages_people(request):  # the navigation's answer, read once per request
            context.update(is_manager=True, team_section_url=reverse("web:home_team") + query)
    if request.membership.is_admin:
        context["organisation_section_url"] = reverse("web:home_organisation")
    return render(request, "web/home.html", context)


def _section(
    request: HttpRequest, template: str, context: dict, title: str, *, grid: bool = False
) -> HttpResponse:
    """A home section: the fragment for htmx, else a page of its own around it (`grid`: the
    fragment is cards of the home's grid, which the page lays out the same way)."""
    if getattr(request, "htmx", False):
        return render(request, template, context)
    context.update(section_template=template, section_title=title, section_grid=grid)
    return render(request, "web/home_section.html", context)


@member_required
def home_me(request: HttpRequest) -> HttpResponse:
    """The home's section of the viewer's own: capabilities against their role, development
    plan, goals and recent feedback."""
    employee = request.employee
    if employee is None:
        raise Http404
    context = _my_work_section(employee)
    return _section(request, "web/_my_work.html", context, _("My work"), grid=True)


@member_required
def home_team(request: HttpRequest) -> HttpResponse:
    """The home's team section: who needs what, the team heatmap, goals at risk."""
    employee = request.employee
    reports = list(people_selectors.direct_reports(manager=employee)) if employee else []
    if not reports:
        raise Http404
    context = _manager_sections(request, employee, reports)
    return _section(request, "web/_team.html", context, _("Your team"))


@member_required
def home_team_at_risk(request: HttpRequest) -> HttpResponse:
    """The team section's goals at risk: the worst of everyone below the viewer (every level,
    matrix lines too). A section of its own, loaded after the team's: judging the goals of a
    branch of thousands of people takes longer than the rest of the team section together,
    and the team's table needs only its direct reports' goals."""
    employee = request.employee
    if employee is None or not viewer_manages_people(request):
        raise Http404
    at_risk = goal_selectors.team_goal_risks(manager=employee, limit=FEEDBACK_SHOWN)
    context = {"team_at_risk": dashboard_selectors.goals_of_risks(at_risk)}
    return _section(
        request, "web/_team_at_risk.html", context, _("Goals at risk in your team"), grid=True
    )


@member_required(admin=True)
def home_organisation(request: HttpRequest) -> HttpResponse:
    """The home's organisation section for HR admins; its trends and reports tolerate a
    little lag, so they read from the replica when there is one."""
    with replica_reads():
        context = _hr_sections(request.organization)
        response = _section(request, "web/_organisation.html", context, _("Your organisation"))
    return response


def _due_section(user, employee: Employee) -> dict:
    due = dashboard_selectors.due_items(employee=employee)
    listed = {item.url for item in due}
    return {
        "due": due,
        "due_notifications": [  # reminders of what is not listed already
            notification
            for notification in workflow_selectors.due_notifications(user=user)
            if notification.link not in listed
        ],
    }


def _my_work_section(employee: Employee) -> dict:
    employee_gaps = gaps.employee_gaps(employee=employee)
    _low, high = requirement_selectors.scale_bounds()
    radar = charts.radar_svg(
        [charts.RadarAxis(g.capability.name, g.target, g.current) for g in employee_gaps],
        top=high,
        title=_("My capabilities compared with my role's targets"),
        chart_id="my-radar",
    )
    goals = dashboard_selectors.my_goals(employee=employee)
    rag_order = {"red": 0, "amber": 1, "green": 2}
    return {
        "employee": employee,
        "my_gaps": employee_gaps,
        "assessed": any(g.current is not None for g in employee_gaps),
        "radar": radar,
        "plan": learning_selectors.current_plan_for(employee=employee),
        "my_goals": sorted(goals, key=lambda g: (rag_order.get(g.rag, 3), g.due_date or date.max)),
        "recent_feedback": list(
            feedback_selectors.feedback_inbox(employee=employee)[:FEEDBACK_SHOWN]
        ),
    }


def _manager_sections(request: HttpRequest, manager: Employee, reports: list) -> dict:
    open_cycle = cycle_selectors.latest_open_cycle()
    closed_cycle = cycle_selectors.latest_closed_cycle()
    # The table counts the goals of the people in it; the branch's worst are a section of
    # their own (`home_team_at_risk`).
    at_risk = goal_selectors.goal_risks_of_people(employee_ids=[report.pk for report in reports])
    rows = dashboard_selectors.team_rows(
        manager=manager,
        reports=reports,
        open_cycle=open_cycle,
        closed_cycle=closed_cycle,
        goals_at_risk=at_risk,
    )
    show = request.GET.get("show", "")
    show = show if show in dashboard_selectors.TEAM_FILTERS else ""
    search = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "name")
    sort = sort if sort.lstrip("-") in dashboard_selectors.TEAM_SORTS else "name"
    shown = dashboard_selectors.team_rows_sort(
        dashboard_selectors.team_rows_filter(rows, show=show, search=search), sort=sort
    )
    heatmap = {"capabilities": [], "rows": [], "total": 0}
    if closed_cycle is not None:
        heatmap = dashboard_selectors.team_heatmap_card(
            cycle=closed_cycle, employee_ids=[r.pk for r in reports], columns=TEAM_HEATMAP_COLUMNS
        )
    return {
        "is_manager": True,
        "reports": reports,
        "team": shown,
        "team_size": len(rows),
        "team_sort": sort,
        "team_show": show,
        "team_search": search,
        "team_columns": _team_columns(sort),
        "team_filters": TEAM_FILTER_LABELS,
        "team_open_cycle": open_cycle,
        "team_closed_cycle": closed_cycle,
        "team_heatmap": heatmap,
        "team_at_risk_url": reverse("web:home_team_at_risk"),
    }


TEAM_FILTER_LABELS = [
    ("", _lazy("Everyone")),
    ("behind", _lazy("Behind on the assessment")),
    ("at_risk", _lazy("Goals at risk")),
    ("no_check_in", _lazy("No check-in scheduled")),
    ("no_plan", _lazy("No development plan")),
]
TEAM_COLUMNS = [
    ("name", _lazy("Person")),
    ("assessment", _lazy("Assessment")),
    ("gap", _lazy("Biggest gaps")),
    ("goals", _lazy("Goals at risk")),
    ("check_in", _lazy("Next check-in")),
    ("plan", _lazy("Plan progress")),
]


def _team_columns(sort: str) -> list[dict]:
    """Column headers with the link that sorts by them (again: the other way round)."""
    columns = []
    for key, label in TEAM_COLUMNS:
        current = sort.lstrip("-") == key
        descending = current and sort.startswith("-")
        if current:
            following = key if descending else f"-{key}"
        else:
            first_descending = key in dashboard_selectors.TEAM_SORTS_DESCENDING_FIRST
            following = f"-{key}" if first_descending else key
        columns.append(
            {
                "key": key,
                "label": label,
                "next": following,
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return columns


def _hr_sections(organization: Organization) -> dict:
    closed_cycle = cycle_selectors.latest_closed_cycle()
    cycle = cycle_selectors.current_cycle()
    trends = organisation.organisation_trends(organization=organization, cycle=cycle)
    return {
        "adoption_chart": adoption_svg(trends["adoption"], described_by="adoption-table"),
        **organisation.organisation_headcount(),
        "org_cycle": closed_cycle,
        "org_heatmap": (
            organisation.gap_heatmap_card(cycle=closed_cycle) if closed_cycle is not None else ""
        ),
        "funnel_cycle": cycle,
        **trends,
        "latency": organisation.decision_latency_summary(shown=FEEDBACK_SHOWN),
    }
