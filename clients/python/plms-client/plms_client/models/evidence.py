from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Evidence")


@_attrs_define
class Evidence:
    """
    Attributes:
        capability_match (int | None): 0-100.
        gap_index (None | str):
        performance (int | None): 1 low - 3 high.
        potential (int | None): 1 low - 3 high.
        aspires (bool): The person named the role as an aspiration.
    """

    capability_match: int | None
    gap_index: None | str
    performance: int | None
    potential: int | None
    aspires: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capability_match: int | None
        capability_match = self.capability_match

        gap_index: None | str
        gap_index = self.gap_index

        performance: int | None
        performance = self.performance

        potential: int | None
        potential = self.potential

        aspires = self.aspires

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capability_match": capability_match,
                "gap_index": gap_index,
                "performance": performance,
                "potential": potential,
                "aspires": aspires,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_capability_match(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capability_match = _parse_capability_match(d.pop("capability_match"))

        def _parse_gap_index(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gap_index = _parse_gap_index(d.pop("gap_index"))

        def _parse_performance(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        performance = _parse_performance(d.pop("performance"))

        def _parse_potential(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        potential = _parse_potential(d.pop("potential"))

        aspires = d.pop("aspires")

        evidence = cls(
            capability_match=capability_match,
            gap_index=gap_index,
            performance=performance,
            potential=potential,
            aspires=aspires,
        )

        evidence.additional_properties = d
        return evidence

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
