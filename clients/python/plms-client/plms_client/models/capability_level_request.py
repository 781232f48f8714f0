from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CapabilityLevelRequest")


@_attrs_define
class CapabilityLevelRequest:
    """
    Attributes:
        level (int):
        descriptor (str):
        indicators (list[str] | Unset):
    """

    level: int
    descriptor: str
    indicators: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        descriptor = self.descriptor

        indicators: list[str] | Unset = UNSET
        if not isinstance(self.indicators, Unset):
            indicators = self.indicators

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "level": level,
                "descriptor": descriptor,
            }
        )
        if indicators is not UNSET:
            field_dict["indicators"] = indicators

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        level = d.pop("level")

        descriptor = d.pop("descriptor")

        indicators = cast(list[str], d.pop("indicators", UNSET))

        capability_level_request = cls(
            level=level,
            descriptor=descriptor,
            indicators=indicators,
        )

        return capability_level_request
