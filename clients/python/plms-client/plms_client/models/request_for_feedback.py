from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.feedback_request_status_enum import FeedbackRequestStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestForFeedback")


@_attrs_define
class RequestForFeedback:
    """
    Attributes:
        id (UUID):
        requester (UUID):
        asked (UUID):
        status (FeedbackRequestStatusEnum): * `open` - Open
            * `answered` - Answered
            * `declined` - Declined
        created_at (datetime.datetime):
        goal (None | Unset | UUID):
        message (str | Unset):
    """

    id: UUID
    requester: UUID
    asked: UUID
    status: FeedbackRequestStatusEnum
    created_at: datetime.datetime
    goal: None | Unset | UUID = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        requester = str(self.requester)

        asked = str(self.asked)

        status = self.status.value

        created_at = self.created_at.isoformat()

        goal: None | str | Unset
        if isinstance(self.goal, Unset):
            goal = UNSET
        elif isinstance(self.goal, UUID):
            goal = str(self.goal)
        else:
            goal = self.goal

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "requester": requester,
                "asked": asked,
                "status": status,
                "created_at": created_at,
            }
        )
        if goal is not UNSET:
            field_dict["goal"] = goal
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        requester = UUID(d.pop("requester"))

        asked = UUID(d.pop("asked"))

        status = FeedbackRequestStatusEnum(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_goal(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                goal_type_0 = UUID(data)

                return goal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        goal = _parse_goal(d.pop("goal", UNSET))

        message = d.pop("message", UNSET)

        request_for_feedback = cls(
            id=id,
            requester=requester,
            asked=asked,
            status=status,
            created_at=created_at,
            goal=goal,
            message=message,
        )

        request_for_feedback.additional_properties = d
        return request_for_feedback

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
