from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CalibrateRequest")


@_attrs_define
class CalibrateRequest:
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

        calibrate_request = cls(
            level=level,
            reason=reason,
        )

        return calibrate_request
