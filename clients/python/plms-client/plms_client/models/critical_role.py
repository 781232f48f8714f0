from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bench import Bench


T = TypeVar("T", bound="CriticalRole")


@_attrs_define
class CriticalRole:
    """
    Attributes:
        id (UUID):
        role (UUID):
        role_name (str):
        risk (int): Impact times likelihood, 1-9.
        bench (Bench):
        created_at (datetime.datetime):
        incumbent (None | Unset | UUID): The person whose position is critical; empty: the role as a whole.
        impact (int | Unset):
        likelihood (int | Unset):
        note (str | Unset):
    """

    id: UUID
    role: UUID
    role_name: str
    risk: int
    bench: Bench
    created_at: datetime.datetime
    incumbent: None | Unset | UUID = UNSET
    impact: int | Unset = UNSET
    likelihood: int | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        role = str(self.role)

        role_name = self.role_name

        risk = self.risk

        bench = self.bench.to_dict()

        created_at = self.created_at.isoformat()

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "role": role,
                "role_name": role_name,
                "risk": risk,
                "bench": bench,
                "created_at": created_at,
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
        from ..models.bench import Bench  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        role = UUID(d.pop("role"))

        role_name = d.pop("role_name")

        risk = d.pop("risk")

        bench = Bench.from_dict(d.pop("bench"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        critical_role = cls(
            id=id,
            role=role,
            role_name=role_name,
            risk=risk,
            bench=bench,
            created_at=created_at,
            incumbent=incumbent,
            impact=impact,
            likelihood=likelihood,
            note=note,
        )

        critical_role.additional_properties = d
        return critical_role

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
