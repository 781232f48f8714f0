from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ContentGap")


@_attrs_define
class ContentGap:
    """
    Attributes:
        capability (UUID):
        capability_name (str):
        level (int):
        people (int):
    """

    capability: UUID
    capability_name: str
    level: int
    people: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capability = str(self.capability)

        capability_name = self.capability_name

        level = self.level

        people = self.people

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capability": capability,
                "capability_name": capability_name,
                "level": level,
                "people": people,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capability = UUID(d.pop("capability"))

        capability_name = d.pop("capability_name")

        level = d.pop("level")

        people = d.pop("people")

        content_gap = cls(
            capability=capability,
            capability_name=capability_name,
            level=level,
            people=people,
        )

        content_gap.additional_properties = d
        return content_gap

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
