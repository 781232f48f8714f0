"""Training feedback: a learner rates (1-5) and comments on learning they completed; the
catalogue shows each item's rating and count, the impact report the satisfaction."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning import impact
from learning.models import LearningFeedback, PlanItem
from learning.services import feedback as feedback_services
from plms.common.errors import ApplicationError
from tests.assessments.factories import AssessmentCycleFactory, ConsolidatedLevelFactory
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
        # Complaint resolution: 2 in the cycle before the course (the world's), 3 after it.
        ConsolidatedLevelFactory(
            organization=world.org,
            cycle=AssessmentCycleFactory(organization=world.org, status="closed"),
            employee=world.employee.employee,
            capability=world.capabilities["complaints"],
            level=3,
        )
        feedback_services.learning_feedback_give(
            actor=actor_of(world.employee), item=world.items["course"], rating=3
        )
        report = impact.impact_report()
    row = next(r for r in report["items"] if r["item"] == "Course")
    assert row["satisfaction"] == Decimal("3.00") and row["ratings"] == 1
    assert (row["mean_change"], row["cost_per_level"]) == (Decimal("1.00"), Decimal("300.00"))
    client.force_login(world.hr.user)
    page = client.get(reverse("learning:impact")).content.decode()
    (course,) = [tr for tr in page.split("<tr>") if tr.startswith("<td>Course</td>")]
    cells = [cell.split("</td>")[0] for cell in course.split('<td class="num">')[1:]]
    # completed, measured, mean change, levels gained, cost per level gained, satisfaction
    assert cells == ["1", "1", "1.00", "1.00", "300.00", "3.00 of 5 (1 rating)"]
    api = client.get("/api/v1/learning-impact/items").json()
    (course,) = [r for r in api["results"] if r["item"] == "Course"]
    assert (course["satisfaction"], course["ratings"], course["cost_per_level"]) == (3, 1, 300)


def _rate(world, member, key, rating):
    _done(world, member, key=key)
    with in_org(world.org):
        feedback_services.learning_feedback_give(
            actor=actor_of(member), item=world.items[key], rating=rating
        )


def test_the_learning_items_api_carries_each_items_rating_and_count(world, key_client_a):
    _rate(world, world.employee, "course", 4)
    _rate(world, world.manager, "course", 5)
    _rate(world, world.hr, "course", 5)
    rows = {r["title"]: r for r in key_client_a.get("/api/v1/learning-items").json()["results"]}
    assert (rows["Course"]["rating"], rows["Course"]["rating_count"]) == (4.67, 3)
    assert (rows["Mentoring"]["rating"], rows["Mentoring"]["rating_count"]) == (None, 0)
    one = key_client_a.get(f"/api/v1/learning-items/{world.items['course'].uuid}").json()
    assert (one["rating"], one["rating_count"]) == (4.67, 3)
    # Written by HR, the rating stays the learners': read-only, and in the answer of a change.
    changed = key_client_a.patch(
        f"/api/v1/learning-items/{world.items['course'].uuid}",
        {"title": "Course (new)"},
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["rating_count"] == 3
    sent_back = key_client_a.patch(  # read-only fields sent back are ignored
        f"/api/v1/learning-items/{world.items['course'].uuid}",
        {"rating": 1, "rating_count": 99},
        format="json",
    )
    assert (sent_back.json()["rating"], sent_back.json()["rating_count"]) == (4.67, 3)
    created = key_client_a.post(
        "/api/v1/learning-items", {"title": "Fresh", "kind": "article"}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert (created.json()["rating"], created.json()["rating_count"]) == (None, 0)


def test_learning_items_api_queries_do_not_grow_with_ratings(world, key_client_a):
    key_client_a.get("/api/v1/learning-items")  # the key's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        assert key_client_a.get("/api/v1/learning-items").status_code == 200
    for key in ("course", "mentoring", "elearning"):
        _rate(world, world.employee, key, 3)
        _rate(world, world.manager, key, 4)
    with CaptureQueriesContext(connection) as many:
        rows = key_client_a.get("/api/v1/learning-items").json()["results"]
    assert sum(r["rating_count"] for r in rows) == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_schema_documents_the_rating(world, api_client):
    api_client.force_login(world.hr.user)
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    item = schema["components"]["schemas"]["LearningItem"]["properties"]
    assert item["rating"]["readOnly"] and item["rating"]["nullable"]
    assert item["rating_count"]["readOnly"] and item["rating_count"]["type"] == "integer"
