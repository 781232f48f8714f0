from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PreviewTally")


@_attrs_define
class PreviewTally:
    """
    Attributes:
        agree (int):
        too_high (int):
        too_low (int):
    """

    agree: int
    too_high: int
    too_low: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agree = self.agree

        too_high = self.too_high

        too_low = self.too_low

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agree": agree,
                "too_high": too_high,
                "too_low": too_low,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agree = d.pop("agree")

        too_high = d.pop("too_high")

        too_low = d.pop("too_low")

        preview_tally = cls(
            agree=agree,
            too_high=too_high,
            too_low=too_low,
        )

        preview_tally.additional_properties = d
        return preview_tally

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
