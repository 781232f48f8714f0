from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CapabilityGap")


@_attrs_define
class CapabilityGap:
    """
    Attributes:
        capability (UUID):
        capability_key (str):
        capability_name (str):
        target_level (int):
        weight (int):
        current_level (None | str):
        gap (None | str):
        weighted_gap (None | str):
        previous_level (None | str):
        trend (None | str):
        cycle (None | UUID):
        external_sources (list[str]): The other systems whose imported ratings (`external-ratings`, by their `source`)
            count in the current level; empty when none do.
    """

    capability: UUID
    capability_key: str
    capability_name: str
    target_level: int
    weight: int
    current_level: None | str
    gap: None | str
    weighted_gap: None | str
    previous_level: None | str
    trend: None | str
    cycle: None | UUID
    external_sources: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capability = str(self.capability)

        capability_key = self.capability_key

        capability_name = self.capability_name

        target_level = self.target_level

        weight = self.weight

        current_level: None | str
        current_level = self.current_level

        gap: None | str
        gap = self.gap

        weighted_gap: None | str
        weighted_gap = self.weighted_gap

        previous_level: None | str
        previous_level = self.previous_level

        trend: None | str
        trend = self.trend

        cycle: None | str
        if isinstance(self.cycle, UUID):
            cycle = str(self.cycle)
        else:
            cycle = self.cycle

        external_sources = self.external_sources

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capability": capability,
                "capability_key": capability_key,
                "capability_name": capability_name,
                "target_level": target_level,
                "weight": weight,
                "current_level": current_level,
                "gap": gap,
                "weighted_gap": weighted_gap,
                "previous_level": previous_level,
                "trend": trend,
                "cycle": cycle,
                "external_sources": external_sources,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capability = UUID(d.pop("capability"))

        capability_key = d.pop("capability_key")

        capability_name = d.pop("capability_name")

        target_level = d.pop("target_level")

        weight = d.pop("weight")

        def _parse_current_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current_level = _parse_current_level(d.pop("current_level"))

        def _parse_gap(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gap = _parse_gap(d.pop("gap"))

        def _parse_weighted_gap(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        weighted_gap = _parse_weighted_gap(d.pop("weighted_gap"))

        def _parse_previous_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous_level = _parse_previous_level(d.pop("previous_level"))

        def _parse_trend(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        trend = _parse_trend(d.pop("trend"))

        def _parse_cycle(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cycle_type_0 = UUID(data)

                return cycle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        cycle = _parse_cycle(d.pop("cycle"))

        external_sources = cast(list[str], d.pop("external_sources"))

        capability_gap = cls(
            capability=capability,
            capability_key=capability_key,
            capability_name=capability_name,
            target_level=target_level,
            weight=weight,
            current_level=current_level,
            gap=gap,
            weighted_gap=weighted_gap,
            previous_level=previous_level,
            trend=trend,
            cycle=cycle,
            external_sources=external_sources,
        )

        capability_gap.additional_properties = d
        return capability_gap

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
