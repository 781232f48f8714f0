"""Momentum tells people what happens in the apps below it, through their extension points:
an escalation from a check-in reaches the person it was raised to, and its decision reaches
the manager and whoever raised it. Each notification is sent once (its dedupe key), in the app
and by e-mail as each person chose."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from goals import hooks as goal_hooks
from goals.models import CheckInEscalation
from workflows import notifications
from workflows.models import Notification
from workflows.unread import unread_count_forget_users

CHECK_IN_ESCALATED = "check_in.escalated"
CHECK_IN_ESCALATION_RESOLVED = "check_in.escalation_resolved"


def _escalation_link(escalation: CheckInEscalation) -> str:
    return (
        reverse("goals:check_in_detail", args=[escalation.check_in.uuid])
        + f"#escalation-{escalation.uuid}"
    )


def tell_the_person_escalated_to(sender, *, escalation: CheckInEscalation, **kwargs) -> None:
    above, check_in = escalation.escalated_to, escalation.check_in
    notifications.notify(
        recipients=[above.user] if above.user_id else [],
        event=CHECK_IN_ESCALATED,
        title=str(
            _("%(part)s escalated to you from the check-in of %(manager)s and %(report)s")
            % {
                "part": escalation.get_part_display(),
                "manager": check_in.manager.full_name,
                "report": check_in.report.full_name,
            }
        ),
        body=escalation.text,
        link=_escalation_link(escalation),
        obj=escalation,
        occasion="escalated",
    )


def tell_the_decision(sender, *, escalation: CheckInEscalation, **kwargs) -> None:
    manager = escalation.check_in.manager
    notifications.notify(
        recipients=[u for u in (manager.user, escalation.escalated_by) if u is not None],
        event=CHECK_IN_ESCALATION_RESOLVED,
        title=str(
            _("%(who)s resolved the escalated %(part)s of %(report)s")
            % {
                "who": escalation.escalated_to.full_name,
                "part": escalation.get_part_display().lower(),
                "report": escalation.check_in.report.full_name,
            }
        ),
        body=escalation.resolution_note,
        link=_escalation_link(escalation),
        obj=escalation,
        occasion="resolved",
    )


def forget_the_unread_count(sender, *, instance: Notification, **kwargs) -> None:
    """A notification saved one by one (not through `notify_many`) changes its recipient's
    bell too."""
    unread_count_forget_users([instance.recipient])


def connect() -> None:
    post_save.connect(
        forget_the_unread_count, sender=Notification, dispatch_uid="workflows.unread_count"
    )
    notifications.register_event(
        CHECK_IN_ESCALATED, _("Obstacles and priorities escalated to you from a check-in")
    )
    notifications.register_event(
        CHECK_IN_ESCALATION_RESOLVED, _("Decisions on what you escalated from a check-in")
    )
    goal_hooks.check_in_escalated.connect(
        tell_the_person_escalated_to, dispatch_uid="workflows.check_in_escalated"
    )
    goal_hooks.check_in_escalation_resolved.connect(
        tell_the_decision, dispatch_uid="workflows.check_in_escalation_resolved"
    )
