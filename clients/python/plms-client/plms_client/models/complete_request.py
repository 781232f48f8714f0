from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompleteRequest")


@_attrs_define
class CompleteRequest:
    """
    Attributes:
        outcome (str | Unset): One of `met`, `extended`, `not_met`. Default: ''.
        note (str | Unset):  Default: ''.
    """

    outcome: str | Unset = ""
    note: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = d.pop("outcome", UNSET)

        note = d.pop("note", UNSET)

        complete_request = cls(
            outcome=outcome,
            note=note,
        )

        return complete_request
