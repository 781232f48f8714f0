from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.part_enum import PartEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Escalation")


@_attrs_define
class Escalation:
    """
    Attributes:
        id (UUID):
        part (PartEnum): * `obstacles` - Obstacles
            * `priorities` - Priorities
            * `shared_notes` - Shared notes
        escalated_to (UUID):
        created_at (datetime.datetime):
        text (str | Unset):
    """

    id: UUID
    part: PartEnum
    escalated_to: UUID
    created_at: datetime.datetime
    text: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        part = self.part.value

        escalated_to = str(self.escalated_to)

        created_at = self.created_at.isoformat()

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "part": part,
                "escalated_to": escalated_to,
                "created_at": created_at,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        part = PartEnum(d.pop("part"))

        escalated_to = UUID(d.pop("escalated_to"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        text = d.pop("text", UNSET)

        escalation = cls(
            id=id,
            part=part,
            escalated_to=escalated_to,
            created_at=created_at,
            text=text,
        )

        escalation.additional_properties = d
        return escalation

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
