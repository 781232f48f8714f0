from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Department")


@_attrs_define
class Department:
    """
    Attributes:
        id (UUID):
        name (str):
        employee_count (int):
        created_at (datetime.datetime):
        parent (None | Unset | UUID): The parent department: its id or its name.
    """

    id: UUID
    name: str
    employee_count: int
    created_at: datetime.datetime
    parent: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        employee_count = self.employee_count

        created_at = self.created_at.isoformat()

        parent: None | str | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        elif isinstance(self.parent, UUID):
            parent = str(self.parent)
        else:
            parent = self.parent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "employee_count": employee_count,
                "created_at": created_at,
            }
        )
        if parent is not UNSET:
            field_dict["parent"] = parent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        employee_count = d.pop("employee_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_parent(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_type_0 = UUID(data)

                return parent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent = _parse_parent(d.pop("parent", UNSET))

        department = cls(
            id=id,
            name=name,
            employee_count=employee_count,
            created_at=created_at,
            parent=parent,
        )

        department.additional_properties = d
        return department

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
