"""The capabilities app's domain events: a person's job role changes."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from capabilities.models import JobRole, RoleAssignment
from plms.events.bus import DomainEvent
from plms.people.models import Employee


class JobRoleAssigned(DomainEvent):
    """A person takes up a job role (or, with `role` null, no longer holds one). It concerns
    the person when they take up a role: Momentum's "takes up a job role" trigger."""

    name = "job_role_assigned"
    label = _("An employee's job role changed (assigned, replaced or taken away).")
    webhook_type = "job_role.assigned"

    @classmethod
    def of(
        cls,
        *,
        employee: Employee,
        role: JobRole | None,
        previous: JobRole | None,
        assignment: RoleAssignment | None,
        at: datetime,
    ) -> JobRoleAssigned:
        return cls(
            subject=str(employee.uuid) if role is not None else None,
            data={
                "employee": str(employee.uuid),
                "employee_external_id": employee.external_id,
                "assignment": str(assignment.uuid) if assignment is not None else None,
                "role": str(role.uuid) if role is not None else None,
                "role_key": role.key if role is not None else None,
                "previous_role": str(previous.uuid) if previous is not None else None,
                "at": at,
            },
        )
