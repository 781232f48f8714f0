from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScaleLevelRequest")


@_attrs_define
class ScaleLevelRequest:
    """
    Attributes:
        number (int):
        name (str):
        description (str | Unset):  Default: ''.
    """

    number: int
    name: str
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        name = self.name

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "number": number,
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        name = d.pop("name")

        description = d.pop("description", UNSET)

        scale_level_request = cls(
            number=number,
            name=name,
            description=description,
        )

        return scale_level_request
