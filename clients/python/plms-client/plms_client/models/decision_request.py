from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionRequest")


@_attrs_define
class DecisionRequest:
    """
    Attributes:
        approve (bool):
        note (str | Unset):  Default: ''.
    """

    approve: bool
    note: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        approve = self.approve

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "approve": approve,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approve = d.pop("approve")

        note = d.pop("note", UNSET)

        decision_request = cls(
            approve=approve,
            note=note,
        )

        return decision_request
