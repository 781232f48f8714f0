"""The goals API: who sees what, versions and conflicts, progress updates, check-ins, feedback."""

import json
from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.db.models import Prefetch
from rest_framework.utils.encoders import JSONEncoder

from capabilities.models import Capability
from goals import selectors, services
from goals.api import GoalSerializer
from goals.checkins import services as checkin_services
from goals.models import Goal
from plms.people.models import Employee
from plms.tenancy.actors import system_actor
from tests.capabilities.factories import CapabilityFactory, KeyResultFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory, EmployeeFactory
from tests.goals.conftest import actor_for
from tests.goals.factories import (
    GoalAlignmentFactory,
    GoalCapabilityFactory,
    GoalChangeRequestFactory,
    GoalContributorFactory,
    GoalFactory,
)

URL = "/api/v1/goals"


def _client(api_client, member):
    api_client.force_authenticate(member.user)
    api_client.force_login(member.user)
    return api_client


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", True),
        ("contributor", True),
        ("manager", True),
        ("matrix", True),
        ("hr", True),
        ("peer", False),
        ("outsider", False),
    ],
)
def test_who_sees_a_persons_goal(api_client, cast, goal, who, sees):
    client = _client(api_client, getattr(cast, who))
    response = client.get(f"{URL}/{goal.uuid}")
    assert response.status_code == (200 if sees else 404)
    listed = {row["id"] for row in client.get(URL).json()["results"]}
    assert (str(goal.uuid) in listed) is sees


def test_organisation_goals_are_seen_by_every_member(api_client, org_a, cast, goal):
    parent = goal.strategy
    response = _client(api_client, cast.peer).get(f"{URL}/{parent.uuid}")
    assert response.status_code == 200
    assert response.json()["smart"]["passed"] is True


def test_another_organizations_goal_is_404_for_a_key(key_client_b, goal):
    assert key_client_b.get(f"{URL}/{goal.uuid}").status_code == 404
    assert key_client_b.get(URL).json()["results"] == []


def test_a_key_needs_the_goals_scope(make_key_client, org_a, goal):
    client = make_key_client(org_a, ["people:read"])
    assert client.get(URL).status_code == 403
    client = make_key_client(org_a, ["goals:read"])
    assert client.get(URL).status_code == 200
    response = client.post(f"{URL}/{goal.uuid}/updates", {"value": "50"}, format="json")
    assert response.status_code == 403


def test_list_filters_and_search(api_client, org_a, cast, goal):
    GoalFactory(
        organization=org_a,
        owner_employee=cast.owner.employee,
        title="Cut costs by 5 %",
        perspective="financial",
        status="draft",
    )
    client = _client(api_client, cast.owner)

    def titles(query):
        return {row["title"] for row in client.get(f"{URL}?{query}").json()["results"]}

    assert titles("perspective=financial") == {"Cut costs by 5 %"}
    assert titles("status=active&level=operational") == {goal.title}
    assert titles(f"owner={cast.owner.employee.uuid}&search=costs") == {"Cut costs by 5 %"}
    assert titles("level=strategic") == {goal.strategy.title}


