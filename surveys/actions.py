"""Writes of action plans: what the organisation does about a survey's result.

A plan is per survey and department (or the whole organisation); each action has an owner and
a due date. Momentum follows actions up through the organisation's "Survey action
follow-up" workflow (trigger: a survey action falls due; the owner is reminded on the due date,
HR admins are told a day after when it is still open), made with the first plan.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plms.audit.services import audit_record
from plms.common.errors import ApplicationError, PermissionDenied
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor, same_organization
from surveys.error_codes import INVALID
from surveys.models import ActionPlan, Survey, SurveyAction
from workflows import services as workflow_services
from workflows.models import WorkflowTemplate

FOLLOW_UP_SOURCE = "survey-action-follow-up"


def follow_up_workflow_ensure(*, actor: Actor) -> WorkflowTemplate:
    """The organisation's follow-up workflow: made and activated the first time, then left as
    HR set it (paused or cancelled means they switched it off)."""
    existing = (
        WorkflowTemplate.objects.select_for_update()
        .filter(source=FOLLOW_UP_SOURCE)
        .order_by("-id")
        .first()
    )
    if existing is not None:
        return existing
    template = workflow_services.workflow_template_create(
        actor=actor,
        name=str(_("Survey action follow-up")),
        description=str(
            _("Reminds each survey action's owner on its due date and tells HR when overdue.")
        ),
        source=FOLLOW_UP_SOURCE,
        trigger="event",
        event="survey_action_due",
        milestones=[
            {
                "name": str(_("Complete the survey action")),
                "kind": "survey_action_follow_up",
                "due_days": 0,
                "recipients": "employee",
                "escalate_after_days": 1,
                "escalate_to": "hr_admins",
            }
        ],
    )
    return workflow_services.workflow_template_activate(actor=actor, template=template)


@transaction.atomic
def action_plan_ensure(
    *, actor: Actor, survey: Survey, department: Department | None
) -> ActionPlan:
    actor.require_admin()
    same_organization(actor, survey)
    if department is not None:
        same_organization(actor, department)
    plan, created = ActionPlan.objects.get_or_create(
        survey=survey,
        department=department,
        defaults={"organization_id": survey.organization_id, "created_by": actor.user},
    )
    if created:
        follow_up_workflow_ensure(actor=actor)
        audit_record(actor=actor, action="survey_action_plan.created", obj=plan)
    return plan


@transaction.atomic
def action_add(
    *, actor: Actor, plan: ActionPlan, title: str, owner: Employee, due_on: dt.date
) -> SurveyAction:
    actor.require_admin()
    same_organization(actor, plan)
    same_organization(actor, owner)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = str(_("Say what will be done."))
    if not owner.active:
        errors["owner"] = str(_("Choose someone who still works here."))
    if due_on < timezone.localdate():
        errors["due_on"] = str(_("The due date has passed."))
    if errors:
        raise ApplicationError(INVALID, str(_("The action is incomplete.")), fields=errors)
    action = SurveyAction.objects.create(
        organization_id=plan.organization_id,
        plan=plan,
        title=title[:200],
        owner=owner,
        due_on=due_on,
    )
    audit_record(actor=actor, action="survey_action.created", obj=action)
    return action


@transaction.atomic
def action_complete(*, actor: Actor, action: SurveyAction) -> SurveyAction:
    """Done, by its owner or HR."""
    same_organization(actor, action)
    if not actor.is_admin and (actor.employee is None or actor.employee.pk != action.owner_id):
        raise PermissionDenied("Only the owner or HR may complete the action.")
    action = SurveyAction.objects.select_for_update().get(pk=action.pk)
    if action.status != SurveyAction.Status.DONE:
        action.status = SurveyAction.Status.DONE
        action.done_at = timezone.now()
        action.save(update_fields=["status", "done_at"])
        audit_record(actor=actor, action="survey_action.done", obj=action)
    return action
