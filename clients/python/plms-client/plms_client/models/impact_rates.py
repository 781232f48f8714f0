from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImpactRates")


@_attrs_define
class ImpactRates:
    """
    Attributes:
        items_total (int):
        items_done (int):
        item_rate (int | None): Percent.
        plans_total (int):
        plans_completed (int):
        plan_rate (int | None): Percent.
    """

    items_total: int
    items_done: int
    item_rate: int | None
    plans_total: int
    plans_completed: int
    plan_rate: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items_total = self.items_total

        items_done = self.items_done

        item_rate: int | None
        item_rate = self.item_rate

        plans_total = self.plans_total

        plans_completed = self.plans_completed

        plan_rate: int | None
        plan_rate = self.plan_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items_total": items_total,
                "items_done": items_done,
                "item_rate": item_rate,
                "plans_total": plans_total,
                "plans_completed": plans_completed,
                "plan_rate": plan_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        items_total = d.pop("items_total")

        items_done = d.pop("items_done")

        def _parse_item_rate(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        item_rate = _parse_item_rate(d.pop("item_rate"))

        plans_total = d.pop("plans_total")

        plans_completed = d.pop("plans_completed")

        def _parse_plan_rate(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        plan_rate = _parse_plan_rate(d.pop("plan_rate"))

        impact_rates = cls(
            items_total=items_total,
            items_done=items_done,
            item_rate=item_rate,
            plans_total=plans_total,
            plans_completed=plans_completed,
            plan_rate=plan_rate,
        )

        impact_rates.additional_properties = d
        return impact_rates

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
