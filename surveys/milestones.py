"""Momentum's part in surveys: the milestone kinds `survey_invitation` and
`survey_action_follow_up`, and the trigger "A survey action falls due".

- `survey_invitation` (the step of a survey's own workflow, `config["survey"]`): opens the
  round of the run's occurrence (once for everyone) and invites the person; it is complete
  when they have answered, so Momentum's reminders chase only those who have not.
- "A survey action falls due" starts a run for the owner of each open action, anchored at
  09:00 on its due date; its `survey_action_follow_up` step reminds the owner that day and
  is complete when the action is done, so the template's escalation tells HR when it is
  overdue. The organisation's follow-up workflow is made (and activated) with its first
  action plan (`surveys.actions.follow_up_workflow_ensure`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.tenancy.models import Organization
from surveys import services
from surveys.models import Survey, SurveyAction, SurveyParticipation, SurveyRound
from workflows import notifications
from workflows.milestones import (
    MilestoneKind,
    Outcome,
    register_config_resolver,
    register_kind,
    register_object_link,
)
from workflows.models import MilestoneRun, WorkflowRun, WorkflowTemplate
from workflows.triggers import (
    EventHit,
    EventSource,
    anchor_on,
    organization_zone,
    register_event_source,
)

ACTION_EVENT = "survey_action_due"
ACTION_OCCURRENCE = "survey-action:"


# --- Invitations -----------------------------------------------------------------------------


def invite(context) -> Outcome:
    config = context.milestone.config or {}
    survey = Survey.objects.filter(uuid=config.get("survey") or None).first()
    if survey is None or survey.status != Survey.Status.SCHEDULED:
        return Outcome(MilestoneRun.State.SKIPPED, "The survey is closed or gone.")
    survey_round = services.round_open(survey=survey, opens_at=context.run.anchor_at)
    if not survey_round.is_open(context.now):
        return Outcome(MilestoneRun.State.SKIPPED, "The round has closed.")
    user = context.employee.user if context.employee.user_id else None
    if user is not None:
        notice = services.invitation_notice(survey_round=survey_round, users=[user])
        notifications.notify_many([notice], now=context.now)
    return Outcome(
        MilestoneRun.State.DISPATCHED,
        f"Invited to round {survey_round.number} of {survey.name}.",
        object_type="surveys.surveyround",
        object_id=str(survey_round.uuid),
    )


def invitations_answered(steps: Sequence[MilestoneRun], actor) -> dict[int, datetime]:
    """Steps whose person has answered the round the step invited them to."""
    if not steps:
        return {}
    employee_of = dict(
        WorkflowRun.objects.filter(pk__in={s.run_id for s in steps}).values_list(
            "pk", "employee_id"
        )
    )
    rounds = {
        str(uuid): pk
        for uuid, pk in SurveyRound.objects.filter(
            uuid__in={s.object_id for s in steps if s.object_id}
        ).values_list("uuid", "pk")
    }
    answered = set(
        SurveyParticipation.objects.filter(round_id__in=rounds.values()).values_list(
            "round_id", "employee_id"
        )
    )
    now = timezone.now()
    done: dict[int, datetime] = {}
    for step in steps:
        round_id = rounds.get(step.object_id) if step.object_id else None
        if round_id is None:
            continue
        try:
            key = (round_id, employee_of[step.run_id])
        except KeyError:
            continue
        if key in answered:
            done[step.pk] = now
    return done


# --- Action follow-up ------------------------------------------------------------------------


def _actions_due(template: WorkflowTemplate, now: datetime, limit: int):
    """Open actions created since the cursor, each anchored at 09:00 on its due date."""
    zone = organization_zone(Organization.objects.get(pk=template.organization_id))
    actions = list(
        SurveyAction.objects.filter(pk__gt=template.event_cursor, status="open")
        .order_by("pk")
        .only("pk", "uuid", "owner_id", "due_on")[:limit]
    )
    hits = [
        EventHit(a.owner_id, None, f"{ACTION_OCCURRENCE}{a.uuid}", anchor_on(a.due_on, zone))
        for a in actions
    ]
    cursor = actions[-1].pk if actions else template.event_cursor
    return hits, cursor


def _action_of(run: WorkflowRun) -> SurveyAction | None:
    if not run.occurrence.startswith(ACTION_OCCURRENCE):
        return None
    return (
        SurveyAction.objects.select_related("plan__survey")
        .filter(uuid=run.occurrence.removeprefix(ACTION_OCCURRENCE) or None)
        .first()
    )


def follow_up(context) -> Outcome:
    action = _action_of(context.run)
    if action is None or action.status == SurveyAction.Status.DONE:
        return Outcome(MilestoneRun.State.SKIPPED, "The action is done or gone.")
    user = context.employee.user if context.employee.user_id else None
    if user is not None:
        notifications.notify(
            recipients=[user],
            event=notifications.WORKFLOW_REMINDER,
            title=str(_("Survey action due: %(title)s") % {"title": action.title})[:200],
            body=context.milestone.message or "",
            link=reverse("surveys:actions", kwargs={"id": action.plan.survey.uuid}),
            obj=action,
            occasion=context.step.occasion,
            now=context.now,
        )
    return Outcome(
        MilestoneRun.State.DISPATCHED,
        f"Reminded about {action.title}.",
        object_type="surveys.surveyaction",
        object_id=str(action.uuid),
    )


def actions_done(steps: Sequence[MilestoneRun], actor) -> dict[int, datetime]:
    by_object = {step.object_id: step for step in steps if step.object_id}
    done = SurveyAction.objects.filter(
        uuid__in=list(by_object), status=SurveyAction.Status.DONE
    ).only("uuid", "done_at")
    return {by_object[str(a.uuid)].pk: a.done_at or timezone.now() for a in done}


def _survey_link(uuid: str) -> str:
    survey = SurveyRound.objects.filter(uuid=uuid).values_list("survey__uuid", flat=True).first()
    return reverse("surveys:answer", kwargs={"id": survey}) if survey else ""


def _action_link(uuid: str) -> str:
    survey = (
        SurveyAction.objects.filter(uuid=uuid).values_list("plan__survey__uuid", flat=True).first()
    )
    return reverse("surveys:actions", kwargs={"id": survey}) if survey else ""


def survey_public_id(value: object) -> str | None:
    """The public id of the organisation's survey `value` names, if there is one."""
    survey = Survey.objects.filter(uuid=str(value)).first()
    return str(survey.uuid) if survey is not None else None


def register() -> None:
    register_config_resolver("survey", survey_public_id)
    register_object_link("surveys.surveyround", _survey_link)
    register_object_link("surveys.surveyaction", _action_link)
    register_event_source(
        EventSource(
            ACTION_EVENT,
            _("A survey action falls due"),
            _actions_due,
            lambda: 0,
            help=_("Runs start at 09:00 on each open action's due date, for its owner."),
        )
    )
    register_kind(
        MilestoneKind(
            "survey_invitation",
            _("Invite to a survey"),
            _(
                "Open the survey's round and invite the employee; done when they have "
                "answered (nobody sees what)."
            ),
            dispatch=invite,
            completed=invitations_answered,
        )
    )
    register_kind(
        MilestoneKind(
            "survey_action_follow_up",
            _("Follow up a survey action"),
            _("Remind the action's owner on its due date; done when the action is done."),
            dispatch=follow_up,
            completed=actions_done,
        )
    )
