from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bulk_upsert_item_result_status_enum import BulkUpsertItemResultStatusEnum

T = TypeVar("T", bound="BulkUpsertItemResult")


@_attrs_define
class BulkUpsertItemResult:
    """
    Attributes:
        id (UUID):
        email (str):
        external_id (str):
        status (BulkUpsertItemResultStatusEnum): * `created` - created
            * `updated` - updated
            * `unchanged` - unchanged
    """

    id: UUID
    email: str
    external_id: str
    status: BulkUpsertItemResultStatusEnum
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        email = self.email

        external_id = self.external_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "external_id": external_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        email = d.pop("email")

        external_id = d.pop("external_id")

        status = BulkUpsertItemResultStatusEnum(d.pop("status"))

        bulk_upsert_item_result = cls(
            id=id,
            email=email,
            external_id=external_id,
            status=status,
        )

        bulk_upsert_item_result.additional_properties = d
        return bulk_upsert_item_result

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
