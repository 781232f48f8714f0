"""The shell in real Chromium: the grouped navigation folds behind a "Menu" button on a phone
and opens by keyboard, and the dashboards have no serious or critical axe-core violation at
phone and desktop widths."""

from __future__ import annotations

import pytest

from tests.browser.accessibility import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _signed_in(browser, live_server, person, viewport):
    from playwright.sync_api import expect

    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(person.user.email)
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    # The home is judged with the sections it loads after the page, and no request of the
    # page may still be running when the test ends.
    expect(page.locator('[aria-busy="true"]')).to_have_count(0)
    return context, page


def test_the_menu_folds_on_a_phone_and_works_by_keyboard(browser, live_server, hr_admin):
    from playwright.sync_api import expect

    context, page = _signed_in(browser, live_server, hr_admin, PHONE)
    try:
        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_be_visible()
        expect(menu).to_have_attribute("aria-expanded", "false")
        people = page.get_by_role("link", name="People", exact=True)
        expect(people).to_be_hidden()
        menu.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(people).to_be_visible()
        expect(page.get_by_role("link", name="Home", exact=True)).to_be_focused()
        page.keyboard.press("Escape")
        expect(people).to_be_hidden()
        expect(menu).to_be_focused()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()

    context, page = _signed_in(browser, live_server, hr_admin, DESKTOP)
    try:
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        expect(page.get_by_role("link", name="People", exact=True)).to_be_visible()
    finally:
        context.close()


def test_dashboards_have_no_serious_accessibility_violations(
    browser,
    live_server,
    org_a,
    hr_admin,
    manager,
    employee,
):
    found = {}
    for person in (hr_admin, manager, employee):
        for viewport in (PHONE, DESKTOP):
            context, page = _signed_in(browser, live_server, person, viewport)
            try:
                found[f"{person.user.email} at {viewport['width']}px"] = axe_violations(page)
            finally:
                context.close()
    assert not any(found.values()), describe(found)


def test_the_team_table_filters_and_sorts_without_reloading(
    browser, live_server, manager, employee
):
    from playwright.sync_api import expect

    context, page = _signed_in(browser, live_server, manager, DESKTOP)
    try:
        page.evaluate("window.notReloaded = true")
        table = page.locator("#team-table")
        expect(table).to_contain_text(employee.employee.full_name)
        page.get_by_label("Search").fill("nobody-like-this")
        expect(table).to_contain_text("Nobody in your team matches these filters.")
        assert "q=nobody-like-this" in page.url
        page.get_by_label("Search").fill("")
        expect(table).to_contain_text(employee.employee.full_name)
        page.get_by_role("link", name="Person — sort").click()
        expect(page.locator("#team-table th[aria-sort='descending']")).to_have_count(1)
        assert page.locator("#team-sort").get_attribute("value") == "-name"
        assert page.evaluate("window.notReloaded") is True
    finally:
        context.close()
