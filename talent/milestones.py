"""Momentum milestone kinds of talent reviews: an action's follow-up.

`talent_review_action`: when a talent review records an action (the event
`talent_review_action_recorded`, read from the decision log by the tick), schedule its
reminders: to the owner the milestone's "remind days before due" before the due date and on
the due date, and to the owner's manager (or HR, for someone without one) the milestone's
"escalate after days" (at least one) past it. The step waits until the action is done, which
cancels what is left. Its reminders are steps of kind `talent_review_action_reminder`.

Only the owner reads the action's text in a reminder; their manager is told that an action
they own is overdue, not what it is (the decision log is confidential).
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from talent.events import ACTION_KEY
from talent.models import TalentReviewEntry
from workflows import notifications
from workflows.milestones import (
    MilestoneKind,
    Outcome,
    follow_ups_schedule,
    hr_admin_users,
    notified,
    register_kind,
    register_object_link,
)
from workflows.models import MilestoneRun
from workflows.triggers import anchor_on, organization_zone

OBJECT_TYPE = "talent.talentreviewentry"
BEFORE, DUE, OVERDUE = "action-before", "action-due", "action-overdue"
REMINDER_KIND = "talent_review_action_reminder"


def _action(run) -> TalentReviewEntry | None:
    if not run.occurrence.startswith(ACTION_KEY):
        return None
    return (
        TalentReviewEntry.objects.filter(
            uuid=run.occurrence[len(ACTION_KEY) :], kind=TalentReviewEntry.Kind.ACTION
        )
        .select_related("review", "owner__user", "owner__manager__user")
        .first()
    )


def _open(action: TalentReviewEntry | None) -> bool:
    return action is not None and action.status == TalentReviewEntry.Status.OPEN


def schedule_follow_up(context) -> Outcome:
    """Schedule the action's reminders at 09:00 in the organisation's time zone; the step
    waits until the action is done."""
    action = _action(context.run)
    if not _open(action) or action is None or action.due_on is None:
        return Outcome(MilestoneRun.State.SKIPPED, "The action is gone or done.")
    zone = organization_zone(context.actor.organization)
    due = action.due_on
    before = timedelta(days=context.milestone.remind_before_days)
    late = timedelta(days=max(context.milestone.escalate_after_days, 1))
    follow_ups = []
    if before:
        follow_ups.append((REMINDER_KIND, BEFORE, anchor_on(due - before, zone)))
    if context.milestone.remind_on_due or not before:
        follow_ups.append((REMINDER_KIND, DUE, anchor_on(due, zone)))
    follow_ups = [f for f in follow_ups if f[2] > context.now]
    follow_ups.append((REMINDER_KIND, OVERDUE, anchor_on(due + late, zone)))
    follow_ups_schedule(context, follow_ups)
    return Outcome(
        MilestoneRun.State.DISPATCHED,
        f"{len(follow_ups)} reminders until {due.isoformat()}.",
        object_type=OBJECT_TYPE,
        object_id=str(action.uuid),
    )


def actions_done(steps, actor) -> dict:
    by_object = {step.object_id: step for step in steps if step.object_id}
    done = TalentReviewEntry.objects.filter(
        uuid__in=list(by_object), status=TalentReviewEntry.Status.DONE
    ).only("uuid", "done_at")
    return {by_object[str(action.uuid)].pk: action.done_at for action in done}


def remind(context) -> Outcome:
    """One reminder of an action: before or on its due date to the owner; once overdue to the
    owner again and to their manager (HR admins for someone without a manager)."""
    step, parent = context.step, context.step.parent
    if parent is None or step.occasion not in (BEFORE, DUE, OVERDUE):
        return Outcome(MilestoneRun.State.SKIPPED, "Only a reminder of a review's action.")
    if parent.state != MilestoneRun.State.DISPATCHED:
        return Outcome(MilestoneRun.State.SKIPPED, "The action is done.")
    action = _action(context.run)
    if not _open(action) or action is None or action.owner is None or action.due_on is None:
        return Outcome(MilestoneRun.State.SKIPPED, "The action is gone or done.")
    owner = action.owner
    values = {
        "text": action.text,
        "date": formats.date_format(action.due_on, "DATE_FORMAT"),
        "owner": owner.full_name,
        "review": action.review.name,
    }
    if step.occasion == BEFORE:
        title = _("Due on %(date)s: %(text)s") % values
    elif step.occasion == DUE:
        title = _("Due today: %(text)s") % values
    else:
        title = _("Overdue since %(date)s: %(text)s") % values
    object_type, object_id = notifications.object_key(step)
    link = reverse("talent:review_action", args=[action.uuid])
    owner_users = (owner.user,) if owner.user_id else ()
    notices = [
        notifications.Notice(
            recipients=owner_users,
            event=notifications.WORKFLOW_REMINDER,
            title=str(title)[:200],
            body=str(_("An action from the talent review %(review)s.") % values),
            link=link,
            object_type=object_type,
            object_id=object_id,
            occasion=step.occasion,
        )
    ]
    if step.occasion == OVERDUE:
        manager = owner.manager
        above = (
            [manager.user]
            if manager is not None and manager.user_id
            else hr_admin_users(context.run.organization_id)
        )
        notices.append(
            notifications.Notice(
                recipients=tuple(user for user in above if user.pk != owner.user_id),
                event=notifications.WORKFLOW_ESCALATION,
                title=str(
                    _("Overdue: %(owner)s's action from a talent review (due %(date)s)") % values
                )[:200],
                body=str(_("Ask %(owner)s about it; HR reads the decision log.") % values),
                link=reverse("people:employee_detail", args=[owner.uuid]),
                object_type=object_type,
                object_id=object_id,
                occasion=step.occasion,
            )
        )
    notices = [notice for notice in notices if notice.recipients]
    if not notices:
        return Outcome(MilestoneRun.State.SKIPPED, "Nobody to notify (no sign-in).")
    created = notifications.notify_many(notices, now=context.now)
    outcomes = [notified(notice, made) for notice, made in zip(notices, created, strict=True)]
    return Outcome(MilestoneRun.State.DONE, " ".join(o.detail for o in outcomes))


def register() -> None:
    register_object_link(OBJECT_TYPE, lambda uuid: reverse("talent:review_action", args=[uuid]))
    register_kind(
        MilestoneKind(
            "talent_review_action",
            _("Follow up a talent review's action"),
            _(
                "Remind the action's owner before and on its due date, and their manager (or "
                "HR) once it is overdue, until it is done."
            ),
            dispatch=schedule_follow_up,
            completed=actions_done,
        )
    )
    register_kind(
        MilestoneKind(
            REMINDER_KIND,
            _("Talent review action reminder"),
            _("One reminder of an action (scheduled by the step above)."),
            dispatch=remind,
        )
    )
