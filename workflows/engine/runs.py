"""Momentum's runs: plan a run's steps from its template's milestones, and start runs
(one per employee and occurrence) for recurrences, dates and events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from plms.people.models import Employee
from plms.tenancy.models import Organization
from workflows import milestones as registry
from workflows import triggers
from workflows.models import (
    MilestoneRun,
    WorkflowMilestone,
    WorkflowRun,
    WorkflowTemplate,
)

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
