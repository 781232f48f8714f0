from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanItem")


@_attrs_define
class PlanItem:
    """
    Attributes:
        id (UUID):
        item (None | UUID):
        capability (None | UUID):
        label (str):
        reason (str):
        due_date (datetime.date | None):
        order (int):
        status (str): One of `not_started`, `in_progress`, `done`.
        evidence (str):
        reflection (str):
        completed_at (datetime.datetime | None):
    """

    id: UUID
    item: None | UUID
    capability: None | UUID
    label: str
    reason: str
    due_date: datetime.date | None
    order: int
    status: str
    evidence: str
    reflection: str
    completed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        item: None | str
        if isinstance(self.item, UUID):
            item = str(self.item)
        else:
            item = self.item

        capability: None | str
        if isinstance(self.capability, UUID):
            capability = str(self.capability)
        else:
            capability = self.capability

        label = self.label

        reason = self.reason

        due_date: None | str
        if isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        order = self.order

        status = self.status

        evidence = self.evidence

        reflection = self.reflection

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "item": item,
                "capability": capability,
                "label": label,
                "reason": reason,
                "due_date": due_date,
                "order": order,
                "status": status,
                "evidence": evidence,
                "reflection": reflection,
                "completed_at": completed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_item(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                item_type_0 = UUID(data)

                return item_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        item = _parse_item(d.pop("item"))

        def _parse_capability(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                capability_type_0 = UUID(data)

                return capability_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        capability = _parse_capability(d.pop("capability"))

        label = d.pop("label")

        reason = d.pop("reason")

        def _parse_due_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_date = _parse_due_date(d.pop("due_date"))

        order = d.pop("order")

        status = d.pop("status")

        evidence = d.pop("evidence")

        reflection = d.pop("reflection")

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        plan_item = cls(
            id=id,
            item=item,
            capability=capability,
            label=label,
            reason=reason,
            due_date=due_date,
            order=order,
            status=status,
            evidence=evidence,
            reflection=reflection,
            completed_at=completed_at,
        )

        plan_item.additional_properties = d
        return plan_item

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
