from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CloseRequest")


@_attrs_define
class CloseRequest:
    """
    Attributes:
        reason (str | Unset):
        confirmed_unsubmitted (int | Unset):
    """

    reason: str | Unset = UNSET
    confirmed_unsubmitted: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        confirmed_unsubmitted = self.confirmed_unsubmitted

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reason is not UNSET:
            field_dict["reason"] = reason
        if confirmed_unsubmitted is not UNSET:
            field_dict["confirmed_unsubmitted"] = confirmed_unsubmitted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason", UNSET)

        confirmed_unsubmitted = d.pop("confirmed_unsubmitted", UNSET)

        close_request = cls(
            reason=reason,
            confirmed_unsubmitted=confirmed_unsubmitted,
        )

        return close_request
