from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobRoleAssignmentRequest")


@_attrs_define
class JobRoleAssignmentRequest:
    """
    Attributes:
        employee (str): The person: their employee id, e-mail or external id.
        role (str): The job role: its id or its key.
        primary (bool | Unset):  Default: True.
    """

    employee: str
    role: str
    primary: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        employee = self.employee

        role = self.role

        primary = self.primary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
                "role": role,
            }
        )
        if primary is not UNSET:
            field_dict["primary"] = primary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employee = d.pop("employee")

        role = d.pop("role")

        primary = d.pop("primary", UNSET)

        job_role_assignment_request = cls(
            employee=employee,
            role=role,
            primary=primary,
        )

        return job_role_assignment_request
