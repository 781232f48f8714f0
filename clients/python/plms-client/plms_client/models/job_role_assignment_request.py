from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="JobRoleAssignmentRequest")


@_attrs_define
class JobRoleAssignmentRequest:
    """
    Attributes:
        employee (UUID): The person (employee id).
        role (UUID): The job role (job role id).
    """

    employee: UUID
    role: UUID

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        role = str(self.role)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        role = UUID(d.pop("role"))

        job_role_assignment_request = cls(
            employee=employee,
            role=role,
        )

        return job_role_assignment_request
