from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.bulk_employee_item_request import BulkEmployeeItemRequest


T = TypeVar("T", bound="BulkUpsertRequest")


@_attrs_define
class BulkUpsertRequest:
    """Up to 1,000 employees to create or update; unknown keys are refused.

    Attributes:
        items (list[BulkEmployeeItemRequest]):
    """

    items: list[BulkEmployeeItemRequest]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
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
        from ..models.bulk_employee_item_request import BulkEmployeeItemRequest  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BulkEmployeeItemRequest.from_dict(items_item_data)

            items.append(items_item)

        bulk_upsert_request = cls(
            items=items,
        )

        return bulk_upsert_request
