from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.talent_review_status_enum import TalentReviewStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="TalentReview")


@_attrs_define
class TalentReview:
    """
    Attributes:
        id (UUID):
        name (str):
        held_on (datetime.date):
        facilitator_name (str):
        status (TalentReviewStatusEnum): * `open` - Open
            * `held` - Held
        summary (str):
        decision_count (int):
        action_count (int):
        open_action_count (int):
        created_at (datetime.datetime):
        closed_at (datetime.datetime | None):
        pool (None | Unset | UUID): The talent pool reviewed (or a `department`).
        department (None | Unset | UUID): The department reviewed (or a `pool`).
        facilitator (UUID | Unset): Who runs the meeting; by default the next in the rotation (who facilitated least
            recently among HR and the people granted reviews).
    """

    id: UUID
    name: str
    held_on: datetime.date
    facilitator_name: str
    status: TalentReviewStatusEnum
    summary: str
    decision_count: int
    action_count: int
    open_action_count: int
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    pool: None | Unset | UUID = UNSET
    department: None | Unset | UUID = UNSET
    facilitator: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        held_on = self.held_on.isoformat()

        facilitator_name = self.facilitator_name

        status = self.status.value

        summary = self.summary

        decision_count = self.decision_count

        action_count = self.action_count

        open_action_count = self.open_action_count

        created_at = self.created_at.isoformat()

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        pool: None | str | Unset
        if isinstance(self.pool, Unset):
            pool = UNSET
        elif isinstance(self.pool, UUID):
            pool = str(self.pool)
        else:
            pool = self.pool

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        elif isinstance(self.department, UUID):
            department = str(self.department)
        else:
            department = self.department

        facilitator: str | Unset = UNSET
        if not isinstance(self.facilitator, Unset):
            facilitator = str(self.facilitator)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "held_on": held_on,
                "facilitator_name": facilitator_name,
                "status": status,
                "summary": summary,
                "decision_count": decision_count,
                "action_count": action_count,
                "open_action_count": open_action_count,
                "created_at": created_at,
                "closed_at": closed_at,
            }
        )
        if pool is not UNSET:
            field_dict["pool"] = pool
        if department is not UNSET:
            field_dict["department"] = department
        if facilitator is not UNSET:
            field_dict["facilitator"] = facilitator

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))

        facilitator_name = d.pop("facilitator_name")

        status = TalentReviewStatusEnum(d.pop("status"))

        summary = d.pop("summary")

        decision_count = d.pop("decision_count")

        action_count = d.pop("action_count")

        open_action_count = d.pop("open_action_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_pool(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pool_type_0 = UUID(data)

                return pool_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        pool = _parse_pool(d.pop("pool", UNSET))

        def _parse_department(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_type_0 = UUID(data)

                return department_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        department = _parse_department(d.pop("department", UNSET))

        _facilitator = d.pop("facilitator", UNSET)
        facilitator: UUID | Unset
        if isinstance(_facilitator, Unset):
            facilitator = UNSET
        else:
            facilitator = UUID(_facilitator)

        talent_review = cls(
            id=id,
            name=name,
            held_on=held_on,
            facilitator_name=facilitator_name,
            status=status,
            summary=summary,
            decision_count=decision_count,
            action_count=action_count,
            open_action_count=open_action_count,
            created_at=created_at,
            closed_at=closed_at,
            pool=pool,
            department=department,
            facilitator=facilitator,
        )

        talent_review.additional_properties = d
        return talent_review

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
