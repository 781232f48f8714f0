"""The registry of milestone kinds (what a step does) and of step conditions.

A kind has a `dispatch(context) -> Outcome` that runs inside the step's row lock and the
organization's transaction, so what it writes commits together with the step's new state:
a dispatch that is retried after a crash finds the step done and does nothing. Side effects
outside the database (e-mail) go through `notify()`, which enqueues them on commit.

A kind whose step someone has to complete (a check-in to hold, an assessment to submit) also
has `completed(steps) -> {step id: completed at}`, which the tick polls for dispatched steps;
its reminders and escalation are chased until then.

Kinds whose app is not installed yet are registered as placeholders (`dispatch=None`): they
can be put in templates and previewed, and their steps are skipped with the reason until the
app registers the real kind with `register_kind()` from its `AppConfig.ready()`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from goals.checkins import selectors as checkin_selectors
from goals.checkins import services as checkin_services
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.models import Membership
from workflows import notifications
from workflows.models import MilestoneRun, WorkflowMilestone, WorkflowRun

logger = logging.getLogger(__name__)


class TransientError(Exception):
    """The step could not be done now but may succeed later (retried with backoff)."""


@dataclass(frozen=True)
class StepContext:
    step: MilestoneRun
    run: WorkflowRun
    milestone: WorkflowMilestone
    employee: Employee
    actor: Actor
    now: datetime


@dataclass(frozen=True)
class Outcome:
    state: str  # MilestoneRun.State.DONE, DISPATCHED or SKIPPED
    detail: str = ""
    object_type: str = ""
    object_id: str = ""


Dispatch = Callable[[StepContext], Outcome]
Completed = Callable[[Sequence[MilestoneRun], Actor], dict[int, datetime]]
NoticeOf = Callable[[StepContext], "notifications.Notice | Outcome"]


@dataclass(frozen=True)
class MilestoneKind:
    name: str
    label: str
    description: str = ""
    dispatch: Dispatch | None = None
    completed: Completed | None = None
    unavailable_reason: str = ""
    # A kind whose only write is a notification may give it (or the outcome that replaces
    # it) here; the engine then dispatches a chunk of its steps together.
    notice: NoticeOf | None = None

    @property
    def available(self) -> bool:
        return self.dispatch is not None

    @property
    def awaits_completion(self) -> bool:
        return self.completed is not None


KINDS: dict[str, MilestoneKind] = {}


# Settings a milestone may name that another app resolves (the assessments app: `cycle`): the
# resolver returns the setting's public id, or None when the organization has no such object.
ConfigResolver = Callable[[Any], str | None]
CONFIG_RESOLVERS: dict[str, ConfigResolver] = {}


def register_config_resolver(key: str, resolver: ConfigResolver) -> ConfigResolver:
    CONFIG_RESOLVERS[key] = resolver
    return resolver


def register_kind(kind: MilestoneKind) -> MilestoneKind:
    """Add a kind, or replace a placeholder of the same name with the real one."""
    existing = KINDS.get(kind.name)
    if existing is not None and existing.available and kind is not existing:
        raise ValueError(f"Milestone kind {kind.name!r} is registered already.")
    KINDS[kind.name] = kind
    return kind


def kind_get(name: str) -> MilestoneKind | None:
    return KINDS.get(name)


# --- Conditions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    name: str
    label: str
    check: Callable[[StepContext], bool] | None = None
    unavailable_reason: str = ""


CONDITIONS: dict[str, Condition] = {}


def register_condition(condition: Condition) -> Condition:
    existing = CONDITIONS.get(condition.name)
    if existing is not None and existing.check is not None and condition is not existing:
        raise ValueError(f"Condition {condition.name!r} is registered already.")
    CONDITIONS[condition.name] = condition
    return condition


register_condition(
    Condition(
        "has_manager",
        _("Only if the employee has a manager"),
        lambda c: bool(c.employee.manager_id),
    )
)
register_condition(
    Condition(
        "has_sign_in", _("Only if the employee has signed in"), lambda c: bool(c.employee.user_id)
    )
)
register_condition(
    Condition(
        "gap_above_one",
        _("Only if a capability gap is above 1 level"),
        unavailable_reason="Gap analysis arrives with the assessments app.",
    )
)


# --- Who is told -----------------------------------------------------------------------------


def _user(employee: Employee | None):
    return employee.user if employee is not None and employee.user_id else None


def responsible_users(context: StepContext) -> list:
    """The milestone's recipients: the employee, the manager, or both (those who signed in)."""
    choice = context.milestone.recipients
    people = []
    if choice in ("employee", "both"):
        people.append(_user(context.employee))
    if choice in ("manager", "both"):
        people.append(_user(context.employee.manager))
    return [user for user in people if user is not None]


