"""Momentum's domain events: a milestone falls due."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent


class MilestoneDue(DomainEvent):
    """A milestone of a run fell due and is about to happen (its reminders and escalations,
    which chase it, are not milestones of their own)."""

    name = "milestone_due"
    label = _("A Momentum milestone fell due.")
    webhook_type = "workflow.milestone_due"

    # What the event says of a step, as `MilestoneRun.objects.values()` names it: a tick
    # publishes it for thousands of steps at once, read as plain values.
    FIELDS = (
        "uuid",
        "template__uuid",
        "template__name",
        "milestone__uuid",
        "kind",
        "run__uuid",
        "run__employee__uuid",
        "due_at",
        "deadline_at",
    )

    @classmethod
    def of(cls, step: Mapping[str, Any]) -> MilestoneDue:
        """The event of a step read with `FIELDS`."""
        employee = str(step["run__employee__uuid"])
        return cls(
            subject=employee,
            data={
                "id": str(step["uuid"]),
                "workflow": str(step["template__uuid"]),
                "workflow_name": step["template__name"],
                "milestone": str(step["milestone__uuid"]),
                "kind": step["kind"],
                "run": str(step["run__uuid"]),
                "employee": employee,
                "due_at": step["due_at"],
                "deadline_at": step["deadline_at"],
            },
        )
