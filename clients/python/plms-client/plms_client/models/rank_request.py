from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RankRequest")


@_attrs_define
class RankRequest:
    """
    Attributes:
        position (int): The new place, 1 first.
        reason (str):
    """

    position: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        position = self.position

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "position": position,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        position = d.pop("position")

        reason = d.pop("reason")

        rank_request = cls(
            position=position,
            reason=reason,
        )

        return rank_request
