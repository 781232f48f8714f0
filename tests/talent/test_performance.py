"""Performance for the 9-box and succession evidence: the overall rating of the cycle (reward)
when a manager confirmed it or calibration settled it, banded over the organisation's scale;
the consolidated results against targets for everyone else."""

from __future__ import annotations

import pytest

from talent import nine_box, performance, pool_selectors
from tests.conftest import in_org
from tests.reward.factories import PerformanceRatingFactory, RatingLevelFactory
from tests.talent.factories import PotentialAssessmentFactory


@pytest.mark.parametrize(
    ("lowest", "highest", "expected"),
    [
        (1, 5, {1: 1, 2: 1, 3: 2, 4: 3, 5: 3}),
        (1, 3, {1: 1, 2: 2, 3: 3}),
        (1, 4, {1: 1, 2: 2, 3: 2, 4: 3}),
        (2, 2, {2: 2}),
    ],
)
def test_an_overall_rating_is_banded_over_the_scale(lowest, highest, expected):
    assert {
        level: performance.band_rating(level, lowest=lowest, highest=highest) for level in expected
    } == expected


def test_the_overall_rating_wins_over_results_and_results_stay_the_fallback(careers):
    employee, peer = careers.employee.employee, careers.peer.employee
    careers.assess(peer, careers.q4, {"communication": 3, "coaching": 3})
    with in_org(careers.org):
        # Results alone: the employee has Communication 3 and Coaching 2 against targets of 3
        # (a gap index of 0.5: medium); the peer is at target (high).
        assert performance.performance_ratings(cycle=careers.q4) == {employee.pk: 2, peer.pk: 3}
        # The shipped 1-5 scale until the organisation sets its own.
        PerformanceRatingFactory(
            organization=careers.org, cycle=careers.q4, employee=employee, manager_level=5
        )
        # A proposal nobody confirmed is not a rating: the peer keeps their results.
        PerformanceRatingFactory(
            organization=careers.org, cycle=careers.q4, employee=peer, proposed_level=1
        )
        assert performance.performance_ratings(cycle=careers.q4) == {employee.pk: 3, peer.pk: 3}
        # Calibration's level beats the manager's.
        rating = employee.performance_ratings.get()
        rating.calibrated_level = 2
        rating.save()
        assert performance.performance_ratings(employee_ids=[employee.pk]) == {employee.pk: 1}
        # The organisation's own 3-level scale: 2 is the middle.
        for value in (1, 2, 3):
            RatingLevelFactory(organization=careers.org, value=value)
        assert performance.performance_ratings(employee_ids=[employee.pk]) == {employee.pk: 2}
        # A rating in an older cycle does not speak for the latest one.
        PerformanceRatingFactory(
            organization=careers.org, cycle=careers.q3, employee=peer, manager_level=1
        )
        assert performance.performance_ratings(employee_ids=[peer.pk]) == {peer.pk: 3}
        assert performance.performance_ratings(employee_ids=[peer.pk], cycle=careers.q3) == {
            peer.pk: 1
        }


def test_the_nine_box_and_the_evidence_read_the_overall_rating(careers):
    employee = careers.employee.employee
    with in_org(careers.org):
        PotentialAssessmentFactory(
            organization=careers.org, employee=employee, cycle=careers.q4, level=3
        )
        assert pool_selectors.box_of(employee_ids=[employee.pk]) == {employee.pk: "2-3"}
        PerformanceRatingFactory(
            organization=careers.org,
            cycle=careers.q4,
            employee=employee,
            manager_level=4,
        )
        assert pool_selectors.box_of(employee_ids=[employee.pk]) == {employee.pk: "3-3"}
        view = nine_box.nine_box()
        (top,) = [b for row in view.boxes for b in row if b["key"] == "3-3"]
        assert top["count"] == 1
        assert nine_box.box_people(view, key="3-3", limit=10) == [employee]
