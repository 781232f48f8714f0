from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Totals")


@_attrs_define
class Totals:
    """
    Attributes:
        people (int):
        target (None | str):
        computed (None | str):
        paid (None | str):
        adjusted (int): How many lines HR adjusted.
    """

    people: int
    target: None | str
    computed: None | str
    paid: None | str
    adjusted: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        people = self.people

        target: None | str
        target = self.target

        computed: None | str
        computed = self.computed

        paid: None | str
        paid = self.paid

        adjusted = self.adjusted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "people": people,
                "target": target,
                "computed": computed,
                "paid": paid,
                "adjusted": adjusted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        people = d.pop("people")

        def _parse_target(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target = _parse_target(d.pop("target"))

        def _parse_computed(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        computed = _parse_computed(d.pop("computed"))

        def _parse_paid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        paid = _parse_paid(d.pop("paid"))

        adjusted = d.pop("adjusted")

        totals = cls(
            people=people,
            target=target,
            computed=computed,
            paid=paid,
            adjusted=adjusted,
        )

        totals.additional_properties = d
        return totals

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
