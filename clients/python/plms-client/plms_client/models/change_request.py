from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.goal_change_request_status_enum import GoalChangeRequestStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeRequest")


@_attrs_define
class ChangeRequest:
    """
    Attributes:
        id (UUID):
        justification (str):
        changes (Any | Unset):
        status (GoalChangeRequestStatusEnum | Unset): * `pending` - Pending
            * `approved` - Approved
            * `rejected` - Rejected
        requested_by_label (str | Unset):
        requested_at (datetime.datetime | Unset):
        decided_by_label (str | Unset):
        decided_at (datetime.datetime | None | Unset):
        decision_note (str | Unset):
    """

    id: UUID
    justification: str
    changes: Any | Unset = UNSET
    status: GoalChangeRequestStatusEnum | Unset = UNSET
    requested_by_label: str | Unset = UNSET
    requested_at: datetime.datetime | Unset = UNSET
    decided_by_label: str | Unset = UNSET
    decided_at: datetime.datetime | None | Unset = UNSET
    decision_note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        justification = self.justification

        changes = self.changes

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        requested_by_label = self.requested_by_label

        requested_at: str | Unset = UNSET
        if not isinstance(self.requested_at, Unset):
            requested_at = self.requested_at.isoformat()

        decided_by_label = self.decided_by_label

        decided_at: None | str | Unset
        if isinstance(self.decided_at, Unset):
            decided_at = UNSET
        elif isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_note = self.decision_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "justification": justification,
            }
        )
        if changes is not UNSET:
            field_dict["changes"] = changes
        if status is not UNSET:
            field_dict["status"] = status
        if requested_by_label is not UNSET:
            field_dict["requested_by_label"] = requested_by_label
        if requested_at is not UNSET:
            field_dict["requested_at"] = requested_at
        if decided_by_label is not UNSET:
            field_dict["decided_by_label"] = decided_by_label
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if decision_note is not UNSET:
            field_dict["decision_note"] = decision_note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        justification = d.pop("justification")

        changes = d.pop("changes", UNSET)

        _status = d.pop("status", UNSET)
        status: GoalChangeRequestStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = GoalChangeRequestStatusEnum(_status)

        requested_by_label = d.pop("requested_by_label", UNSET)

        _requested_at = d.pop("requested_at", UNSET)
        requested_at: datetime.datetime | Unset
        if isinstance(_requested_at, Unset):
            requested_at = UNSET
        else:
            requested_at = datetime.datetime.fromisoformat(_requested_at)

        decided_by_label = d.pop("decided_by_label", UNSET)

        def _parse_decided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        decided_at = _parse_decided_at(d.pop("decided_at", UNSET))

        decision_note = d.pop("decision_note", UNSET)

        change_request = cls(
            id=id,
            justification=justification,
            changes=changes,
            status=status,
            requested_by_label=requested_by_label,
            requested_at=requested_at,
            decided_by_label=decided_by_label,
            decided_at=decided_at,
            decision_note=decision_note,
        )

        change_request.additional_properties = d
        return change_request

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
