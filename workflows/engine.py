"""The Momentum engine: plan a run's steps, start runs, and the tick that moves them.

Everything that is due lives in PostgreSQL. Each tick (Celery beat every minute, or a timer
thread in the embedded default) finds the organizations with work and, per organization:

1. starts the runs of recurrences, dates and events that have come (under the template's row
   lock, with a unique key per employee and occurrence, so each run starts once);
2. marks steps done whose work was completed (a check-in held, …);
3. claims due steps in batches — `SELECT … FOR UPDATE SKIP LOCKED`, then `state = 'due'` with
   the claim time — and enqueues one dispatch task per chunk of steps when the claim commits
   (`steps_dispatch`: the steps of kinds that only notify are done together, the others one
   by one);
4. re-enqueues e-mails whose task was lost and opens the daily digests that are due.

A claimed step whose task never ran (broker restarted, worker killed) is claimed again once its
claim is older than the lease, so a missed tick or a lost message delays work and never loses
it. Dispatching locks the step's row and acts only on a step still `due`, so a duplicate
message does nothing: the database, not the broker, decides what has been done.

`now` can be passed everywhere, so tests (and catch-up after an outage) are deterministic.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from plms.common.db import update_rows
from plms.common.workers import current_owner, orphaned
from plms.people.models import Employee
from plms.tenancy.actors import system_actor
from plms.tenancy.context import (
    dangerously_all_organizations,
    organization_transaction,
    require_organization_id,
)
from plms.tenancy.models import Organization
from workflows import milestones as registry
from workflows import notifications, triggers
from workflows.models import (
    MilestoneRun,
    Notification,
    NotificationDigest,
    WorkflowMilestone,
    WorkflowRun,
    WorkflowTemplate,
)

logger = logging.getLogger(__name__)

State = MilestoneRun.State
FOLLOW_UPS = ("reminder-before", "reminder-due", "reminder-overdue", "escalation")
MAX_OCCURRENCES_PER_TICK = 12


# --- Planning --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedStep:
    milestone: WorkflowMilestone
    kind: str
    occasion: str
    due_at: datetime
    deadline_at: datetime | None = None


def _chased(milestone: WorkflowMilestone) -> bool:
    """Whether a milestone's step waits for someone (so reminders and escalation apply)."""
    kind = registry.kind_get(milestone.kind)
    return kind is not None and (kind.awaits_completion or not kind.available)


def plan_steps(milestones: Sequence[WorkflowMilestone], anchor: datetime) -> list[PlannedStep]:
    """Every step of a run started at `anchor`, with its follow-ups, in template order.

    A milestone starts `offset_days` after the trigger or after the previous milestone's start;
    its deadline is `due_days` after it starts. Reminders fall before, on and after the
    deadline, and the escalation `escalate_after_days` after it.
    """
    planned: list[PlannedStep] = []
    previous_start = anchor
    for milestone in sorted(milestones, key=lambda m: (m.position, m.pk or 0)):
        base = previous_start if milestone.relative_to == "previous" else anchor
        start = base + timedelta(days=milestone.offset_days)
        previous_start = start
        chased = _chased(milestone)
        deadline = start + timedelta(days=milestone.due_days) if chased else None
        planned.append(PlannedStep(milestone, milestone.kind, "start", start, deadline))
        if deadline is None:
            continue
        before = milestone.remind_before_days
        if before and deadline - timedelta(days=before) > start:
            planned.append(
                PlannedStep(
                    milestone, "remind", "reminder-before", deadline - timedelta(days=before)
                )
            )
        if milestone.remind_on_due and deadline > start:
            planned.append(PlannedStep(milestone, "remind", "reminder-due", deadline))
        if milestone.remind_overdue_days:
            overdue = deadline + timedelta(days=milestone.remind_overdue_days)
            planned.append(PlannedStep(milestone, "remind", "reminder-overdue", overdue))
        if milestone.escalate_after_days:
            escalation = deadline + timedelta(days=milestone.escalate_after_days)
            planned.append(PlannedStep(milestone, "escalate", "escalation", escalation))
    return planned


# --- Starting runs ---------------------------------------------------------------------------


