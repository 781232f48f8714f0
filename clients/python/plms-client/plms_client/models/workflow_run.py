from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.state_enum import StateEnum

T = TypeVar("T", bound="WorkflowRun")


@_attrs_define
class WorkflowRun:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        occurrence (str):
        anchor_at (datetime.datetime):
        state (StateEnum): * `active` - In progress
            * `completed` - Completed
            * `cancelled` - Cancelled
        started_at (datetime.datetime):
        completed_at (datetime.datetime | None):
        cancelled_at (datetime.datetime | None):
        steps_total (int):
        steps_finished (int):
    """

    id: UUID
    employee: UUID
    occurrence: str
    anchor_at: datetime.datetime
    state: StateEnum
    started_at: datetime.datetime
    completed_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None
    steps_total: int
    steps_finished: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        occurrence = self.occurrence

        anchor_at = self.anchor_at.isoformat()

        state = self.state.value

        started_at = self.started_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        steps_total = self.steps_total

        steps_finished = self.steps_finished

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "occurrence": occurrence,
                "anchor_at": anchor_at,
                "state": state,
                "started_at": started_at,
                "completed_at": completed_at,
                "cancelled_at": cancelled_at,
                "steps_total": steps_total,
                "steps_finished": steps_finished,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        occurrence = d.pop("occurrence")

        anchor_at = datetime.datetime.fromisoformat(d.pop("anchor_at"))

        state = StateEnum(d.pop("state"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

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

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        steps_total = d.pop("steps_total")

        steps_finished = d.pop("steps_finished")

        workflow_run = cls(
            id=id,
            employee=employee,
            occurrence=occurrence,
            anchor_at=anchor_at,
            state=state,
            started_at=started_at,
            completed_at=completed_at,
            cancelled_at=cancelled_at,
            steps_total=steps_total,
            steps_finished=steps_finished,
        )

        workflow_run.additional_properties = d
        return workflow_run

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
