from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.to_box_enum import ToBoxEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewMoveRequest")


@_attrs_define
class ReviewMoveRequest:
    """
    Attributes:
        employee (UUID):
        to_box (ToBoxEnum): * `1-3` - 1-3
            * `2-3` - 2-3
            * `3-3` - 3-3
            * `1-2` - 1-2
            * `2-2` - 2-2
            * `3-2` - 3-2
            * `1-1` - 1-1
            * `2-1` - 2-1
            * `3-1` - 3-1
        reason (str | Unset): Why: a move needs one.
    """

    employee: UUID
    to_box: ToBoxEnum
    reason: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        to_box = self.to_box.value

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
                "to_box": to_box,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        to_box = ToBoxEnum(d.pop("to_box"))

        reason = d.pop("reason", UNSET)

        review_move_request = cls(
            employee=employee,
            to_box=to_box,
            reason=reason,
        )

        return review_move_request
