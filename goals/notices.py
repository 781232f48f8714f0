"""What goals, check-ins and feedback tell people through Momentum's notifications: the event
names (each person switches them on or off, in the app and by e-mail) and their labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workflows.notifications import register_event

CHECK_IN_ESCALATED = "check_in.escalated"
CHECK_IN_ESCALATION_RESOLVED = "check_in.escalation_resolved"

EVENTS = {
    CHECK_IN_ESCALATED: _("Obstacles and priorities escalated to you from a check-in"),
    CHECK_IN_ESCALATION_RESOLVED: _("Decisions on what you escalated from a check-in"),
}


def register() -> None:
    for name, label in EVENTS.items():
        register_event(name, label)
