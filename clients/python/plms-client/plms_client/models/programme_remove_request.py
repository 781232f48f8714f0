from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProgrammeRemoveRequest")


@_attrs_define
class ProgrammeRemoveRequest:
    """
    Attributes:
        item (UUID):
    """

    item: UUID

    def to_dict(self) -> dict[str, Any]:
        item = str(self.item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item": item,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = UUID(d.pop("item"))

        programme_remove_request = cls(
            item=item,
        )

        return programme_remove_request
