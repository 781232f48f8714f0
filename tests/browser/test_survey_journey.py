"""Surveys in real Chromium: HR builds and schedules a pulse from the library (desktop), an
employee answers it from their home page on a phone, and HR reads the demo pulse's results on
a phone, where the department with too few respondents stays hidden."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from plms.tenancy.context import organization_scope
from plms.tenancy.models import Organization
from surveys.models import Survey, SurveyParticipation, SurveyResponse
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo")


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"surveys-{name}.png"), full_page=True)


def test_hr_builds_a_pulse_and_an_employee_answers_it(page, demo):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "hr@acme.example", "plms-demo")
    page.goto("/surveys/")
    _shot(page, "list-desktop")
    page.get_by_role("link", name="New survey").first.click()
    page.get_by_label("Name").fill("Quarter-end pulse")
    expect(page.get_by_label("How likely are you to recommend this organisation")).to_be_checked()
    page.get_by_label("Your question 1").fill("Which office do you work from most?")
    page.get_by_label("Kind of question 1").select_option("choice")
    page.get_by_label("Choices of question 1").fill("Leeds, Manchester, At home")
    _shot(page, "form-desktop")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Survey saved as a draft")).to_be_visible()
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Scheduled: Momentum opens each round")).to_be_visible()
    _shot(page, "detail-desktop")

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    sign_in(page, "employee@acme.example", "plms-demo")
    page.goto("/")
    page.get_by_role("link", name="Quarter-end pulse").click()
    expect(page.get_by_role("heading", name="Quarter-end pulse")).to_be_visible()
    _fits(page)
    _shot(page, "answer-phone")
    page.get_by_role("group", name="How likely are you to recommend").get_by_label("9").check()
    for text in (
        "I am proud to work for this organisation.",
        "I receive recognition for doing good work.",
        "I have opportunities to learn and grow here.",
        "My manager helps me remove obstacles.",
        "My workload is manageable.",
    ):
        page.get_by_role("group", name=text).get_by_label("4").check()
    page.get_by_role("group", name="Which office do you work from most?").get_by_label(
        "At home"
    ).check()
    page.get_by_label("What one thing would most improve working here?").fill("Quiet rooms")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are in, without your name.")).to_be_visible()
    _fits(page)
    _shot(page, "mine-phone")

    organization = Organization.objects.get(slug="acme")
    with organization_scope(organization):
        survey = Survey.objects.get(name="Quarter-end pulse")
        assert SurveyResponse.objects.filter(round__survey=survey).count() == 1
        assert SurveyParticipation.objects.filter(round__survey=survey).count() == 1


def test_hr_reads_the_demo_pulse_results_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    sign_in(page, "hr@acme.example", "plms-demo")
    page.goto("/surveys/")
    page.get_by_role("link", name="Monthly pulse").click()
    page.get_by_role("link", name="Results", exact=True).first.click()
    expect(page.get_by_role("heading", name="By department")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="People & Culture")
    expect(row).to_contain_text("Not shown")
    expect(page.get_by_role("img", name="eNPS per round")).to_be_visible()
    _fits(page)
    _shot(page, "results-phone")
    page.set_viewport_size(DESKTOP)
    _shot(page, "results-desktop")
    page.get_by_role("link", name="Action plans").first.click()
    expect(page.get_by_text("Hold a monthly workload retro with the team")).to_be_visible()
    page.set_viewport_size(PHONE)
    _fits(page)
    _shot(page, "actions-phone")

    page.context.clear_cookies()
    sign_in(page, "manager@acme.example", "plms-demo")
    page.goto("/surveys/team/")
    expect(page.get_by_role("heading", name="Team survey results")).to_be_visible()
    _fits(page)
    _shot(page, "team-phone")
