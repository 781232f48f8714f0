from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.part_enum import PartEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="EscalationRequest")


@_attrs_define
class EscalationRequest:
    """
    Attributes:
        part (PartEnum): * `obstacles` - Obstacles
            * `priorities` - Priorities
            * `shared_notes` - Shared notes
        text (str | Unset):
    """

    part: PartEnum
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        part = self.part.value

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "part": part,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        part = PartEnum(d.pop("part"))

        text = d.pop("text", UNSET)

        escalation_request = cls(
            part=part,
            text=text,
        )

        return escalation_request
