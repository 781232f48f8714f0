from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdditionRequest")


@_attrs_define
class AdditionRequest:
    """
    Attributes:
        item (UUID):
        reason (str):
        capability (None | Unset | UUID):
        due_date (datetime.date | None | Unset):
    """

    item: UUID
    reason: str
    capability: None | Unset | UUID = UNSET
    due_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        item = str(self.item)

        reason = self.reason

        capability: None | str | Unset
        if isinstance(self.capability, Unset):
            capability = UNSET
        elif isinstance(self.capability, UUID):
            capability = str(self.capability)
        else:
            capability = self.capability

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        elif isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item": item,
                "reason": reason,
            }
        )
        if capability is not UNSET:
            field_dict["capability"] = capability
        if due_date is not UNSET:
            field_dict["due_date"] = due_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = UUID(d.pop("item"))

        reason = d.pop("reason")

        def _parse_capability(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                capability_type_0 = UUID(data)

                return capability_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        capability = _parse_capability(d.pop("capability", UNSET))

        def _parse_due_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        addition_request = cls(
            item=item,
            reason=reason,
            capability=capability,
            due_date=due_date,
        )

        return addition_request
