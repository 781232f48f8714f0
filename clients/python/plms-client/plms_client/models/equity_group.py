from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EquityGroup")


@_attrs_define
class EquityGroup:
    """
    Attributes:
        value (str):
        count (int):
        suppressed (bool): Too few people to show, or their figures would give a small group away.
        median (None | str): Pay: median annual base pay; increases: median increase in %.
        median_compa_ratio (None | str):
        gap (None | str): To the cell's reference group: pay in %, increases in percentage points.
    """

    value: str
    count: int
    suppressed: bool
    median: None | str
    median_compa_ratio: None | str
    gap: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        count = self.count

        suppressed = self.suppressed

        median: None | str
        median = self.median

        median_compa_ratio: None | str
        median_compa_ratio = self.median_compa_ratio

        gap: None | str
        gap = self.gap

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "count": count,
                "suppressed": suppressed,
                "median": median,
                "median_compa_ratio": median_compa_ratio,
                "gap": gap,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        count = d.pop("count")

        suppressed = d.pop("suppressed")

        def _parse_median(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        median = _parse_median(d.pop("median"))

        def _parse_median_compa_ratio(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        median_compa_ratio = _parse_median_compa_ratio(d.pop("median_compa_ratio"))

        def _parse_gap(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gap = _parse_gap(d.pop("gap"))

        equity_group = cls(
            value=value,
            count=count,
            suppressed=suppressed,
            median=median,
            median_compa_ratio=median_compa_ratio,
            gap=gap,
        )

        equity_group.additional_properties = d
        return equity_group

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
