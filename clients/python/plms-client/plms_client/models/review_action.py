from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_action_status_enum import ReviewActionStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewAction")


@_attrs_define
class ReviewAction:
    """
    Attributes:
        id (UUID):
        review (UUID):
        text (str):
        owner (UUID):
        owner_name (str):
        due_on (datetime.date):
        status (ReviewActionStatusEnum): * `open` - Open
            * `done` - Done
        done_at (datetime.datetime | None):
        done_note (str):
        created_at (datetime.datetime):
        employee (None | Unset | UUID): The person reviewed it is about, if one.
    """

    id: UUID
    review: UUID
    text: str
    owner: UUID
    owner_name: str
    due_on: datetime.date
    status: ReviewActionStatusEnum
    done_at: datetime.datetime | None
    done_note: str
    created_at: datetime.datetime
    employee: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        review = str(self.review)

        text = self.text

        owner = str(self.owner)

        owner_name = self.owner_name

        due_on = self.due_on.isoformat()

        status = self.status.value

        done_at: None | str
        if isinstance(self.done_at, datetime.datetime):
            done_at = self.done_at.isoformat()
        else:
            done_at = self.done_at

        done_note = self.done_note

        created_at = self.created_at.isoformat()

        employee: None | str | Unset
        if isinstance(self.employee, Unset):
            employee = UNSET
        elif isinstance(self.employee, UUID):
            employee = str(self.employee)
        else:
            employee = self.employee

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "review": review,
                "text": text,
                "owner": owner,
                "owner_name": owner_name,
                "due_on": due_on,
                "status": status,
                "done_at": done_at,
                "done_note": done_note,
                "created_at": created_at,
            }
        )
        if employee is not UNSET:
            field_dict["employee"] = employee

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        review = UUID(d.pop("review"))

        text = d.pop("text")

        owner = UUID(d.pop("owner"))

        owner_name = d.pop("owner_name")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        status = ReviewActionStatusEnum(d.pop("status"))

        def _parse_done_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_at_type_0 = datetime.datetime.fromisoformat(data)

                return done_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        done_at = _parse_done_at(d.pop("done_at"))

        done_note = d.pop("done_note")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_employee(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                employee_type_0 = UUID(data)

                return employee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        employee = _parse_employee(d.pop("employee", UNSET))

        review_action = cls(
            id=id,
            review=review,
            text=text,
            owner=owner,
            owner_name=owner_name,
            due_on=due_on,
            status=status,
            done_at=done_at,
            done_note=done_note,
            created_at=created_at,
            employee=employee,
        )

        review_action.additional_properties = d
        return review_action

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
