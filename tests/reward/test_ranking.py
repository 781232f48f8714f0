"""Relative ranking within a calibration group: off by default, the default order (final
rating, score, name), HR's move with a reason (audited, the group renumbered 1..n), groups
kept apart, who may move, the calibration page and the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, NotFound, PermissionDenied
from reward import ranking
from reward.models import CalibrationRank
from tests import factories
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.reward.conftest import actor_of
from tests.reward.factories import PerformanceRatingFactory, RewardSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org_a, scale):
    """Sales in a closed cycle: Ann (4, 80), Bob (4, 75), Cat (3, 90), Dan (unconfirmed, 99);
    Support: Eve (5). Default order in Sales: Ann, Bob, Cat, Dan."""
    cycle = AssessmentCycleFactory(organization=org_a, name="2027 review", status="closed")
    sales = factories.DepartmentFactory(organization=org_a, name="Sales")
    support = factories.DepartmentFactory(organization=org_a, name="Support")
    ratings = {}
    for name, department, level, score in (
        ("Ann", sales, 4, "80"),
        ("Bob", sales, 4, "75"),
        ("Cat", sales, 3, "90"),
        ("Dan", sales, None, "99"),
        ("Eve", support, 5, "70"),
    ):
        person = factories.EmployeeFactory(
            organization=org_a, first_name=name, last_name="Test", department=department
        )
        ratings[name] = PerformanceRatingFactory(
            organization=org_a,
            cycle=cycle,
            employee=person,
            manager_level=level,
            score=Decimal(score),
        )
    return {"cycle": cycle, "sales": sales, "support": support, "ratings": ratings}


def _order(org, group, department) -> list[str]:
    with in_org(org):
        return [
            entry.rating.employee.first_name
            for entry in ranking.calibration_group(cycle=group["cycle"], department=department)
        ]


def _turn_on(org):
    RewardSettingsFactory(organization=org, relative_ranking=True)


def test_the_default_order_is_by_final_rating_then_score(org_a, group):
    assert _order(org_a, group, group["sales"]) == ["Ann", "Bob", "Cat", "Dan"]
    assert _order(org_a, group, group["support"]) == ["Eve"]


def test_ranking_is_off_by_default(org_a, group, hr_admin):
    with in_org(org_a), pytest.raises(ApplicationError) as error:
        ranking.rating_rank(
            actor=actor_of(hr_admin), rating=group["ratings"]["Cat"], position=1, reason="x"
        )
    assert error.value.code == "ranking_off"


def test_hr_moves_a_person_with_a_reason_and_the_group_is_renumbered(org_a, group, hr_admin):
    _turn_on(org_a)
    cat = group["ratings"]["Cat"]
    with in_org(org_a):
        with pytest.raises(ApplicationError) as error:
            ranking.rating_rank(actor=actor_of(hr_admin), rating=cat, position=1, reason=" ")
        assert "reason" in error.value.fields
        for position in (0, 5):
            with pytest.raises(ApplicationError) as error:
                ranking.rating_rank(
                    actor=actor_of(hr_admin), rating=cat, position=position, reason="x"
                )
            assert "position" in error.value.fields
        before = ranking.rating_rank(
            actor=actor_of(hr_admin), rating=cat, position=1, reason="Carried the launch"
        )
        assert before == 3
        ranks = {
            rank.employee.first_name: (rank.position, rank.reason)
            for rank in CalibrationRank.objects.select_related("employee")
        }
        event = AuditEvent.objects.get(action=ranking.RANKED)
    assert ranks == {
        "Cat": (1, "Carried the launch"),
        "Ann": (2, ""),
        "Bob": (3, ""),
        "Dan": (4, ""),
    }
    assert event.changes == {"rank": [3, 1]} and event.reason == "Carried the launch"
    assert _order(org_a, group, group["sales"]) == ["Cat", "Ann", "Bob", "Dan"]
    assert _order(org_a, group, group["support"]) == ["Eve"]
    # A later move keeps HR's order for the others.
    with in_org(org_a):
        ranking.rating_rank(
            actor=actor_of(hr_admin), rating=group["ratings"]["Dan"], position=2, reason="Why"
        )
    assert _order(org_a, group, group["sales"]) == ["Cat", "Dan", "Ann", "Bob"]


def test_someone_who_changes_department_joins_the_new_group_unranked(org_a, group, hr_admin):
    _turn_on(org_a)
    with in_org(org_a):
        ranking.rating_rank(
            actor=actor_of(hr_admin), rating=group["ratings"]["Cat"], position=1, reason="x"
        )
        cat = group["ratings"]["Cat"].employee
        cat.department = group["support"]
        cat.save()
    assert _order(org_a, group, group["sales"]) == ["Ann", "Bob", "Dan"]
    assert _order(org_a, group, group["support"]) == ["Eve", "Cat"]


def test_only_hr_moves(org_a, group, manager, outsider, org_b):
    _turn_on(org_a)
    with in_org(org_a), pytest.raises(PermissionDenied):
        ranking.rating_rank(
            actor=actor_of(manager), rating=group["ratings"]["Cat"], position=1, reason="x"
        )
    with in_org(org_b), pytest.raises(NotFound):
        ranking.rating_rank(
            actor=actor_of(outsider), rating=group["ratings"]["Cat"], position=1, reason="x"
        )
    with in_org(org_a):
        assert not CalibrationRank.objects.exists()


def test_the_calibration_page_shows_and_moves_the_ranking(org_a, group, hr_admin, client):
    client.force_login(hr_admin.user)
    url = reverse("reward:calibration") + f"?cycle={group['cycle'].uuid}"
    assert "Ranking within" not in client.get(url).content.decode()
    _turn_on(org_a)
    page = client.get(url + f"&rank_department={group['sales'].uuid}").content.decode()
    assert "Ranking within Sales" in page
    section = page[page.index("Ranking within") :]
    assert section.index("Ann Test") < section.index("Bob Test") < section.index("Cat Test")
    assert "Eve Test" not in section
    moved = client.post(
        reverse("reward:calibration_rank"),
        {"rating": group["ratings"]["Cat"].uuid, "position": 1, "reason": "Carried the launch"},
    )
    assert moved.status_code == 302
    assert _order(org_a, group, group["sales"])[0] == "Cat"
    page = client.get(moved["Location"]).content.decode()
    assert "Carried the launch" in page
    refused = client.post(
        reverse("reward:calibration_rank"),
        {"rating": group["ratings"]["Ann"].uuid, "position": 1, "reason": ""},
    )
    assert refused.status_code == 302
    assert _order(org_a, group, group["sales"])[0] == "Cat"


def test_the_api_moves_and_reads_the_place(org_a, group, key_client_a, hr_admin):
    cat = group["ratings"]["Cat"]
    url = f"/api/v1/performance-ratings/{cat.uuid}/rank"
    off = key_client_a.post(url, {"position": 1, "reason": "x"}, format="json")
    assert off.status_code == 409 and off.json()["code"] == "ranking_off"
    _turn_on(org_a)
    # Not ranked yet: the default order holds and no place is stored.
    assert key_client_a.get(f"/api/v1/performance-ratings/{cat.uuid}").json()["rank"] is None
    moved = key_client_a.post(url, {"position": 1, "reason": "Carried the launch"}, format="json")
    assert moved.status_code == 200 and moved.json()["rank"] == 1
    assert key_client_a.post(url, {"position": 1}, format="json").status_code == 400
    ann = group["ratings"]["Ann"]
    assert key_client_a.get(f"/api/v1/performance-ratings/{ann.uuid}").json()["rank"] == 2
