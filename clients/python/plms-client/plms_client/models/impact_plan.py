from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImpactPlan")


@_attrs_define
class ImpactPlan:
    """
    Attributes:
        completions (int):
        measured (int): Completions with a consolidated level before and after.
        mean_change (float | None): Mean change of level, if measured.
        levels_gained (float):
        plan_id (UUID):
    """

    completions: int
    measured: int
    mean_change: float | None
    levels_gained: float
    plan_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completions = self.completions

        measured = self.measured

        mean_change: float | None
        mean_change = self.mean_change

        levels_gained = self.levels_gained

        plan_id = str(self.plan_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completions": completions,
                "measured": measured,
                "mean_change": mean_change,
                "levels_gained": levels_gained,
                "plan_id": plan_id,
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

        plan_id = UUID(d.pop("plan_id"))

        impact_plan = cls(
            completions=completions,
            measured=measured,
            mean_change=mean_change,
            levels_gained=levels_gained,
            plan_id=plan_id,
        )

        impact_plan.additional_properties = d
        return impact_plan

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
