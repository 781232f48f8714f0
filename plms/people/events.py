"""The people app's domain events: someone joins, changes, moves or is deactivated."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from plms.events.bus import DomainEvent
from plms.people.models import Employee


def employee_data(employee: Employee) -> dict[str, Any]:
    """The public representation of an employee in its events: as the API shows it."""
    return {
        "id": str(employee.uuid),
        "email": employee.email,
        "external_id": employee.external_id,
        "first_name": employee.first_name,
        "last_name": employee.last_name,
        "title": employee.title,
        "department": str(employee.department.uuid) if employee.department_id else None,
        "manager": str(employee.manager.uuid) if employee.manager_id else None,
        "start_date": employee.start_date,
        "active": employee.active,
        "updated_at": employee.updated_at,
    }


class EmployeeEvent(DomainEvent):
    @classmethod
    def of(cls, employee: Employee) -> EmployeeEvent:
        return cls(subject=str(employee.uuid), data=employee_data(employee))


class EmployeeJoined(EmployeeEvent):
    name = "employee_joined"
    label = _("An employee was added.")
    webhook_type = "employee.created"


class EmployeeChanged(EmployeeEvent):
    """Details changed, but neither the title nor the primary manager."""

    name = "employee_changed"
    label = _("An employee's details changed.")
    webhook_type = "employee.updated"


class EmployeeRoleOrManagerChanged(EmployeeEvent):
    """The title or the primary manager changed (webhooks see an ordinary update)."""

    name = "employee_role_or_manager_changed"
    label = _("An employee's role or manager changed.")
    webhook_type = "employee.updated"


class EmployeeDeactivated(EmployeeEvent):
    name = "employee_deactivated"
    label = _("An employee was deactivated.")
    webhook_type = "employee.deactivated"


def employee_event(
    *, employee: Employee, created: bool, was_active: bool, moved: bool = False
) -> EmployeeEvent:
    """The event a write of `employee` is: `moved` when its title or manager changed."""
    if created:
        return EmployeeJoined.of(employee)
    if was_active and not employee.active:
        return EmployeeDeactivated.of(employee)
    if moved:
        return EmployeeRoleOrManagerChanged.of(employee)
    return EmployeeChanged.of(employee)
