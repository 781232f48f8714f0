"""The live distribution of overall ratings against the guideline, and its enforcement."""

from __future__ import annotations

import pytest

from plms.common.errors import ApplicationError
from reward import distribution, selectors, services
from tests.assessments.factories import AssessmentCycleFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory, EmployeeFactory
from tests.reward.conftest import actor_of
from tests.reward.factories import PerformanceRatingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(org_a, scale):
    """Sales: ten people, four rated 3 and six rated 4 (one by calibration from 3); Support:
    two people, one 3 and one 5."""
    cycle = AssessmentCycleFactory(organization=org_a)
    sales = DepartmentFactory(organization=org_a, name="Sales")
    support = DepartmentFactory(organization=org_a, name="Support")

    def rated(department, proposed, **levels):
        PerformanceRatingFactory(
            organization=org_a,
            cycle=cycle,
            employee=EmployeeFactory(organization=org_a, department=department),
            proposed_level=proposed,
            **levels,
        )

    for _ in range(4):
        rated(sales, 3)
    for _ in range(5):
        rated(sales, 4, manager_level=4)
    rated(sales, 3, manager_level=3, calibrated_level=4)
    rated(support, 3)
    rated(support, 5)
    return cycle


def _distribution(org, cycle):
    with in_org(org):
        levels = [(level.value, level.name) for level in selectors.rating_levels()]
        return distribution.rating_distribution(
            cycle=cycle, levels=levels, settings=selectors.settings_get()
        )


def _targets(org, hr_admin, **changes):
    with in_org(org):
        services.reward_settings_update(
            actor=actor_of(hr_admin),
            distribution_targets={"1": 10, "2": 20, "3": 40, "4": 20, "5": 10},
            **changes,
        )


def test_shares_and_deviation_per_department_and_organisation(org_a, cycle, hr_admin):
    _targets(org_a, hr_admin)
    organisation, departments = _distribution(org_a, cycle)
    assert organisation.total == 12
    shares = {
        level.value: (level.count, str(level.share), str(level.deviation))
        for level in organisation.levels
    }
    assert shares[4] == (6, "50.0", "30.0")
    assert shares[3] == (5, "41.7", "1.7")
    assert [d.label for d in departments] == ["Sales", "Support"]
    sales = {level.value: level.count for level in departments[0].levels}
    assert sales == {1: 0, 2: 0, 3: 4, 4: 6, 5: 0}
    assert departments[0].outside and departments[1].outside


def test_within_tolerance(org_a, cycle, hr_admin):
    _targets(org_a, hr_admin, distribution_tolerance=60)
    organisation, departments = _distribution(org_a, cycle)
    assert not organisation.outside and not any(d.outside for d in departments)


def test_enforcement_is_off_by_default(org_a, cycle, hr_admin):
    _targets(org_a, hr_admin)
    with in_org(org_a):
        assert services.ratings_release(actor=actor_of(hr_admin), cycle=cycle)


def test_enforced_the_cycle_cannot_be_released_outside_the_tolerance(org_a, cycle, hr_admin):
    _targets(org_a, hr_admin, distribution_enforced=True, distribution_tolerance=10)
    with in_org(org_a):
        with pytest.raises(ApplicationError) as refused:
            services.ratings_release(actor=actor_of(hr_admin), cycle=cycle)
        assert refused.value.code == "distribution_outside_tolerance"
        assert "Sales, Support" in refused.value.message
        assert not selectors.is_released(cycle=cycle)
        services.reward_settings_update(actor=actor_of(hr_admin), distribution_tolerance=60)
        services.ratings_release(actor=actor_of(hr_admin), cycle=cycle)
        assert selectors.is_released(cycle=cycle)
