from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Gap")


@_attrs_define
class Gap:
    """
    Attributes:
        capability (str):
        target (int):
        weight (int):
        current (None | str):
        gap (None | str):
    """

    capability: str
    target: int
    weight: int
    current: None | str
    gap: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capability = self.capability

        target = self.target

        weight = self.weight

        current: None | str
        current = self.current

        gap: None | str
        gap = self.gap

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capability": capability,
                "target": target,
                "weight": weight,
                "current": current,
                "gap": gap,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capability = d.pop("capability")

        target = d.pop("target")

        weight = d.pop("weight")

        def _parse_current(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current = _parse_current(d.pop("current"))

        def _parse_gap(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gap = _parse_gap(d.pop("gap"))

        gap = cls(
            capability=capability,
            target=target,
            weight=weight,
            current=current,
            gap=gap,
        )

        gap.additional_properties = d
        return gap

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
