from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.cadence_enum import CadenceEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowMilestoneConfigRequest")


@_attrs_define
class WorkflowMilestoneConfigRequest:
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

    def to_dict(self) -> dict[str, Any]:
        cadence: str | Unset = UNSET
        if not isinstance(self.cadence, Unset):
            cadence = self.cadence.value

        assessment = self.assessment

        cycle: str | Unset = UNSET
        if not isinstance(self.cycle, Unset):
            cycle = str(self.cycle)

        field_dict: dict[str, Any] = {}

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

        workflow_milestone_config_request = cls(
            cadence=cadence,
            assessment=assessment,
            cycle=cycle,
        )

        return workflow_milestone_config_request