def test_create_a_draft_and_activate_it(api_client, cast, goal):
    client = _client(api_client, cast.owner)
    parent = goal.strategy
    response = client.post(
        URL,
        {
            "title": "Raise NPS to 45",
            "unit": "points",
            "baseline": "40",
            "target": "45",
            "start_date": "2027-01-01",
            "due_date": "2027-06-30",
            "parents": [str(parent.uuid)],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["smart"]["passed"] and body["version"] == 1
    response = client.patch(
        f"{URL}/{body['id']}", {"version": 1, "status": "active"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "active" and response.json()["version"] == 2


def test_activation_failing_the_check_names_the_rules(api_client, cast):
    client = _client(api_client, cast.owner)
    body = client.post(URL, {"title": "Do calls"}, format="json").json()
    response = client.patch(
        f"{URL}/{body['id']}", {"version": 1, "status": "active"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "smart_check_failed"
    assert not response.json()["smart"]["passed"]


def test_patch_requires_a_version_and_a_stale_one_is_409(api_client, cast, goal):
    client = _client(api_client, cast.owner)
    response = client.patch(f"{URL}/{goal.uuid}", {"title": "Raise FCR to 61 %"}, format="json")
    assert response.status_code == 400 and "version" in response.json()["fields"]
    response = client.patch(
        f"{URL}/{goal.uuid}", {"version": 1, "title": "Raise FCR to 61 %"}, format="json"
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    response = client.patch(
        f"{URL}/{goal.uuid}", {"version": 1, "title": "Raise FCR to 62 %"}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict"
    assert body["current"]["version"] == 2 and body["current"]["title"] == "Raise FCR to 61 %"


def test_patch_of_the_commitment_creates_a_pending_change_the_manager_decides(
    api_client, cast, goal
):
    client = _client(api_client, cast.owner)
    response = client.patch(
        f"{URL}/{goal.uuid}",
        {"version": 1, "target": "55", "justification": "Merged queue"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["target"] == "60.0000"
    assert response.json()["pending_change"]["changes"]["target"]["after"] == "55.0000"
    assert (
        client.post(
            f"{URL}/{goal.uuid}/decide-change", {"approve": True}, format="json"
        ).status_code
        == 403
    )
    manager = _client(api_client, cast.manager)
    response = manager.post(f"{URL}/{goal.uuid}/decide-change", {"approve": True}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert manager.get(f"{URL}/{goal.uuid}").json()["target"] == "55.0000"
    actions = [e["action"] for e in manager.get(f"{URL}/{goal.uuid}/history").json()["results"]]
    assert actions[:2] == ["goal.change_approved", "goal.change_requested"]


def test_progress_updates_nested_under_the_goal(api_client, key_client_a, cast, goal):
    client = _client(api_client, cast.contributor)
    response = client.post(
        f"{URL}/{goal.uuid}/updates",
        {"value": "50", "comment": "Half way", "confidence": "high"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = key_client_a.post(f"{URL}/{goal.uuid}/updates", {"value": "52"}, format="json")
    assert response.status_code == 201 and response.json()["source"] == "api"
    rows = client.get(f"{URL}/{goal.uuid}/updates").json()["results"]
    assert [(r["value"], r["source"]) for r in rows] == [("52.0000", "api"), ("50.0000", "manual")]
    assert client.get(f"{URL}/{goal.uuid}").json()["current"] == "52.0000"
    peer = _client(api_client, cast.peer)
    assert peer.post(f"{URL}/{goal.uuid}/updates", {"value": "1"}, format="json").status_code == 404


@pytest.mark.parametrize(
    "who, sees",
    [("manager", True), ("owner", True), ("matrix", True), ("peer", False), ("contributor", False)],
)
def test_who_sees_a_check_in(api_client, org_a, cast, who, sees):
    """Its manager and report, and those above either of them (a dotted line counts)."""
    with in_org(org_a):
        series = checkin_services.check_in_series_create(
            actor=actor_for(cast.manager), report=cast.owner.employee
        )
        check_in = series.check_ins.get()
    client = _client(api_client, getattr(cast, who))
    listed = [row["id"] for row in client.get("/api/v1/check-ins").json()["results"]]
    detail = client.get(f"/api/v1/check-ins/{check_in.uuid}")
    assert (listed == [str(check_in.uuid)]) is sees
    assert detail.status_code == (200 if sees else 404)


def test_private_manager_notes_never_reach_the_report(api_client, org_a, cast):
    with in_org(org_a):
        series = checkin_services.check_in_series_create(
            actor=actor_for(cast.manager), report=cast.owner.employee
        )
        check_in = series.check_ins.get()
        checkin_services.check_in_update(
            actor=actor_for(cast.manager), check_in=check_in, private_manager_notes="Flight risk"
        )
    url = f"/api/v1/check-ins/{check_in.uuid}"
    for who, notes in (("manager", "Flight risk"), ("hr", "Flight risk"), ("owner", None)):
        client = _client(api_client, getattr(cast, who))
        assert client.get(url).json()["private_manager_notes"] == notes
        rows = client.get("/api/v1/check-ins").json()["results"]
        assert [r["private_manager_notes"] for r in rows] == [notes]
    report = _client(api_client, cast.owner)
    response = report.patch(url, {"private_manager_notes": "x"}, format="json")
    assert response.status_code == 403
    assert "Flight risk" not in report.get(f"/goals/check-ins/{check_in.uuid}/").content.decode()
    assert _client(api_client, cast.peer).get(url).status_code == 404


def test_check_in_api_flow(api_client, cast):
    manager = _client(api_client, cast.manager)
    response = manager.post(
        "/api/v1/check-ins",
        {"report": str(cast.owner.employee.uuid), "cadence": "weekly"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    url = f"/api/v1/check-ins/{response.json()['id']}"
    assert manager.patch(url, {"obstacles": "Slow CRM"}, format="json").status_code == 200
    response = manager.post(f"{url}/action-items", {"text": "Ask IT"}, format="json")
    assert response.status_code == 201
    items = manager.get(f"{url}/action-items").json()["results"]
    assert [a["text"] for a in items] == ["Ask IT"]
    response = manager.post(f"{url}/escalate", {"part": "obstacles"}, format="json")
    assert response.status_code == 201
    assert response.json()["escalated_to"] == str(cast.hr.employee.uuid)
    assert manager.post(f"{url}/complete").json()["status"] == "completed"


def test_feedback_api(api_client, cast, goal):
    peer = _client(api_client, cast.peer)
    response = peer.post(
        "/api/v1/feedback",
        {
            "receiver": str(cast.owner.employee.uuid),
            "observation": "Sharp analysis",
            "impact": "We decided faster",
            "kind": "recognition",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    url = f"/api/v1/feedback/{response.json()['id']}"
    assert _client(api_client, cast.manager).get(url).status_code == 200
    assert _client(api_client, cast.contributor).get(url).status_code == 404
    response = _client(api_client, cast.owner).post(
        "/api/v1/feedback/requests", {"asked": str(cast.peer.employee.uuid)}, format="json"
    )
    assert response.status_code == 201
    asked = _client(api_client, cast.peer).get("/api/v1/feedback/requests").json()
    assert asked["count"] == 1 and len(asked["results"]) == 1


def test_schema_documents_the_goal_resources(api_client, hr_admin):
    api_client.force_login(hr_admin.user)
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/api/v1/goals/{id}/updates", "/api/v1/check-ins", "/api/v1/feedback"):
        assert path in schema


def test_progress_value_is_a_decimal(api_client, cast, goal):
    response = _client(api_client, cast.owner).post(
        f"{URL}/{goal.uuid}/updates", {"value": "a lot"}, format="json"
    )
    assert response.status_code == 400 and "value" in response.json()["fields"]
    assert D(goal.target) == D(60)


def test_the_list_and_the_goal_agree_on_the_forecast(api_client, cast):
    """The list reads the stored verdict, the goal fits the line through its updates."""
    with in_org(cast.owner.organization):
        slow = GoalFactory(organization=cast.owner.organization, owner_employee=cast.owner.employee)
        unforecast = GoalFactory(
            organization=cast.owner.organization, owner_employee=cast.owner.employee
        )
        owner = actor_for(cast.owner)
        for day, value in (("2027-01-20", "41"), ("2027-02-10", "42")):
            services.goal_progress_record(
                actor=owner,
                goal=slow,
                value=D(value),
                recorded_at=datetime.fromisoformat(f"{day}T12:00:00+00:00"),
            )
    client = _client(api_client, cast.owner)
    listed = {row["id"]: row["likely_to_miss"] for row in client.get(URL).json()["results"]}
    assert listed[str(slow.uuid)] is True and listed[str(unforecast.uuid)] is None
    for goal in (slow, unforecast):
        detail = client.get(f"{URL}/{goal.uuid}").json()
        assert detail["likely_to_miss"] is listed[str(goal.uuid)]


def _serialized_as_before(org, uuids):
    """The goals of `uuids`, in that order, as the list wrote them with `GoalSerializer`:
    instances judged by `goal_list_judged`, links prefetched as public ids in their models'
    order."""
    goals = (
        selectors.goal_list(actor=system_actor(org))
        .filter(uuid__in=uuids)
        .prefetch_related(
            Prefetch("parents", queryset=Goal.objects.only("uuid")),
            Prefetch("contributors", queryset=Employee.objects.only("uuid")),
            Prefetch("capabilities", queryset=Capability.objects.only("uuid")),
        )
    )
    by_uuid = {str(goal.uuid): goal for goal in selectors.goal_list_judged(goals)}
    data = GoalSerializer([by_uuid[uuid] for uuid in uuids], many=True).data
    return json.loads(json.dumps(data, cls=JSONEncoder))


def test_list_of_plain_rows_is_the_serializers_representation(org_a, key_client_a, cast, goal):
    """The list renders `goal_rows()` without model instances: field for field and in the
    serializer's order what `GoalSerializer` wrote for the same goals (links in their order,
    owners, steward, key result, KPI decimals, thresholds, dates, progress, RAG, forecast,
    pending change), in the same order, on every page and with search, ordering and filters."""
    with in_org(org_a):
        later = GoalAlignmentFactory(organization=org_a, child=goal).parent
        earlier = GoalAlignmentFactory(
            organization=org_a, child=goal, parent__due_date=date(2027, 2, 1)
        ).parent
        for last_name in ("Zeller", "Adams"):
            GoalContributorFactory(
                organization=org_a,
                goal=goal,
                employee=EmployeeFactory(organization=org_a, last_name=last_name),
            )
        capabilities = [CapabilityFactory(organization=org_a, name=n) for n in ("Z", "B")]
        for capability in capabilities:
            GoalCapabilityFactory(organization=org_a, goal=goal, capability=capability)
        GoalChangeRequestFactory(organization=org_a, goal=goal)
        Goal.objects.filter(pk=goal.pk).update(
            current=D("47.125"),
            weight=D("2.5"),
            rag_green_at=D("95.5"),
            forecast_misses=True,
            key_result=KeyResultFactory(organization=org_a),
            data_steward=cast.peer.employee,
            data_source="CRM",
        )
        GoalFactory(
            organization=org_a,
            owner_type="department",
            owner_employee=None,
            owner_department=DepartmentFactory(organization=org_a),
            title="Cut costs by 5 %",
            direction="range",
            baseline=None,
            target=None,
            range_low=D(10),
            range_high=D("20.5"),
            current=D(21),
            range_tolerance_percent=D(20),
            start_date=None,
            due_date=None,
            status="completed",
            forecast_misses=True,
        )
        GoalFactory(
            organization=org_a,
            owner_employee=cast.owner.employee,
            direction="decrease",
            baseline=D(100),
            target=D(0),
            current=D("66.6667"),
            rag_amber_at=D(10),
            forecast_misses=False,
            status="draft",
        )
    assert earlier.due_date < later.due_date and earlier.pk > later.pk
    for params in (
        {"page_size": 2},
        {"page_size": 2, "page": 2},
        {"search": "costs"},
        {"ordering": "-due_date"},
        {"ordering": "title"},
        {"status": "active", "page_size": 200},
        {"owner": str(cast.owner.employee.uuid)},
        {"owner_type": "department"},
        {"capability": str(capabilities[0].uuid)},
    ):
        body = key_client_a.get("/api/v1/goals", params).json()
        assert body["results"], params
        with in_org(org_a):
            expected = _serialized_as_before(org_a, [row["id"] for row in body["results"]])
        # The same JSON text: the same fields, in the same order, with the same values.
        assert json.dumps(body["results"]) == json.dumps(expected), params
    listed = {row["id"]: row for row in key_client_a.get("/api/v1/goals").json()["results"]}
    row = listed[str(goal.uuid)]
    assert row["parents"][0] == str(earlier.uuid)
    assert set(row["parents"]) == {str(p.uuid) for p in (earlier, goal.strategy, later)}
    assert row["capabilities"] == [str(capabilities[1].uuid), str(capabilities[0].uuid)]
    assert len(row["contributors"]) == 3
    assert row["has_pending_change"] is True and row["likely_to_miss"] is True
