"""Pay equity: medians and gaps per grade, per job role and per grade and role, for pay and for a
review's increases; small groups suppressed in every combination; unexplained gaps after
grade, rating and position in range."""

from __future__ import annotations

import itertools
import uuid
from decimal import Decimal

import pytest

from reward import equity, equity_gaps
from reward.equity import GRADE, GRADE_ROLE, INCREASE, ROLE, EquityPerson
from tests.capabilities.factories import JobRoleFactory, RoleAssignmentFactory
from tests.conftest import in_org
from tests.reward.factories import (
    CompensationProposalFactory,
    CompensationReviewFactory,
    PayGradeFactory,
    PayRecordFactory,
    PerformanceRatingFactory,
)

pytestmark = pytest.mark.django_db

GRADE_IDS = {name: uuid.uuid4() for name in ("G1", "G2", "G3")}
ROLE_IDS = {name: uuid.uuid4() for name in ("R1", "R2", "R3")}


def _pay(org, grade, gender, amounts, role=None):
    for amount in amounts:
        record = PayRecordFactory(
            organization=org,
            grade=grade,
            base_pay=Decimal(amount),
            equity_attributes={"gender": gender},
        )
        if role is not None:
            RoleAssignmentFactory(organization=org, employee=record.employee, role=role)


def _person(n, grade, role, value, pay=50000, rating=3, position=50, increase=None):
    return EquityPerson(
        employee_id=n,
        grade=grade,
        grade_id=GRADE_IDS[grade],
        role=role,
        role_id=ROLE_IDS[role],
        value=value,
        pay=Decimal(pay),
        compa_ratio=Decimal(1),
        position=Decimal(position),
        rating=rating,
        increase=None if increase is None else Decimal(increase),
    )


def _people(spec):
    """[(grade, role, value, how many)] → people, numbered."""
    counter = itertools.count()
    return [
        _person(next(counter), grade, role, value)
        for grade, role, value, count in spec
        for _ in range(count)
    ]