def runs_start(
    *,
    template: WorkflowTemplate,
    employees: Iterable[Employee],
    occurrence: str,
    anchor_at: datetime,
    now: datetime,
) -> list[WorkflowRun]:
    """Start the template for each employee who has no run for this occurrence yet.

    Call with the template's row locked (the tick does), so two ticks cannot race; the unique
    key (template, employee, occurrence) stops any other duplicate.
    """
    employees = list(employees)
    existing = set(
        WorkflowRun.objects.filter(
            template=template, occurrence=occurrence, employee__in=employees
        ).values_list("employee_id", flat=True)
    )
    runs = [
        WorkflowRun(
            organization_id=template.organization_id,
            template=template,
            employee=employee,
            occurrence=occurrence,
            anchor_at=anchor_at,
            started_at=now,
        )
        for employee in employees
        if employee.pk not in existing
    ]
    if not runs:
        return []
    WorkflowRun.objects.bulk_create(runs)
    if any(run.pk is None for run in runs):  # backends that do not return ids
        by_employee = {
            r.employee_id: r
            for r in WorkflowRun.objects.filter(template=template, occurrence=occurrence)
        }
        runs = [by_employee[run.employee_id] for run in runs]
    planned = plan_steps(list(template.milestones.all()), anchor_at)
    starts = [
        MilestoneRun(
            organization_id=template.organization_id,
            run=run,
            template=template,
            milestone=step.milestone,
            kind=step.kind,
            occasion=step.occasion,
            due_at=step.due_at,
            deadline_at=step.deadline_at,
        )
        for run in runs
        for step in planned
        if step.occasion == "start"
    ]
    MilestoneRun.objects.bulk_create(starts)
    parents = {(s.run_id, s.milestone_id): s for s in starts}
    if any(s.pk is None for s in starts):
        parents = {
            (s.run_id, s.milestone_id): s
            for s in MilestoneRun.objects.filter(run__in=runs, occasion="start")
        }
    follow_ups = [
        MilestoneRun(
            organization_id=template.organization_id,
            run=run,
            template=template,
            milestone=step.milestone,
            parent=parents[(run.pk, step.milestone.pk)],
            kind=step.kind,
            occasion=step.occasion,
            due_at=step.due_at,
        )
        for run in runs
        for step in planned
        if step.occasion != "start"
    ]
    MilestoneRun.objects.bulk_create(follow_ups)
    return runs


def _hits_to_runs(template: WorkflowTemplate, hits: list[triggers.EventHit], now: datetime) -> int:
    started = 0
    audience = triggers.audience_employees(template).select_related(None)
    for hit in hits:
        if hit.employee_id is None and hit.employee_uuid is None:
            employees = list(audience)
        elif hit.employee_id is not None:
            employees = list(audience.filter(pk=hit.employee_id))
        else:
            employees = list(audience.filter(uuid=hit.employee_uuid))
        started += len(
            runs_start(
                template=template,
                employees=employees,
                occurrence=hit.occurrence,
                anchor_at=hit.anchor_at,
                now=now,
            )
        )
    return started


def template_materialise(*, template_id: int, now: datetime) -> int:
    """Start the runs that have come for one active template; return how many started."""
    template = (
        WorkflowTemplate.objects.select_for_update()
        .filter(pk=template_id, status=WorkflowTemplate.Status.ACTIVE)
        .first()
    )
    if template is None:
        return 0
    started = 0
    if template.trigger == WorkflowTemplate.Trigger.EVENT:
        source = triggers.EVENT_SOURCES.get(template.event)
        if source is None:
            return 0
        hits, cursor = source.poll(template, now, settings.PLMS_WORKFLOW_BATCH_SIZE)
        started = _hits_to_runs(template, hits, now)
        if cursor != template.event_cursor:
            template.event_cursor = cursor
            template.save(update_fields=["event_cursor"])
        return started
    zone = triggers.organization_zone(Organization.objects.get(pk=template.organization_id))
    for _ in range(MAX_OCCURRENCES_PER_TICK):
        occurrence_at = template.next_occurrence_at
        if occurrence_at is None or occurrence_at > now:
            break
        started += len(
            runs_start(
                template=template,
                employees=triggers.audience_employees(template),
                occurrence=occurrence_at.astimezone(zone).date().isoformat(),
                anchor_at=occurrence_at,
                now=now,
            )
        )
        template.next_occurrence_at = triggers.next_occurrence(
            template, zone, after=occurrence_at, inclusive=False
        )
    template.save(update_fields=["next_occurrence_at"])
    return started


