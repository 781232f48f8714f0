from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HeatmapCell")


@_attrs_define
class HeatmapCell:
    """
    Attributes:
        department (None | UUID):
        capability (UUID):
        people (int):
        below_target (int):
        share_below (int): Percent of the people below target.
        mean_level (None | str):
        mean_target (None | str):
        mean_gap (None | str):
    """

    department: None | UUID
    capability: UUID
    people: int
    below_target: int
    share_below: int
    mean_level: None | str
    mean_target: None | str
    mean_gap: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department: None | str
        if isinstance(self.department, UUID):
            department = str(self.department)
        else:
            department = self.department

        capability = str(self.capability)

        people = self.people

        below_target = self.below_target

        share_below = self.share_below

        mean_level: None | str
        mean_level = self.mean_level

        mean_target: None | str
        mean_target = self.mean_target

        mean_gap: None | str
        mean_gap = self.mean_gap

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department": department,
                "capability": capability,
                "people": people,
                "below_target": below_target,
                "share_below": share_below,
                "mean_level": mean_level,
                "mean_target": mean_target,
                "mean_gap": mean_gap,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_department(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_type_0 = UUID(data)

                return department_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        department = _parse_department(d.pop("department"))

        capability = UUID(d.pop("capability"))

        people = d.pop("people")

        below_target = d.pop("below_target")

        share_below = d.pop("share_below")

        def _parse_mean_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mean_level = _parse_mean_level(d.pop("mean_level"))

        def _parse_mean_target(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mean_target = _parse_mean_target(d.pop("mean_target"))

        def _parse_mean_gap(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mean_gap = _parse_mean_gap(d.pop("mean_gap"))

        heatmap_cell = cls(
            department=department,
            capability=capability,
            people=people,
            below_target=below_target,
            share_below=share_below,
            mean_level=mean_level,
            mean_target=mean_target,
            mean_gap=mean_gap,
        )

        heatmap_cell.additional_properties = d
        return heatmap_cell

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
