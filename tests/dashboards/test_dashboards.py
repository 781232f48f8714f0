"""The home dashboards: what each role sees, what it must not see, and their cost in queries."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import get_language

from assessments.models import Assessment, AssessmentCycle, ConsolidatedLevel
from assessments.results_cache import results_changed
from assessments.selectors import cycles as cycle_selectors
from capabilities.models import CapabilityCategory
from dashboards import organisation
from learning.models import PlanItem
from plms.people.models import Department, Employee
from plms.tenancy.models import Membership
from plms.web import services
from plms.web.models import MemberActivity
from tests.assessments.factories import (
    AssessmentCycleFactory,
    AssessmentFactory,
    ConsolidatedLevelFactory,
)
from tests.capabilities.factories import CapabilityCategoryFactory, CapabilityFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory
from tests.goals.factories import (
    CheckInFactory,
    CheckInSeriesFactory,
    FeedbackFactory,
    FeedbackRequestFactory,
    GoalFactory,
    GoalRedEpisodeFactory,
)
from tests.home import home_page, home_sections
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory
from tests.web.factories import MemberActivityFactory
from tests.workflows.factories import NotificationFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _page(client, url="/"):
    """The home as the person sees it: the page and the sections it loads after it."""
    return home_page(client, url)


def _count(client, url="/") -> int:
    """Queries of the page and of each of its sections (each must stay constant)."""
    client.get(url)  # the first request of the day records the visit and writes the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        sections = home_sections(response.content.decode())
        while sections:  # with the sections the sections load
            fragment = client.get(sections.pop(0), headers={"HX-Request": "true"})
            assert fragment.status_code == 200
            sections += home_sections(fragment.content.decode())
    return len(queries)


def _red_goal(org, owner, **fields):
    """Off track: no progress two thirds of the way to the due date."""
    return GoalFactory(
        organization=org,
        owner_employee=owner,
        start_date=TODAY - 60 * DAY,
        due_date=TODAY + 30 * DAY,
        current=D(40),
        **fields,
    )


def _open_cycle(org, **fields):
    return AssessmentCycleFactory(
        organization=org,
        status=AssessmentCycle.Status.OPEN,
        deadline_self=TODAY - 2 * DAY,
        deadline_manager=TODAY + 20 * DAY,
        **fields,
    )


def _closed_cycle(org):
    return AssessmentCycleFactory(
        organization=org,
        status=AssessmentCycle.Status.CLOSED,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
    )


# --- Employee ------------------------------------------------------------------------------------


def test_what_is_due_comes_in_order_of_urgency(login_client, org_a, employee, manager):
    cycle = _open_cycle(org_a, name="Spring review")
    AssessmentFactory(organization=org_a, cycle=cycle, employee=employee.employee)  # overdue
    series = CheckInSeriesFactory(
        organization=org_a, manager=manager.employee, report=employee.employee
    )
    CheckInFactory(organization=org_a, series=series, scheduled_for=TODAY)
    plan = DevelopmentPlanFactory(organization=org_a, employee=employee.employee, status="active")
    PlanItemFactory(organization=org_a, plan=plan, title="Shadow a senior", due_date=TODAY + DAY)
    PlanItemFactory(organization=org_a, plan=plan, title="Finished", status="done")
    FeedbackRequestFactory(organization=org_a, requester=manager.employee, asked=employee.employee)
    page = _page(login_client(employee))
    order = [
        page.index("Your self-assessment"),
        page.index("Check-in with"),
        page.index("Shadow a senior"),
        page.index("asked for your feedback"),
    ]
    assert order == sorted(order)
    assert "Overdue since" in page and "Due today" in page
    assert "No deadline" in page and "No date" not in page  # the feedback asked for
    assert "Finished" not in page.split("What is due")[1].split("</section>")[0]
    assert "1 of 2 items done" in page  # the plan's progress


def test_employee_sees_their_capabilities_goals_and_feedback(
    login_client, org_a, employee, manager
):
    cycle = _closed_cycle(org_a)
    category = CapabilityCategoryFactory(organization=org_a)
    for name, level in (("Listening", D("2.0")), ("Empathy", D("3.5")), ("Writing", D(3))):
        capability = CapabilityFactory(organization=org_a, name=name, category=category)
        with in_org(org_a):
            from capabilities.models import JobRole, RoleAssignment, RoleRequirement

            role = JobRole.objects.first() or JobRole.objects.create(name="Advisor")
            RoleRequirement.objects.create(role=role, capability=capability, target_level=3)
            RoleAssignment.objects.get_or_create(role=role, employee=employee.employee)
        ConsolidatedLevelFactory(
            organization=org_a,
            cycle=cycle,
            employee=employee.employee,
            capability=capability,
            level=level,
        )
    _red_goal(org_a, employee.employee, title="Raise my resolution rate to 60 %")
    FeedbackFactory(
        organization=org_a,
        giver=manager.employee,
        receiver=employee.employee,
        observation="You calmed an angry caller.",
    )
    page = _page(login_client(employee))
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="radar"' in page
    assert "The same figures as a table" in page and '<th scope="row">Listening</th>' in page
    assert "Raise my resolution rate to 60 %" in page and "Off track" in page
    assert "You calmed an angry caller." in page


def test_an_employee_never_sees_team_or_organisation_sections(login_client, employee):
    page = _page(login_client(employee))
    for text in ("Your team", "Your organisation", "Capability gaps by department", "Adoption"):
        assert text not in page
    assert 'href="/people/"' not in page
    assert 'id="nav-team"' not in page and 'id="nav-admin"' not in page
    assert 'id="nav-me"' in page and 'id="nav-organisation"' in page


def test_a_new_employee_gets_empty_states_with_the_next_action(login_client, employee):
    page = _page(login_client(employee))
    assert "Nothing is due right now" in page
    assert "You have no development plan yet" in page and 'href="/learning/my-plan/"' in page
    assert "You have no active goals" in page and 'href="/goals/new/"' in page
    assert "No feedback yet" in page and 'href="/goals/feedback/#ask-feedback"' in page


# --- Manager -------------------------------------------------------------------------------------


def _report(org, manager, *, name, open_cycle=None, closed_cycle=None, capability=None):
    report = EmployeeFactory(organization=org, manager=manager, first_name=name, last_name="X")
    if open_cycle is not None:
        AssessmentFactory(organization=org, cycle=open_cycle, employee=report, status="submitted")
        AssessmentFactory(
            organization=org,
            cycle=open_cycle,
            employee=report,
            rater=manager,
            kind=Assessment.Kind.MANAGER,
        )
    if closed_cycle is not None:
        ConsolidatedLevelFactory(
            organization=org,
            cycle=closed_cycle,
            employee=report,
            capability=capability,
            level=D("1.5"),
            target_level=3,
        )
    series = CheckInSeriesFactory(organization=org, manager=manager, report=report)
    CheckInFactory(organization=org, series=series, scheduled_for=TODAY + 2 * DAY)
    plan = DevelopmentPlanFactory(organization=org, employee=report, status="active")
    PlanItemFactory(organization=org, plan=plan, status="done")
    PlanItemFactory(organization=org, plan=plan)
    return report


def test_manager_sees_the_team_table_with_one_click_actions(login_client, org_a, manager):
    open_cycle = _open_cycle(org_a)
    closed_cycle = _closed_cycle(org_a)
    capability = CapabilityFactory(organization=org_a, name="Negotiation")
    report = _report(
        org_a,
        manager.employee,
        name="Zoe",
        open_cycle=open_cycle,
        closed_cycle=closed_cycle,
        capability=capability,
    )
    _red_goal(org_a, report)
    page = _page(login_client(manager))
    assert "Your team" in page and "Zoe X" in page
    assert "Self-assessment done: your rating is due" in page
    assert "Negotiation (\u22121.5)" in page
    assert "1 at risk (1 off track)" in page
    assert "50 %" in page
    with in_org(org_a):
        rating = Assessment.objects.get(employee=report, kind="manager")
    assert f'href="/assessments/{rating.uuid}/"' in page
    assert f'href="/goals/feedback/give/?to={report.uuid}"' in page
    assert "/goals/check-ins/" in page
    assert "Team capability heatmap" in page and "1.5 / 3" in page
    assert 'id="nav-team"' in page


def test_goals_at_risk_below_the_team_are_a_section_of_their_own(
    login_client, org_a, hr_admin, manager, employee
):
    """The team's table counts its direct reports' goals; the worst goals of everyone below
    (a report's report here) load after the team section, and are a page without JavaScript."""
    _red_goal(org_a, employee.employee, title="Deep in the branch")
    client = login_client(hr_admin)  # the manager's manager
    team = client.get("/home/team/", headers={"HX-Request": "true"}).content.decode()
    assert home_sections(team) == ["/home/team/goals-at-risk/"]
    assert "Deep in the branch" not in team
    assert "Team Manager" in team and "1 at risk" not in team  # the manager's own goals only
    card = client.get("/home/team/goals-at-risk/", headers={"HX-Request": "true"})
    assert "Deep in the branch" in card.content.decode() and "<html" not in card.content.decode()
    page = client.get("/home/team/goals-at-risk/").content.decode()
    assert "<h1>Goals at risk in your team</h1>" in page and "Deep in the branch" in page
    assert "Deep in the branch" in _page(client)
    _red_goal(org_a, manager.employee, title="The manager's own")
    assert "1 at risk (1 off track)" in _page(client)
    assert login_client(employee).get("/home/team/goals-at-risk/").status_code == 404


def test_the_team_heatmap_card_shows_where_most_people_are_below_target(
    login_client, org_a, manager
):
    closed_cycle = _closed_cycle(org_a)
    anna = _report(org_a, manager.employee, name="Anna")
    bert = _report(org_a, manager.employee, name="Bert")
    # Fourteen capabilities at target (3 of 3), named so that the two below target sort last.
    levels = [(f"Area {index:02d}", (anna, bert), 3) for index in range(14)]
    levels += [("Zoning", (anna, bert), 1), ("Yield", (anna,), 1)]
    for name, people, level in levels:
        capability = CapabilityFactory(organization=org_a, name=name)
        for person in people:
            ConsolidatedLevelFactory(
                organization=org_a,
                cycle=closed_cycle,
                employee=person,
                capability=capability,
                level=D(level),
                target_level=3,
            )
    card = _page(login_client(manager)).split("Team capability heatmap")[1].split("</table>")[0]
    headers = [
        header.split("</th>")[0] for header in card.split('<th scope="col">')[2:]
    ]  # after "Person"
    assert headers == [f"Area {index:02d}" for index in range(10)] + ["Yield", "Zoning"]
    assert "The 12 capabilities with the most people below target, of 16." in card


def test_team_table_sorts_and_filters(login_client, org_a, manager):
    anna = _report(org_a, manager.employee, name="Anna")
    _report(org_a, manager.employee, name="Bert")
    _red_goal(org_a, anna)
    client = login_client(manager)
    table = _page(client, "/?sort=-name").split("Who needs what")[1]
    assert table.index("Bert X") < table.index("Anna X")
    assert 'aria-sort="descending"' in table
    table = _page(client, "/?sort=name").split("Who needs what")[1]
    assert table.index("Anna X") < table.index("Bert X")
    table = _page(client, "/?sort=-goals").split("Who needs what")[1]  # the most at risk first
    assert table.index("Anna X") < table.index("Bert X")
    filtered = _page(client, "/?show=at_risk")
    assert "Anna X" in filtered.split("Who needs what")[1].split("</table>")[0]
    assert "Bert X" not in filtered.split("Who needs what")[1].split("</table>")[0]
    searched = _page(client, "/?q=bert")
    assert "1 report shown" in searched
    nobody = _page(client, "/?q=nobody&sort=bogus&show=bogus")
    assert "Nobody in your team matches these filters." in nobody


def test_manager_dashboard_queries_do_not_grow_with_the_team(login_client, org_a, manager):
    open_cycle = _open_cycle(org_a)
    closed_cycle = _closed_cycle(org_a)
    capability = CapabilityFactory(organization=org_a)
    client = login_client(manager)

    def grow(n, start):
        for i in range(n):
            report = _report(
                org_a,
                manager.employee,
                name=f"R{start + i}",
                open_cycle=open_cycle,
                closed_cycle=closed_cycle,
                capability=capability,
            )
            _red_goal(org_a, report)

    grow(2, 0)
    few = _count(client)
    grow(8, 2)
    assert _count(client) == few


# --- HR ------------------------------------------------------------------------------------------


def _department_with_results(org, cycle, current_cycle, index):
    department = DepartmentFactory(organization=org, name=f"Department {index}")
    category = CapabilityCategoryFactory(organization=org, name=f"Category {index}")
    capability = CapabilityFactory(organization=org, category=category)
    person = EmployeeFactory(organization=org, department=department)
    ConsolidatedLevelFactory(
        organization=org,
        cycle=cycle,
        employee=person,
        capability=capability,
        level=D(2),
        target_level=3,
    )
    AssessmentFactory(organization=org, cycle=current_cycle, employee=person, status="submitted")
    goal = _red_goal(org, person, perspective="financial")
    GoalRedEpisodeFactory(
        organization=org,
        goal=goal,
        turned_red_at=timezone.now() - 2 * DAY,
        first_action_at=timezone.now(),
        first_action="update",
    )
    plan = DevelopmentPlanFactory(organization=org, employee=person, status="active")
    PlanItemFactory(
        organization=org,
        plan=plan,
        status="done",
        completed_at=timezone.now(),
        capability=capability,
    )
    return department


def test_hr_sees_the_organisation_with_drill_down_links(login_client, org_a, hr_admin):
    closed = _closed_cycle(org_a)
    current = _open_cycle(org_a, name="Winter review")
    department = _department_with_results(org_a, closed, current, 1)
    page = _page(login_client(hr_admin))
    assert "Your organisation" in page and 'href="/people/"' in page
    assert "Capability gaps by department" in page and "Category 1" in page
    assert f'href="/assessments/gaps/?cycle={closed.uuid}&amp;department={department.uuid}"' in page
    assert f'href="/assessments/team/?cycle={closed.uuid}&amp;department={department.uuid}"' in page
    assert '1.00<span class="muted"> · 100 %' in page  # gap index and share below target
    assert "Winter review" in page  # the funnel follows the open cycle
    assert "Goals by perspective" in page
    assert "first action after 2 days" in page and "(progress recorded)" in page
    assert "Learning impact" in page and "Adoption" in page
    assert 'id="nav-admin"' in page and 'id="nav-organisation"' in page


def test_hr_dashboard_queries_do_not_grow_with_the_organisation(login_client, org_a, hr_admin):
    closed = _closed_cycle(org_a)
    current = _open_cycle(org_a)
    client = login_client(hr_admin)
    for index in range(2):
        _department_with_results(org_a, closed, current, index)
    few = _count(client)
    for index in range(2, 10):
        _department_with_results(org_a, closed, current, index)
        MemberActivityFactory(organization=org_a, day=TODAY - index * DAY)
    assert _count(client) == few


def _gaps_card(client) -> str:
    section = client.get("/home/organisation/", headers={"HX-Request": "true"}).content.decode()
    return section.split('id="org-heat-heading"')[1].split("</section>")[0]


def test_the_gap_card_is_rendered_once_until_what_it_shows_changes(login_client, org_a, hr_admin):
    """The departments x categories card is kept rendered; a change to the results, to a
    department's or category's name, to someone's department or to the cycle's name shows at
    once."""
    closed = _closed_cycle(org_a)
    current = _open_cycle(org_a)
    department = _department_with_results(org_a, closed, current, 1)
    client = login_client(hr_admin)
    assert '1.00<span class="muted"> · 100 %' in _gaps_card(client)
    with CaptureQueriesContext(connection) as queries:
        _gaps_card(client)
    levels = 'FROM "assessments_consolidatedlevel"'  # the figures' query (not learning impact's)
    assert not [q for q in queries.captured_queries if levels in q["sql"]]

    with in_org(org_a):  # a calibration: the results changed
        ConsolidatedLevel.objects.filter(cycle=closed).update(level=D(3))
        results_changed(cycle_ids=[closed.pk])
    assert '0.00<span class="muted"> · 0 %' in _gaps_card(client)

    with in_org(org_a):
        Department.objects.filter(pk=department.pk).update(name="Renamed department")
        CapabilityCategory.objects.update(name="Renamed category")
    card = _gaps_card(client)
    assert "Renamed department" in card and "Renamed category" in card

    with in_org(org_a):
        AssessmentCycle.objects.filter(pk=closed.pk).update(name="Autumn results")
        moved = DepartmentFactory(organization=org_a, name="Another department")
        Employee.objects.filter(department=department).update(department=moved)
    card = _gaps_card(client)
    assert "Autumn results" in card and "Another department" in card
    assert "Renamed department" not in card


def _items_done_tile(page: str) -> str:
    return page.split('<span class="label">plan items done</span>')[0].rsplit(">", 2)[-2]


def test_the_organisation_trends_are_computed_at_most_every_few_minutes(
    login_client, org_a, hr_admin, settings
):
    settings.PLMS_DASHBOARD_CACHE_SECONDS = 120
    closed = _closed_cycle(org_a)
    winter = _open_cycle(org_a, name="Winter review")
    _department_with_results(org_a, closed, winter, 1)
    client = login_client(hr_admin)
    first = _page(client)
    assert _items_done_tile(first) == "100 %</span"
    assert "as of" in first

    with in_org(org_a):
        done = PlanItem.objects.select_related("plan", "capability", "item").get()
    PlanItemFactory(  # one of two done now
        organization=org_a, plan=done.plan, capability=done.capability, item=done.item
    )
    cached = _count(client)
    assert _items_done_tile(_page(client)) == "100 %</span"  # within the minutes: as computed

    # A new cycle to follow is a new set of trends at once.
    _open_cycle(org_a, name="Spring review")
    page = _page(client)
    assert "Nobody is in this cycle yet." in page and _items_done_tile(page) == "50 %</span"
    assert _count(client) == cached

    # Closing the followed cycle shows its funnel closed at once.
    with in_org(org_a):
        AssessmentCycle.objects.filter(name="Spring review").delete()
        assert cycle_selectors.current_cycle() == winter
        funnel = _page(client).split('id="funnel-heading"')[1].split("</section>")[0]
        assert '<span class="stage-closed"' not in funnel
        AssessmentCycle.objects.filter(pk=winter.pk).update(status=AssessmentCycle.Status.CLOSED)
        assert cycle_selectors.current_cycle() == winter
    funnel = _page(client).split('id="funnel-heading"')[1].split("</section>")[0]
    assert '<span class="stage-closed"' in funnel

    settings.PLMS_DASHBOARD_CACHE_SECONDS = 0  # computed on every view
    computed = _count(client)
    assert computed > cached


def test_trends_due_again_are_computed_by_one_request_while_others_show_the_last(
    org_a, hr_admin, settings
):
    settings.PLMS_DASHBOARD_CACHE_SECONDS = 120
    with in_org(org_a):
        cycle = cycle_selectors.current_cycle()
        first = organisation.organisation_trends(organization=org_a, cycle=cycle)
        key = _trends_key(org_a)
        due = {**first, "trends_as_of": first["trends_as_of"] - datetime.timedelta(seconds=300)}
        cache.set(key, due, 3600)
        cache.add(f"{key}:refresh", 1, 60)  # another request is computing them
        assert organisation.organisation_trends(organization=org_a, cycle=cycle) == due
        cache.delete(f"{key}:refresh")  # it is done, or gave up: the next one computes
        again = organisation.organisation_trends(organization=org_a, cycle=cycle)
        assert again["trends_as_of"] > first["trends_as_of"]
        assert organisation.organisation_trends(organization=org_a, cycle=cycle) == again


def _trends_key(org) -> str:
    """The organisation's trends without a cycle, today, in the active language."""
    today = timezone.localdate().isoformat()
    return f"plms:web:trends:{org.uuid}:-:{today}:{get_language() or '-'}"


def test_employee_dashboard_queries_do_not_grow(login_client, org_a, employee, manager):
    client = login_client(employee)
    cycle = _open_cycle(org_a)

    series = CheckInSeriesFactory(
        organization=org_a, manager=manager.employee, report=employee.employee
    )

    def grow(n):
        for _ in range(n):
            days_ago = len(created)
            created.append(days_ago)
            AssessmentFactory(
                organization=org_a,
                cycle=cycle,
                employee=EmployeeFactory(organization=org_a),
                rater=employee.employee,
                kind="peer",
            )
            _red_goal(org_a, employee.employee)
            FeedbackFactory(organization=org_a, giver=manager.employee, receiver=employee.employee)
            CheckInFactory(organization=org_a, series=series, scheduled_for=TODAY - days_ago * DAY)

    created: list[int] = []
    grow(2)
    few = _count(client)
    grow(8)
    assert _count(client) == few


def test_a_brand_new_organisation_shows_where_to_start(login_client, org_b, outsider):
    page = _page(login_client(outsider))
    assert "Get started" in page and 'href="/people/import/"' in page
    assert "No assessment cycle has been launched yet." in page
    assert 'href="/assessments/cycles/new/"' in page
    assert "No active goals yet." in page and "Write a strategic goal" in page
    assert "No goal has turned red yet." in page
    assert "No development plan is running yet." in page


def test_a_person_with_several_roles_sees_every_section(login_client, hr_admin, manager):
    page = _page(login_client(hr_admin))  # HR admin and the manager's manager
    assert "My work" in page and "Your team" in page and "Your organisation" in page
    assert "Team Manager" in page


def test_another_organisations_data_never_appears(login_client, org_a, org_b, hr_admin, outsider):
    theirs_cycle = _closed_cycle(org_b)
    _department_with_results(org_b, theirs_cycle, _open_cycle(org_b, name="Their review"), 7)
    with in_org(org_b):
        from goals.models import Goal

        Goal.objects.filter(owner_employee__isnull=False).update(title="Their secret goal")
    MemberActivityFactory(organization=org_b, user=outsider.user, day=TODAY, dashboard_views=9)
    page = _page(login_client(hr_admin))
    for text in ("Department 7", "Category 7", "Their review", "Their secret goal"):
        assert text not in page
    assert "Their review" in _page(login_client(outsider))


# --- Activity, time zone, navigation ------------------------------------------------------------


def test_dashboard_views_are_counted_once_per_member_per_day(login_client, org_a, employee):
    client = login_client(employee)
    client.get("/")
    client.get("/")
    with in_org(org_a):
        activity = MemberActivity.objects.get(user=employee.user)
        assert (activity.day, activity.dashboard_views) == (TODAY, 2)
        services.member_activity_record(user=employee.user, day=TODAY - DAY)
        assert MemberActivity.objects.filter(user=employee.user).count() == 2


def test_adoption_counts_active_people_and_views_by_week(login_client, org_a, hr_admin, employee):
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    MemberActivityFactory(
        organization=org_a, user=employee.user, day=monday - 7 * DAY, dashboard_views=3
    )
    MemberActivityFactory(
        organization=org_a, user=hr_admin.user, day=monday - 6 * DAY, dashboard_views=4
    )
    page = _page(login_client(hr_admin))
    adoption = page.split('id="adoption-heading"')[1]
    last_week = adoption.split((monday - 7 * DAY).strftime("%-d %b %Y"))[1].split("</tr>")[0]
    assert [cell.split(">")[1] for cell in last_week.split("<td")[1:3]] == ["2</td", "7</td"]


@pytest.mark.parametrize(
    ("org_zone", "user_zone", "shown"),
    [
        ("Asia/Tokyo", "UTC", "09:00"),
        ("Asia/Tokyo", "America/New_York", "19:00"),
        ("UTC", "UTC", "00:00"),
    ],
)
def test_times_are_shown_in_the_viewers_time_zone(
    login_client, org_a, employee, org_zone, user_zone, shown
):
    org_a.time_zone = org_zone
    org_a.save()
    employee.user.time_zone = user_zone
    employee.user.save()
    NotificationFactory(
        organization=org_a,
        recipient=employee.user,
        event="workflow.reminder",
        title="Rate your team",
        created_at=datetime.datetime(2026, 1, 5, 0, 0, tzinfo=datetime.UTC),
    )
    page = _page(login_client(employee))
    assert "Rate your team" in page
    day = "Sun 4 Jan" if user_zone == "America/New_York" else "Mon 5 Jan"
    assert f"{day}, {shown}" in page


def test_navigation_is_grouped_by_role_and_marks_the_current_page(
    login_client, hr_admin, manager, employee
):
    page = _page(login_client(hr_admin))
    for heading in ("Me", "Team", "Organisation", "Admin"):
        assert f'">{heading}</span>' in page
    assert 'aria-controls="main-nav"' in page and 'id="main-nav"' in page
    assert '<a href="/" aria-current="page">Home</a>' in page
    goals = _page(login_client(employee), "/goals/")
    assert '<a href="/goals/" aria-current="page">Goals</a>' in goals
    assert '<a href="/" aria-current="page">' not in goals


def test_sections_load_after_the_page_and_are_pages_without_javascript(
    login_client, org_a, hr_admin, manager, employee
):
    client = login_client(hr_admin)  # HR admin and the manager's manager
    page = client.get("/").content.decode()
    assert home_sections(page) == ["/home/me/", "/home/team/", "/home/organisation/"]
    # The page itself is what is due: none of the person's other cards, the team or the
    # organisation.
    assert "What is due" in page and "My capabilities vs my role" not in page
    assert "Who needs what" not in page and "Capability gaps by department" not in page
    assert 'href="/home/team/"' in page and 'href="/home/organisation/"' in page
    assert 'href="/home/me/"' in page
    mine = client.get("/home/me/", headers={"HX-Request": "true"}).content.decode()
    assert "My capabilities vs my role" in mine and "My goals" in mine and "<html" not in mine
    mine_page = client.get("/home/me/").content.decode()
    assert "<h1>My work</h1>" in mine_page and '<div class="dash-grid">' in mine_page
    fragment = client.get("/home/organisation/", headers={"HX-Request": "true"})
    assert "Capability gaps by department" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    full = client.get("/home/organisation/").content.decode()
    assert "<html" in full and "<h1>Your organisation</h1>" in full and 'id="main-nav"' in full
    sorted_team = client.get("/?sort=-name&show=behind").content.decode()
    assert "/home/team/?sort=-name&amp;show=behind" in sorted_team
    people = login_client(employee)
    assert people.get("/home/team/").status_code == 404  # manages nobody
    assert people.get("/home/organisation/").status_code == 403
    assert home_sections(people.get("/").content.decode()) == ["/home/me/"]
    # Signed in without an employee record: nothing of one's own to show.
    unlinked = UserFactory()
    with in_org(org_a):
        Membership.objects.create(organization=org_a, user=unlinked, role="member")
    client.force_login(unlinked)
    assert home_sections(client.get("/").content.decode()) == []
    assert client.get("/home/me/").status_code == 404
