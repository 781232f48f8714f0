"""Weight maths (including missing kinds), anonymity thresholds, gaps and aggregates."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import gaps, services
from assessments.consolidation import weighted_level
from assessments.models import AttestedRating, ConsolidatedLevel
from assessments.selectors.results import peer_summary
from assessments.services import calibration as calibration_services
from assessments.services import cycles as cycle_services
from assessments.services import ratings as rating_services
from plms.common.errors import ApplicationError
from tests.assessments.conftest import actor_of
from tests.conftest import in_org

WEIGHTS = {"self": 20, "manager": 50, "peer": 20, "expert": 10}


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        # every kind: (20·2 + 50·3 + 20·4 + 10·5) / 100
        ([("self", 2, 100), ("manager", 3, 100), ("peer", 4, 100), ("expert", 5, 100)], "3.20"),
        # no peer, no expert: renormalised over self and manager: (20·2 + 50·3) / 70
        ([("self", 2, 100), ("manager", 3, 100)], "2.71"),
        # only the manager: their level
        ([("manager", 4, 100)], "4.00"),
        # matrix managers 60/40 inside the manager kind: 0.6·4 + 0.4·2 = 3.2
        ([("manager", 4, 60), ("manager", 2, 40)], "3.20"),
        # two peers count equally inside the peer kind; self missing
        ([("manager", 3, 100), ("peer", 2, 100), ("peer", 4, 100)], "3.00"),
    ],
)
def test_weight_maths(ratings, expected):
    assert weighted_level(ratings, WEIGHTS) == Decimal(expected)


def test_nothing_rated_has_no_level():
    assert weighted_level([], WEIGHTS) is None
    assert weighted_level([("peer", 3, 100)], {**WEIGHTS, "peer": 0}) is None


@pytest.fixture
def closed(world):
    """Employee: self 2/2/—, manager 3/3/3 (60 %), matrix manager 5/3/3 (40 %); the peer's
    self-assessment is not submitted."""
    world.launch()
    world.rate(
        world.employee,
        world.assessment(rater=world.employee, kind="self"),
        {0: 2, 1: 2, 2: None},
        submit=True,
    )
    world.rate(
        world.manager,
        world.assessment(rater=world.manager, kind="manager"),
        {0: 3, 1: 3, 2: 3},
        submit=True,
    )
    world.rate(
        world.matrix,
        world.assessment(rater=world.matrix, kind="manager"),
        {0: 5, 1: 3, 2: 3},
        submit=True,
    )
    with in_org(world.org):
        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
    return world


def _levels(world):
    with in_org(world.org):
        return {
            c.capability.key: c
            for c in ConsolidatedLevel.objects.select_related("capability").filter(
                employee=world.employee.employee
            )
        }


def test_consolidation_in_sql_matches_the_rule(closed):
    levels = _levels(closed)
    # customer communication: manager kind 0.6·3 + 0.4·5 = 3.8; (20·2 + 50·3.8) / 70
    expected = weighted_level([("self", 2, 100), ("manager", 3, 60), ("manager", 5, 40)], WEIGHTS)
    assert levels["customer-communication"].level == expected == Decimal("3.29")
    # negotiation: self "not observed" → only the managers
    assert levels["negotiation"].level == Decimal("3.00")
    assert levels["negotiation"].contributions == {
        "manager": {"weight": 50, "mean": "3.00", "ratings": 2}
    }
    assert levels["customer-communication"].rating_count == 3
    assert levels["customer-communication"].target_level == 3
    assert levels["complaint-resolution"].target_level == 4


# --- Attested ratings (a passed exam attests a level) ----------------------------------------


IN_PERIOD = datetime.datetime(2027, 2, 15, 10, 0, tzinfo=datetime.UTC)


def _attest(world, capability, level, *, when=IN_PERIOD, key="exam-1"):
    with in_org(world.org):
        return rating_services.attested_rating_record(
            employee=world.employee.employee,
            capability=capability,
            level=level,
            attested_at=when,
            source="Passed the exam",
            source_key=key,
        )


def _close_with_self_ratings(world, levels):
    world.launch()
    world.rate(
        world.employee,
        world.assessment(rater=world.employee, kind="self"),
        levels,
        submit=True,
    )
    with in_org(world.org):
        cycle_services.cycle_close(actor=world.system, cycle=world.cycle)
    return _levels(world)


def test_an_attested_rating_counts_as_one_expert_rating(world):
    communication, _, negotiation = world.capabilities
    _attest(world, communication, 5)
    _attest(world, negotiation, 4, key="exam-2")
    levels = _close_with_self_ratings(world, {0: 2, 1: 3, 2: None})
    # communication: self 2 (20 %), expert 5 (10 %): (20·2 + 10·5) / 30
    assert levels["customer-communication"].level == Decimal("3.00")
    expert = levels["customer-communication"].contributions["expert"]
    assert (expert["weight"], expert["mean"], expert["ratings"]) == (10, "5.00", 1)
    assert len(expert["attested"]) == 1
    assert levels["customer-communication"].rating_count == 2
    # complaints: no attestation, the self-rating alone
    assert levels["complaint-resolution"].level == Decimal("3.00")
    assert "expert" not in levels["complaint-resolution"].contributions
    # negotiation: not observed by the employee, so the exam alone
    assert levels["negotiation"].level == Decimal("4.00")


def test_the_results_page_says_which_expert_ratings_came_from_exams(world, client):
    _attest(world, world.capabilities[0], 5)
    _close_with_self_ratings(world, {0: 2, 1: 3, 2: 3})
    client.force_login(world.employee.user)
    html = client.get(
        reverse("assessments:results", args=[world.employee.employee.uuid])
    ).content.decode()
    assert "expert 10% (1 from a passed exam)" in html


def test_attested_ratings_outside_the_period_or_without_expert_weight_do_not_count(world):
    communication = world.capabilities[0]
    _attest(
        world, communication, 5, when=datetime.datetime(2026, 12, 31, 23, 0, tzinfo=datetime.UTC)
    )
    _attest(
        world,
        communication,
        5,
        when=datetime.datetime(2027, 4, 1, 0, 30, tzinfo=datetime.UTC),
        key="exam-late",
    )
    levels = _close_with_self_ratings(world, {0: 2, 1: 3, 2: 3})
    assert levels["customer-communication"].level == Decimal("2.00")
    assert "expert" not in levels["customer-communication"].contributions


def test_a_cycle_without_expert_weight_ignores_attested_ratings(world):
    communication = world.capabilities[0]
    with in_org(world.org):
        type(world.cycle).objects.filter(pk=world.cycle.pk).update(weight_expert=0, weight_self=30)
        world.cycle.refresh_from_db()
    _attest(world, communication, 5)
    levels = _close_with_self_ratings(world, {0: 2, 1: 3, 2: 3})
    assert levels["customer-communication"].level == Decimal("2.00")


def test_an_attestation_is_recorded_once_and_checked_against_the_scale(world):
    communication = world.capabilities[0]
    first, created = _attest(world, communication, 4)
    again, created_again = _attest(world, communication, 4)
    assert created and not created_again and again.pk == first.pk
    with pytest.raises(ApplicationError) as error:
        _attest(world, communication, 9, key="exam-9")
    assert error.value.code == services.LEVEL_OUT_OF_SCALE
    with in_org(world.org):
        assert AttestedRating.objects.count() == 1


def test_cycle_closed_event(closed):
    from plms.integrations.models import OutboxEvent

    with in_org(closed.org):
        event = OutboxEvent.objects.get(type="assessment_cycle.closed")
    assert event.payload["data"]["consolidated_levels"] == 3


def test_employee_gaps_and_trend(closed):
    with in_org(closed.org):
        rows = {g.capability.key: g for g in gaps.employee_gaps(employee=closed.employee.employee)}
    assert rows["complaint-resolution"].gap == Decimal("1.29")  # 4 - (20·2 + 50·3)/70
    assert rows["complaint-resolution"].weighted_gap == Decimal("2.58")
    assert rows["customer-communication"].below_target is False
    assert rows["negotiation"].trend is None


def test_calibration_adjustment_needs_a_reason_and_changes_the_gap(closed):
    level = _levels(closed)["complaint-resolution"]
    with in_org(closed.org):
        with pytest.raises(ApplicationError) as error:
            calibration_services.consolidated_level_adjust(
                actor=closed.system, consolidated=level, level=Decimal("4"), reason=""
            )
        assert error.value.code == "reason_required"
        with pytest.raises(ApplicationError):
            calibration_services.consolidated_level_adjust(
                actor=actor_of(closed.manager),
                consolidated=level,
                level=Decimal("4"),
                reason="Calibrated",
            )
        calibration_services.consolidated_level_adjust(
            actor=closed.system,
            consolidated=level,
            level=Decimal("4"),
            reason="Panel agreed after the complaints audit.",
        )
        rows = {g.capability.key: g for g in gaps.employee_gaps(employee=closed.employee.employee)}
    assert rows["complaint-resolution"].gap == Decimal("0.00")


def test_group_report_coverage_and_training_needs(closed):
    with in_org(closed.org):
        levels = gaps.group_levels(cycle=closed.cycle)
        report = {row["key"]: row for row in gaps.capability_report(levels=levels)}
        coverage = {row["key"]: row for row in gaps.coverage(cycle=closed.cycle)}
        needs = gaps.training_needs(levels=levels)
        overall = gaps.overall_gap_index(levels=levels)
    assert report["complaint-resolution"]["below"] == 1
    assert report["complaint-resolution"]["share_below"] == 100
    assert report["customer-communication"]["share_below"] == 0
    assert coverage["customer-communication"]["proficient"] == 1
    assert coverage["customer-communication"]["at_risk"] is True
    assert [(n["key"], n["target_level"], n["people"]) for n in needs] == [
        ("complaint-resolution", 4, 1)
    ]
    # Σ weight·max(gap, 0) / Σ weight = 2·1.29 / (3 + 2 + 1)
    assert overall == Decimal("0.43")


def test_reconsolidation_after_reopen_keeps_calibration(closed):
    level = _levels(closed)["complaint-resolution"]
    with in_org(closed.org):
        calibration_services.consolidated_level_adjust(
            actor=closed.system, consolidated=level, level=Decimal("3.5"), reason="Panel."
        )
        cycle_services.cycle_reopen(actor=closed.system, cycle=closed.cycle, reason="Late rating.")
        cycle_services.cycle_close(actor=closed.system, cycle=closed.cycle)
    again = _levels(closed)["complaint-resolution"]
    assert again.pk == level.pk
    assert again.adjusted_level == Decimal("3.50")


# --- Anonymity -------------------------------------------------------------------------------


def _peer_ratings(world, levels_by_peer):
    """Peers rate the employee's customer communication."""
    from tests.factories import member

    world.launch()
    raters = []
    with in_org(world.org):
        for index, level in enumerate(levels_by_peer):
            person = member(world.org, email=f"colleague{index}@a.example")
            raters.append((person, level))
        from assessments.models import Assessment

        for person, _level in raters:
            Assessment.objects.create(
                cycle=world.cycle,
                employee=world.employee.employee,
                rater=person.employee,
                kind="peer",
            )
    for person, level in raters:
        world.rate(
            person,
            world.assessment(rater=person, kind="peer"),
            {0: level, 1: 3, 2: 3},
            submit=True,
        )
    with in_org(world.org):
        world.cycle.refresh_from_db()
        return peer_summary(cycle=world.cycle, employee=world.employee.employee)


def test_anonymous_peers_hidden_below_the_minimum(world):
    summary = _peer_ratings(world, [4])  # min_peers is 2
    first = summary[world.capabilities[0].pk]
    assert first["hidden"] is True and first["mean"] is None


def test_anonymous_peers_shown_aggregated_from_the_minimum(world):
    summary = _peer_ratings(world, [4, 2])
    first = summary[world.capabilities[0].pk]
    assert first == {"mean": 3.0, "count": 2, "hidden": False}


def test_named_peers_are_shown_whatever_their_number(world):
    with in_org(world.org):
        world.cycle.peer_anonymous = False
        world.cycle.save(update_fields=["peer_anonymous"])
    summary = _peer_ratings(world, [4])
    assert summary[world.capabilities[0].pk]["mean"] == 4.0