def test_medians_and_the_gap_to_the_largest_group(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    _pay(org_a, grade, "male", [50000, 52000, 54000, 56000, 58000, 60000])
    _pay(org_a, grade, "female", [48000, 49000, 51000, 50000, 47000])
    with in_org(org_a):
        assert equity.equity_attributes() == ["gender"]
        (g5,) = equity.pay_equity(attribute="gender", min_group=5)
    assert g5.reference == "male" and g5.label == "G5"
    female, male = g5.groups
    assert (female.count, female.median, female.suppressed) == (5, Decimal("49000.00"), False)
    assert male.median == Decimal("55000.00")
    assert female.gap == Decimal("-10.9") and male.gap == Decimal("0.0")
    assert female.median_compa_ratio == Decimal("0.98")


def test_a_small_group_is_suppressed_and_so_is_its_only_comparison(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    _pay(org_a, grade, "male", [50000] * 6)
    _pay(org_a, grade, "female", [40000] * 2)
    with in_org(org_a):
        (g5,) = equity.pay_equity(attribute="gender", min_group=5)
    assert all(group.suppressed for group in g5.groups)
    assert all(group.median is None and group.gap is None for group in g5.groups)
    assert {group.count for group in g5.groups} == {6, 2}


def test_with_two_large_groups_only_the_small_one_is_hidden(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    _pay(org_a, grade, "male", [50000] * 5)
    _pay(org_a, grade, "female", [50000] * 5)
    _pay(org_a, grade, "non-binary", [52000])
    with in_org(org_a):
        (g5,) = equity.pay_equity(attribute="gender", min_group=5)
    hidden = {group.value: group.suppressed for group in g5.groups}
    assert hidden == {"female": False, "male": False, "non-binary": True}


def test_within_each_job_role_and_each_grade_and_role(org_a):
    g1 = PayGradeFactory(organization=org_a, name="G1")
    g2 = PayGradeFactory(organization=org_a, name="G2", minimum=50000, midpoint=60000)
    advisor = JobRoleFactory(organization=org_a, name="Advisor")
    lead = JobRoleFactory(organization=org_a, name="Lead")
    _pay(org_a, g1, "male", [50000] * 5, advisor)
    _pay(org_a, g1, "female", [45000] * 5, advisor)
    _pay(org_a, g2, "male", [60000] * 5, lead)
    _pay(org_a, g2, "female", [57000] * 5, lead)
    _pay(org_a, g2, "female", [60000] * 5, advisor)
    with in_org(org_a):
        people = equity.equity_people(attribute="gender")
    by_role = equity.compare(people, breakdown=ROLE, min_group=5)
    assert [cell.label for cell in by_role] == ["Advisor", "Lead"]
    advisor_female = by_role[0].groups[0]
    assert (advisor_female.count, advisor_female.median) == (10, Decimal("52500.00"))
    assert by_role[0].reference == "female" and by_role[0].groups[1].gap == Decimal("-4.8")
    both = equity.compare(people, breakdown=GRADE_ROLE, min_group=5, job_role_id=advisor.uuid)
    assert [cell.label for cell in both] == ["G1 · Advisor", "G2 · Advisor"]
    # G2 · Advisor has women only: one group is nothing to compare, and it shows.
    assert both[1].groups[0].gap == Decimal("0.0")


def test_increases_in_a_review_compared_across_the_attribute(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    review = CompensationReviewFactory(organization=org_a)
    for gender, percent, how_many in (("male", "4.00", 5), ("female", "3.00", 5)):
        for _ in range(how_many):
            record = PayRecordFactory(
                organization=org_a, grade=grade, equity_attributes={"gender": gender}
            )
            CompensationProposalFactory(
                organization=org_a,
                review=review,
                employee=record.employee,
                increase_percent=Decimal(percent),
            )
    rejected = PayRecordFactory(organization=org_a, grade=grade, equity_attributes={"gender": "x"})
    CompensationProposalFactory(
        organization=org_a, review=review, employee=rejected.employee, status="rejected"
    )
    with in_org(org_a):
        people = equity.equity_people(attribute="gender", review=review)
    (cell,) = equity.compare(people, metric=INCREASE, min_group=5)
    female, male = cell.groups
    assert (female.count, female.median, female.gap) == (5, Decimal("3.00"), Decimal("-1.00"))
    assert male.median == Decimal("4.00") and female.median_compa_ratio is None


# --- Suppression in every combination --------------------------------------------------------


SPREAD = [
    ("G1", "R1", "female", 5),
    ("G1", "R2", "female", 1),
    ("G1", "R1", "male", 6),
    ("G1", "R2", "male", 6),
    ("G2", "R1", "female", 3),
    ("G2", "R2", "female", 3),
    ("G2", "R3", "male", 7),
    ("G2", "R3", "female", 6),
    ("G2", "R3", "x", 2),
    ("G3", "R1", "female", 9),
    ("G3", "R1", "male", 9),
]


def _figures(cells):
    return {
        (cell.grade, cell.job_role, group.value): group for cell in cells for group in cell.groups
    }


@pytest.mark.parametrize("min_group", [3, 5, 7])
def test_no_small_group_is_shown_or_derivable_in_any_combination(min_group):
    people = _people(SPREAD)
    shown = {
        breakdown: _figures(equity.compare(people, breakdown=breakdown, min_group=min_group))
        for breakdown in (GRADE, ROLE, GRADE_ROLE)
    }
    whole = {key: group for figures in shown.values() for key, group in figures.items()}
    filters = [(None, None)]
    filters += [(g, None) for g in GRADE_IDS.values()]
    filters += [(None, r) for r in ROLE_IDS.values()]
    filters += list(itertools.product(GRADE_IDS.values(), ROLE_IDS.values()))
    for breakdown in (GRADE, ROLE, GRADE_ROLE):
        for grade_id, role_id in filters:
            cells = equity.compare(
                people,
                breakdown=breakdown,
                min_group=min_group,
                grade_id=grade_id,
                job_role_id=role_id,
            )
            for key, group in _figures(cells).items():
                # A filter picks cells; it never shows what the whole breakdown hides.
                assert group.suppressed == whole[key].suppressed
                if group.count < min_group:
                    assert group.suppressed and group.median is None and group.gap is None
            for cell in cells:
                hidden = [g for g in cell.groups if g.suppressed]
                assert not hidden or len(cell.groups) - len(hidden) != 1
    # A grade's (or role's) shown figure minus its shown grade-and-role parts never leaves a
    # hidden remainder smaller than the minimum.
    for side, parent_breakdown in ((0, GRADE), (1, ROLE)):
        for (grade, role, value), parent in shown[parent_breakdown].items():
            if parent.suppressed:
                continue
            name = grade if side == 0 else role
            parts = [
                group
                for (g, r, v), group in shown[GRADE_ROLE].items()
                if v == value and (g if side == 0 else r) == name
            ]
            remainder = sum(group.count for group in parts if group.suppressed)
            assert remainder == 0 or remainder >= min_group


def test_a_remainder_by_subtraction_is_hidden_too():
    # G1: 6 women (5 as R1, 1 as R2): G1's women show, so G1 · R1's women must not, or the one
    # woman in R2 would be G1's figure minus R1's.
    people = _people(SPREAD[:4])
    grade = _figures(equity.compare(people, breakdown=GRADE, min_group=5))
    assert not grade[("G1", "", "female")].suppressed
    parts = _figures(equity.compare(people, breakdown=GRADE_ROLE, min_group=5))
    assert parts[("G1", "R2", "female")].suppressed
    assert parts[("G1", "R1", "female")].suppressed
    assert parts[("G1", "R1", "male")].suppressed  # then the last group left in its cell


# --- Unexplained gaps ------------------------------------------------------------------------


def _gap_people(female_factor: float, ratings=(2, 3, 4)):
    """Two grades; women mostly in the lower one. Within a grade pay depends on the rating
    only, times `female_factor` for women."""
    counter = itertools.count()
    people = []
    for grade, base, women, men in (("G1", 40000, 12, 3), ("G2", 70000, 3, 12)):
        for value, count in (("female", women), ("male", men)):
            for i in range(count):
                rating = ratings[i % len(ratings)]
                pay = base * (1 + 0.05 * rating) * (female_factor if value == "female" else 1)
                people.append(_person(next(counter), grade, "R1", value, round(pay), rating))
    return people


def test_a_gap_explained_by_grade_is_not_unexplained():
    scopes = equity_gaps.unexplained_gaps(_gap_people(1.0), min_group=3, threshold=Decimal(5))
    overall = scopes[0]
    assert overall.scope == "All grades" and overall.estimated and overall.reference == "male"
    female = next(g for g in overall.groups if g.value == "female")
    assert female.raw_gap < Decimal(-25)  # women are mostly in the lower-paid grade
    assert abs(female.adjusted_gap) < Decimal("0.1") and not female.for_review
    assert equity_gaps.for_review(scopes) == []


def test_a_built_in_gap_is_found():
    scopes = equity_gaps.unexplained_gaps(_gap_people(0.9), min_group=3, threshold=Decimal(5))
    flagged = {(scope.scope, group.value): group for scope, group in equity_gaps.for_review(scopes)}
    # Women are paid 10 % less than men of the same grade and rating (men 1/0.9 - 1 = 11.1 %
    # more where women are the larger group).
    assert flagged[("All grades", "female")].adjusted_gap == Decimal("-10.0")
    assert flagged[("G1", "male")].adjusted_gap == Decimal("11.1")
    assert flagged[("G2", "female")].adjusted_gap == Decimal("-10.0")
    assert set(flagged) == {("All grades", "female"), ("G1", "male"), ("G2", "female")}


def test_a_rating_difference_explains_a_gap():
    # Women rated 2, men 4; pay follows the rating exactly.
    people = [
        _person(n, "G1", "R1", value, 50000 * (1 + 0.05 * rating), rating)
        for n, (value, rating) in enumerate([("female", 2)] * 5 + [("male", 4)] * 5 + [("male", 2)])
    ]
    (_overall, g1) = equity_gaps.unexplained_gaps(people, min_group=3, threshold=Decimal(1))
    assert next(g for g in g1.groups if g.value == "female").raw_gap < Decimal(-5)
    assert all(abs(g.adjusted_gap) < Decimal("0.1") for g in g1.groups)


def test_increase_gaps_control_for_position_in_range():
    # The merit matrix gives less to those high in range; women sit higher in range.
    people = [
        _person(n, "G1", "R1", value, position=position, increase=5 - position / 25)
        for n, (value, position) in enumerate(
            [("female", 80)] * 4 + [("female", 40)] * 2 + [("male", 20)] * 4 + [("male", 60)] * 2
        )
    ]
    scopes = equity_gaps.unexplained_gaps(
        people, metric=INCREASE, min_group=3, threshold=Decimal("0.5")
    )
    female = next(g for g in scopes[1].groups if g.value == "female")
    assert female.raw_gap < Decimal(-1) and abs(female.adjusted_gap) < Decimal("0.01")


def test_small_groups_get_no_adjusted_gap_and_tiny_scopes_are_not_estimated():
    people = [*_gap_people(0.9), _person(100, "G1", "R1", "x", 30000)]
    overall, g1, _g2 = equity_gaps.unexplained_gaps(people, min_group=3, threshold=Decimal(5))
    x = next(g for g in g1.groups if g.value == "x")
    assert x.suppressed and x.adjusted_gap is None and x.raw_gap is None
    # Hidden in its grade, so not in all grades together either (no figure by subtraction).
    assert "x" not in {g.value for g in overall.groups} and overall.people == 30
    few = [_person(n, "G3", "R1", v) for n, v in enumerate(["female"] * 2 + ["male"] * 2)]
    (_overall, g3) = equity_gaps.unexplained_gaps(few, min_group=2, threshold=Decimal(5))
    assert not g3.estimated and all(g.adjusted_gap is None for g in g3.groups)


def test_least_squares_leaves_out_a_column_the_others_explain():
    rows = [{0: 1.0, 1: 1.0, 2: 1.0}, {0: 1.0}, {0: 1.0, 1: 1.0, 2: 1.0}, {0: 1.0}]
    beta = equity_gaps.least_squares(rows, [3.0, 1.0, 3.0, 1.0], 3)
    assert beta[0] == pytest.approx(1.0) and beta[1] == pytest.approx(2.0) and beta[2] is None


def test_ratings_come_from_the_latest_cycle_with_a_final_level(org_a):
    grade = PayGradeFactory(organization=org_a, name="G5")
    record = PayRecordFactory(organization=org_a, grade=grade, equity_attributes={"gender": "f"})
    PerformanceRatingFactory(
        organization=org_a, employee=record.employee, manager_level=4, cycle__name="Old"
    )
    with in_org(org_a):
        (person,) = equity.equity_people(attribute="gender")
    assert person.rating == 4 and person.role == equity.NO_ROLE
