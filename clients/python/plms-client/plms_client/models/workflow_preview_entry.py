from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkflowPreviewEntry")


@_attrs_define
class WorkflowPreviewEntry:
    """
    Attributes:
        when (datetime.datetime):
        milestone (UUID):
        milestone_name (str):
        kind (str):
        occasion (str):
        available (bool):
        note (str):
    """

    when: datetime.datetime
    milestone: UUID
    milestone_name: str
    kind: str
    occasion: str
    available: bool
    note: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        when = self.when.isoformat()

        milestone = str(self.milestone)

        milestone_name = self.milestone_name

        kind = self.kind

        occasion = self.occasion

        available = self.available

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "when": when,
                "milestone": milestone,
                "milestone_name": milestone_name,
                "kind": kind,
                "occasion": occasion,
                "available": available,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        when = datetime.datetime.fromisoformat(d.pop("when"))

        milestone = UUID(d.pop("milestone"))

        milestone_name = d.pop("milestone_name")

        kind = d.pop("kind")

        occasion = d.pop("occasion")

        available = d.pop("available")

        note = d.pop("note")

        workflow_preview_entry = cls(
            when=when,
            milestone=milestone,
            milestone_name=milestone_name,
            kind=kind,
            occasion=occasion,
            available=available,
            note=note,
        )

        workflow_preview_entry.additional_properties = d
        return workflow_preview_entry

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
