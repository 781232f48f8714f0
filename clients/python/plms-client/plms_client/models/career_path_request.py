from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CareerPathRequest")


@_attrs_define
class CareerPathRequest:
    """
    Attributes:
        from_role (UUID):
        to_role (UUID):
        typical_months (int | Unset):
        note (str | Unset):
    """

    from_role: UUID
    to_role: UUID
    typical_months: int | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_role = str(self.from_role)

        to_role = str(self.to_role)

        typical_months = self.typical_months

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from_role": from_role,
                "to_role": to_role,
            }
        )
        if typical_months is not UNSET:
            field_dict["typical_months"] = typical_months
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_role = UUID(d.pop("from_role"))

        to_role = UUID(d.pop("to_role"))

        typical_months = d.pop("typical_months", UNSET)

        note = d.pop("note", UNSET)

        career_path_request = cls(
            from_role=from_role,
            to_role=to_role,
            typical_months=typical_months,
            note=note,
        )

        return career_path_request
