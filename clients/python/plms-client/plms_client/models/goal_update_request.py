from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.confidence_enum import ConfidenceEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="GoalUpdateRequest")


@_attrs_define
class GoalUpdateRequest:
    """
    Attributes:
        value (float | str):
        comment (str | Unset):
        confidence (ConfidenceEnum | Unset): * `low` - Low
            * `medium` - Medium
            * `high` - High
        recorded_at (datetime.datetime | Unset):
    """

    value: float | str
    comment: str | Unset = UNSET
    confidence: ConfidenceEnum | Unset = UNSET
    recorded_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value: float | str
        value = self.value

        comment = self.comment

        confidence: str | Unset = UNSET
        if not isinstance(self.confidence, Unset):
            confidence = self.confidence.value

        recorded_at: str | Unset = UNSET
        if not isinstance(self.recorded_at, Unset):
            recorded_at = self.recorded_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if recorded_at is not UNSET:
            field_dict["recorded_at"] = recorded_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_value(data: object) -> float | str:
            return cast(float | str, data)

        value = _parse_value(d.pop("value"))

        comment = d.pop("comment", UNSET)

        _confidence = d.pop("confidence", UNSET)
        confidence: ConfidenceEnum | Unset
        if isinstance(_confidence, Unset):
            confidence = UNSET
        else:
            confidence = ConfidenceEnum(_confidence)

        _recorded_at = d.pop("recorded_at", UNSET)
        recorded_at: datetime.datetime | Unset
        if isinstance(_recorded_at, Unset):
            recorded_at = UNSET
        else:
            recorded_at = datetime.datetime.fromisoformat(_recorded_at)

        goal_update_request = cls(
            value=value,
            comment=comment,
            confidence=confidence,
            recorded_at=recorded_at,
        )

        return goal_update_request
