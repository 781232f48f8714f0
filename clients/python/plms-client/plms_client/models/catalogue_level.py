from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CatalogueLevel")


@_attrs_define
class CatalogueLevel:
    """
    Attributes:
        level (int):
        descriptor (str):
        indicators (list[str]):
    """

    level: int
    descriptor: str
    indicators: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        descriptor = self.descriptor

        indicators = self.indicators

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "level": level,
                "descriptor": descriptor,
                "indicators": indicators,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        level = d.pop("level")

        descriptor = d.pop("descriptor")

        indicators = cast(list[str], d.pop("indicators"))

        catalogue_level = cls(
            level=level,
            descriptor=descriptor,
            indicators=indicators,
        )

        catalogue_level.additional_properties = d
        return catalogue_level

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
