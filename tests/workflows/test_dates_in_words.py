"""Dates a person reads in notifications and e-mails are written as the rest of the product
writes them ("14 Jan 2027"), never as ISO dates ("2027-01-14").

A review with a message, a check-in with reminders and an escalation, and a performance
improvement plan's review dates run through the tick; every notification they create is read
in the list of each recipient and in every e-mail sent.
"""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.services import plans as plan_services
from tests.conftest import in_org
from tests.workflows.conftest import T0, actor_for, days
from workflows import services
from workflows.models import Notification
from workflows.triggers import anchor_on, organization_zone

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
HOUSE_DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")
TAG = re.compile(r"<[^>]+>")


def _readable(html: str) -> str:
    """What a person reads of an HTML page or e-mail: its text, without tags or addresses."""
    return unescape(TAG.sub(" ", html))


def test_notifications_and_e_mails_write_dates_in_words(org_a, team, tick, client):
    hr, manager, employee = team["hr"], team["manager"], team["employee"]
    with in_org(org_a):
        template = services.workflow_template_create(
            actor=actor_for(hr),
            name="Competency review",
            trigger="date",
            start_date=T0.date(),
            audience="people",
            audience_ids=[str(employee.employee.uuid)],
            milestones=[
                {
                    "name": "The review starts: talk to {manager} by {deadline}",
                    "kind": "send_message",
                    "recipients": "both",
                    "due_days": 7,
                    "message": "Book the conversation with {employee} before {deadline}.",
                },
                {
                    "name": "Review conversation",
                    "kind": "schedule_check_in",
                    "due_days": 7,
                    "recipients": "manager",
                    "remind_before_days": 2,
                    "remind_on_due": True,
                    "remind_overdue_days": 1,
                    "escalate_after_days": 3,
                    "message": "Hold it by {deadline}.",
                },
            ],
        )
        services.workflow_template_activate(actor=actor_for(hr), template=template, now=T0)
    for moment in (T0, T0 + days(5), T0 + days(7), T0 + days(8), T0 + days(10)):
        tick(moment + days(0.01))

    today = timezone.localdate()
    review = today + datetime.timedelta(days=10)
    with in_org(org_a):
        plan = plan_services.plan_create_improvement(
            actor=actor_for(manager),
            employee=employee.employee,
            title="Back to first-time resolution",
            period_start=today,
            period_end=today + datetime.timedelta(days=60),
            milestones=[("Resolve 80 % of contacts first time", today + datetime.timedelta(30))],
            review_dates=[review],
            reason="First-time resolution fell from 85 % to 52 % over the quarter.",
        )
        plan_services.plan_improvement_sign_off(actor=actor_for(hr), plan=plan)
        zone = organization_zone(org_a)
    tick(timezone.now() + days(0.01))
    tick(anchor_on(review - datetime.timedelta(days=2), zone) + days(0.01))

    with in_org(org_a):
        notifications = list(Notification.objects.order_by("id"))
        recipients = {n.recipient for n in notifications}
    events = {n.event for n in notifications}
    assert {"workflow.message", "workflow.check_in", "workflow.reminder"} <= events
    assert "workflow.escalation" in events
    texts = [f"{n.title}\n{n.body}" for n in notifications]
    # The dates are there, in words: the check-in's day, the reminders' due day, the review.
    dated = [text for text in texts if HOUSE_DATE.search(text)]
    assert len(dated) >= 4, texts

    pages = []
    for user in recipients:
        client.force_login(user)
        response = client.get(reverse("notifications:list"))
        assert response.status_code == 200
        pages.append(_readable(response.content.decode()))
    emails = [f"{m.subject}\n{m.body}\n{_readable(m.alternatives[0][0])}" for m in mail.outbox]
    assert len(emails) >= len(notifications) // 2  # most are e-mailed at once

    for text in [*texts, *pages, *emails]:
        found = ISO_DATE.findall(text)
        assert not found, f"an ISO date in:\n{text}"
