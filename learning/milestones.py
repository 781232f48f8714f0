"""Momentum milestone kinds of learning.

`build_plan`: build the employee's development plan from their latest gaps (as a draft they
propose to their manager). Done at once: the plan is built.

`improvement_plan_reviews`: when HR signs off a performance improvement plan (the event
`improvement_plan_signed_off`, read from the plans by the tick), schedule a reminder before
and on each of its review dates for the employee, the manager and HR; done, and what is left
cancelled, when the plan is completed. Its reminders are steps of kind
`improvement_plan_review`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from learning.models import DevelopmentPlan
from learning.services import builds as build_services
from workflows import notifications
from workflows.milestones import (
    MilestoneKind,
    Outcome,
    follow_ups_schedule,
    notifying,
    object_link,
    register_kind,
    register_object_link,
    responsible_users,
)
from workflows.models import MilestoneRun
from workflows.triggers import anchor_on, organization_zone


def build_plan_for_employee(context):
    open_plan = (
        DevelopmentPlan.objects.filter(employee=context.employee)
        .exclude(status=DevelopmentPlan.Status.COMPLETED)
        .order_by("-created_at", "-id")
        .first()
    )
    if open_plan is not None:
        return Outcome(
            MilestoneRun.State.SKIPPED,
            "The employee has a plan in progress.",
            object_type="learning.developmentplan",
            object_id=str(open_plan.uuid),
        )
    plan = build_services.plan_build(actor=context.actor, employee=context.employee)
    notifications.notify(
        recipients=responsible_users(context),
        event=notifications.WORKFLOW_MESSAGE,
        title=str(_("Your development plan is ready to review")),
        body=context.milestone.message or "",
        link=reverse("learning:plan_detail", args=[plan.uuid]),
        obj=plan,
        occasion=context.step.occasion,
        now=context.now,
    )
    return Outcome(
        MilestoneRun.State.DONE,
        f"Plan with {plan.items.count()} items.",
        object_type="learning.developmentplan",
        object_id=str(plan.uuid),
    )


def register() -> None:
    register_object_link(
        "learning.developmentplan", lambda uuid: reverse("learning:plan_detail", args=[uuid])
    )
    register_improvement_plans()
    register_kind(
        MilestoneKind(
            "build_plan",
            _("Build the development plan"),
            _("Build a draft development plan from the employee's latest gaps."),
            dispatch=build_plan_for_employee,
        )
    )


# --- Performance improvement plans: review dates through Momentum -------------------------------

IMPROVEMENT_PLAN_KEY = "pip:"  # the occurrence of a sign-off: "pip:<plan uuid>"
REVIEW_BEFORE, REVIEW_DAY = "review-before:", "review-day:"


def _improvement_plan(run) -> DevelopmentPlan | None:
    if not run.occurrence.startswith(IMPROVEMENT_PLAN_KEY):
        return None
    return (
        DevelopmentPlan.objects.filter(
            uuid=run.occurrence[len(IMPROVEMENT_PLAN_KEY) :],
            kind=DevelopmentPlan.Kind.IMPROVEMENT,
        )
        .select_related("employee__user", "employee__manager__user", "hr_signed_off_by")
        .first()
    )


def schedule_reviews(context):
    """Schedule a reminder before each review date still to come (the milestone's "remind days
    before due") and one on the day ("remind on the due day"), at 09:00 in the organisation's
    time zone; the step waits until the plan is completed, which cancels what is left."""
    plan = _improvement_plan(context.run)
    if plan is None or not plan.is_open:
        return Outcome(MilestoneRun.State.SKIPPED, "The improvement plan is gone or completed.")
    zone = organization_zone(context.actor.organization)
    before = timedelta(days=context.milestone.remind_before_days)
    follow_ups = []
    for text in plan.review_dates:
        day = date.fromisoformat(text)
        if before:
            follow_ups.append(
                (REVIEW_KIND, f"{REVIEW_BEFORE}{text}", anchor_on(day - before, zone))
            )
        if context.milestone.remind_on_due or not before:
            follow_ups.append((REVIEW_KIND, f"{REVIEW_DAY}{text}", anchor_on(day, zone)))
    follow_ups = [f for f in follow_ups if f[2] > context.now]
    follow_ups_schedule(context, follow_ups)
    return Outcome(
        MilestoneRun.State.DISPATCHED,
        f"{len(follow_ups)} review reminders.",
        object_type="learning.developmentplan",
        object_id=str(plan.uuid),
    )


def improvement_plans_completed(steps, actor) -> dict:
    by_object = {step.object_id: step for step in steps if step.object_id}
    done = DevelopmentPlan.objects.filter(
        uuid__in=list(by_object), status=DevelopmentPlan.Status.COMPLETED
    ).only("uuid", "completed_at")
    return {by_object[str(plan.uuid)].pk: plan.completed_at for plan in done}


def review_notice(context):
    """A reminder of one review date: to the employee, their manager and the HR admin who
    signed the plan off; linked to the plan."""
    step, parent = context.step, context.step.parent
    if parent is None or not step.occasion.startswith((REVIEW_BEFORE, REVIEW_DAY)):
        return Outcome(MilestoneRun.State.SKIPPED, "Only a reminder of a plan's review date.")
    if parent.state != MilestoneRun.State.DISPATCHED:
        return Outcome(MilestoneRun.State.SKIPPED, "The plan is completed.")
    plan = _improvement_plan(context.run)
    if plan is None or not plan.is_open:
        return Outcome(MilestoneRun.State.SKIPPED, "The improvement plan is gone or completed.")
    day = date.fromisoformat(step.occasion.split(":", 1)[1])
    values = {
        "name": plan.employee.full_name,
        "date": formats.date_format(day, "DATE_FORMAT"),
    }
    if step.occasion.startswith(REVIEW_DAY):
        title = _("Today: review of %(name)s's improvement plan") % values
    else:
        title = _("Review of %(name)s's improvement plan on %(date)s") % values
    manager = plan.employee.manager
    people = [plan.employee.user, manager.user if manager else None, plan.hr_signed_off_by]
    object_type, object_id = notifications.object_key(step)
    return notifications.Notice(
        recipients=tuple(user for user in people if user is not None),
        event=notifications.WORKFLOW_REMINDER,
        title=str(title),
        body=context.milestone.message.replace("{employee}", plan.employee.full_name),
        link=object_link("learning.developmentplan", str(plan.uuid)),
        object_type=object_type,
        object_id=object_id,
        occasion=step.occasion,
    )


REVIEW_KIND = "improvement_plan_review"


def register_improvement_plans() -> None:
    register_kind(
        MilestoneKind(
            "improvement_plan_reviews",
            _("Remind of an improvement plan's review dates"),
            _("Before and on each review date of the plan, until it is completed."),
            dispatch=schedule_reviews,
            completed=improvement_plans_completed,
        )
    )
    register_kind(
        MilestoneKind(
            REVIEW_KIND,
            _("Improvement plan review reminder"),
            _("One review date of a plan (scheduled by the step above)."),
            dispatch=notifying(review_notice),
            notice=review_notice,
        )
    )
