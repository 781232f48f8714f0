"""Momentum's domain events: a milestone falls due."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent
from workflows.models import MilestoneRun


class MilestoneDue(DomainEvent):
    """A milestone of a run fell due and is about to happen (its reminders and escalations,
    which chase it, are not milestones of their own)."""

    name = "milestone_due"
    label = _("A Momentum milestone fell due.")
    webhook_type = "workflow.milestone_due"

    @classmethod
    def of(cls, step: MilestoneRun) -> MilestoneDue:
        employee = str(step.run.employee.uuid)
        return cls(
            subject=employee,
            data={
                "id": str(step.uuid),
                "workflow": str(step.template.uuid),
                "workflow_name": step.template.name,
                "milestone": str(step.milestone.uuid),
                "kind": step.kind,
                "run": str(step.run.uuid),
                "employee": employee,
                "due_at": step.due_at,
                "deadline_at": step.deadline_at,
            },
        )
