"""The Momentum milestone kind `build_plan`: build the employee's development plan from their
latest gaps (as a draft they propose to their manager). Done at once: the plan is built."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.models import DevelopmentPlan
from learning.services import builds as build_services
from workflows import notifications
from workflows.milestones import MilestoneKind, Outcome, register_kind, responsible_users
from workflows.models import MilestoneRun


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
        link=reverse("learning:my_plan"),
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
    register_kind(
        MilestoneKind(
            "build_plan",
            _("Build the development plan"),
            _("Build a draft development plan from the employee's latest gaps."),
            dispatch=build_plan_for_employee,
        )
    )
