from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedCriticalRoleUpdateRequest")


@_attrs_define
class PatchedCriticalRoleUpdateRequest:
    """
    Attributes:
        impact (int | Unset):
        likelihood (int | Unset):
        note (str | Unset):
    """

    impact: int | Unset = UNSET
    likelihood: int | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        impact = self.impact

        likelihood = self.likelihood

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if impact is not UNSET:
            field_dict["impact"] = impact
        if likelihood is not UNSET:
            field_dict["likelihood"] = likelihood
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        impact = d.pop("impact", UNSET)

        likelihood = d.pop("likelihood", UNSET)

        note = d.pop("note", UNSET)

        patched_critical_role_update_request = cls(
            impact=impact,
            likelihood=likelihood,
            note=note,
        )

        return patched_critical_role_update_request
