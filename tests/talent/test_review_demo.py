"""The demo organisation's held talent review: the Future leaders pool, facilitated by the
Customer Service Manager, with a move, decisions and actions Momentum follows up."""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client

from plms.tenancy.models import Organization
from talent.models import TalentReview, TalentReviewEntry, TalentReviewMove
from tests.conftest import in_org
from workflows.models import WorkflowTemplate


def _signed_in(email: str) -> Client:
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": email, "password": "plms-demo"}).status_code
        == 302
    )
    return client


def test_the_demo_has_a_held_talent_review_with_its_decision_log(db):
    call_command("seed_demo")
    call_command("seed_demo")  # again: nothing twice
    acme = Organization.objects.get(slug="acme")
    with in_org(acme):
        review = TalentReview.objects.get()
        assert review.status == TalentReview.Status.HELD and review.pool.name == "Future leaders"
        assert review.facilitator.email == "manager@acme.example"
        assert TalentReviewMove.objects.filter(review=review).count() == 1
        kinds = list(TalentReviewEntry.objects.values_list("kind", flat=True))
        assert sorted(kinds) == ["action", "action", "decision", "decision"]
        template = WorkflowTemplate.objects.get(source="talent_review_actions")
        assert template.status == WorkflowTemplate.Status.ACTIVE

    manager = _signed_in("manager@acme.example")  # the facilitator, granted the review
    page = manager.get(f"/talent/reviews/{review.uuid}/").content.decode()
    assert "Future leaders review, Q4" in page and "stretch assignment" in page
    assert "Ran the team for a month" in page
    hr = _signed_in("hr@acme.example")
    listing = hr.get("/talent/reviews/").content.decode()
    assert "Future leaders review, Q4" in listing
    employee = _signed_in("employee@acme.example")
    assert employee.get(f"/talent/reviews/{review.uuid}/").status_code == 404
