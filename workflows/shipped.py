"""Workflow templates shipped with PLMS (data). HR copies one into the organization as a draft,
adjusts it, previews it and activates it.

Steps of kinds whose app has not arrived yet (assessments, development plans) are part of the
templates already: they show in the preview and are skipped, with the reason, until then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _


def _next_quarter_start(today: dt.date) -> dt.date:
    month = ((today.month - 1) // 3 + 1) * 3 + 1
    return dt.date(today.year + (month > 12), (month - 1) % 12 + 1, 1)


def _next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def _chased(**values: Any) -> dict[str, Any]:
    return {
        "remind_before_days": 2,
        "remind_on_due": True,
        "remind_overdue_days": 2,
        "escalate_after_days": 5,
        **values,
    }


SHIPPED: dict[str, dict[str, Any]] = {
    "quarterly_competency_review": {
        "name": _("Quarterly competency review"),
        "description": _(
            "Every quarter: self-assessment, manager assessment, a review conversation, the "
            "development plan from the gaps, and a re-assessment two months later."
        ),
        "trigger": "recurrence",
        "recurrence": "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1",
        "start": _next_quarter_start,
        "milestones": [
            {
                "name": "The quarterly competency review starts",
                "kind": "send_message",
                "recipients": "both",
                "message": "The review of {workflow} starts today. Your self-assessment is "
                "due within a week; {manager} rates you the week after.",
            },
            _chased(
                name="Self-assessment",
                kind="launch_assessment",
                due_days=7,
                config={"assessment": "self"},
                message="Rate yourself against the level descriptors of your role.",
            ),
            _chased(
                name="Manager assessment",
                kind="launch_assessment",
                relative_to="previous",
                offset_days=7,
                due_days=7,
                recipients="manager",
                escalate_to="hr_admins",
                config={"assessment": "manager"},
                message="Rate {employee} against the level descriptors of their role.",
            ),
            _chased(
                name="Review conversation",
                kind="schedule_check_in",
                relative_to="previous",
                offset_days=7,
                due_days=7,
                recipients="both",
                remind_before_days=0,
                message="Talk through the ratings and agree the focus capabilities.",
            ),
            _chased(
                name="Build the development plan",
                kind="build_plan",
                relative_to="previous",
                offset_days=7,
                due_days=14,
                recipients="both",
                condition="gap_above_one",
            ),
            _chased(
                name="Re-assess the focus capabilities",
                kind="reassess",
                relative_to="previous",
                offset_days=60,
                due_days=14,
            ),
        ],
    },
    "new_joiner_30_60_90": {
        "name": _("New joiner 30/60/90 days"),
        "description": _(
            "From the day someone joins: a welcome, check-ins at 30, 60 and 90 days, and a "
            "self-assessment before the 90-day conversation."
        ),
        "trigger": "event",
        "event": "employee_joined",
        "milestones": [
            {
                "name": "Welcome to the team",
                "kind": "send_message",
                "message": "Welcome! {manager} will meet you regularly over your first 90 days.",
            },
            {
                "name": "Plan {employee}'s first weeks",
                "kind": "send_message",
                "recipients": "manager",
                "message": "{employee} has joined. Agree first goals in your first check-in.",
            },
            _chased(
                name="30-day check-in",
                kind="schedule_check_in",
                offset_days=30,
                due_days=3,
                recipients="manager",
                remind_before_days=0,
                escalate_to="hr_admins",
                config={"cadence": "monthly"},
            ),
            _chased(
                name="60-day check-in",
                kind="schedule_check_in",
                offset_days=60,
                due_days=3,
                recipients="manager",
                remind_before_days=0,
                escalate_to="hr_admins",
                config={"cadence": "monthly"},
            ),
            _chased(
                name="90-day self-assessment",
                kind="launch_assessment",
                offset_days=83,
                due_days=7,
                config={"assessment": "self"},
            ),
            _chased(
                name="90-day check-in",
                kind="schedule_check_in",
                offset_days=90,
                due_days=3,
                recipients="manager",
                remind_before_days=0,
                escalate_to="hr_admins",
                config={"cadence": "monthly"},
            ),
        ],
    },
    "weekly_check_ins": {
        "name": _("Weekly check-ins"),
        "description": _(
            "Every Monday: the employee prepares, the manager holds the check-in by Friday; "
            "a reminder on Friday and the next Monday if it has not happened."
        ),
        "trigger": "recurrence",
        "recurrence": "FREQ=WEEKLY;BYDAY=MO",
        "start": _next_monday,
        "audience_requires_manager": True,
        "milestones": [
            {
                "name": "Prepare your weekly check-in",
                "kind": "send_message",
                "message": "Note your progress, obstacles and priorities before you meet "
                "{manager}.",
            },
            {
                "name": "Weekly check-in",
                "kind": "schedule_check_in",
                "due_days": 4,
                "recipients": "manager",
                "remind_on_due": True,
                "remind_overdue_days": 3,
                "config": {"cadence": "weekly"},
                "message": "To hold by {deadline}: progress, obstacles and priorities.",
            },
        ],
    },
    "post_learning_reassessment": {
        "name": _("Post-learning re-assessment"),
        "description": _(
            "When a development plan item is completed: recognition, a re-assessment 30 days "
            "later, and the manager's review of the result."
        ),
        "trigger": "event",
        "event": "plan_item_completed",
        "milestones": [
            {
                "name": "Well done on completing a learning item",
                "kind": "send_message",
                "recipients": "both",
                "message": "Apply what you learned; a re-assessment follows in 30 days.",
            },
            _chased(name="Re-assess the capability", kind="reassess", offset_days=30, due_days=14),
            {
                "name": "Review the re-assessment with {employee}",
                "kind": "send_message",
                "recipients": "manager",
                "relative_to": "previous",
                "offset_days": 14,
            },
        ],
    },
    "red_goal_follow_up": {
        "name": _("Red goal follow-up"),
        "description": _(
            "When a goal turns red: the manager hears at once and holds a check-in with the "
            "goal's owner within three days; HR hears if it has not happened."
        ),
        "trigger": "event",
        "event": "goal_turned_red",
        "milestones": [
            {
                "name": "{employee}'s goal is red",
                "kind": "send_message",
                "recipients": "manager",
                "message": "A goal of {employee} has turned red: agree the next step with "
                "them in a check-in.",
            },
            _chased(
                name="Check-in on the red goal",
                kind="schedule_check_in",
                due_days=3,
                recipients="manager",
                remind_before_days=0,
                escalate_to="hr_admins",
                escalate_after_days=2,
                config={"cadence": "weekly"},
            ),
        ],
    },
    "probation_review": {
        "name": _("Probation review"),
        "description": _(
            "When probation ends (90 days after the start date by default): the manager holds "
            "the review meeting within five days; HR hears if it has not happened."
        ),
        "trigger": "event",
        "event": "probation_ends",
        "event_days": 90,
        "milestones": [
            {
                "name": "{employee}'s probation ends today",
                "kind": "send_message",
                "recipients": "manager",
                "message": "Confirm the outcome of the probation in a review meeting.",
            },
            _chased(
                name="Probation review meeting",
                kind="schedule_check_in",
                due_days=5,
                recipients="manager",
                escalate_to="hr_admins",
                escalate_after_days=2,
                config={"cadence": "monthly"},
            ),
        ],
    },
    "improvement_plan_reviews": {
        "name": _("Performance improvement plan reviews"),
        "description": _(
            "When HR signs off a performance improvement plan: the employee, the manager and "
            "HR are reminded two days before each review date and on the day, until the plan "
            "is completed. Switched on with the first plan; pause it to stop the reminders."
        ),
        "trigger": "event",
        "event": "improvement_plan_signed_off",
        "milestones": [
            {
                "name": "Review dates of {employee}'s improvement plan",
                "kind": "improvement_plan_reviews",
                "recipients": "both",
                "remind_before_days": 2,
                "remind_on_due": True,
                "message": "Review the milestones of the plan with {employee} and record "
                "what was agreed.",
            },
        ],
    },
    "talent_review_actions": {
        "name": _("Talent review actions"),
        "description": _(
            "When a talent review records an action: its owner is reminded two days before "
            "the due date and on the day, and their manager (or HR) a day after it once it is "
            "overdue, until the action is done. Switched on with the first talent review; "
            "pause it to stop the reminders."
        ),
        "trigger": "event",
        "event": "talent_review_action_recorded",
        "milestones": [
            {
                "name": "Action from a talent review",
                "kind": "talent_review_action",
                "recipients": "employee",
                "remind_before_days": 2,
                "remind_on_due": True,
                "escalate_after_days": 1,
            },
        ],
    },
}


def template_fields(definition: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """The fields of a new template from a shipped definition (dates from `today`)."""
    fields: dict[str, Any] = {
        "name": str(definition["name"]),
        "description": str(definition["description"]),
        "trigger": definition["trigger"],
    }
    if "start" in definition:
        fields["start_date"] = definition["start"](today)
    for name in ("recurrence", "event", "event_days", "audience_requires_manager"):
        if name in definition:
            fields[name] = definition[name]
    return fields


def shipped_list() -> list[tuple[str, dict[str, Any]]]:
    return list(SHIPPED.items())
