from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.capability_status_enum import CapabilityStatusEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capability_level import CapabilityLevel


T = TypeVar("T", bound="Capability")


@_attrs_define
class Capability:
    """
    Attributes:
        id (UUID):
        name (str):
        category (UUID):
        category_name (str):
        source_key (str):
        source_revision (int | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        key (str | Unset):
        description (str | Unset):
        tags (list[str] | Unset):
        status (CapabilityStatusEnum | Unset): * `draft` - Draft
            * `active` - Active
            * `retired` - Retired
        data_steward (None | Unset | UUID):
        levels (list[CapabilityLevel] | Unset):
    """

    id: UUID
    name: str
    category: UUID
    category_name: str
    source_key: str
    source_revision: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    key: str | Unset = UNSET
    description: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    status: CapabilityStatusEnum | Unset = UNSET
    data_steward: None | Unset | UUID = UNSET
    levels: list[CapabilityLevel] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        category = str(self.category)

        category_name = self.category_name

        source_key = self.source_key

        source_revision: int | None
        source_revision = self.source_revision

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        key = self.key

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        data_steward: None | str | Unset
        if isinstance(self.data_steward, Unset):
            data_steward = UNSET
        elif isinstance(self.data_steward, UUID):
            data_steward = str(self.data_steward)
        else:
            data_steward = self.data_steward

        levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.levels, Unset):
            levels = []
            for levels_item_data in self.levels:
                levels_item = levels_item_data.to_dict()
                levels.append(levels_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "category": category,
                "category_name": category_name,
                "source_key": source_key,
                "source_revision": source_revision,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if status is not UNSET:
            field_dict["status"] = status
        if data_steward is not UNSET:
            field_dict["data_steward"] = data_steward
        if levels is not UNSET:
            field_dict["levels"] = levels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.capability_level import CapabilityLevel  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        category = UUID(d.pop("category"))

        category_name = d.pop("category_name")

        source_key = d.pop("source_key")

        def _parse_source_revision(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        source_revision = _parse_source_revision(d.pop("source_revision"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        key = d.pop("key", UNSET)

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _status = d.pop("status", UNSET)
        status: CapabilityStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CapabilityStatusEnum(_status)

        def _parse_data_steward(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                data_steward_type_0 = UUID(data)

                return data_steward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        data_steward = _parse_data_steward(d.pop("data_steward", UNSET))

        _levels = d.pop("levels", UNSET)
        levels: list[CapabilityLevel] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = CapabilityLevel.from_dict(levels_item_data)

                levels.append(levels_item)

        capability = cls(
            id=id,
            name=name,
            category=category,
            category_name=category_name,
            source_key=source_key,
            source_revision=source_revision,
            created_at=created_at,
            updated_at=updated_at,
            key=key,
            description=description,
            tags=tags,
            status=status,
            data_steward=data_steward,
            levels=levels,
        )

        capability.additional_properties = d
        return capability

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
