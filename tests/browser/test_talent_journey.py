"""Succession and careers in real Chromium: the employee names an aspiration and builds a plan
for it; HR nominates a successor and runs a talent review that moves people on the 9-box, by
dragging a card on a desktop and with the card's form on a phone, and records an action."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization
from talent.models import Successor, TalentReview, TalentReviewEntry, TalentReviewMove
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo")


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"talent_{name}.png"), full_page=True)


def _option(page, select: str, text: str) -> str:
    return page.locator(f"{select} option", has_text=text).first.get_attribute("value")


def test_the_employee_aspires_and_plans_hr_nominates_and_runs_a_talent_review(page, demo):
    # The employee names an aspiration and builds a plan for it.
    sign_in(page, "employee@acme.example", "plms-demo")
    page.goto("/talent/")
    senior = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Aspiring to: Senior Customer Service Advisor")
    )
    senior.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Aspiration removed.")).to_be_visible()
    page.get_by_label("A role you would like to grow into").select_option(
        label="Senior Customer Service Advisor"
    )
    page.get_by_label("Why (optional)").fill("I coach new colleagues already.")
    page.get_by_role("button", name="Add aspiration").click()
    expect(
        page.get_by_text("Senior Customer Service Advisor is among your aspirations.")
    ).to_be_visible()
    page.get_by_role("button", name="Build a plan for Senior Customer Service Advisor").click()
    expect(
        page.get_by_text("A draft plan towards Senior Customer Service Advisor is ready.")
    ).to_be_visible()
    expect(page.get_by_text("for Senior Customer Service Advisor:").first).to_be_visible()

    # HR nominates a successor for the Sales Manager role.
    page.context.clear_cookies()
    sign_in(page, "hr@acme.example", "plms-demo")
    page.goto("/talent/succession/")
    page.get_by_role("link", name="Sales Manager").first.click()
    nominate = page.get_by_role("region", name="Nominate a successor")
    # The picker lists a few people; anyone else is a search away.
    page.locator("#id_employee_search").fill("Mateo")
    expect(page.locator("#id_employee")).to_contain_text("Mateo")
    nominate.get_by_label("Person").select_option(_option(page, "#id_employee", "Mateo"))
    nominate.get_by_label("Readiness").select_option(label="Ready in 3 years or more")
    nominate.get_by_role("button", name="Nominate").click()
    expect(page.get_by_text("Successor nominated.")).to_be_visible()

    # HR opens a talent review of the Future leaders pool; the rotation suggests who
    # facilitates (the Customer Service Manager ran the last one).
    page.goto("/talent/reviews/")
    expect(page.get_by_role("cell", name="Future leaders review, Q4")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Future leaders review, Q1")
    page.get_by_label("Talent pool").select_option(label="Future leaders")
    page.get_by_label("Date").fill((datetime.date.today() + datetime.timedelta(days=1)).isoformat())
    facilitator = page.get_by_label("Facilitator")
    assert "Marcus" not in facilitator.locator("option:checked").inner_text()
    page.get_by_role("button", name="Open the review").click()
    expect(page.get_by_role("heading", name="Future leaders review, Q1")).to_be_visible()

    # Dragging Olivia's card onto another box opens her move form with that box chosen; the
    # move is recorded once the reason is given.
    olivia = page.locator("li.person-card", has_text="Olivia")
    current = olivia.locator("xpath=ancestor::section[@data-box]").get_attribute("data-box")
    target = "2-3" if current != "2-3" else "3-3"
    olivia.drag_to(page.locator(f'section[data-box="{target}"]'))
    expect(olivia.locator("select[name=to_box]")).to_have_value(target)
    expect(olivia.get_by_label("Why (required)")).to_be_focused()
    olivia.get_by_label("Why (required)").fill("Led the northern accounts' renewal alone.")
    olivia.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("moved to", exact=False).first).to_be_visible()
    expect(
        page.get_by_role("cell", name="Led the northern accounts' renewal alone.")
    ).to_be_visible()

    # The decision log: an action with its owner and due date.
    page.get_by_label("Action", exact=True).check()
    page.get_by_label("What was decided or is to be done").fill(
        "Pair Olivia with a sales manager on the Q2 forecast."
    )
    page.locator("#log-owner_search").fill("Sofia")
    expect(page.locator("#log-owner")).to_contain_text("Sofia")
    page.locator("#log-owner").select_option(_option(page, "#log-owner", "Sofia"))
    page.get_by_label("Due on (for an action)").fill(
        (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Action recorded: its owner will be reminded.")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    _shot(page, "review_desktop")

    # On a phone: no drag; the card's Move form moves Priya, and a move without a reason
    # is refused.
    page.set_viewport_size(PHONE)
    page.reload()
    _fits(page)
    priya = page.locator("li.person-card", has_text="Priya")
    priya.locator("summary").click()
    where = priya.locator("xpath=ancestor::section[@data-box]").get_attribute("data-box")
    other = "3-2" if where != "3-2" else "2-2"
    priya.locator("select[name=to_box]").select_option(other)
    priya.get_by_label("Why (required)").fill("Stepped back to finish her certification.")
    priya.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("Priya Shah moved to", exact=False)).to_be_visible()
    _fits(page)
    _shot(page, "review_phone")

    with organization_scope(Organization.objects.get(slug="acme")):
        review = TalentReview.objects.get(name="Future leaders review, Q1")
        moves = TalentReviewMove.objects.filter(review=review)
        assert {m.to_box for m in moves} == {target, other}
        assert all(m.reason for m in moves)
        assert TalentReviewEntry.objects.filter(review=review, kind="action").count() == 1
        assert Successor.objects.filter(employee__first_name="Mateo").exists()
