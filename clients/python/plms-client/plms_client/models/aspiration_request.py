from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AspirationRequest")


@_attrs_define
class AspirationRequest:
    """
    Attributes:
        role (UUID):
        employee (UUID | Unset): Whose aspiration (HR admins and keys); a person names their own.
        note (str | Unset):
    """

    role: UUID
    employee: UUID | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role = str(self.role)

        employee: str | Unset = UNSET
        if not isinstance(self.employee, Unset):
            employee = str(self.employee)

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )
        if employee is not UNSET:
            field_dict["employee"] = employee
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = UUID(d.pop("role"))

        _employee = d.pop("employee", UNSET)
        employee: UUID | Unset
        if isinstance(_employee, Unset):
            employee = UNSET
        else:
            employee = UUID(_employee)

        note = d.pop("note", UNSET)

        aspiration_request = cls(
            role=role,
            employee=employee,
            note=note,
        )

        return aspiration_request
