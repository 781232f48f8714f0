from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewHoldRequest")


@_attrs_define
class ReviewHoldRequest:
    """
    Attributes:
        summary (str | Unset):
    """

    summary: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        summary = d.pop("summary", UNSET)

        review_hold_request = cls(
            summary=summary,
        )

        return review_hold_request
