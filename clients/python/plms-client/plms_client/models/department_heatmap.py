from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.heatmap_capability import HeatmapCapability
    from ..models.heatmap_department import HeatmapDepartment


T = TypeVar("T", bound="DepartmentHeatmap")


@_attrs_define
class DepartmentHeatmap:
    """The heatmap's departments and capabilities; its cells are the collection
    `department-heatmap/cells`.

        Attributes:
            cycle (UUID):
            departments (list[HeatmapDepartment]):
            capabilities (list[HeatmapCapability]):
    """

    cycle: UUID
    departments: list[HeatmapDepartment]
    capabilities: list[HeatmapCapability]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cycle = str(self.cycle)

        departments = []
        for departments_item_data in self.departments:
            departments_item = departments_item_data.to_dict()
            departments.append(departments_item)

        capabilities = []
        for capabilities_item_data in self.capabilities:
            capabilities_item = capabilities_item_data.to_dict()
            capabilities.append(capabilities_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cycle": cycle,
                "departments": departments,
                "capabilities": capabilities,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.heatmap_capability import HeatmapCapability  # noqa: PLC0415
        from ..models.heatmap_department import HeatmapDepartment  # noqa: PLC0415

        d = dict(src_dict)
        cycle = UUID(d.pop("cycle"))

        departments = []
        _departments = d.pop("departments")
        for departments_item_data in _departments:
            departments_item = HeatmapDepartment.from_dict(departments_item_data)

            departments.append(departments_item)

        capabilities = []
        _capabilities = d.pop("capabilities")
        for capabilities_item_data in _capabilities:
            capabilities_item = HeatmapCapability.from_dict(capabilities_item_data)

            capabilities.append(capabilities_item)

        department_heatmap = cls(
            cycle=cycle,
            departments=departments,
            capabilities=capabilities,
        )

        department_heatmap.additional_properties = d
        return department_heatmap

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
