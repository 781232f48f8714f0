"""Histories and decision logs read as sentences: who did what to which object, field labels,
values in the house formats, nothing that reads like Python or an event code."""

from __future__ import annotations

import re

from django.core.management import call_command
from django.test import Client

from capabilities.models import JobRole
from goals.models import Goal
from plms.tenancy.models import Organization
from tests.browser.hygiene import text_leaks
from tests.conftest import in_org


def _text(html: str) -> list[str]:
    html = re.sub(r"<(script|style|code|pre)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return [t.strip() for t in re.split(r"<[^>]+>", html) if t.strip()]


def _history(html: str) -> str:
    start = html.index('id="history-heading"')
    return html[start : html.index("</section>", start)]


def test_histories_name_people_fields_and_values_in_words(db):
    call_command("seed_demo")
    acme = Organization.objects.get(slug="acme")
    with in_org(acme):
        role = JobRole.objects.get(name="Customer Service Advisor")
        goal = Goal.objects.filter(owner_employee__email="employee@acme.example").first()
    client = Client()
    client.post("/accounts/login/", {"username": "hr@acme.example", "password": "plms-demo"})

    role_history = _history(client.get(f"/capabilities/roles/{role.uuid}/").content.decode())
    assert "Harriet Reyes set the key results of Customer Service Advisor" in role_history
    assert "Harriet Reyes set a required capability of Customer Service Advisor" in role_history
    assert "Target level" in role_history  # the field's label, not `target_level`
    assert text_leaks(_text(role_history)) == []

    page = client.get(f"/goals/{goal.uuid}/").content.decode()
    goal_history = _history(page)
    assert f"Harriet Reyes created {goal.title}." in goal_history
    assert text_leaks(_text(goal_history)) == []
    decisions = page[page.index('id="decisions-heading"') :]
    decisions = decisions[: decisions.index("</section>")]
    assert text_leaks(_text(decisions)) == []
    assert "goal.activated" not in decisions
