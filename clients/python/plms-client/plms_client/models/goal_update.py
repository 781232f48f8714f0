from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.confidence_enum import ConfidenceEnum
from ..models.source_enum import SourceEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="GoalUpdate")


@_attrs_define
class GoalUpdate:
    """
    Attributes:
        id (UUID):
        value (float | str):
        source (SourceEnum): * `manual` - Entered
            * `api` - Data feed
        recorded_by (str):
        comment (str | Unset):
        confidence (ConfidenceEnum | Unset): * `low` - Low
            * `medium` - Medium
            * `high` - High
        recorded_at (datetime.datetime | Unset):
    """

    id: UUID
    value: float | str
    source: SourceEnum
    recorded_by: str
    comment: str | Unset = UNSET
    confidence: ConfidenceEnum | Unset = UNSET
    recorded_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        value: float | str
        value = self.value

        source = self.source.value

        recorded_by = self.recorded_by

        comment = self.comment

        confidence: str | Unset = UNSET
        if not isinstance(self.confidence, Unset):
            confidence = self.confidence.value

        recorded_at: str | Unset = UNSET
        if not isinstance(self.recorded_at, Unset):
            recorded_at = self.recorded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "value": value,
                "source": source,
                "recorded_by": recorded_by,
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
        id = UUID(d.pop("id"))

        def _parse_value(data: object) -> float | str:
            return cast(float | str, data)

        value = _parse_value(d.pop("value"))

        source = SourceEnum(d.pop("source"))

        recorded_by = d.pop("recorded_by")

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

        goal_update = cls(
            id=id,
            value=value,
            source=source,
            recorded_by=recorded_by,
            comment=comment,
            confidence=confidence,
            recorded_at=recorded_at,
        )

        goal_update.additional_properties = d
        return goal_update

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
