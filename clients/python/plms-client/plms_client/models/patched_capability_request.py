from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.capability_status_enum import CapabilityStatusEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capability_level_request import CapabilityLevelRequest


T = TypeVar("T", bound="PatchedCapabilityRequest")


@_attrs_define
class PatchedCapabilityRequest:
    """
    Attributes:
        key (str | Unset):
        name (str | Unset):
        category (UUID | Unset):
        description (str | Unset):
        tags (list[str] | Unset):
        status (CapabilityStatusEnum | Unset): * `draft` - Draft
            * `active` - Active
            * `retired` - Retired
        data_steward (None | Unset | UUID):
        levels (list[CapabilityLevelRequest] | Unset):
    """

    key: str | Unset = UNSET
    name: str | Unset = UNSET
    category: UUID | Unset = UNSET
    description: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    status: CapabilityStatusEnum | Unset = UNSET
    data_steward: None | Unset | UUID = UNSET
    levels: list[CapabilityLevelRequest] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        name = self.name

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = str(self.category)

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

        field_dict.update({})
        if key is not UNSET:
            field_dict["key"] = key
        if name is not UNSET:
            field_dict["name"] = name
        if category is not UNSET:
            field_dict["category"] = category
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
        from ..models.capability_level_request import CapabilityLevelRequest  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key", UNSET)

        name = d.pop("name", UNSET)

        _category = d.pop("category", UNSET)
        category: UUID | Unset
        if isinstance(_category, Unset):
            category = UNSET
        else:
            category = UUID(_category)

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
        levels: list[CapabilityLevelRequest] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = CapabilityLevelRequest.from_dict(levels_item_data)

                levels.append(levels_item)

        patched_capability_request = cls(
            key=key,
            name=name,
            category=category,
            description=description,
            tags=tags,
            status=status,
            data_steward=data_steward,
            levels=levels,
        )

        return patched_capability_request
