"""Signing in and finding people, as the demo users do it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo")


def test_hr_admin_signs_in_and_searches_people(page, demo):
    sign_in(page, "hr@acme.example", "plms-demo")
    expect(page.get_by_role("heading", name="Welcome, Harriet")).to_be_visible()
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_label("Search").fill("priya")
    # htmx replaces the rows as the HR admin types.
    expect(page.locator("#employee-rows tbody tr")).to_have_count(1)
    assert "Priya Shah" in page.locator("#employee-rows").inner_text()
    page.get_by_role("link", name="Priya Shah").click()
    expect(page.get_by_role("heading", name="Priya Shah")).to_be_visible()
    assert "Marcus Bell (60 %)" in page.locator("dl.facts").inner_text()


def test_employee_signs_in_with_the_keyboard_only(page, demo):
    page.goto("/accounts/login/")
    # The e-mail field has the focus when the page opens.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("employee@acme.example")
    page.keyboard.press("Tab")
    page.keyboard.type("plms-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Welcome, Emma")).to_be_visible()
    expect(page.get_by_role("link", name="People", exact=True)).to_have_count(0)


def test_a_wrong_password_shows_a_clear_error(page, demo):
    sign_in(page, "employee@acme.example", "not-the-password")
    expect(page.get_by_role("alert").first).to_contain_text("Please enter a correct e-mail")


def test_employee_gives_feedback_to_someone_found_by_search(page, demo):
    sign_in(page, "employee@acme.example", "plms-demo")
    page.goto("/goals/feedback/give/")
    receiver = page.get_by_label("For", exact=True)
    # The picker starts with Emma's colleagues; Olivia, in Sales, is a search away.
    assert "Marcus Bell" in receiver.inner_text() and "Olivia" not in receiver.inner_text()
    search = page.get_by_label("Search people")
    search.fill("olivia")
    expect(page.locator("#id_receiver")).to_contain_text("Olivia Brown")
    search.press("Enter")  # searches again; never sends the form
    page.wait_for_timeout(500)  # a sent form would be back by now, its errors shown
    expect(search).to_have_value("olivia")
    expect(page.get_by_role("alert")).to_have_count(0)
    receiver.select_option(label="Olivia Brown — Account Executive")
    page.get_by_label("Kind").select_option("recognition")
    page.get_by_label("Observation").fill("Your demo for the new client was clear and calm.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Feedback sent.")).to_be_visible()


def test_hr_opens_the_goal_tree_a_level_at_a_time_and_searches_an_owner(page, demo):
    sign_in(page, "hr@acme.example", "plms-demo")
    page.goto("/goals/tree/")
    tree = page.locator("ul.tree")
    # The whole organisation's tree shows its top-level goals; each level below loads in
    # place (htmx), the page stays where it is.
    expect(tree).not_to_contain_text(
        "Raise first-contact resolution to 75 % in Customer Operations"
    )
    tree.locator("a.tree-more").first.click()  # the strategy's, first of the top-level goals
    expect(tree).to_contain_text("Raise first-contact resolution to 75 % in Customer Operations")
    expect(tree).not_to_contain_text("Raise my first-contact resolution to 72 %")
    tree.get_by_role("link", name="Show the 4 supporting goals").click()
    expect(tree).to_contain_text("Raise my first-contact resolution to 72 %")
    assert page.url.endswith("/goals/tree/")

    page.goto("/goals/new/")
    owner = page.locator("#id_owner")
    expect(owner.locator("option", has_text="Olivia Brown")).to_have_count(0)
    page.get_by_label("Search people and departments").fill("olivia")
    expect(owner.locator("option", has_text="Olivia Brown")).to_have_count(1)
    page.get_by_label("Search goals").fill("new-business")
    expect(page.locator("#id_parents option")).to_have_count(1)
    expect(page.locator("#id_parents")).to_contain_text("Grow new-business revenue")
