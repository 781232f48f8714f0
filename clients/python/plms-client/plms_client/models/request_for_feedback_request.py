from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestForFeedbackRequest")


@_attrs_define
class RequestForFeedbackRequest:
    """
    Attributes:
        asked (UUID):
        goal (None | Unset | UUID):
        message (str | Unset):
    """

    asked: UUID
    goal: None | Unset | UUID = UNSET
    message: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        asked = str(self.asked)

        goal: None | str | Unset
        if isinstance(self.goal, Unset):
            goal = UNSET
        elif isinstance(self.goal, UUID):
            goal = str(self.goal)
        else:
            goal = self.goal

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "asked": asked,
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
        asked = UUID(d.pop("asked"))

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

        request_for_feedback_request = cls(
            asked=asked,
            goal=goal,
            message=message,
        )

        return request_for_feedback_request
