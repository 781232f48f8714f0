from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PotentialCalibrateRequest")


@_attrs_define
class PotentialCalibrateRequest:
    """
    Attributes:
        level (int):
        reason (str):
    """

    level: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "level": level,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        level = d.pop("level")

        reason = d.pop("reason")

        potential_calibrate_request = cls(
            level=level,
            reason=reason,
        )

        return potential_calibrate_request
