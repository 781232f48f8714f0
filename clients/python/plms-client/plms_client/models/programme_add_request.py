from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProgrammeAddRequest")


@_attrs_define
class ProgrammeAddRequest:
    """
    Attributes:
        items (list[UUID]): Learning items.
    """

    items: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = str(items_item_data)
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = UUID(items_item_data)

            items.append(items_item)

        programme_add_request = cls(
            items=items,
        )

        return programme_add_request
