"""Domain events: each is declared once, by its app, and the webhook catalogue lists them all."""

from __future__ import annotations

import pytest

from goals.events import GoalTurnedRed
from plms.events import bus
from plms.integrations.webhooks import EVENT_DESCRIPTIONS, EVENT_TYPES, webhook_types
from tests.conftest import in_org
from workflows import triggers

# The events the issue names, and the app whose `events.py` declares each.
DECLARED_BY = {
    "employee_joined": "plms.people.events",
    "employee_changed": "plms.people.events",
    "employee_role_or_manager_changed": "plms.people.events",
    "employee_deactivated": "plms.people.events",
    "assessment_submitted": "assessments.events",
    "review_answers_submitted": "assessments.events",
    "cycle_closed": "assessments.events",
    "goal_status_changed": "goals.events",
    "goal_turned_red": "goals.events",
    "development_plan_created": "learning.events",
    "development_plan_completed": "learning.events",
    "learning_completed": "learning.events",
    "improvement_plan_signed_off": "learning.events",
    "milestone_due": "workflows.events",
    "job_role_assigned": "capabilities.events",
    "cycle_launched": "assessments.events",
    "plan_build_finished": "learning.events",
    "compensation_review_finalised": "reward.events",
    "talent_review_action_recorded": "talent.events",
    "bonus_run_finalised": "reward.events",
    "successor_nominated": "talent.events",
    "successor_removed": "talent.events",
    "talent_pool_member_added": "talent.events",
    "talent_pool_member_removed": "talent.events",
    "potential_assessment_calibrated": "talent.events",
}


def test_every_event_is_declared_by_its_apps_events_module():
    assert {name: event.__module__ for name, event in bus.EVENTS.items()} == DECLARED_BY


def test_the_webhook_catalogue_lists_exactly_the_events_webhooks_receive():
    assert set(EVENT_TYPES) == webhook_types()
    assert set(EVENT_DESCRIPTIONS) == set(EVENT_TYPES)


# Triggers read from dates, not from events: people's start dates, survey actions' due dates.
DATE_SOURCES = {"probation_ends", "survey_action_due"}


def test_momentums_event_triggers_subscribe_to_declared_events():
    for name, source in triggers.EVENT_SOURCES.items():
        if name in DATE_SOURCES:
            continue
        assert source.poll.__qualname__.startswith("_subscribe"), name


def test_an_event_with_its_own_record_is_not_published(org_a):
    with in_org(org_a), pytest.raises(ValueError):
        bus.publish(actor_or_organization=org_a, events=[GoalTurnedRed()])