def hr_admin_users(organization_id: int) -> list:
    memberships = Membership.objects.filter(
        organization_id=organization_id, role=Membership.Role.ADMIN
    ).select_related("user")
    return [m.user for m in memberships if m.user.is_active]


def escalation_users(context: StepContext) -> list:
    manager = context.employee.manager
    if context.milestone.escalate_to == "managers_manager" and manager is not None:
        boss = _user(manager.manager)
        if boss is not None:
            return [boss]
    return hr_admin_users(context.run.organization_id)


def _fill(text: str, context: StepContext) -> str:
    step = context.step
    deadline = step.deadline_at or (step.parent.deadline_at if step.parent_id else None)
    manager = context.employee.manager
    values = {
        "{employee}": context.employee.full_name,
        "{manager}": manager.full_name if manager is not None else "",
        "{workflow}": context.run.template.name,
        "{milestone}": context.milestone.name,
        "{deadline}": formats.date_format(timezone.localtime(deadline).date(), "DATE_FORMAT")
        if deadline
        else "",
    }
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def _parent_open(context: StepContext) -> Outcome | None:
    """A follow-up of a step that is finished (or not started) has nothing to chase."""
    parent = context.step.parent
    if parent is None:
        return None
    if parent.state in MilestoneRun.FINISHED_STATES:
        return Outcome(MilestoneRun.State.SKIPPED, "The step it chases is finished.")
    if parent.state != MilestoneRun.State.DISPATCHED:
        return Outcome(MilestoneRun.State.SKIPPED, "The step it chases has not started.")
    return None


def _superseded(context: StepContext) -> Outcome | None:
    """After an outage or a pause, only the latest of the reminders that fell due is sent."""
    step = context.step
    if step.parent_id is None:
        return None
    later = MilestoneRun.objects.filter(
        parent_id=step.parent_id, kind=step.kind, due_at__gt=step.due_at, due_at__lte=context.now
    )
    if later.exists():
        return Outcome(MilestoneRun.State.SKIPPED, "Superseded by a later reminder.")
    return None


def notified(notice: notifications.Notice, created: Sequence) -> Outcome:
    """The outcome of a step that stored `notice` and so created `created`."""
    if not any(user is not None for user in notice.recipients):
        return Outcome(MilestoneRun.State.SKIPPED, "Nobody to notify (no sign-in).")
    count = len({user.pk for user in notice.recipients if user is not None})
    people = "1 person" if count == 1 else f"{count} people"
    earlier = count - len(created)
    if earlier:
        return Outcome(MilestoneRun.State.DONE, f"Sent to {people}; {earlier} had it already.")
    return Outcome(MilestoneRun.State.DONE, f"Sent to {people}.")


def notifying(notice_of: NoticeOf) -> Dispatch:
    """The dispatch of a kind that only notifies: one step's notice, stored on its own."""

    def dispatch(context: StepContext) -> Outcome:
        notice = notice_of(context)
        if isinstance(notice, Outcome):
            return notice
        (created,) = notifications.notify_many([notice], now=context.now)
        return notified(notice, created)

    return dispatch


def _step_notice(context: StepContext, event: str, recipients: list, title: str):
    object_type, object_id = notifications.object_key(context.step)
    return notifications.Notice(
        recipients=tuple(recipients),
        event=event,
        title=str(title),
        body=_fill(context.milestone.message, context),
        link=_link(context),
        object_type=object_type,
        object_id=object_id,
        occasion=context.step.occasion,
    )


# --- What a notification links to --------------------------------------------------------------

# object type ("app.model", as steps and notifications record it) -> its page, from its id.
OBJECT_LINKS: dict[str, Callable[[str], str]] = {}


def register_object_link(object_type: str, link: Callable[[str], str]) -> None:
    """Say which page shows objects of `object_type` (call it from AppConfig.ready()), so
    notifications about them, their reminders and escalations link there."""
    OBJECT_LINKS[object_type] = link


