from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.to_box_enum import ToBoxEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewMove")


@_attrs_define
class ReviewMove:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        employee_name (str):
        from_box (str): Where the person stood (empty: not placed).
        to_box (ToBoxEnum): * `1-3` - 1-3
            * `2-3` - 2-3
            * `3-3` - 3-3
            * `1-2` - 1-2
            * `2-2` - 2-2
            * `3-2` - 3-2
            * `1-1` - 1-1
            * `2-1` - 2-1
            * `3-1` - 3-1
        created_at (datetime.datetime):
        reason (str | Unset): Why: a move needs one.
    """

    id: UUID
    employee: UUID
    employee_name: str
    from_box: str
    to_box: ToBoxEnum
    created_at: datetime.datetime
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        employee_name = self.employee_name

        from_box = self.from_box

        to_box = self.to_box.value

        created_at = self.created_at.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "employee_name": employee_name,
                "from_box": from_box,
                "to_box": to_box,
                "created_at": created_at,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        employee_name = d.pop("employee_name")

        from_box = d.pop("from_box")

        to_box = ToBoxEnum(d.pop("to_box"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        reason = d.pop("reason", UNSET)

        review_move = cls(
            id=id,
            employee=employee,
            employee_name=employee_name,
            from_box=from_box,
            to_box=to_box,
            created_at=created_at,
            reason=reason,
        )

        review_move.additional_properties = d
        return review_move

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
