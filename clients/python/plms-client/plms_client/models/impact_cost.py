from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImpactCost")


@_attrs_define
class ImpactCost:
    """
    Attributes:
        completions (int):
        measured (int): Completions with a consolidated level before and after.
        mean_change (float | None): Mean change of level, if measured.
        levels_gained (float):
        cost (float):
        cost_per_level (float | None): Per level gained.
    """

    completions: int
    measured: int
    mean_change: float | None
    levels_gained: float
    cost: float
    cost_per_level: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completions = self.completions

        measured = self.measured

        mean_change: float | None
        mean_change = self.mean_change

        levels_gained = self.levels_gained

        cost = self.cost

        cost_per_level: float | None
        cost_per_level = self.cost_per_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completions": completions,
                "measured": measured,
                "mean_change": mean_change,
                "levels_gained": levels_gained,
                "cost": cost,
                "cost_per_level": cost_per_level,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completions = d.pop("completions")

        measured = d.pop("measured")

        def _parse_mean_change(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_change = _parse_mean_change(d.pop("mean_change"))

        levels_gained = d.pop("levels_gained")

        cost = d.pop("cost")

        def _parse_cost_per_level(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cost_per_level = _parse_cost_per_level(d.pop("cost_per_level"))

        impact_cost = cls(
            completions=completions,
            measured=measured,
            mean_change=mean_change,
            levels_gained=levels_gained,
            cost=cost,
            cost_per_level=cost_per_level,
        )

        impact_cost.additional_properties = d
        return impact_cost

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
