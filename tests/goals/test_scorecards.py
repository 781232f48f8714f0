"""Person and team scorecards: balanced-scorecard perspectives with weights and RAG, who may
open them, empty states, and queries that do not grow with rows."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals import scorecards as scorecard_selectors
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.goals.conftest import actor_for
from tests.goals.factories import GoalFactory, GoalUpdateFactory

TODAY = date.today()


def _goal(org, owner, **fields):
    """An active goal halfway through its time: 40 → 60, so 50 is on pace."""
    defaults = {
        "start_date": TODAY - timedelta(days=30),
        "due_date": TODAY + timedelta(days=30),
    }
    return GoalFactory(organization=org, owner_employee=owner, **{**defaults, **fields})


def test_the_balanced_scorecard_weighs_goals_by_perspective(in_a, cast):
    owner = cast.owner.employee
    _goal(in_a, owner, perspective="financial", current=D(60), weight=D(3))  # 100 %, green
    _goal(in_a, owner, perspective="financial", current=D(40), weight=D(1))  # 0 %, red
    _goal(in_a, owner, perspective="customer", current=D(50), indicator="leading")  # 50 %
    _goal(in_a, owner, perspective="process", status="draft", current=D(60))  # not scored

    card = scorecard_selectors.person_scorecard(actor=actor_for(cast.owner), employee=owner)
    parts = {part.key: part for part in card.perspectives}
    assert list(parts) == ["financial", "customer", "process", "learning"]
    assert parts["financial"].score == D(75)  # (100·3 + 0·1) / 4
    assert parts["financial"].weight_share == D(80)  # 4 of 5
    assert parts["financial"].rag == "red"
    assert parts["financial"].rag_counts == {"green": 1, "amber": 0, "red": 1}
    assert parts["customer"].score == D(50) and parts["process"].goals == []
    assert parts["learning"].score is None and parts["learning"].rag is None
    assert card.overall == D(70)  # (300 + 0 + 50) / 5
    indicators = {part.key: part.score for part in card.indicators}
    assert indicators == {"lagging": D(75), "leading": D(50)}


def test_a_person_scorecard_shows_only_what_the_viewer_may_see(in_a, cast, goal):
    peer_view = scorecard_selectors.person_scorecard(
        actor=actor_for(cast.peer), employee=cast.owner.employee
    )
    assert peer_view.goals == []
    manager_view = scorecard_selectors.person_scorecard(
        actor=actor_for(cast.manager), employee=cast.owner.employee
    )
    assert manager_view.goals == [goal]


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("matrix", 200), ("hr", 200), ("peer", 404)],
)
def test_who_opens_a_person_scorecard(client, cast, goal, who, status):
    client.force_login(getattr(cast, who).user)
    response = client.get(f"/goals/scorecard/{cast.owner.employee.uuid}/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert goal.title in page and "Balanced scorecard" in page and 'class="rag' in page


def test_another_organizations_person_is_404(client, org_b, cast):
    with in_org(org_b):
        stranger = EmployeeFactory(organization=org_b)
    client.force_login(cast.hr.user)
    assert client.get(f"/goals/scorecard/{stranger.uuid}/").status_code == 404


def test_scorecard_pages_have_empty_states(client, cast):
    client.force_login(cast.peer.user)
    assert "nothing to score" in client.get("/goals/scorecard/").content.decode()
    assert "Nobody reports to you" in client.get("/goals/team/scorecard/").content.decode()
    client.force_login(cast.manager.user)
    page = client.get("/goals/team/scorecard/").content.decode()
    assert "Balanced scorecard" in page and cast.owner.employee.full_name in page
    assert "No active goal" in page
    page = client.get("/goals/team/scorecard/?q=nobody-by-this-name").content.decode()
    assert "Nobody in your team matches this search." in page


def test_the_team_scorecard_lists_each_report_with_their_score(client, org_a, cast):
    with in_org(org_a):
        _goal(org_a, cast.owner.employee, current=D(60), perspective="customer")
        _goal(org_a, cast.peer.employee, current=D(40), perspective="financial")
    client.force_login(cast.manager.user)
    response = client.get("/goals/team/scorecard/")
    members = response.context["page"].object_list
    scores = {m.employee: m.scorecard.overall for m in members}
    assert scores[cast.owner.employee] == D(100) and scores[cast.peer.employee] == D(0)
    assert response.context["team"].overall == D(50)
    page = response.content.decode()
    assert f"/goals/scorecard/{cast.owner.employee.uuid}/" in page
    searched = client.get(f"/goals/team/scorecard/?q={cast.peer.employee.last_name}")
    assert [m.employee for m in searched.context["page"].object_list] == [cast.peer.employee]


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["mine", "person", "team"])
def test_scorecard_pages_take_constant_queries(client, org_a, cast, page):
    def grow(n):
        with in_org(org_a):
            for i in range(n):
                report = EmployeeFactory(organization=org_a, manager=cast.manager.employee)
                for owner in (cast.owner.employee, report):
                    goal = _goal(org_a, owner, perspective=["financial", "learning"][i % 2])
                    GoalUpdateFactory(organization=org_a, goal=goal, value=D(45))

    url = {
        "mine": "/goals/scorecard/",
        "person": f"/goals/scorecard/{cast.owner.employee.uuid}/",
        "team": "/goals/team/scorecard/",
    }[page]
    client.force_login((cast.owner if page == "mine" else cast.manager).user)
    grow(2)
    first = _count(client, url)
    grow(8)
    assert _count(client, url) == first
