from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bulk_upsert_item_result import BulkUpsertItemResult


T = TypeVar("T", bound="BulkUpsertResult")


@_attrs_define
class BulkUpsertResult:
    """
    Attributes:
        created (int):
        updated (int):
        unchanged (int):
        departments_created (int):
        items (list[BulkUpsertItemResult]):
    """

    created: int
    updated: int
    unchanged: int
    departments_created: int
    items: list[BulkUpsertItemResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        updated = self.updated

        unchanged = self.unchanged

        departments_created = self.departments_created

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "departments_created": departments_created,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_upsert_item_result import BulkUpsertItemResult  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        updated = d.pop("updated")

        unchanged = d.pop("unchanged")

        departments_created = d.pop("departments_created")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BulkUpsertItemResult.from_dict(items_item_data)

            items.append(items_item)

        bulk_upsert_result = cls(
            created=created,
            updated=updated,
            unchanged=unchanged,
            departments_created=departments_created,
            items=items,
        )

        bulk_upsert_result.additional_properties = d
        return bulk_upsert_result

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
