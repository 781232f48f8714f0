"""Goal pages render for the right people, and their queries do not grow with rows."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals import rollups, selectors, services
from goals import views as goal_views
from goals.checkins import selectors as checkin_selectors
from goals.checkins import services as checkin_services
from goals.checkins import views as checkin_views
from goals.models import Goal
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.goals.conftest import GOAL_FORM, actor_for
from tests.goals.factories import (
    ActionItemFactory,
    CheckInFactory,
    CheckInGoalReviewFactory,
    CheckInSeriesFactory,
    FeedbackFactory,
    FeedbackRequestFactory,
    GoalAlignmentFactory,
    GoalContributorFactory,
    GoalFactory,
    GoalUpdateFactory,
)

DAY = timedelta(days=1)


def _count(client, url):
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _goals(org, owner, parent, n):
    for _ in range(n):
        goal = GoalFactory(organization=org, owner_employee=owner)
        GoalUpdateFactory(organization=org, goal=goal)
        GoalUpdateFactory(organization=org, goal=goal, value=D(48))
        GoalAlignmentFactory(organization=org, child=goal, parent=parent)
        GoalContributorFactory(organization=org, goal=goal)


@pytest.mark.parametrize(
    "url",
    ["/goals/", "/goals/tree/", "/goals/team/", "/api/v1/goals", "/goals/check-ins/"],
)
def test_goal_lists_take_constant_queries(client, org_a, cast, goal, url):
    client.force_login(cast.manager.user)
    owner = cast.owner.employee
    if url == "/goals/":
        client.force_login(cast.owner.user)
    _goals(org_a, owner, goal.strategy, 2)
    first = _count(client, url)
    _goals(org_a, owner, goal.strategy, 5)
    assert _count(client, url) == first


def test_check_in_page_takes_constant_queries(client, org_a, cast):
    with in_org(org_a):
        series = checkin_services.check_in_series_create(
            actor=actor_for(cast.manager), report=cast.owner.employee
        )
        check_in = series.check_ins.get()

    def grow(n):
        for _ in range(n):
            goal = GoalFactory(organization=org_a, owner_employee=cast.owner.employee)
            CheckInGoalReviewFactory(organization=org_a, check_in=check_in, goal=goal)
            ActionItemFactory(
                organization=org_a, check_in=check_in, series=series, owner=cast.owner.employee
            )

    client.force_login(cast.manager.user)
    url = f"/goals/check-ins/{check_in.uuid}/"
    grow(2)
    first = _count(client, url)
    grow(5)
    assert _count(client, url) == first


def test_check_in_list_pages_without_counting_and_rates_page_by_manager_name(
    client, org_a, cast, monkeypatch
):
    """The list reads one row more than a page to offer the next (no count of every visible
    check-in) and keeps its filter; HR's completion rates come a page of managers at a time,
    by name, each page counting only its managers' check-ins; the queries stay the same as
    managers and check-ins grow."""
    monkeypatch.setattr(checkin_views, "PAGE_SIZE", 3)
    monkeypatch.setattr(checkin_selectors, "RATES_PER_PAGE", 2)
    past = date.today() - 10 * DAY

    def managers(names):
        for name in names:
            boss = EmployeeFactory(organization=org_a, first_name="Boss", last_name=name)
            series = CheckInSeriesFactory(
                organization=org_a, manager=boss, report=EmployeeFactory(organization=org_a)
            )
            CheckInFactory(organization=org_a, series=series, scheduled_for=past)
            CheckInFactory(
                organization=org_a, series=series, scheduled_for=past - DAY, status="completed"
            )
            CheckInFactory(  # not due yet, and cancelled: neither counts
                organization=org_a, series=series, scheduled_for=date.today() + 3 * DAY
            )
            CheckInFactory(
                organization=org_a, series=series, scheduled_for=past - 2 * DAY, status="cancelled"
            )

    client.force_login(cast.hr.user)
    managers(["Delta", "Alpha"])
    first = _count(client, "/goals/check-ins/")
    managers(["Charlie", "Bravo", "Echo"])
    assert _count(client, "/goals/check-ins/") == first

    page = client.get("/goals/check-ins/").content.decode()
    rates = page.split('id="rates-heading"')[1]
    assert rates.index("Boss Alpha") < rates.index("Boss Bravo")
    assert "Boss Charlie" not in rates and 'href="?rates=2#rates"' in rates
    assert '<td>Boss Alpha</td><td class="num">2</td><td class="num">1</td>' in rates
    second = client.get("/goals/check-ins/?rates=2").content.decode().split('id="rates-heading"')[1]
    assert "Boss Charlie" in second and "Boss Delta" in second and "Boss Alpha" not in second
    assert 'href="?rates=1#rates"' in second and 'href="?rates=3#rates"' in second
    last = client.get("/goals/check-ins/?rates=3").content.decode().split('id="rates-heading"')[1]
    assert "Boss Echo" in last and 'href="?rates=4#rates"' not in last

    listed = client.get("/goals/check-ins/?status=scheduled").content.decode()
    assert 'href="?status=scheduled&amp;page=2" rel="next"' in listed and "Page 1" in listed
    fifth = client.get("/goals/check-ins/?status=scheduled&page=4").content.decode()
    assert (
        'page=5" rel="next"' not in fifth
        and 'href="?status=scheduled&amp;page=3" rel="prev"' in fifth
    )
    assert "No check-ins on this page." in client.get("/goals/check-ins/?page=9").content.decode()
    # The same rates as counted over every check-in at once.
    with in_org(org_a):
        everyone = checkin_selectors.check_in_completion_rates(actor=actor_for(cast.hr))
        paged = [
            rate
            for number in (1, 2, 3)
            for rate in checkin_selectors.check_in_completion_rate_page(
                actor=actor_for(cast.hr), number=number
            ).rates
        ]
    assert sorted(everyone, key=lambda r: r.manager.last_name) == paged


@pytest.mark.parametrize("url", ["/api/v1/check-ins", "/api/v1/feedback", "/goals/feedback/"])
def test_check_in_and_feedback_lists_take_constant_queries(client, org_a, cast, url):
    client.force_login(cast.owner.user)
    series = CheckInSeriesFactory(
        organization=org_a, manager=cast.manager.employee, report=cast.owner.employee
    )

    def grow(n):
        for _ in range(n):
            FeedbackFactory(organization=org_a, receiver=cast.owner.employee, visibility="public")
            asked = FeedbackRequestFactory(organization=org_a, requester=cast.owner.employee)
            FeedbackFactory(
                organization=org_a,
                giver=asked.asked,
                receiver=cast.owner.employee,
                request=asked,
                visibility="public",
            )
            CheckInFactory(organization=org_a, series=series)

    grow(2)
    first = _count(client, url)
    grow(5)
    assert _count(client, url) == first


def test_my_goals_shows_rag_sparkline_and_an_empty_state(client, org_a, cast, goal):
    client.force_login(cast.peer.user)
    page = client.get("/goals/").content.decode()
    assert "You have no goals yet." in page
    with in_org(org_a):
        services.goal_progress_record(actor=actor_for(cast.owner), goal=goal, value=D(45))
        services.goal_progress_record(actor=actor_for(cast.owner), goal=goal, value=D(50))
    client.force_login(cast.owner.user)
    page = client.get("/goals/").content.decode()
    assert goal.title in page and "<polyline" in page and 'class="rag' in page


def test_goal_detail_shows_history_and_the_pending_change(client, org_a, cast, goal):
    with in_org(org_a):
        services.goal_update(
            actor=actor_for(cast.owner),
            goal=goal,
            version=1,
            target=D(55),
            justification="Merged queue",
        )
    client.force_login(cast.manager.user)
    page = client.get(f"/goals/{goal.uuid}/").content.decode()
    assert "Pending change" in page and "Merged queue" in page
    # The history in words: who asked, for what, from which value to which.
    owner = cast.owner.user.get_full_name()
    assert f"{owner} asked to change {goal.title}: target from" in page
    assert "goal.change_requested" not in page
    response = client.post(f"/goals/{goal.uuid}/decide/", {"decision": "approve", "note": "ok"})
    assert response.status_code == 302
    with in_org(org_a):
        assert Goal.objects.get(pk=goal.pk).target == D(55)
    client.force_login(cast.peer.user)
    assert client.get(f"/goals/{goal.uuid}/").status_code == 404


def test_goal_create_page_checks_smart_and_saves_a_draft(client, org_a, cast, goal):
    client.force_login(cast.owner.user)
    data = {
        **GOAL_FORM,
        "owner": f"employee:{cast.owner.employee.uuid}",
        "parents": [str(goal.strategy.uuid)],
    }
    check = client.post("/goals/new/", {**data, "check": "1"}, HTTP_HX_REQUEST="true")
    assert 'id="smart-check"' in check.content.decode() and "passes" in check.content.decode()
    response = client.post("/goals/new/", data)
    assert response.status_code == 302
    with in_org(org_a):
        created = Goal.objects.get(title="Raise NPS to 45")
        assert created.status == "draft" and list(created.parents.all()) == [goal.strategy]


def test_goal_edit_page_with_a_stale_version_reports_the_conflict(client, org_a, cast, goal):
    client.force_login(cast.owner.user)
    page = client.get(f"/goals/{goal.uuid}/edit/")
    assert page.status_code == 200
    with in_org(org_a):
        services.goal_update(
            actor=actor_for(cast.manager), goal=goal, version=1, title="Raise FCR to 61 %"
        )
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"title": "Mine", "version": 1, "parents": [str(goal.strategy.uuid)]})
    response = client.post(f"/goals/{goal.uuid}/edit/", data, follow=True)
    assert "changed by someone else" in response.content.decode()
    with in_org(org_a):
        assert Goal.objects.get(pk=goal.pk).title == "Raise FCR to 61 %"


def test_check_in_page_agenda_and_private_notes(client, org_a, cast, goal):
    with in_org(org_a):
        series = checkin_services.check_in_series_create(
            actor=actor_for(cast.manager), report=cast.owner.employee
        )
        check_in = series.check_ins.get()
    client.force_login(cast.manager.user)
    url = f"/goals/check-ins/{check_in.uuid}/"
    page = client.get(url).content.decode()
    for heading in ("Progress review", "Obstacles", "Priorities", "Private manager notes"):
        assert heading in page
    client.post(
        url,
        {
            "obstacles": "CRM",
            "priorities": "Backlog",
            "shared_notes": "",
            "private_manager_notes": "Ready for promotion",
        },
    )
    client.post(f"{url}actions/", {"text": "Book training", "owner": str(cast.owner.employee.uuid)})
    client.force_login(cast.owner.user)
    page = client.get(url).content.decode()
    assert "Book training" in page and "CRM" in page
    assert "Ready for promotion" not in page and "Private manager notes" not in page


def test_feedback_pages(client, org_a, cast):
    client.force_login(cast.owner.user)
    assert "No feedback yet" in client.get("/goals/feedback/").content.decode()
    response = client.post(
        "/goals/feedback/give/",
        {
            "receiver": str(cast.peer.employee.uuid),
            "kind": "recognition",
            "observation": "Great demo",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    assert "Great demo" in client.get("/goals/feedback/").content.decode()  # public praise
    response = client.post(
        "/goals/feedback/give/",
        {
            "receiver": str(cast.peer.employee.uuid),
            "kind": "corrective",
            "observation": "Late",
            "visibility": "private",
        },
    )
    assert response.status_code == 200 and "expected" in response.content.decode()


def test_goal_tree_rolls_up_by_weights(client, org_a, cast, goal):
    today = date.today()
    with in_org(org_a):
        Goal.objects.filter(pk=goal.pk).update(current=D(50), start_date=today - timedelta(days=1))
        rollups.goal_rollups_refresh(goal_ids=[goal.pk])  # written around the services
    client.force_login(cast.owner.user)
    page = client.get("/goals/tree/").content.decode()
    assert goal.strategy.title in page and "rolled up" in page and "50 %" in page


def test_goal_tree_shows_one_level_and_opens_deeper_ones_on_demand(
    client, org_a, cast, goal, monkeypatch
):
    with in_org(org_a):
        deeper = [
            GoalFactory(
                organization=org_a,
                owner_employee=cast.owner.employee,
                title=f"Step {n}",
                current=D(50),
            )
            for n in range(3)
        ]
        for child in deeper:
            GoalAlignmentFactory(organization=org_a, child=child, parent=goal)
        rollups.goal_rollups_refresh(goal_ids=[child.pk for child in deeper])  # as bulk loads do
        for n in range(3):
            GoalFactory(organization=org_a, owner_employee=cast.owner.employee, title=f"Loose {n}")
    client.force_login(cast.owner.user)
    page = client.get("/goals/tree/").content.decode()
    # The strategy is shown; the goal under it is a link away, and the goal's three below.
    assert goal.strategy.title in page and goal.title not in page
    assert "Show the 1 supporting goal" in page and page.count("(rolled up)") == 1
    level = client.get(
        "/goals/tree/", {"under": goal.strategy.uuid}, headers={"HX-Request": "true"}
    ).content.decode()
    assert goal.title in level and "Step 0" not in level
    assert "Show the 3 supporting goals" in level and "(rolled up)" in level
    fragment = client.get("/goals/tree/", {"under": goal.uuid}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert html.startswith("<ul>") and all(f"Step {n}" in html for n in range(3))
    assert "<html" not in html
    # Without htmx the link opens the goal's branch as a page.
    branch = client.get("/goals/tree/", {"under": goal.uuid}).content.decode()
    assert "Step 2" in branch and "The whole tree" in branch and "Loose 0" not in branch
    # Goals one may not see, and ids that are no goal, are not found.
    with in_org(org_a):
        hidden = GoalFactory(organization=org_a, owner_employee=cast.peer.employee)
    for under in (hidden.uuid, "not-a-goal"):
        assert client.get("/goals/tree/", {"under": under}).status_code == 404
    # Top-level goals come a page at a time: the strategy, then the loose goals by title.
    monkeypatch.setattr(goal_views, "PAGE_SIZE", 2)
    first = client.get("/goals/tree/").content.decode()
    second = client.get("/goals/tree/", {"page": 2}).content.decode()
    assert goal.strategy.title in first and "Loose 0" in first and "Loose 1" not in first
    assert "Loose 1" in second and "Loose 2" in second and "Page 2 of 2" in second


def test_the_organisation_goal_tree_of_hr_opens_one_level_at_a_time_a_page_at_a_time(
    client, org_a, cast, goal, monkeypatch
):
    with in_org(org_a):
        for n in range(3):
            step = GoalFactory(
                organization=org_a, owner_employee=cast.peer.employee, title=f"Step {n}"
            )
            GoalAlignmentFactory(organization=org_a, child=step, parent=goal)
        GoalFactory(organization=org_a, owner_employee=cast.peer.employee, title="Loose")
        gone = GoalFactory(
            organization=org_a, owner_employee=cast.peer.employee, status="cancelled"
        )
        GoalAlignmentFactory(organization=org_a, child=goal.strategy, parent=gone)
    client.force_login(cast.hr.user)
    page = client.get("/goals/tree/").content.decode()
    assert goal.strategy.title in page and "Loose" in page and "Show the 1 supporting goal" in page
    assert goal.title not in page
    fragment = client.get(
        "/goals/tree/", {"under": goal.strategy.uuid}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.startswith("<ul>") and goal.title in fragment
    assert "Show the 3 supporting goals" in fragment and "Step 0" not in fragment
    assert client.get("/goals/tree/", {"under": gone.uuid}).status_code == 404
    # A level comes a page at a time too: the next page replaces the link to it.
    monkeypatch.setattr(goal_views, "PAGE_SIZE", 2)
    steps = {"under": goal.uuid}
    first = client.get("/goals/tree/", steps, headers={"HX-Request": "true"}).content.decode()
    assert "Step 0" in first and "Step 2" not in first and "Show more (2 of 3 shown)" in first
    steps["page"] = 2
    second = client.get("/goals/tree/", steps, headers={"HX-Request": "true"}).content.decode()
    assert "Step 2" in second and not second.startswith("<ul>") and "Show more" not in second
    # Without htmx, a level is a page of its own.
    branch = client.get("/goals/tree/", steps).content.decode()
    assert "Step 2" in branch and "The whole tree" in branch and "Page 2 of 2" in branch
    monkeypatch.setattr(goal_views, "PAGE_SIZE", 1)
    top = client.get("/goals/tree/", {"page": 2}).content.decode()
    assert "Loose" in top and goal.strategy.title not in top and "Page 2 of 2" in top

    def count(query) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/goals/tree/", query).status_code == 200
        return len(captured)

    queries = [{}, {"under": goal.strategy.uuid}, {"under": goal.uuid}]
    first_counts = [count(query) for query in queries]
    _goals(org_a, cast.owner.employee, goal.strategy, 4)
    _goals(org_a, cast.owner.employee, goal, 4)
    assert [count(query) for query in queries] == first_counts


def test_team_goals_at_risk_come_a_page_at_a_time_worst_first(client, org_a, cast, monkeypatch):
    with in_org(org_a):
        for n, current in enumerate((D(40), D(41), D(42))):  # 0, 5 and 10 % of the way: red
            GoalFactory(
                organization=org_a,
                owner_employee=cast.owner.employee,
                title=f"Behind {n}",
                current=current,
                start_date=date.today() - timedelta(days=90),
                due_date=date.today() + timedelta(days=10),
            )
    monkeypatch.setattr(goal_views, "PAGE_SIZE", 2)
    evaluated = []  # how many goals each display evaluation is given
    display = selectors.goal_list_for_display

    def counted(goals, **kwargs):
        goals = list(goals)
        evaluated.append(len(goals))
        return display(goals, **kwargs)

    monkeypatch.setattr(selectors, "goal_list_for_display", counted)
    client.force_login(cast.manager.user)
    first = client.get("/goals/team/").content.decode()
    assert "Behind 0" in first and "Behind 1" in first and "Behind 2" not in first
    # Only the page's goals are loaded and evaluated for display, not the whole team's.
    assert evaluated == [2]
    second = client.get("/goals/team/", {"page": 2}).content.decode()
    assert "Behind 2" in second and "Page 2 of 2" in second


def test_action_items_are_ticked_off_from_the_check_in_page(client, org_a, cast):
    with in_org(org_a):
        series = checkin_services.check_in_series_create(
            actor=actor_for(cast.manager), report=cast.owner.employee
        )
        check_in = series.check_ins.get()
        item = checkin_services.action_item_add(
            actor=actor_for(cast.manager), check_in=check_in, text="Call IT"
        )
    client.force_login(cast.peer.user)
    url = f"/goals/check-ins/actions/{item.uuid}/"
    client.post(url, {"done": "1", "check_in": str(check_in.uuid)})
    with in_org(org_a):
        item.refresh_from_db()
        assert item.done_at is None  # not a participant
    client.force_login(cast.owner.user)
    response = client.post(url, {"done": "1", "check_in": str(check_in.uuid)})
    assert response.url == f"/goals/check-ins/{check_in.uuid}/"
    with in_org(org_a):
        item.refresh_from_db()
        assert item.done_at is not None


def test_a_refused_progress_update_keeps_what_was_typed_and_says_where(client, org_a, cast, goal):
    client.force_login(cast.owner.user)
    response = client.post(
        f"/goals/{goal.uuid}/progress/",
        {"value": "about half", "confidence": "high", "comment": "Two prospects went quiet."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Two prospects went quiet." in page  # the comment is still in its box
    assert 'value="about half"' in page
    assert "There is a problem" in page and 'href="#id_value"' in page  # summary → field
    assert 'id="id_value_error"' in page
