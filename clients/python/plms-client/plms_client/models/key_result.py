from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kpi_direction_enum import KpiDirectionEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyResult")


@_attrs_define
class KeyResult:
    """
    Attributes:
        outcome (str):
        kpi_unit (str):
        kpi_target (str):
        id (UUID | Unset): The key result's public id. Send it back when editing a role's key results so a reworded one
            keeps the goals that serve it; without ids, key results are matched by outcome, then by place.
        kpi_direction (KpiDirectionEnum | Unset): * `increase` - Increase
            * `decrease` - Decrease
            * `maintain` - Maintain
    """

    outcome: str
    kpi_unit: str
    kpi_target: str
    id: UUID | Unset = UNSET
    kpi_direction: KpiDirectionEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome

        kpi_unit = self.kpi_unit

        kpi_target = self.kpi_target

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        kpi_direction: str | Unset = UNSET
        if not isinstance(self.kpi_direction, Unset):
            kpi_direction = self.kpi_direction.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "kpi_unit": kpi_unit,
                "kpi_target": kpi_target,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if kpi_direction is not UNSET:
            field_dict["kpi_direction"] = kpi_direction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = d.pop("outcome")

        kpi_unit = d.pop("kpi_unit")

        kpi_target = d.pop("kpi_target")

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        _kpi_direction = d.pop("kpi_direction", UNSET)
        kpi_direction: KpiDirectionEnum | Unset
        if isinstance(_kpi_direction, Unset):
            kpi_direction = UNSET
        else:
            kpi_direction = KpiDirectionEnum(_kpi_direction)

        key_result = cls(
            outcome=outcome,
            kpi_unit=kpi_unit,
            kpi_target=kpi_target,
            id=id,
            kpi_direction=kpi_direction,
        )

        key_result.additional_properties = d
        return key_result

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
