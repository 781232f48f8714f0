"""Training feedback: a learner rates (1-5) and comments on learning they completed; the
catalogue shows each item's rating and count, the impact report the satisfaction."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import impact
from learning.models import LearningFeedback, PlanItem
from learning.services import feedback as feedback_services
from plms.common.errors import ApplicationError
from tests.conftest import in_org
from tests.learning.conftest import actor_of
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory


def _done(world, member, key="course", status=PlanItem.Status.DONE):
    plan = DevelopmentPlanFactory(organization=world.org, employee=member.employee, status="active")
    return PlanItemFactory(
        organization=world.org,
        plan=plan,
        item=world.items[key],
        capability=world.capabilities["complaints"],
        status=status,
        completed_at=timezone.now() if status == PlanItem.Status.DONE else None,
    )


def test_only_completed_learning_is_rated_and_rating_again_replaces(world):
    _done(world, world.employee, key="course", status=PlanItem.Status.IN_PROGRESS)
    with in_org(world.org), pytest.raises(ApplicationError) as error:
        feedback_services.learning_feedback_give(
            actor=actor_of(world.employee), item=world.items["course"], rating=4
        )
    assert error.value.fields == {"item": ["Not completed yet."]}
    _done(world, world.employee, key="mentoring")
    with in_org(world.org):
        for rating in (0, 6, True):
            with pytest.raises(ApplicationError):
                feedback_services.learning_feedback_give(
                    actor=actor_of(world.employee), item=world.items["mentoring"], rating=rating
                )
        feedback_services.learning_feedback_give(
            actor=actor_of(world.employee), item=world.items["mentoring"], rating=2
        )
        feedback_services.learning_feedback_give(
            actor=actor_of(world.employee),
            item=world.items["mentoring"],
            rating=5,
            comment="  Great mentor. ",
        )
        (feedback,) = LearningFeedback.objects.all()
    assert (feedback.rating, feedback.comment) == (5, "Great mentor.")


def test_the_plan_asks_for_a_rating_once_done(world, client):
    done = _done(world, world.employee)
    client.force_login(world.employee.user)
    page = client.get(reverse("learning:my_plan")).content.decode()
    assert "How useful was it?" in page
    response = client.post(
        reverse("learning:item_feedback", args=[done.item.uuid]),
        {"rating": "4", "comment": "Useful role plays"},
    )
    assert response.status_code == 302
    page = client.get(reverse("learning:my_plan")).content.decode()
    assert "You rated it 4 of 5." in page and "How useful was it?" not in page


def test_catalogue_shows_rating_and_count(world, client):
    for member, rating in ((world.employee, 4), (world.manager, 5)):
        _done(world, member)
        with in_org(world.org):
            feedback_services.learning_feedback_give(
                actor=actor_of(member), item=world.items["course"], rating=rating
            )
    client.force_login(world.employee.user)
    page = client.get(reverse("learning:catalogue")).content.decode()
    assert "4.5 of 5 (2 ratings)" in page and "not rated yet" in page


def test_impact_report_shows_satisfaction_beside_change_and_cost(world, client):
    item = _done(world, world.employee)
    with in_org(world.org):
        PlanItem.objects.filter(pk=item.pk).update(
            completed_at=datetime.datetime(2027, 1, 15, tzinfo=datetime.UTC)
        )
    with in_org(world.org):
        feedback_services.learning_feedback_give(
            actor=actor_of(world.employee), item=world.items["course"], rating=3
        )
        report = impact.impact_report()
    row = next(r for r in report["items"] if r["item"] == "Course")
    assert row["satisfaction"] == Decimal("3.00") and row["ratings"] == 1
    assert "cost" in row
    client.force_login(world.hr.user)
    page = client.get(reverse("learning:impact")).content.decode()
    assert "3.00 of 5 (1 rating)" in page