register_object_link("goals.checkin", lambda uuid: reverse("goals:check_in_detail", args=[uuid]))
register_object_link("goals.goal", lambda uuid: reverse("goals:goal_detail", args=[uuid]))

RED_GOAL_OCCURRENCE = "goal-red:"


def run_red_goal(run: WorkflowRun):
    """The goal whose turning red started the run, or None."""
    if not run.occurrence.startswith(RED_GOAL_OCCURRENCE):
        return None
    return checkin_selectors.red_episode_goal(uuid=run.occurrence[len(RED_GOAL_OCCURRENCE) :])


def run_subject(run: WorkflowRun) -> tuple[str, str] | None:
    """The object a run is about when its trigger names one: the goal that turned red."""
    goal = run_red_goal(run)
    return ("goals.goal", str(goal.uuid)) if goal is not None else None


def object_link(object_type: str, object_id: str) -> str:
    """The page of an object, or "" when none is registered for its type."""
    link = OBJECT_LINKS.get(object_type)
    return link(object_id) if link is not None and object_id else ""


def _link(context: StepContext) -> str:
    """The page a step's notification opens: what the step it chases made (a check-in, an
    assessment, a plan), else what the run is about (a red goal), else the page of the person
    the run is for — which everyone a step tells may open: the person, their managers, HR."""
    parent = context.step.parent
    if parent is not None:
        found = object_link(parent.object_type, parent.object_id)
        if found:
            return found
    subject = run_subject(context.run)
    if subject is not None:
        found = object_link(*subject)
        if found:
            return found
    return _person_path(get_urlconf(), get_script_prefix()).replace(
        str(_ANY_PERSON), str(context.employee.uuid)
    )


_ANY_PERSON = UUID(int=0)


@functools.cache
def _person_path(urlconf: str | None, prefix: str) -> str:
    """A person's page with a stand-in id, resolved once per URL configuration and script
    prefix: a dispatched chunk links a hundred notices to people's pages."""
    return reverse("people:employee_detail", args=[_ANY_PERSON], urlconf=urlconf)


def follow_ups_schedule(context: StepContext, follow_ups: Sequence[tuple[str, str, datetime]]):
    """Add follow-ups of the step being dispatched that its kind works out itself (the
    review dates of a plan, say): (kind, occasion, due at) each, chased like reminders —
    dispatched by the tick when due, cancelled when the step finishes. An occasion the step
    has already is left alone, so a retried dispatch adds nothing twice."""
    step = context.step
    existing = set(MilestoneRun.objects.filter(parent=step).values_list("occasion", flat=True))
    rows = [
        MilestoneRun(
            organization_id=step.organization_id,
            run_id=step.run_id,
            template_id=step.template_id,
            milestone_id=step.milestone_id,
            parent=step,
            kind=kind,
            occasion=occasion,
            due_at=due_at,
        )
        for kind, occasion, due_at in follow_ups
        if occasion not in existing
    ]
    MilestoneRun.objects.bulk_create(rows)
    return rows


# --- Kinds implemented now -------------------------------------------------------------------


def send_message_notice(context: StepContext) -> notifications.Notice:
    return _step_notice(
        context,
        notifications.WORKFLOW_MESSAGE,
        responsible_users(context),
        _fill(context.milestone.name, context),
    )


def remind_notice(context: StepContext) -> notifications.Notice | Outcome:
    finished = _parent_open(context)
    if finished is not None:
        return finished
    superseded = _superseded(context)
    if superseded is not None:
        return superseded
    deadline = context.step.parent.deadline_at if context.step.parent_id else None
    name = _fill(context.milestone.name, context)
    if context.step.occasion == "reminder-overdue":
        title = _("Overdue: %(name)s") % {"name": name}
    elif deadline is not None:
        title = _("Reminder: %(name)s is due on %(date)s") % {
            "name": name,
            "date": formats.date_format(timezone.localtime(deadline).date(), "DATE_FORMAT"),
        }
    else:
        title = _("Reminder: %(name)s") % {"name": name}
    return _step_notice(context, notifications.WORKFLOW_REMINDER, responsible_users(context), title)


def escalate_notice(context: StepContext) -> notifications.Notice | Outcome:
    finished = _parent_open(context)
    if finished is not None:
        return finished
    title = _("Overdue in your organisation: %(name)s for %(employee)s") % {
        "name": _fill(context.milestone.name, context),
        "employee": context.employee.full_name,
    }
    return _step_notice(
        context, notifications.WORKFLOW_ESCALATION, escalation_users(context), title
    )


