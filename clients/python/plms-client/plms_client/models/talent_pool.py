from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.programme_item import ProgrammeItem
    from ..models.talent_pool_member import TalentPoolMember


T = TypeVar("T", bound="TalentPool")


@_attrs_define
class TalentPool:
    """
    Attributes:
        id (UUID):
        name (str):
        members (list[TalentPoolMember]):
        programme (list[ProgrammeItem]): The programme's shared learning items: every member has them in their plan.
        created_at (datetime.datetime):
        description (str | Unset):
        boxes (list[str] | Unset): 9-box boxes as performance-potential, each 1-3 (`3-3` is the top box).
        aspired_role (None | Unset | UUID):
        capability (None | Unset | UUID):
        minimum_level (int | None | Unset):
        programme_name (str | Unset): What members see the programme called on their plan (never the pool's name).
        workflow (None | Unset | UUID): The Momentum workflow that sets the programme's cadence; its audience is kept to
            the pool's members.
    """

    id: UUID
    name: str
    members: list[TalentPoolMember]
    programme: list[ProgrammeItem]
    created_at: datetime.datetime
    description: str | Unset = UNSET
    boxes: list[str] | Unset = UNSET
    aspired_role: None | Unset | UUID = UNSET
    capability: None | Unset | UUID = UNSET
    minimum_level: int | None | Unset = UNSET
    programme_name: str | Unset = UNSET
    workflow: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        programme = []
        for programme_item_data in self.programme:
            programme_item = programme_item_data.to_dict()
            programme.append(programme_item)

        created_at = self.created_at.isoformat()

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "members": members,
                "programme": programme,
                "created_at": created_at,
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
        from ..models.programme_item import ProgrammeItem  # noqa: PLC0415
        from ..models.talent_pool_member import TalentPoolMember  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = TalentPoolMember.from_dict(members_item_data)

            members.append(members_item)

        programme = []
        _programme = d.pop("programme")
        for programme_item_data in _programme:
            programme_item = ProgrammeItem.from_dict(programme_item_data)

            programme.append(programme_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        talent_pool = cls(
            id=id,
            name=name,
            members=members,
            programme=programme,
            created_at=created_at,
            description=description,
            boxes=boxes,
            aspired_role=aspired_role,
            capability=capability,
            minimum_level=minimum_level,
            programme_name=programme_name,
            workflow=workflow,
        )

        talent_pool.additional_properties = d
        return talent_pool

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
