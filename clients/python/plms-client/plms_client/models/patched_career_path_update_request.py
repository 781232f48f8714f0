from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedCareerPathUpdateRequest")


@_attrs_define
class PatchedCareerPathUpdateRequest:
    """
    Attributes:
        typical_months (int | Unset):
        note (str | Unset):
    """

    typical_months: int | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        typical_months = self.typical_months

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if typical_months is not UNSET:
            field_dict["typical_months"] = typical_months
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        typical_months = d.pop("typical_months", UNSET)

        note = d.pop("note", UNSET)

        patched_career_path_update_request = cls(
            typical_months=typical_months,
            note=note,
        )

        return patched_career_path_update_request
