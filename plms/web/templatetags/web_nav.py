"""The main navigation, grouped by what the viewer does: Me, Team, Organisation, Admin.

A group appears only when it applies (Team for people who manage someone and for HR admins,
who see every team; Admin for HR admins); the current page's link has `aria-current="page"`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from plms.people import selectors as people_selectors

register = template.Library()


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    app: str
    names: tuple[str, ...] = ()  # url names that make it current; empty: the whole app
    admin_only: bool = False
    exclude: tuple[str, ...] = ()  # url names of the app that belong to another link

    def is_current(self, app: str, name: str) -> bool:
        if app != self.app or name in self.exclude:
            return False
        return not self.names or name in self.names


MY_GOALS = ("my_goals", "goal_create", "goal_detail", "goal_edit", "goal_progress")
GROUPS: tuple[tuple[str, str, tuple[Link, ...]], ...] = (
    (
        "me",
        _("Me"),
        (
            Link(_("Home"), "web:home", "web", ("home",)),
            Link(_("Goals"), "goals:my_goals", "goals", MY_GOALS),
            Link(
                _("Assessments"),
                "assessments:my_assessments",
                "assessments",
                ("my_assessments", "assessment_form", "peer_nominate", "results"),
            ),
            Link(_("Scorecard"), "goals:my_scorecard", "goals", ("my_scorecard",)),
            Link(_("Learning"), "learning:my_plan", "learning", ("my_plan", "plan_detail")),
            Link(_("Rating and pay"), "reward:mine", "reward", ("mine",)),
            Link(_("Career"), "talent:my_career", "talent", ("my_career",)),
            Link(_("Surveys"), "surveys:mine", "surveys", ("mine", "answer")),
            Link(
                _("Check-ins"), "goals:check_in_list", "goals", ("check_in_list", "check_in_detail")
            ),
            Link(
                _("Feedback"),
                "goals:feedback_inbox",
                "goals",
                ("feedback_inbox", "feedback_give", "feedback_request"),
            ),
            Link(
                _("Security"),
                "accounts:security",
                "accounts",
                ("security", "two_factor_setup", "password_change"),
            ),
        ),
    ),
    (
        "team",
        _("Team"),
        (
            Link(_("Team heatmap"), "assessments:team", "assessments", ("team",)),
            Link(_("Goals at risk"), "goals:team_at_risk", "goals", ("team_at_risk",)),
            Link(_("Team scorecard"), "goals:team_scorecard", "goals", ("team_scorecard",)),
            Link(
                _("Expert assessors"),
                "assessments:expert_grants",
                "assessments",
                ("expert_grants",),
            ),
            Link(_("Team plans"), "learning:team", "learning", ("team",)),
            Link(_("Team ratings"), "reward:team", "reward", ("team",)),
            Link(
                _("Compensation reviews"),
                "reward:review_list",
                "reward",
                ("review_list", "review_detail"),
            ),
            Link(_("Team aspirations"), "talent:team", "talent", ("team",)),
            Link(_("Team survey results"), "surveys:team", "surveys", ("team",)),
        ),
    ),
    (
        "organisation",
        _("Organisation"),
        (
            Link(_("Goal tree"), "goals:goal_tree", "goals", ("goal_tree",)),
            Link(
                _("Capabilities"),
                "capabilities:capability_list",
                "capabilities",
                exclude=("role_list", "role_detail", "role_scorecard", "scale"),
            ),
            Link(
                _("Roles"),
                "capabilities:role_list",
                "capabilities",
                ("role_list", "role_detail", "role_scorecard", "role_create", "role_edit"),
            ),
            Link(_("Learning catalogue"), "learning:catalogue", "learning", ("catalogue",)),
            Link(
                _("Career paths"),
                "talent:career_paths",
                "talent",
                ("career_paths",),
                admin_only=True,
            ),
            Link(
                _("Succession"),
                "talent:succession",
                "talent",
                ("succession", "critical_role_detail"),
                admin_only=True,
            ),
            Link(_("9-box"), "talent:nine_box", "talent", ("nine_box",), admin_only=True),
            Link(
                _("Talent reviews"),
                "talent:reviews",
                "talent",
                ("reviews", "review_detail"),
                admin_only=True,
            ),
            Link(
                _("Department heatmap"),
                "assessments:department_heatmap",
                "assessments",
                ("department_heatmap",),
                admin_only=True,
            ),
            Link(
                _("Gap report"),
                "assessments:gap_report",
                "assessments",
                ("gap_report",),
                admin_only=True,
            ),
            Link(
                _("Assessment cycles"),
                "assessments:cycle_list",
                "assessments",
                ("cycle_list", "cycle_create", "cycle_detail", "calibration"),
                admin_only=True,
            ),
            Link(
                _("Review templates"),
                "assessments:review_templates",
                "assessments",
                ("review_templates", "review_template", "review_template_section"),
                admin_only=True,
            ),
            Link(
                _("Rating calibration"),
                "reward:calibration",
                "reward",
                ("calibration",),
                admin_only=True,
            ),
            Link(
                _("Surveys"),
                "surveys:list",
                "surveys",
                exclude=("mine", "answer", "team"),
                admin_only=True,
            ),
            Link(
                _("Learning impact"),
                "learning:impact",
                "learning",
                ("impact", "content_gaps"),
                admin_only=True,
            ),
        ),
    ),
    (
        "admin",
        _("Admin"),
        (
            Link(_("People"), "people:employee_list", "people", admin_only=True),
            Link(
                _("Plan builds"),
                "learning:plan_builds",
                "learning",
                ("plan_builds",),
                admin_only=True,
            ),
            Link(
                _("Competency scale"),
                "capabilities:scale",
                "capabilities",
                ("scale",),
                admin_only=True,
            ),
            Link(
                _("Pay structure"),
                "reward:pay",
                "reward",
                (
                    "pay",
                    "person_pay",
                    "settings",
                    "bonus_run_list",
                    "bonus_run_detail",
                    "bonus_line",
                ),
                admin_only=True,
            ),
            Link(_("Workflows"), "workflows:template_list", "workflows", admin_only=True),
            Link(_("Integrations"), "integrations:webhook_list", "integrations", admin_only=True),
            Link(_("Audit log"), "audit:event_list", "audit", admin_only=True),
            Link(_("Retention"), "privacy:retention", "privacy", ("retention",), admin_only=True),
            Link(
                _("Sign-in"),
                "accounts:sign_in_settings",
                "accounts",
                ("sign_in_settings",),
                admin_only=True,
            ),
            Link(_("API"), "api-docs", "", ("api-docs",), admin_only=True),
        ),
    ),
)


def viewer_manages_people(request) -> bool:
    """Whether the signed-in person has reports (primary or matrix): read with their employee
    record by `plms.people.middleware`, else once per request."""
    cached = getattr(request, "_plms_manages_people", None)
    if cached is None:
        employee = getattr(request, "employee", None)
        if employee is None:
            cached = False
        elif getattr(employee, "manages_people_now", None) is not None:
            cached = employee.manages_people_now  # read with the employee by the middleware
        else:
            cached = people_selectors.manages_people(manager=employee)
        request._plms_manages_people = cached
    return cached


@functools.cache
def _links_for(is_admin: bool, with_team: bool, urlconf: str | None, prefix: str) -> tuple:
    """The groups and their (link, url) pairs a kind of viewer sees. Resolved once per process
    (per URL configuration and script prefix): only which link is current varies by request."""
    groups = []
    for key, label, links in GROUPS:
        if key == "team" and not with_team:
            continue
        shown = tuple(
            (link, reverse(link.url_name, urlconf=urlconf))
            for link in links
            if is_admin or not link.admin_only
        )
        if shown:
            groups.append((key, label, shown))
    return tuple(groups)


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[dict]:
    """[{key, label, current, links: [{label, url, current}]}] for the viewer."""
    request = context.get("request")
    membership = getattr(request, "membership", None)
    if request is None or membership is None:
        return []
    match = getattr(request, "resolver_match", None)
    app = getattr(match, "app_name", "") or ""
    name = getattr(match, "url_name", "") or ""
    is_admin = membership.is_admin
    with_team = is_admin or viewer_manages_people(request)
    groups = []
    for key, label, links in _links_for(
        is_admin, with_team, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    ):
        shown = [
            {"label": link.label, "url": url, "current": link.is_current(app, name)}
            for link, url in links
        ]
        groups.append(
            {
                "key": key,
                "label": label,
                "links": shown,
                "current": any(item["current"] for item in shown),
            }
        )
    return groups


@register.simple_tag(takes_context=True)
def viewer_has_team(context) -> bool:
    """Whether team pages are of use to the viewer: HR admins (every team) and people who manage
    someone. Pages link to team pages only when this holds, as the navigation does."""
    request = context.get("request")
    membership = getattr(request, "membership", None)
    if request is None or membership is None:
        return False
    return membership.is_admin or viewer_manages_people(request)
