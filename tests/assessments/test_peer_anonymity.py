"""Anonymous peers count in the totals only from the cycle's minimum: below it, a level they
moved (or calibration's figures) would give a lone peer's rating away to anyone who knows the
other kinds' ratings. The cycle weights manager 50, self 20, peer 20, expert 10; min_peers 2."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Assessment, ConsolidatedLevel, Rating
from assessments.reviews import services as review_services
from assessments.services import cycles as cycle_services
from tests.assessments.conftest import actor_of
from tests.conftest import in_org
from tests.factories import member

MANAGER_ONLY = Decimal("3.00")  # the manager's 3
WITH_PEERS = Decimal("3.57")  # (50·3 + 20·5) / 70


PEER_SECTIONS = [
    {"kind": "capabilities", "rater_kinds": ["self", "manager", "peer"], "required": True},
    {
        "kind": "rating",
        "title": "Teamwork",
        "rater_kinds": ["peer"],
        "required": True,
        "questions": [{"key": "q-help", "text": "How readily do they help out?"}],
    },
]


def _rated(world, *, submitted_peers, draft_peers=0, anonymous=True, answers=False):
    """The manager rates the employee 3 everywhere, each peer 5 (and answers the peer
    question with 5 when `answers`); then the cycle closes."""
    with in_org(world.org):
        if not anonymous:
            world.cycle.peer_anonymous = False
            world.cycle.save(update_fields=["peer_anonymous"])
        if answers:
            template = review_services.review_template_create(
                actor=world.system, name="Peers", sections=PEER_SECTIONS
            )
            cycle_services.cycle_update(
                actor=world.system, cycle=world.cycle, review_template=template
            )
    world.launch()
    world.rate(
        world.manager,
        world.assessment(rater=world.manager, kind="manager"),
        {0: 3, 1: 3, 2: 3},
        submit=True,
    )
    for index in range(submitted_peers + draft_peers):
        with in_org(world.org):
            person = member(world.org, email=f"colleague{index}@a.example")
            Assessment.objects.create(
                cycle=world.cycle,
                employee=world.employee.employee,
                rater=person.employee,
                kind="peer",
            )
        assessment = world.assessment(rater=person, kind="peer")
        if answers:
            with in_org(world.org):
                review_services.answers_save(
                    actor=actor_of(person), assessment=assessment, answers={"q-help": 5}
                )
        world.rate(
            person,
            assessment,
            {0: 5, 1: 5, 2: 5},
            submit=index < submitted_peers,
        )
    with in_org(world.org):
        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
    return world


def _level(world):
    with in_org(world.org):
        return ConsolidatedLevel.objects.get(
            employee=world.employee.employee, capability=world.capabilities[0]
        )


def test_peer_ratings_below_the_minimum_do_not_move_the_level(world):
    level = _level(_rated(world, submitted_peers=1))
    assert level.level == MANAGER_ONLY
    assert "peer" not in level.contributions
    assert level.rating_count == 1


def test_peers_who_have_not_submitted_do_not_make_up_the_minimum(world):
    level = _level(_rated(world, submitted_peers=1, draft_peers=1))
    assert level.level == MANAGER_ONLY and "peer" not in level.contributions


def test_peer_ratings_count_from_the_minimum(world):
    level = _level(_rated(world, submitted_peers=2))
    assert level.level == WITH_PEERS
    assert level.contributions["peer"] == {"weight": 20, "mean": "5.00", "ratings": 2}
    assert level.rating_count == 3


def test_named_peers_count_whatever_their_number(world):
    level = _level(_rated(world, submitted_peers=1, anonymous=False))
    assert level.level == WITH_PEERS and level.contributions["peer"]["ratings"] == 1


@pytest.mark.parametrize(("peers", "shown"), [(1, False), (2, True)])
def test_pages_and_api_show_nothing_of_peers_below_the_minimum(
    world, client, key_client_a, peers, shown
):
    _rated(world, submitted_peers=peers)
    client.force_login(world.hr.user)
    results = client.get(reverse("assessments:results", args=[world.employee.employee.uuid]))
    calibration = client.get(reverse("assessments:calibration", args=[world.cycle.uuid]))
    gaps = key_client_a.get(f"/api/v1/employees/{world.employee.employee.uuid}/gaps").json()
    current = {row["capability_key"]: row["current_level"] for row in gaps["gaps"]}
    assert current["customer-communication"] == str(WITH_PEERS if shown else MANAGER_ONLY)
    assert ("peer 20%" in results.content.decode()) is shown
    assert (str(WITH_PEERS) in results.content.decode()) is shown
    assert (str(WITH_PEERS) in calibration.content.decode()) is shown


@pytest.mark.parametrize(("peers", "shown"), [(1, False), (2, True)])
def test_calibration_answer_totals_leave_out_peers_below_the_minimum(world, client, peers, shown):
    _rated(world, submitted_peers=peers, answers=True)
    client.force_login(world.hr.user)
    html = client.get(reverse("assessments:calibration", args=[world.cycle.uuid])).content
    html = html.decode()
    assert "How readily do they help out?" in html
    assert ("mean 5" in html) is shown
    assert ("No answers" in html) is not shown


def test_a_lone_peer_rating_of_a_capability_does_not_count_though_enough_peers_submitted(world):
    """Two peers submit (the minimum) but only one rates the first capability, the other marks
    it "not observed": that one rating would be the peers' mean there, so it does not count;
    on the capabilities both rated, the peers count."""
    _rated(world, submitted_peers=2)
    with in_org(world.org):
        lone = Rating.objects.get(
            assessment__kind="peer",
            assessment__rater__user__email="colleague1@a.example",
            capability=world.capabilities[0],
        )
        lone.level = None
        lone.save(update_fields=["level"])
        cycle_services.cycle_reopen(
            actor=world.system, cycle=world.cycle, reason="A rating was corrected"
        )
        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
        levels = {
            level.capability_id: level
            for level in ConsolidatedLevel.objects.filter(employee=world.employee.employee)
        }
    first, second = (levels[world.capabilities[i].pk] for i in (0, 1))
    assert first.level == MANAGER_ONLY and "peer" not in first.contributions
    assert first.rating_count == 1
    assert second.level == WITH_PEERS and second.contributions["peer"]["ratings"] == 2


@pytest.mark.parametrize("anonymous", [True, False])
def test_rater_analytics_name_peers_only_in_a_cycle_that_names_them(world, anonymous):
    from assessments import fairness

    _rated(world, submitted_peers=2, anonymous=anonymous)
    with in_org(world.org):
        names = {row["name"] for row in fairness.rater_analytics(cycle=world.cycle)["raters"]}
        peers = {
            assessment.rater.full_name
            for assessment in Assessment.objects.filter(cycle=world.cycle, kind="peer")
        }
    assert len(peers) == 2
    assert world.manager.employee.full_name in names
    assert (peers <= names) is not anonymous
    assert not (peers & names) or not anonymous
