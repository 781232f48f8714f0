from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Rating")


@_attrs_define
class Rating:
    """
    Attributes:
        capability (UUID):
        capability_key (str):
        updated_at (datetime.datetime):
        level (int | None | Unset):
        not_observed (bool | Unset):  Default: False.
        evidence (str | Unset):
    """

    capability: UUID
    capability_key: str
    updated_at: datetime.datetime
    level: int | None | Unset = UNSET
    not_observed: bool | Unset = False
    evidence: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capability = str(self.capability)

        capability_key = self.capability_key

        updated_at = self.updated_at.isoformat()

        level: int | None | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        not_observed = self.not_observed

        evidence = self.evidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capability": capability,
                "capability_key": capability_key,
                "updated_at": updated_at,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level
        if not_observed is not UNSET:
            field_dict["not_observed"] = not_observed
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capability = UUID(d.pop("capability"))

        capability_key = d.pop("capability_key")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_level(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        not_observed = d.pop("not_observed", UNSET)

        evidence = d.pop("evidence", UNSET)

        rating = cls(
            capability=capability,
            capability_key=capability_key,
            updated_at=updated_at,
            level=level,
            not_observed=not_observed,
            evidence=evidence,
        )

        rating.additional_properties = d
        return rating

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
