from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LevelLink")


@_attrs_define
class LevelLink:
    """
    Attributes:
        capability (UUID):
        level_from (int):
        level_to (int):
    """

    capability: UUID
    level_from: int
    level_to: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capability = str(self.capability)

        level_from = self.level_from

        level_to = self.level_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capability": capability,
                "level_from": level_from,
                "level_to": level_to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capability = UUID(d.pop("capability"))

        level_from = d.pop("level_from")

        level_to = d.pop("level_to")

        level_link = cls(
            capability=capability,
            level_from=level_from,
            level_to=level_to,
        )

        level_link.additional_properties = d
        return level_link

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
