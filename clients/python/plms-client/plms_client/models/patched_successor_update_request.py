from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.readiness_enum import ReadinessEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedSuccessorUpdateRequest")


@_attrs_define
class PatchedSuccessorUpdateRequest:
    """
    Attributes:
        readiness (ReadinessEnum | Unset): * `ready_now` - Ready now
            * `one_two_years` - Ready in 1 to 2 years
            * `three_plus_years` - Ready in 3 years or more
        note (str | Unset):
    """

    readiness: ReadinessEnum | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        readiness: str | Unset = UNSET
        if not isinstance(self.readiness, Unset):
            readiness = self.readiness.value

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if readiness is not UNSET:
            field_dict["readiness"] = readiness
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _readiness = d.pop("readiness", UNSET)
        readiness: ReadinessEnum | Unset
        if isinstance(_readiness, Unset):
            readiness = UNSET
        else:
            readiness = ReadinessEnum(_readiness)

        note = d.pop("note", UNSET)

        patched_successor_update_request = cls(
            readiness=readiness,
            note=note,
        )

        return patched_successor_update_request
