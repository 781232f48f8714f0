from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CriticalRoleRequest")


@_attrs_define
class CriticalRoleRequest:
    """
    Attributes:
        role (UUID):
        incumbent (None | Unset | UUID): The person whose position is critical; empty: the role as a whole.
        impact (int | Unset):
        likelihood (int | Unset):
        note (str | Unset):
    """

    role: UUID
    incumbent: None | Unset | UUID = UNSET
    impact: int | Unset = UNSET
    likelihood: int | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role = str(self.role)

        incumbent: None | str | Unset
        if isinstance(self.incumbent, Unset):
            incumbent = UNSET
        elif isinstance(self.incumbent, UUID):
            incumbent = str(self.incumbent)
        else:
            incumbent = self.incumbent

        impact = self.impact

        likelihood = self.likelihood

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )
        if incumbent is not UNSET:
            field_dict["incumbent"] = incumbent
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
        role = UUID(d.pop("role"))

        def _parse_incumbent(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                incumbent_type_0 = UUID(data)

                return incumbent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        incumbent = _parse_incumbent(d.pop("incumbent", UNSET))

        impact = d.pop("impact", UNSET)

        likelihood = d.pop("likelihood", UNSET)

        note = d.pop("note", UNSET)

        critical_role_request = cls(
            role=role,
            incumbent=incumbent,
            impact=impact,
            likelihood=likelihood,
            note=note,
        )

        return critical_role_request
