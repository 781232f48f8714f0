from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.feedback_kind_enum import FeedbackKindEnum
from ..models.visibility_enum import VisibilityEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Feedback")


@_attrs_define
class Feedback:
    """
    Attributes:
        id (UUID):
        giver (UUID):
        receiver (UUID):
        observation (str):
        created_at (datetime.datetime):
        kind (FeedbackKindEnum | Unset): * `recognition` - Recognition
            * `corrective` - Corrective
        impact (str | Unset):
        expectation (str | Unset):
        support_offered (str | Unset):
        follow_up_date (datetime.date | None | Unset):
        goal (None | Unset | UUID):
        capabilities (list[UUID] | Unset): The capabilities it is about: it appears beside them when the receiver is
            assessed, to whoever may see it.
        visibility (VisibilityEnum | Unset): * `private` - Private: the receiver and their managers
            * `public` - Public praise
        request (None | Unset | UUID):
    """

    id: UUID
    giver: UUID
    receiver: UUID
    observation: str
    created_at: datetime.datetime
    kind: FeedbackKindEnum | Unset = UNSET
    impact: str | Unset = UNSET
    expectation: str | Unset = UNSET
    support_offered: str | Unset = UNSET
    follow_up_date: datetime.date | None | Unset = UNSET
    goal: None | Unset | UUID = UNSET
    capabilities: list[UUID] | Unset = UNSET
    visibility: VisibilityEnum | Unset = UNSET
    request: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        giver = str(self.giver)

        receiver = str(self.receiver)

        observation = self.observation

        created_at = self.created_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        impact = self.impact

        expectation = self.expectation

        support_offered = self.support_offered

        follow_up_date: None | str | Unset
        if isinstance(self.follow_up_date, Unset):
            follow_up_date = UNSET
        elif isinstance(self.follow_up_date, datetime.date):
            follow_up_date = self.follow_up_date.isoformat()
        else:
            follow_up_date = self.follow_up_date

        goal: None | str | Unset
        if isinstance(self.goal, Unset):
            goal = UNSET
        elif isinstance(self.goal, UUID):
            goal = str(self.goal)
        else:
            goal = self.goal

        capabilities: list[str] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = []
            for capabilities_item_data in self.capabilities:
                capabilities_item = str(capabilities_item_data)
                capabilities.append(capabilities_item)

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        request: None | str | Unset
        if isinstance(self.request, Unset):
            request = UNSET
        elif isinstance(self.request, UUID):
            request = str(self.request)
        else:
            request = self.request

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "giver": giver,
                "receiver": receiver,
                "observation": observation,
                "created_at": created_at,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if impact is not UNSET:
            field_dict["impact"] = impact
        if expectation is not UNSET:
            field_dict["expectation"] = expectation
        if support_offered is not UNSET:
            field_dict["support_offered"] = support_offered
        if follow_up_date is not UNSET:
            field_dict["follow_up_date"] = follow_up_date
        if goal is not UNSET:
            field_dict["goal"] = goal
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if request is not UNSET:
            field_dict["request"] = request

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        giver = UUID(d.pop("giver"))

        receiver = UUID(d.pop("receiver"))

        observation = d.pop("observation")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _kind = d.pop("kind", UNSET)
        kind: FeedbackKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = FeedbackKindEnum(_kind)

        impact = d.pop("impact", UNSET)

        expectation = d.pop("expectation", UNSET)

        support_offered = d.pop("support_offered", UNSET)

        def _parse_follow_up_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                follow_up_date_type_0 = datetime.date.fromisoformat(data)

                return follow_up_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        follow_up_date = _parse_follow_up_date(d.pop("follow_up_date", UNSET))

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

        _capabilities = d.pop("capabilities", UNSET)
        capabilities: list[UUID] | Unset = UNSET
        if _capabilities is not UNSET:
            capabilities = []
            for capabilities_item_data in _capabilities:
                capabilities_item = UUID(capabilities_item_data)

                capabilities.append(capabilities_item)

        _visibility = d.pop("visibility", UNSET)
        visibility: VisibilityEnum | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = VisibilityEnum(_visibility)

        def _parse_request(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_type_0 = UUID(data)

                return request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        request = _parse_request(d.pop("request", UNSET))

        feedback = cls(
            id=id,
            giver=giver,
            receiver=receiver,
            observation=observation,
            created_at=created_at,
            kind=kind,
            impact=impact,
            expectation=expectation,
            support_offered=support_offered,
            follow_up_date=follow_up_date,
            goal=goal,
            capabilities=capabilities,
            visibility=visibility,
            request=request,
        )

        feedback.additional_properties = d
        return feedback

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