send_message = notifying(send_message_notice)
remind = notifying(remind_notice)
escalate = notifying(escalate_notice)


def schedule_check_in(context: StepContext) -> Outcome:
    """Use the pair's next open check-in, or start their recurring 1:1 (goals app)."""
    employee, manager = context.employee, context.employee.manager
    if manager is None:
        return Outcome(MilestoneRun.State.SKIPPED, "The employee has no manager.")
    start = (context.step.deadline_at or context.step.due_at).date()
    series = (
        checkin_selectors.check_in_series_list(actor=context.actor)
        .filter(manager=manager, report=employee)
        .first()
    )
    if series is None:
        cadence = context.milestone.config.get("cadence", "weekly")
        series = checkin_services.check_in_series_create(
            actor=context.actor, report=employee, manager=manager, cadence=cadence, first_date=start
        )
    open_check_ins = checkin_selectors.check_in_list(
        actor=context.actor, status="scheduled"
    ).filter(series=series, scheduled_for__gte=context.step.due_at.date())
    check_in = open_check_ins.order_by("scheduled_for", "id").first()
    if check_in is None:
        check_in = checkin_services.check_in_schedule_next(actor=context.actor, series=series)
    # The check-in reviews what is due or at risk today, and the red goal the run is about.
    red_goal = run_red_goal(context.run)
    checkin_services.check_in_goals_add(
        actor=context.actor,
        check_in=check_in,
        goals=[red_goal] if red_goal is not None else [],
        refresh=True,
    )
    url = reverse("goals:check_in_detail", args=[check_in.uuid])
    notifications.notify(
        recipients=[_user(employee), _user(manager)],
        event=notifications.WORKFLOW_CHECK_IN,
        title=str(
            _("Check-in %(manager)s · %(report)s on %(date)s")
            % {
                "manager": manager.full_name,
                "report": employee.full_name,
                "date": formats.date_format(check_in.scheduled_for, "DATE_FORMAT"),
            }
        ),
        body=_fill(context.milestone.message, context),
        link=url,
        obj=check_in,
        occasion=f"workflow:{context.step.uuid}",
        now=context.now,
    )
    return Outcome(
        MilestoneRun.State.DISPATCHED,
        f"Check-in on {formats.date_format(check_in.scheduled_for, 'DATE_FORMAT')}.",
        object_type="goals.checkin",
        object_id=str(check_in.uuid),
    )


def check_ins_completed(steps: Sequence[MilestoneRun], actor: Actor) -> dict[int, datetime]:
    by_object = {step.object_id: step for step in steps if step.object_id}
    held = checkin_selectors.check_in_list(actor=actor, status="completed").filter(
        uuid__in=list(by_object)
    )
    return {by_object[str(check_in.uuid)].pk: check_in.completed_at for check_in in held}


register_kind(
    MilestoneKind(
        "send_message",
        _("Send a message"),
        _("Notify the employee and/or the manager (in the app and by e-mail)."),
        dispatch=send_message,
        notice=send_message_notice,
    )
)
register_kind(
    MilestoneKind(
        "remind",
        _("Remind"),
        _("Remind the people responsible; as a follow-up, only while the step is open."),
        dispatch=remind,
        notice=remind_notice,
    )
)
register_kind(
    MilestoneKind(
        "escalate",
        _("Escalate"),
        _("Tell the manager's manager (or HR) that a step is overdue."),
        dispatch=escalate,
        notice=escalate_notice,
    )
)
register_kind(
    MilestoneKind(
        "schedule_check_in",
        _("Schedule a check-in"),
        _("Schedule the manager's 1:1 with the employee; done when the check-in is held."),
        dispatch=schedule_check_in,
        completed=check_ins_completed,
    )
)

# --- Placeholders: their apps register the real kinds ---------------------------------------

for _name, _label, _reason in (
    (
        "launch_assessment",
        _("Launch an assessment"),
        "Assessments arrive with the assessments app.",
    ),
    (
        "build_plan",
        _("Build the development plan"),
        "Development plans arrive with the learning app.",
    ),
    ("reassess", _("Re-assess"), "Re-assessment arrives with the assessments app."),
):
    register_kind(MilestoneKind(_name, _label, unavailable_reason=_reason))
