"""Aspirations and career paths: the gap to an aspired role beside the current role's, a plan
towards it from learning's builder, the team's aspirations for managers, and the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from plms.common.errors import ApplicationError, PermissionDenied
from talent import selectors, services
from talent.gaps import Requirement, capability_match, gap_index, role_gaps
from talent.models import Aspiration
from tests.capabilities.factories import JobRoleFactory
from tests.conftest import in_org
from tests.talent.conftest import actor_of
from tests.talent.factories import AspirationFactory, CareerPathFactory

D = Decimal


def test_gaps_on_constructed_results():
    requirements = [
        Requirement(1, "Communication", 4, 2),
        Requirement(2, "Coaching", 3, 3),
        Requirement(3, "Planning", 3, 1),
    ]
    gaps = role_gaps(requirements, {1: D("3"), 2: D("2.5")})
    # The largest weighted gap first (2 x 1 before 3 x 0.5); never assessed: last.
    assert [(g.capability_name, g.gap) for g in gaps] == [
        ("Communication", D("1.00")),
        ("Coaching", D("0.50")),
        ("Planning", None),
    ]
    # (2*1 + 3*0.5) / (2 + 3): unassessed requirements are left out of the index
    assert gap_index(gaps) == D("0.70")
    # (2 * 3/4 + 3 * 2.5/3 + 1 * 0) / 6 = 4 / 6
    assert capability_match(gaps) == 67
    assert capability_match(role_gaps(requirements, {})) is None
    met = role_gaps(requirements, {1: D("5"), 2: D("3"), 3: D("3")})
    assert gap_index(met) == D("0.00") and capability_match(met) == 100


def test_the_gap_to_an_aspired_role_beside_the_current_role(careers):
    with in_org(careers.org):
        AspirationFactory(
            organization=careers.org, employee=careers.employee.employee, role=careers.lead
        )
        CareerPathFactory(
            organization=careers.org,
            from_role=careers.advisor,
            to_role=careers.lead,
            typical_months=18,
        )
        view = selectors.career_view(employee=careers.employee.employee)
    # The latest levels (Q4) count, not Q3's.
    assert view.current.role == careers.advisor
    assert [(g.capability_name, g.current, g.gap) for g in view.current.gaps] == [
        ("Communication", D("3"), D("0.00")),
        ("Planning", None, None),
    ]
    [(_aspiration, fit)] = view.aspirations
    assert fit.role == careers.lead and fit.months == 18
    assert [(g.capability_name, g.current, g.target, g.gap) for g in fit.gaps] == [
        ("Coaching", D("2"), 3, D("1.00")),
        ("Communication", D("3"), 4, D("1.00")),
        ("Planning", None, 3, None),
    ]
    assert fit.index == D("1.00") and fit.below_target == 2
    assert [p.to_role for p in view.next_roles] == [careers.lead]


def test_a_plan_for_the_aspired_role_comes_from_the_same_builder(careers):
    with in_org(careers.org):
        aspiration = services.aspiration_add(
            actor=actor_of(careers.employee), employee=careers.employee.employee, role=careers.lead
        )
        plan = services.aspiration_plan_build(
            actor=actor_of(careers.employee), aspiration=aspiration
        )
        reasons = [item.reason for item in plan.items.all()]
    assert "Team Lead" in plan.title
    assert reasons == ["for Team Lead: Coaching 2 → 3"]
    assert plan.employee == careers.employee.employee


def test_up_to_three_aspirations_named_by_the_person(careers):
    employee = careers.employee.employee
    with in_org(careers.org):
        roles = [careers.lead] + [
            JobRoleFactory(organization=careers.org, name=f"Role {n}") for n in range(3)
        ]
        mine = actor_of(careers.employee)
        for role in roles[:3]:
            services.aspiration_add(actor=mine, employee=employee, role=role)
        with pytest.raises(ApplicationError) as too_many:
            services.aspiration_add(actor=mine, employee=employee, role=roles[3])
        assert too_many.value.code == "too_many_aspirations"
        with pytest.raises(ApplicationError) as twice:
            services.aspiration_add(actor=mine, employee=employee, role=roles[0])
        assert twice.value.code == "already_named"
        # Not the role held now; not someone else's; HR may record them.
        services.aspiration_remove(
            actor=mine, aspiration=Aspiration.objects.get(employee=employee, role=roles[1])
        )
        with pytest.raises(ApplicationError) as same:
            services.aspiration_add(actor=mine, employee=employee, role=careers.advisor)
        assert same.value.code == "same_role"
        with pytest.raises(PermissionDenied):
            services.aspiration_add(
                actor=actor_of(careers.manager), employee=employee, role=roles[3]
            )
        services.aspiration_add(actor=actor_of(careers.hr), employee=employee, role=roles[3])
        assert list(
            Aspiration.objects.filter(employee=employee).values_list("rank", flat=True)
        ) == [1, 2, 3]


def test_managers_see_their_teams_aspirations_and_peers_do_not(careers, client):
    with in_org(careers.org):
        AspirationFactory(
            organization=careers.org, employee=careers.employee.employee, role=careers.lead
        )
        assert [
            a.employee for a in selectors.team_aspirations(manager=careers.manager.employee)
        ] == [careers.employee.employee]
        assert not selectors.aspiration_list_for_viewer(actor=actor_of(careers.peer)).exists()
        assert selectors.aspiration_list_for_viewer(actor=actor_of(careers.hr)).count() == 1
    client.force_login(careers.manager.user)
    page = client.get("/talent/team/")
    assert page.status_code == 200 and "Team Lead" in page.content.decode()
    client.force_login(careers.peer.user)
    assert "Team Lead" not in client.get("/talent/team/").content.decode()


def test_the_career_page_names_builds_and_removes_an_aspiration(careers, client):
    client.force_login(careers.employee.user)
    page = client.get("/talent/")
    assert page.status_code == 200
    assert "HR has not described career paths" in page.content.decode()
    response = client.post("/talent/aspirations/add/", {"role": careers.lead.pk})
    assert response.status_code == 302
    with in_org(careers.org):
        aspiration = Aspiration.objects.get()
    page = client.get("/talent/").content.decode()
    assert "Aspiring to: Team Lead" in page and "Build a plan for Team Lead" in page
    built = client.post(f"/talent/aspirations/{aspiration.uuid}/plan/")
    assert built.status_code == 302 and "/learning/plans/" in built["Location"]
    # Another person's aspiration is not found.
    client.force_login(careers.peer.user)
    assert client.post(f"/talent/aspirations/{aspiration.uuid}/remove/").status_code == 404


def test_career_paths_page_is_for_hr(careers, client):
    client.force_login(careers.employee.user)
    assert client.get("/talent/career-paths/").status_code == 403
    client.force_login(careers.hr.user)
    assert "No career paths yet" in client.get("/talent/career-paths/").content.decode()
    response = client.post(
        "/talent/career-paths/",
        {"from_role": careers.advisor.pk, "to_role": careers.lead.pk, "typical_months": 18},
    )
    assert response.status_code == 302
    assert "18 months" in client.get("/talent/career-paths/").content.decode()


def _session(member) -> APIClient:
    client = APIClient()
    client.force_login(member.user)
    return client


def test_aspirations_api(careers, key_client_a):
    employee = _session(careers.employee)
    created = employee.post(
        "/api/v1/aspirations", {"role": str(careers.lead.uuid), "note": "Leading"}, format="json"
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["role_name"] == "Team Lead" and body["rank"] == 1
    assert body["employee"] == str(careers.employee.employee.uuid)
    gap = employee.get(f"/api/v1/aspirations/{body['id']}/gap").json()
    assert gap["gap_index"] == "1.00"
    assert [row["capability"] for row in gap["gaps"]] == ["Coaching", "Communication", "Planning"]
    unknown = employee.post(
        "/api/v1/aspirations", {"role": str(careers.lead.uuid), "colour": "red"}, format="json"
    )
    assert unknown.status_code == 400
    plan = employee.post(f"/api/v1/aspirations/{body['id']}/plan", format="json")
    assert plan.status_code == 201
    assert plan.json()["items"] == ["for Team Lead: Coaching 2 → 3"]
    assert _session(careers.peer).get(f"/api/v1/aspirations/{body['id']}").status_code == 404
    assert len(_session(careers.manager).get("/api/v1/aspirations").json()["results"]) == 1
    # A key names the employee.
    assert (
        key_client_a.post(
            "/api/v1/aspirations", {"role": str(careers.advisor.uuid)}, format="json"
        ).json()["code"]
        == "invalid"
    )


def test_career_paths_api(careers, key_client_a):
    hr = _session(careers.hr)
    created = hr.post(
        "/api/v1/career-paths",
        {
            "from_role": str(careers.advisor.uuid),
            "to_role": str(careers.lead.uuid),
            "typical_months": 18,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    path_id = created.json()["id"]
    assert (
        hr.patch(f"/api/v1/career-paths/{path_id}", {"typical_months": 12}, format="json").json()[
            "typical_months"
        ]
        == 12
    )
    assert (
        _session(careers.employee)
        .post(
            "/api/v1/career-paths",
            {"from_role": str(careers.lead.uuid), "to_role": str(careers.advisor.uuid)},
            format="json",
        )
        .status_code
        == 403
    )
    same = hr.post(
        "/api/v1/career-paths",
        {"from_role": str(careers.lead.uuid), "to_role": str(careers.lead.uuid)},
        format="json",
    )
    assert same.json()["code"] == "same_role"
    assert hr.delete(f"/api/v1/career-paths/{path_id}").status_code == 204


@pytest.mark.parametrize("resource", ["aspirations", "career-paths"])
def test_list_query_count_does_not_grow(careers, key_client_a, resource):
    factory = AspirationFactory if resource == "aspirations" else CareerPathFactory

    key_client_a.get(f"/api/v1/{resource}")
    factory(organization=careers.org)
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get(f"/api/v1/{resource}").status_code == 200
    for _ in range(5):
        factory(organization=careers.org)
    with CaptureQueriesContext(connection) as many:
        assert len(key_client_a.get(f"/api/v1/{resource}").json()["results"]) == 6
    assert len(many.captured_queries) == len(few.captured_queries)
