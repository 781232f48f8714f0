from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdjustedGap")


@_attrs_define
class AdjustedGap:
    """
    Attributes:
        value (str):
        count (int):
        suppressed (bool):
        raw_gap (None | str):
        adjusted_gap (None | str): What is left of the gap after the controls (pay in %, increases in points).
        for_review (bool):
    """

    value: str
    count: int
    suppressed: bool
    raw_gap: None | str
    adjusted_gap: None | str
    for_review: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        count = self.count

        suppressed = self.suppressed

        raw_gap: None | str
        raw_gap = self.raw_gap

        adjusted_gap: None | str
        adjusted_gap = self.adjusted_gap

        for_review = self.for_review

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "count": count,
                "suppressed": suppressed,
                "raw_gap": raw_gap,
                "adjusted_gap": adjusted_gap,
                "for_review": for_review,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        count = d.pop("count")

        suppressed = d.pop("suppressed")

        def _parse_raw_gap(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        raw_gap = _parse_raw_gap(d.pop("raw_gap"))

        def _parse_adjusted_gap(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        adjusted_gap = _parse_adjusted_gap(d.pop("adjusted_gap"))

        for_review = d.pop("for_review")

        adjusted_gap = cls(
            value=value,
            count=count,
            suppressed=suppressed,
            raw_gap=raw_gap,
            adjusted_gap=adjusted_gap,
            for_review=for_review,
        )

        adjusted_gap.additional_properties = d
        return adjusted_gap

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
