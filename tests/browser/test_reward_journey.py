"""Rate and reward in real Chromium on a phone-sized screen: HR opens a compensation review, a
manager proposes within and outside the guidance, HR approves and finalises."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization
from reward.models import CompensationReview, PayRecord
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo")


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _card(page, name):
    return page.locator("li.card").filter(has=page.get_by_role("heading", name=name))


def test_hr_opens_a_review_a_manager_proposes_and_hr_finalises(page, demo):
    page.set_viewport_size(PHONE)
    sign_in(page, "hr@acme.example", "plms-demo")
    page.goto("/reward/reviews/")
    page.get_by_label("Name").fill("2027 retention review")
    page.get_by_label("New pay effective on").fill("2027-07-01")
    page.get_by_label("Managers propose by").fill("2027-06-15")
    page.get_by_label("Ratings from the cycle").select_option(index=1)
    page.get_by_label("Budget per department, in % of its payroll").fill("5")
    page.get_by_role("button", name="Open the review").click()
    expect(page.get_by_role("heading", name="2027 retention review")).to_be_visible()
    _fits(page)
    review_url = page.url

    page.context.clear_cookies()
    sign_in(page, "manager@acme.example", "plms-demo")
    page.goto(review_url)
    emma = _card(page, "Emma Clarke")
    guidance = re.search(r"Guidance: ([\d.]+) to ([\d.]+) %", emma.inner_text())
    assert guidance, emma.inner_text()
    emma.get_by_label("Increase (%)").fill(guidance.group(1))
    emma.get_by_role("button", name="Save proposal").click()
    expect(page.get_by_text("Proposal for Emma Clarke saved.")).to_be_visible()
    noah = _card(page, "Noah Fischer")
    noah.get_by_label("Increase (%)").fill("12")
    noah.get_by_role("button", name="Save proposal").click()
    expect(page.get_by_text("The increase is outside the guidance: say why.").first).to_be_visible()
    noah = _card(page, "Noah Fischer")
    noah.get_by_label("Increase (%)").fill("12")
    noah.get_by_label("Reason (needed outside the guidance)").fill("Matching an outside offer")
    noah.get_by_role("button", name="Save proposal").click()
    expect(page.get_by_text("Proposal for Noah Fischer saved.")).to_be_visible()
    _fits(page)

    page.context.clear_cookies()
    sign_in(page, "hr@acme.example", "plms-demo")
    page.goto(review_url)
    expect(page.get_by_text("Matching an outside offer").first).to_be_visible()
    for _ in range(2):
        page.locator("li.card").filter(has_text="waiting for").first.get_by_role(
            "button", name="Approve"
        ).click()
        expect(page.get_by_text(re.compile("^Approved: "))).to_be_visible()
    page.get_by_role("button", name="Finalise and write the new pay").click()
    expect(page.get_by_text("Review finalised: new pay for 2 people.")).to_be_visible()
    _fits(page)
    organization = Organization.objects.get(slug="acme")
    with organization_scope(organization):
        review = CompensationReview.objects.get(name="2027 retention review")
        assert review.status == "finalised"
        noah_pay = PayRecord.objects.get(employee__email="noah@acme.example")
        assert str(noah_pay.effective_date) == "2027-07-01"
