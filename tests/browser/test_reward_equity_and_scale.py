"""Pay equity and the rating scale page in real Chromium, on a phone-sized screen and a
desktop one: nothing overflows the screen, HR reads the suppressed and flagged figures and
edits a level."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from plms.tenancy.actors import system_actor
from reward import services
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.capabilities.factories import JobRoleFactory, RoleAssignmentFactory
from tests.conftest import in_org
from tests.reward.factories import PayGradeFactory, PayRecordFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def pay_data(org_a, hr_admin):
    role = JobRoleFactory(organization=org_a, name="Advisor")
    for name, women, men in (("Professional", 6, 6), ("Senior", 2, 7)):
        grade = PayGradeFactory(organization=org_a, name=name)
        for value, count, pay in (("female", women, 45000), ("male", men, 50000)):
            for i in range(count):
                record = PayRecordFactory(
                    organization=org_a,
                    grade=grade,
                    base_pay=Decimal(pay + 250 * i),
                    equity_attributes={"gender": value},
                )
                RoleAssignmentFactory(organization=org_a, employee=record.employee, role=role)
    with in_org(org_a):
        services.rating_scale_ensure(actor=system_actor(org_a))
    return hr_admin


def test_hr_reads_pay_equity_and_edits_the_scale_on_a_phone(page, pay_data):
    sign_in(page, pay_data.user.email, "pass-word-123")
    page.set_viewport_size(PHONE)
    page.goto("/reward/equity/")
    page.get_by_label("Within").select_option("grade_role")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Unexplained gaps", exact=True)).to_be_visible()
    expect(page.get_by_text("Professional: Female, -9.9 % against Male").first).to_be_visible()
    expect(page.get_by_text("Too few people to show").first).to_be_visible()
    _fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pay_equity_phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "pay_equity_desktop.png"), full_page=True)

    page.set_viewport_size(PHONE)
    page.goto("/reward/settings/scale/")
    level = page.get_by_role("group", name="Level 3: Meets")
    level.get_by_label("Name").fill("Fully meets")
    level.get_by_label("Description").fill("Does the whole job, well.")
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "rating_scale_phone.png"), full_page=True)
    page.get_by_role("button", name="Save the scale").click()
    expect(page.get_by_text("Rating scale saved.")).to_be_visible()
    expect(page.get_by_role("group", name="Level 3: Fully meets")).to_be_visible()
    _fits(page)
