"""The overall rating's steps: proposal from a closed cycle's results, the manager's
confirmation or override, calibration, release; who sees it; every step audited."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from plms.tenancy.actors import system_actor
from reward import selectors, services
from reward.models import PerformanceRating
from tests import factories
from tests.conftest import in_org
from tests.reward.conftest import actor_of

pytestmark = pytest.mark.django_db


def _propose(org, cycle, hr_admin):
    with in_org(org):
        services.ratings_propose(actor=actor_of(hr_admin), cycle=cycle)
        return PerformanceRating.objects.get(cycle=cycle, employee__email="employee@a.example")


def test_the_proposal_shows_each_part(org_a, rated_cycle, employee, hr_admin):
    rating = _propose(org_a, rated_cycle, hr_admin)
    assert rating.capability_score == Decimal("81.25")  # (75*3 + 100*1) / 4
    assert rating.goal_score == Decimal("75.00")  # (50 + 100) / 2
    assert rating.score == Decimal("78.13")
    assert rating.proposed_level == 3
    assert [row["capability"] for row in rating.parts["capabilities"]] == [
        "Complaint resolution",
        "Customer communication",
    ]
    assert len(rating.parts["goals"]) == 2
    with in_org(org_a):
        assert AuditEvent.objects.filter(action="performance_rating.proposed").count() == 1


def test_perspective_weights_change_the_goal_part(org_a, rated_cycle, employee, hr_admin):
    with in_org(org_a):
        services.reward_settings_update(
            actor=actor_of(hr_admin),
            capability_weight=40,
            goal_weight=60,
            perspective_weights={"customer": 100},
        )
    rating = _propose(org_a, rated_cycle, hr_admin)
    assert rating.goal_score == Decimal("75.00")
    assert rating.score == Decimal("77.50")  # 0.4 * 81.25 + 0.6 * 75


def test_proposing_again_keeps_the_managers_confirmation(org_a, rated_cycle, hr_admin, manager):
    rating = _propose(org_a, rated_cycle, hr_admin)
    with in_org(org_a):
        services.rating_confirm(actor=actor_of(manager), rating=rating)
    rating = _propose(org_a, rated_cycle, hr_admin)
    assert rating.manager_level == 3 and rating.stage == "confirmed"


def test_the_manager_confirms_or_overrides_with_a_reason(org_a, rated_cycle, hr_admin, manager):
    rating = _propose(org_a, rated_cycle, hr_admin)
    with in_org(org_a):
        with pytest.raises(ApplicationError) as refused:
            services.rating_confirm(actor=actor_of(manager), rating=rating, level=4)
        assert refused.value.code == "reason_required"
        services.rating_confirm(
            actor=actor_of(manager), rating=rating, level=4, reason="Led the migration"
        )
        rating.refresh_from_db()
        assert (rating.manager_level, rating.final_level) == (4, 4)
        event = AuditEvent.objects.get(action="performance_rating.overridden")
        assert event.reason == "Led the migration"
        assert event.changes["rating"] == {"before": None, "after": "Exceeds"}


def test_only_the_manager_or_hr_confirms(org_a, rated_cycle, hr_admin, employee):
    rating = _propose(org_a, rated_cycle, hr_admin)
    peer = factories.member(org_a, email="peer@a.example", manager=employee.employee.manager)
    with in_org(org_a):
        for someone in (employee, peer):
            with pytest.raises(PermissionDenied):
                services.rating_confirm(actor=actor_of(someone), rating=rating)


def test_calibration_sets_the_final_level_with_a_reason(org_a, rated_cycle, hr_admin, manager):
    rating = _propose(org_a, rated_cycle, hr_admin)
    with in_org(org_a):
        services.rating_confirm(actor=actor_of(manager), rating=rating)
        with pytest.raises(ApplicationError):
            services.rating_calibrate(actor=actor_of(hr_admin), rating=rating, level=2, reason=" ")
        with pytest.raises(PermissionDenied):
            services.rating_calibrate(actor=actor_of(manager), rating=rating, level=2, reason="x")
        services.rating_calibrate(
            actor=actor_of(hr_admin), rating=rating, level=2, reason="Peer group comparison"
        )
        rating.refresh_from_db()
        assert rating.final_level == 2 and rating.stage == "calibrated"
        event = AuditEvent.objects.get(action="performance_rating.calibrated")
        assert event.changes["rating"] == {"before": "Meets", "after": "Partly meets"}


def test_the_person_sees_their_rating_only_once_released(
    org_a, rated_cycle, hr_admin, manager, employee
):
    rating = _propose(org_a, rated_cycle, hr_admin)
    peer = factories.member(org_a, email="peer@a.example", manager=manager.employee)
    with in_org(org_a):
        assert not selectors.rating_list_for_viewer(actor=actor_of(employee)).exists()
        assert selectors.rating_get_for_viewer(actor=actor_of(manager), uuid=rating.uuid)
        assert selectors.rating_get_for_viewer(actor=actor_of(peer), uuid=rating.uuid) is None
        services.ratings_release(actor=actor_of(hr_admin), cycle=rated_cycle)
        assert selectors.rating_get_for_viewer(actor=actor_of(employee), uuid=rating.uuid)
        assert selectors.rating_get_for_viewer(actor=actor_of(peer), uuid=rating.uuid) is None
        with pytest.raises(ApplicationError) as refused:
            services.rating_confirm(actor=actor_of(manager), rating=rating)
        assert refused.value.code == "ratings_released"


def test_the_scale_needs_rising_scores(org_a, hr_admin):
    with in_org(org_a), pytest.raises(ApplicationError):
        services.rating_scale_set(
            actor=actor_of(hr_admin),
            levels=[
                services.LevelSpec(1, "Low", Decimal(0)),
                services.LevelSpec(2, "High", Decimal(0)),
            ],
        )


def test_the_settings_refuse_weights_that_do_not_add_up(org_a, hr_admin):
    with in_org(org_a), pytest.raises(ApplicationError) as refused:
        services.reward_settings_update(actor=actor_of(hr_admin), capability_weight=70)
    assert "goal_weight" in refused.value.fields
    with in_org(org_a):
        system = system_actor(org_a)
        services.reward_settings_update(actor=system, capability_weight=70, goal_weight=30)
        assert selectors.settings_get().capability_weight == 70
