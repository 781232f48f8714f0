from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TalentPoolRequest")


@_attrs_define
class TalentPoolRequest:
    """
    Attributes:
        name (str):
        description (str | Unset):
        boxes (list[str] | Unset): 9-box boxes as performance-potential, each 1-3 (`3-3` is the top box).
        aspired_role (None | Unset | UUID):
        capability (None | Unset | UUID):
        minimum_level (int | None | Unset):
        programme_name (str | Unset): What members see the programme called on their plan (never the pool's name).
        workflow (None | Unset | UUID): The Momentum workflow that sets the programme's cadence; its audience is kept to
            the pool's members.
    """

    name: str
    description: str | Unset = UNSET
    boxes: list[str] | Unset = UNSET
    aspired_role: None | Unset | UUID = UNSET
    capability: None | Unset | UUID = UNSET
    minimum_level: int | None | Unset = UNSET
    programme_name: str | Unset = UNSET
    workflow: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        boxes: list[str] | Unset = UNSET
        if not isinstance(self.boxes, Unset):
            boxes = self.boxes

        aspired_role: None | str | Unset
        if isinstance(self.aspired_role, Unset):
            aspired_role = UNSET
        elif isinstance(self.aspired_role, UUID):
            aspired_role = str(self.aspired_role)
        else:
            aspired_role = self.aspired_role

        capability: None | str | Unset
        if isinstance(self.capability, Unset):
            capability = UNSET
        elif isinstance(self.capability, UUID):
            capability = str(self.capability)
        else:
            capability = self.capability

        minimum_level: int | None | Unset
        if isinstance(self.minimum_level, Unset):
            minimum_level = UNSET
        else:
            minimum_level = self.minimum_level

        programme_name = self.programme_name

        workflow: None | str | Unset
        if isinstance(self.workflow, Unset):
            workflow = UNSET
        elif isinstance(self.workflow, UUID):
            workflow = str(self.workflow)
        else:
            workflow = self.workflow

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if boxes is not UNSET:
            field_dict["boxes"] = boxes
        if aspired_role is not UNSET:
            field_dict["aspired_role"] = aspired_role
        if capability is not UNSET:
            field_dict["capability"] = capability
        if minimum_level is not UNSET:
            field_dict["minimum_level"] = minimum_level
        if programme_name is not UNSET:
            field_dict["programme_name"] = programme_name
        if workflow is not UNSET:
            field_dict["workflow"] = workflow

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        boxes = cast(list[str], d.pop("boxes", UNSET))

        def _parse_aspired_role(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                aspired_role_type_0 = UUID(data)

                return aspired_role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        aspired_role = _parse_aspired_role(d.pop("aspired_role", UNSET))

        def _parse_capability(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                capability_type_0 = UUID(data)

                return capability_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        capability = _parse_capability(d.pop("capability", UNSET))

        def _parse_minimum_level(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        minimum_level = _parse_minimum_level(d.pop("minimum_level", UNSET))

        programme_name = d.pop("programme_name", UNSET)

        def _parse_workflow(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                workflow_type_0 = UUID(data)

                return workflow_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        workflow = _parse_workflow(d.pop("workflow", UNSET))

        talent_pool_request = cls(
            name=name,
            description=description,
            boxes=boxes,
            aspired_role=aspired_role,
            capability=capability,
            minimum_level=minimum_level,
            programme_name=programme_name,
            workflow=workflow,
        )

        return talent_pool_request
