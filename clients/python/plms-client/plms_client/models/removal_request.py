from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="RemovalRequest")


@_attrs_define
class RemovalRequest:
    """
    Attributes:
        item (UUID): The plan item's id.
        reason (str):
    """

    item: UUID
    reason: str

    def to_dict(self) -> dict[str, Any]:
        item = str(self.item)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item": item,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = UUID(d.pop("item"))

        reason = d.pop("reason")

        removal_request = cls(
            item=item,
            reason=reason,
        )

        return removal_request
