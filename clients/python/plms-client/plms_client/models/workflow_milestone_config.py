from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cadence_enum import CadenceEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowMilestoneConfig")


@_attrs_define
class WorkflowMilestoneConfig:
    """
    Attributes:
        cadence (CadenceEnum | Unset): * `weekly` - weekly
            * `fortnightly` - fortnightly
            * `monthly` - monthly
        assessment (str | Unset): Which assessment completes it: `self` or `manager`.
        cycle (UUID | Unset): The assessment cycle to launch in (default: the open one).
    """

    cadence: CadenceEnum | Unset = UNSET
    assessment: str | Unset = UNSET
    cycle: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cadence: str | Unset = UNSET
        if not isinstance(self.cadence, Unset):
            cadence = self.cadence.value

        assessment = self.assessment

        cycle: str | Unset = UNSET
        if not isinstance(self.cycle, Unset):
            cycle = str(self.cycle)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cadence is not UNSET:
            field_dict["cadence"] = cadence
        if assessment is not UNSET:
            field_dict["assessment"] = assessment
        if cycle is not UNSET:
            field_dict["cycle"] = cycle

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _cadence = d.pop("cadence", UNSET)
        cadence: CadenceEnum | Unset
        if isinstance(_cadence, Unset):
            cadence = UNSET
        else:
            cadence = CadenceEnum(_cadence)

        assessment = d.pop("assessment", UNSET)

        _cycle = d.pop("cycle", UNSET)
        cycle: UUID | Unset
        if isinstance(_cycle, Unset):
            cycle = UNSET
        else:
            cycle = UUID(_cycle)

        workflow_milestone_config = cls(
            cadence=cadence,
            assessment=assessment,
            cycle=cycle,
        )

        workflow_milestone_config.additional_properties = d
        return workflow_milestone_config

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
