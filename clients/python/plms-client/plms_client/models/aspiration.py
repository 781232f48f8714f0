from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Aspiration")


@_attrs_define
class Aspiration:
    """
    Attributes:
        id (UUID):
        role (UUID):
        role_name (str):
        rank (int):
        created_at (datetime.datetime):
        employee (UUID | Unset): Whose aspiration (HR admins and keys); a person names their own.
        note (str | Unset):
    """

    id: UUID
    role: UUID
    role_name: str
    rank: int
    created_at: datetime.datetime
    employee: UUID | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        role = str(self.role)

        role_name = self.role_name

        rank = self.rank

        created_at = self.created_at.isoformat()

        employee: str | Unset = UNSET
        if not isinstance(self.employee, Unset):
            employee = str(self.employee)

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "role": role,
                "role_name": role_name,
                "rank": rank,
                "created_at": created_at,
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
        id = UUID(d.pop("id"))

        role = UUID(d.pop("role"))

        role_name = d.pop("role_name")

        rank = d.pop("rank")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _employee = d.pop("employee", UNSET)
        employee: UUID | Unset
        if isinstance(_employee, Unset):
            employee = UNSET
        else:
            employee = UUID(_employee)

        note = d.pop("note", UNSET)

        aspiration = cls(
            id=id,
            role=role,
            role_name=role_name,
            rank=rank,
            created_at=created_at,
            employee=employee,
            note=note,
        )

        aspiration.additional_properties = d
        return aspiration

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
