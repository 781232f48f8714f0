from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.check_in_status_enum import CheckInStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckIn")


@_attrs_define
class CheckIn:
    """
    Attributes:
        id (UUID):
        manager (UUID):
        report (UUID):
        cadence (str):
        scheduled_for (datetime.date):
        private_manager_notes (None | str): Null for anyone who may not read them (always for the report).
        status (CheckInStatusEnum | Unset): * `scheduled` - Scheduled
            * `completed` - Completed
            * `cancelled` - Cancelled
        obstacles (str | Unset):
        priorities (str | Unset):
        shared_notes (str | Unset):
        completed_at (datetime.datetime | None | Unset):
    """

    id: UUID
    manager: UUID
    report: UUID
    cadence: str
    scheduled_for: datetime.date
    private_manager_notes: None | str
    status: CheckInStatusEnum | Unset = UNSET
    obstacles: str | Unset = UNSET
    priorities: str | Unset = UNSET
    shared_notes: str | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        manager = str(self.manager)

        report = str(self.report)

        cadence = self.cadence

        scheduled_for = self.scheduled_for.isoformat()

        private_manager_notes: None | str
        private_manager_notes = self.private_manager_notes

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        obstacles = self.obstacles

        priorities = self.priorities

        shared_notes = self.shared_notes

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "manager": manager,
                "report": report,
                "cadence": cadence,
                "scheduled_for": scheduled_for,
                "private_manager_notes": private_manager_notes,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if obstacles is not UNSET:
            field_dict["obstacles"] = obstacles
        if priorities is not UNSET:
            field_dict["priorities"] = priorities
        if shared_notes is not UNSET:
            field_dict["shared_notes"] = shared_notes
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        manager = UUID(d.pop("manager"))

        report = UUID(d.pop("report"))

        cadence = d.pop("cadence")

        scheduled_for = datetime.date.fromisoformat(d.pop("scheduled_for"))

        def _parse_private_manager_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        private_manager_notes = _parse_private_manager_notes(d.pop("private_manager_notes"))

        _status = d.pop("status", UNSET)
        status: CheckInStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CheckInStatusEnum(_status)

        obstacles = d.pop("obstacles", UNSET)

        priorities = d.pop("priorities", UNSET)

        shared_notes = d.pop("shared_notes", UNSET)

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        check_in = cls(
            id=id,
            manager=manager,
            report=report,
            cadence=cadence,
            scheduled_for=scheduled_for,
            private_manager_notes=private_manager_notes,
            status=status,
            obstacles=obstacles,
            priorities=priorities,
            shared_notes=shared_notes,
            completed_at=completed_at,
        )

        check_in.additional_properties = d
        return check_in

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
