from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CareerPath")


@_attrs_define
class CareerPath:
    """
    Attributes:
        id (UUID):
        from_role (UUID):
        from_role_name (str):
        to_role (UUID):
        to_role_name (str):
        created_at (datetime.datetime):
        typical_months (int | Unset):
        note (str | Unset):
    """

    id: UUID
    from_role: UUID
    from_role_name: str
    to_role: UUID
    to_role_name: str
    created_at: datetime.datetime
    typical_months: int | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        from_role = str(self.from_role)

        from_role_name = self.from_role_name

        to_role = str(self.to_role)

        to_role_name = self.to_role_name

        created_at = self.created_at.isoformat()

        typical_months = self.typical_months

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "from_role": from_role,
                "from_role_name": from_role_name,
                "to_role": to_role,
                "to_role_name": to_role_name,
                "created_at": created_at,
            }
        )
        if typical_months is not UNSET:
            field_dict["typical_months"] = typical_months
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        from_role = UUID(d.pop("from_role"))

        from_role_name = d.pop("from_role_name")

        to_role = UUID(d.pop("to_role"))

        to_role_name = d.pop("to_role_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        typical_months = d.pop("typical_months", UNSET)

        note = d.pop("note", UNSET)

        career_path = cls(
            id=id,
            from_role=from_role,
            from_role_name=from_role_name,
            to_role=to_role,
            to_role_name=to_role_name,
            created_at=created_at,
            typical_months=typical_months,
            note=note,
        )

        career_path.additional_properties = d
        return career_path

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
