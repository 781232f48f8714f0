from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RatingRequest")


@_attrs_define
class RatingRequest:
    """
    Attributes:
        capability (UUID):
        level (int | None | Unset):
        not_observed (bool | Unset):  Default: False.
        evidence (str | Unset):
    """

    capability: UUID
    level: int | None | Unset = UNSET
    not_observed: bool | Unset = False
    evidence: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        capability = str(self.capability)

        level: int | None | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        not_observed = self.not_observed

        evidence = self.evidence

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capability": capability,
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

        def _parse_level(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        not_observed = d.pop("not_observed", UNSET)

        evidence = d.pop("evidence", UNSET)

        rating_request = cls(
            capability=capability,
            level=level,
            not_observed=not_observed,
            evidence=evidence,
        )

        return rating_request
