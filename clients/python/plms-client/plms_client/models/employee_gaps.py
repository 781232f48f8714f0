from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.capability_gap import CapabilityGap


T = TypeVar("T", bound="EmployeeGaps")


@_attrs_define
class EmployeeGaps:
    """
    Attributes:
        employee (UUID):
        weighted_gap_index (None | str):
        gaps (list[CapabilityGap]):
    """

    employee: UUID
    weighted_gap_index: None | str
    gaps: list[CapabilityGap]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        weighted_gap_index: None | str
        weighted_gap_index = self.weighted_gap_index

        gaps = []
        for gaps_item_data in self.gaps:
            gaps_item = gaps_item_data.to_dict()
            gaps.append(gaps_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "employee": employee,
                "weighted_gap_index": weighted_gap_index,
                "gaps": gaps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.capability_gap import CapabilityGap  # noqa: PLC0415

        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        def _parse_weighted_gap_index(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        weighted_gap_index = _parse_weighted_gap_index(d.pop("weighted_gap_index"))

        gaps = []
        _gaps = d.pop("gaps")
        for gaps_item_data in _gaps:
            gaps_item = CapabilityGap.from_dict(gaps_item_data)

            gaps.append(gaps_item)

        employee_gaps = cls(
            employee=employee,
            weighted_gap_index=weighted_gap_index,
            gaps=gaps,
        )

        employee_gaps.additional_properties = d
        return employee_gaps

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