# --- Claiming and dispatching ----------------------------------------------------------------


def _lease() -> timedelta:
    return timedelta(seconds=settings.PLMS_WORKFLOW_CLAIM_LEASE_SECONDS)


def claimable_q(now: datetime) -> Q:
    """Steps a tick may claim: due and not taken, taken so long ago the task was lost, or
    taken by a worker process that stopped beating (killed mid-dispatch)."""
    return (
        Q(state=State.SCHEDULED, due_at__lte=now)
        | Q(state=State.DUE, claimed_at__lt=now - _lease())
        | (Q(state=State.DUE) & orphaned("claimed_by"))
    )


def steps_claim(*, now: datetime, limit: int) -> list[int]:
    """Claim up to `limit` due steps of the active organization (inside its transaction).

    Rows another transaction holds are skipped, not waited for, so concurrent ticks share
    the work instead of queueing behind each other. The claim names the worker process that
    made it (plms.common.workers) until the process that dispatches a chunk takes it
    (`steps_take`), so no claimed step is ever held by nobody while a worker is involved.
    """
    active = list(
        WorkflowTemplate.objects.filter(status=WorkflowTemplate.Status.ACTIVE).values_list(
            "id", flat=True
        )
    )
    if not active:
        return []
    # Steps of cancelled runs are cancelled with them, so the template's status is enough.
    ids = list(
        MilestoneRun.objects.select_for_update(skip_locked=True)
        .filter(claimable_q(now), template_id__in=active)
        .order_by("due_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    if ids:
        # Stamped with the claiming worker process: if it dies before the chunks' messages are
        # sent, its claim is taken over once its heartbeat stops, not after the lease.
        MilestoneRun.objects.filter(id__in=ids).update(
            state=State.DUE, claimed_at=now, claimed_by=current_owner()
        )
    return ids


def steps_take(*, step_ids: Sequence[int]) -> int:
    """Stamp claimed steps (of the current organization) with the worker process about to
    dispatch them, committed before it starts, so that if it dies they are taken over as soon
    as its heartbeat stops instead of after the lease. Rows another process holds are skipped.
    Outside a worker: nothing."""
    owner = current_owner()
    if owner is None or not step_ids:
        return 0
    with organization_transaction():
        ids = list(
            MilestoneRun.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(step_ids), state=State.DUE)
            .order_by("id")
            .values_list("id", flat=True)
        )
        return MilestoneRun.objects.filter(pk__in=ids).update(claimed_by=owner)


def organizations_with_orphans() -> list[int]:
    """Organizations with steps or e-mails held by a worker process that stopped beating."""
    with dangerously_all_organizations():
        ids = set(
            MilestoneRun.dangerously_unscoped.filter(Q(state=State.DUE) & orphaned("claimed_by"))
            .values_list("organization_id", flat=True)
            .distinct()
        )
        ids |= set(
            Notification.dangerously_unscoped.filter(notifications.orphaned_email_q())
            .values_list("organization_id", flat=True)
            .distinct()
        )
    return sorted(ids)


def retry_delay(attempt: int) -> float:
    """Backoff with jitter for a step that failed transiently: 1/2-1 x 60 s x 4^(attempt-1)."""
    ceiling = min(60 * 4 ** (attempt - 1), 6 * 3600)
    return random.uniform(ceiling / 2, ceiling)


@dataclass
class DispatchResult:
    state: str
    detail: str = ""


def _finish_runs_if_complete(run_ids: Iterable[int], now: datetime) -> None:
    """Complete the active runs among `run_ids` that have no open step left (locked first)."""
    active = list(
        WorkflowRun.objects.select_for_update()
        .filter(pk__in=sorted(set(run_ids)), state=WorkflowRun.State.ACTIVE)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not active:
        return
    open_runs = set(
        MilestoneRun.objects.filter(
            run_id__in=active, parent__isnull=True, state__in=MilestoneRun.OPEN_STATES
        ).values_list("run_id", flat=True)
    )
    finished = [run_id for run_id in active if run_id not in open_runs]
    if finished:
        WorkflowRun.objects.filter(pk__in=finished).update(
            state=WorkflowRun.State.COMPLETED, completed_at=now
        )


def _finish_run_if_complete(run_id: int, now: datetime) -> None:
    _finish_runs_if_complete([run_id], now)


def _after_finish(step: MilestoneRun, now: datetime) -> None:
    if step.parent_id is None:
        if _chased(step.milestone):
            MilestoneRun.objects.filter(
                parent_id=step.pk, state__in=(State.SCHEDULED, State.DUE)
            ).update(
                state=State.CANCELLED, outcome="The step it chases is finished.", completed_at=now
            )
        _finish_run_if_complete(step.run_id, now)


def _cancel_run(run: WorkflowRun, now: datetime, reason: str) -> None:
    MilestoneRun.objects.filter(run=run, state__in=MilestoneRun.OPEN_STATES).update(
        state=State.CANCELLED, outcome=reason[:300], completed_at=now
    )
    WorkflowRun.objects.filter(pk=run.pk).update(
        state=WorkflowRun.State.CANCELLED, cancelled_at=now
    )


def _gate(step: MilestoneRun, now: datetime) -> registry.Outcome | None:
    """Reasons not to run the kind: unavailable kind, unmet or unavailable condition."""
    kind = registry.kind_get(step.kind)
    if kind is None:
        return registry.Outcome(State.SKIPPED, f"Unknown milestone kind {step.kind!r}.")
    if not kind.available:
        return registry.Outcome(State.SKIPPED, f"Not available yet: {kind.unavailable_reason}")
    condition_name = step.milestone.condition if step.parent_id is None else ""
    if condition_name:
        condition = registry.CONDITIONS.get(condition_name)
        if condition is None or condition.check is None:
            reason = condition.unavailable_reason if condition else "unknown condition"
            return registry.Outcome(State.SKIPPED, f"Condition not available: {reason}")
    return None


def step_dispatch(*, step_id: int, now: datetime | None = None) -> DispatchResult:
    """Do one claimed step, once: under its row lock, only while it is `due`.

    The kind's writes and the step's new state commit together. A transient failure puts the
    step back with a backoff (bounded by PLMS_WORKFLOW_MAX_ATTEMPTS); any other error fails it.
    """
    now = now or timezone.now()
    with organization_transaction() as organization_id:
        # Lock the step's row (only its own: of=self), then load what it needs with one short
        # query per object, so plans stay trivial whatever the table statistics.
        step = (
            MilestoneRun.objects.select_for_update(of=("self",))
            .select_related("milestone")
            .filter(pk=step_id)
            .first()
        )
        if step is None or step.state != State.DUE:
            return DispatchResult("skipped", "not due (done already, or not claimed)")
        if step.parent_id is not None:
            step.parent = MilestoneRun.objects.get(pk=step.parent_id)
        run = WorkflowRun.objects.select_related("template").get(pk=step.run_id)
        run.employee = Employee.objects.select_related(
            "user", "manager__user", "manager__manager__user"
        ).get(pk=run.employee_id)
        step.run = run
        template = run.template
        if template.status == WorkflowTemplate.Status.PAUSED:
            MilestoneRun.objects.filter(pk=step.pk).update(state=State.SCHEDULED, claimed_at=None)
            return DispatchResult("paused")
        if run.state != WorkflowRun.State.ACTIVE or template.status != "active":
            MilestoneRun.objects.filter(pk=step.pk).update(
                state=State.CANCELLED, completed_at=now, outcome="The run was cancelled."
            )
            return DispatchResult("cancelled")
        if not run.employee.active:
            _cancel_run(run, now, "The employee is no longer active.")
            return DispatchResult("cancelled")

        step.attempts += 1
        step.claimed_at = now
        outcome = _gate(step, now)
        if outcome is None:
            condition = registry.CONDITIONS.get(step.milestone.condition or "")
            context = registry.StepContext(
                step=step,
                run=run,
                milestone=step.milestone,
                employee=run.employee,
                actor=system_actor(Organization.objects.get(pk=organization_id)),
                now=now,
            )
            if step.parent_id is None and condition is not None and not condition.check(context):
                outcome = registry.Outcome(State.SKIPPED, f"Condition not met: {condition.label}")
            else:
                try:
                    with transaction.atomic():
                        outcome = registry.kind_get(step.kind).dispatch(context)
                except registry.TransientError as exc:
                    return _retry_or_fail(step, str(exc), now)
                except (OperationalError, InterfaceError):
                    raise  # the connection is gone: the task is retried, the claim stays
                except Exception as exc:
                    if isinstance(exc, DatabaseError):
                        logger.warning("Step %s failed in the database: %s", step.pk, exc)
                    else:
                        logger.exception("Step %s (%s) failed", step.pk, step.kind)
                    step.state, step.last_error = State.FAILED, f"{type(exc).__name__}: {exc}"
                    step.completed_at = now
                    step.save()
                    _after_finish(step, now)
                    return DispatchResult(State.FAILED, step.last_error)

        _step_record(step, outcome, now)
        step.save()
        if outcome.state in MilestoneRun.FINISHED_STATES:
            _after_finish(step, now)
        return DispatchResult(outcome.state, outcome.detail)


def _retry_or_fail(step: MilestoneRun, error: str, now: datetime) -> DispatchResult:
    step.last_error = error[:2000]
    if step.attempts >= settings.PLMS_WORKFLOW_MAX_ATTEMPTS:
        step.state, step.completed_at = State.FAILED, now
        step.save()
        _after_finish(step, now)
        return DispatchResult(State.FAILED, error)
    step.state = State.SCHEDULED
    step.due_at = now + timedelta(seconds=retry_delay(step.attempts))
    step.save()
    return DispatchResult("retry", error)


STEP_FIELDS = (
    "state",
    "outcome",
    "object_type",
    "object_id",
    "attempts",
    "claimed_at",
    "dispatched_at",
    "completed_at",
    "last_error",
)


def steps_dispatch(*, step_ids: Sequence[int], now: datetime | None = None) -> dict[str, int]:
    """Dispatch a chunk of claimed steps; return how many ended in each state.

    The steps of kinds that only notify are done together, in one transaction: their rows
    locked, their runs with employees and managers loaded in one query, every notification
    stored with one insert and every step finished with one update. A step that fails there
    fails on its own; any other step (another kind, a paused or cancelled run, a transient
    error) is left `due` and dispatched on its own afterwards with `step_dispatch`, and so is
    the whole chunk when its transaction fails. Each step is still done at most once: under
    its row lock and only while it is `due`.
    """
    now = now or timezone.now()
    try:
        with organization_transaction() as organization_id:
            outcomes, alone = _steps_dispatch_together(organization_id, step_ids, now)
    except (OperationalError, InterfaceError):
        raise  # the connection is gone: the task is retried, the claims stay
    except Exception:
        logger.exception("Dispatching %d steps together failed; one by one", len(step_ids))
        outcomes, alone = {}, list(step_ids)
    for step_id in alone:
        result = step_dispatch(step_id=step_id, now=now)
        outcomes[result.state] = outcomes.get(result.state, 0) + 1
    return outcomes


def _steps_dispatch_together(
    organization_id: int, step_ids: Sequence[int], now: datetime
) -> tuple[dict[str, int], list[int]]:
    """The shared part of `steps_dispatch`, inside the organization's transaction: the
    outcomes of the steps it finished, and the ids it left for `step_dispatch`."""
    steps = list(
        MilestoneRun.objects.select_for_update(of=("self",))
        .prefetch_related("milestone")
        .filter(pk__in=list(step_ids), state=State.DUE)
        .order_by("id")
    )
    outcomes: dict[str, int] = {}
    if len(steps) < len(set(step_ids)):  # done already, or not claimed
        outcomes["skipped"] = len(set(step_ids)) - len(steps)
    alone = [s.pk for s in steps if getattr(registry.kind_get(s.kind), "notice", None) is None]
    steps = [s for s in steps if s.pk not in alone]
    if not steps:
        return outcomes, alone
    # The rows steps share (their milestones, the template, a team's manager and theirs) are
    # read once each instead of joined to every step: a third fewer model instances a chunk.
    managers = Prefetch(
        "employee__manager", queryset=Employee.objects.select_related("user", "manager__user")
    )
    runs = (
        WorkflowRun.objects.select_related("employee__user")
        .prefetch_related("template", managers)
        .in_bulk({s.run_id for s in steps})
    )
    parent_ids = {s.parent_id for s in steps if s.parent_id is not None}
    parents = MilestoneRun.objects.in_bulk(parent_ids) if parent_ids else {}
    actor = system_actor(Organization.objects.get(pk=organization_id))

    finished: list[MilestoneRun] = []
    notifying: list[tuple[MilestoneRun, notifications.Notice]] = []
    for step in steps:
        run = runs[step.run_id]
        active = (
            run.state == WorkflowRun.State.ACTIVE
            and run.template.status == WorkflowTemplate.Status.ACTIVE
        )
        if not active or not run.employee.active:
            alone.append(step.pk)  # paused, cancelled: step_dispatch says what happens
            continue
        step.run = run
        if step.parent_id is not None:
            step.parent = parents[step.parent_id]
        step.attempts += 1
        step.claimed_at = now
        outcome = _gate(step, now)
        if outcome is None:
            context = registry.StepContext(
                step=step,
                run=run,
                milestone=step.milestone,
                employee=run.employee,
                actor=actor,
                now=now,
            )
            condition = registry.CONDITIONS.get(step.milestone.condition or "")
            if step.parent_id is None and condition is not None and not condition.check(context):
                outcome = registry.Outcome(State.SKIPPED, f"Condition not met: {condition.label}")
            else:
                try:
                    notice = registry.kind_get(step.kind).notice(context)
                except registry.TransientError:
                    alone.append(step.pk)  # retried with its backoff by step_dispatch
                    continue
                except DatabaseError:
                    raise  # the transaction is spoilt: the chunk goes one by one
                except Exception as exc:
                    logger.exception("Step %s (%s) failed", step.pk, step.kind)
                    step.state, step.last_error = State.FAILED, f"{type(exc).__name__}: {exc}"
                    step.completed_at = now
                    finished.append(step)
                    continue
                if isinstance(notice, registry.Outcome):
                    outcome = notice
                else:
                    notifying.append((step, notice))
                    continue
        _step_record(step, outcome, now)
        finished.append(step)

    created = notifications.notify_many([notice for _, notice in notifying], now=now)
    for (step, notice), new in zip(notifying, created, strict=True):
        _step_record(step, registry.notified(notice, new), now)
        finished.append(step)
    if not finished:
        return outcomes, alone
    update_rows(MilestoneRun, finished, STEP_FIELDS)
    starts = [
        s for s in finished if s.parent_id is None and s.state in MilestoneRun.FINISHED_STATES
    ]
    chased = [s.pk for s in starts if _chased(s.milestone)]
    if chased:
        MilestoneRun.objects.filter(
            parent_id__in=chased, state__in=(State.SCHEDULED, State.DUE)
        ).update(state=State.CANCELLED, outcome="The step it chases is finished.", completed_at=now)
    if starts:
        _finish_runs_if_complete([s.run_id for s in starts], now)
    for step in finished:
        outcomes[step.state] = outcomes.get(step.state, 0) + 1
    return outcomes, alone


def _step_record(step: MilestoneRun, outcome: registry.Outcome, now: datetime) -> None:
    step.state = outcome.state
    step.outcome = outcome.detail[:300]
    step.object_type, step.object_id = outcome.object_type, outcome.object_id
    step.dispatched_at = now
    if outcome.state in MilestoneRun.FINISHED_STATES:
        step.completed_at = now


def steps_complete(*, now: datetime) -> int:
    """Mark done the dispatched steps whose work was completed (polled per kind)."""
    done = 0
    tracked = [kind for kind in registry.KINDS.values() if kind.awaits_completion]
    if not tracked:
        return 0
    actor = system_actor(Organization.objects.get(pk=require_organization_id()))
    for kind in tracked:
        waiting = list(
            MilestoneRun.objects.filter(state=State.DISPATCHED, kind=kind.name).order_by("id")[
                : settings.PLMS_WORKFLOW_BATCH_SIZE
            ]
        )
        if not waiting:
            continue
        try:
            with transaction.atomic():
                finished = kind.completed(waiting, actor)
        except (OperationalError, InterfaceError):
            raise
        except Exception:  # one kind's failure must not hold up the tick
            logger.exception("Completion check of %s failed", kind.name)
            continue
        for step_id, completed_at in finished.items():
            step = (
                MilestoneRun.objects.select_for_update(skip_locked=True)
                .filter(pk=step_id, state=State.DISPATCHED)
                .first()
            )
            if step is None:
                continue
            step.state, step.completed_at = State.DONE, completed_at or now
            step.outcome = (step.outcome + " Completed.").strip()[:300]
            step.save(update_fields=["state", "completed_at", "outcome"])
            _after_finish(step, now)
            done += 1
    return done


# --- The tick --------------------------------------------------------------------------------


def organizations_with_work(*, now: datetime) -> list[int]:
    """Organizations with anything for the tick to do (one query per kind of work)."""
    tracked = [kind.name for kind in registry.KINDS.values() if kind.awaits_completion]
    with dangerously_all_organizations():
        ids = set(
            MilestoneRun.dangerously_unscoped.filter(
                claimable_q(now) | Q(state=State.DISPATCHED, kind__in=tracked)
            )
            .values_list("organization_id", flat=True)
            .distinct()
        )
        ids |= set(
            WorkflowTemplate.dangerously_unscoped.filter(status=WorkflowTemplate.Status.ACTIVE)
            .filter(Q(trigger=WorkflowTemplate.Trigger.EVENT) | Q(next_occurrence_at__lte=now))
            .values_list("organization_id", flat=True)
            .distinct()
        )
        ids |= set(
            Notification.dangerously_unscoped.filter(
                notifications.email_claimable_q(now)
                | Q(email_state=Notification.EmailState.DIGEST, digest__isnull=True)
            )
            .values_list("organization_id", flat=True)
            .distinct()
        )
        ids |= set(
            NotificationDigest.dangerously_unscoped.exclude(
                state__in=(NotificationDigest.State.SENT, NotificationDigest.State.FAILED)
            )
            .values_list("organization_id", flat=True)
            .distinct()
        )
    # Organization is the directory, not a tenant table: loop over it explicitly.
    return list(Organization.objects.filter(id__in=ids).order_by("id").values_list("id", flat=True))


@dataclass
class OrganizationTick:
    runs_started: int = 0
    steps_completed: int = 0
    steps_claimed: int = 0
    emails: int = 0
    digests: int = 0


def _enqueue(
    task_name: str, ids: list[int], organization_id: int, now: datetime | None, chunk: int = 1
) -> None:
    """Enqueue tasks for `ids` (`chunk` ids per task) once the claim commits: a rolled-back
    claim enqueues nothing, and a message lost after it is replaced by the next tick."""
    if not ids:
        return

    def send() -> None:
        from workflows import tasks

        task = getattr(tasks, task_name)
        extra = {"now": now.isoformat()} if now is not None else {}
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            task.delay(part if chunk > 1 else part[0], organization_id=organization_id, **extra)

    transaction.on_commit(send, robust=True)


def organization_tick(*, now: datetime | None = None) -> OrganizationTick:
    """The current organization's share of a tick; each phase commits on its own.

    With `now` given (catch-up, tests), the tasks it enqueues act at that time too.
    """
    organization_id = require_organization_id()
    pinned = now
    now = now or timezone.now()
    report = OrganizationTick()
    with organization_transaction():
        template_ids = list(
            WorkflowTemplate.objects.filter(status=WorkflowTemplate.Status.ACTIVE)
            .filter(Q(trigger=WorkflowTemplate.Trigger.EVENT) | Q(next_occurrence_at__lte=now))
            .values_list("id", flat=True)
        )
    for template_id in template_ids:
        with organization_transaction():
            report.runs_started += template_materialise(template_id=template_id, now=now)
    with organization_transaction():
        report.steps_completed = steps_complete(now=now)
    batch_size = settings.PLMS_WORKFLOW_BATCH_SIZE
    budget = settings.PLMS_WORKFLOW_MAX_CLAIMS_PER_TICK
    while report.steps_claimed < budget:
        with organization_transaction():
            batch = steps_claim(now=now, limit=min(batch_size, budget - report.steps_claimed))
            _enqueue(
                "dispatch_milestones",
                batch,
                organization_id,
                pinned,
                chunk=settings.PLMS_WORKFLOW_DISPATCH_CHUNK,
            )
        report.steps_claimed += len(batch)
        if len(batch) < batch_size:
            break
    with organization_transaction():
        emails = notifications.notification_emails_due(now=now, limit=budget)
        _enqueue("send_notification_email", emails, organization_id, pinned)
        digests = notifications.digests_open(now=now)
        _enqueue("send_notification_digest", digests, organization_id, pinned)
    report.emails, report.digests = len(emails), len(digests)
    return report
