"""Momentum's steps: claim the due ones, dispatch them (one by one, or together for kinds that
only notify), retry with backoff, and finish the runs whose steps are all done.
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
from plms.events.bus import publish
from plms.people.models import Employee
from plms.tenancy.actors import system_actor
from plms.tenancy.context import (
    dangerously_all_organizations,
    organization_transaction,
    require_organization_id,
)
from plms.tenancy.models import Organization
from workflows import milestones as registry
from workflows import notifications
from workflows.engine.runs import _chased
from workflows.events import MilestoneDue
from workflows.models import (
    MilestoneRun,
    Notification,
    WorkflowRun,
    WorkflowTemplate,
)

logger = logging.getLogger(__name__)
State = MilestoneRun.State


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
    Milestones claimed for the first time publish `milestone_due` in the same transaction.
    """
    active = list(
        WorkflowTemplate.objects.filter(status=WorkflowTemplate.Status.ACTIVE).values_list(
            "id", flat=True
        )
    )
    if not active:
        return []
    # Steps of cancelled runs are cancelled with them, so the template's status is enough.
    claimed = list(
        MilestoneRun.objects.select_for_update(skip_locked=True)
        .filter(claimable_q(now), template_id__in=active)
        .order_by("due_at", "id")
        .values_list("id", "parent_id", "claimed_at", "attempts")[:limit]
    )
    ids = [step_id for step_id, *_ in claimed]
    if ids:
        # Stamped with the claiming worker process: if it dies before the chunks' messages are
        # sent, its claim is taken over once its heartbeat stops, not after the lease.
        MilestoneRun.objects.filter(id__in=ids).update(
            state=State.DUE, claimed_at=now, claimed_by=current_owner()
        )
    # A milestone (not a reminder or escalation chasing one) falls due when first claimed;
    # not again when a lost claim is taken again or a failed attempt is retried.
    fallen_due = [
        step_id
        for step_id, parent_id, claimed_at, attempts in claimed
        if parent_id is None and claimed_at is None and attempts == 0
    ]
    if fallen_due:
        _publish_due(fallen_due)
    return ids


def _publish_due(step_ids: list[int]) -> None:
    """`milestone_due` for each step, read as plain values: a tick's claim publishes it for
    thousands of steps, where model instances of each step, run, employee, template and
    milestone took most of the claim's time."""
    steps = (
        MilestoneRun.objects.filter(id__in=step_ids)
        .order_by("due_at", "id")
        .values(*MilestoneDue.FIELDS)
    )
    publish(
        actor_or_organization=Organization.objects.get(pk=require_organization_id()),
        events=[MilestoneDue.of(step) for step in steps],
    )


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
