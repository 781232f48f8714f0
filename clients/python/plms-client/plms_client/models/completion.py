from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Completion")


@_attrs_define
class Completion:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        item (UUID):
        completed_at (datetime.datetime):
        score (None | str):
        passed (bool | None):
        external_id (str):
        outcome (str):
        created_at (datetime.datetime):
    """

    id: UUID
    employee: UUID
    item: UUID
    completed_at: datetime.datetime
    score: None | str
    passed: bool | None
    external_id: str
    outcome: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        item = str(self.item)

        completed_at = self.completed_at.isoformat()

        score: None | str
        score = self.score

        passed: bool | None
        passed = self.passed

        external_id = self.external_id

        outcome = self.outcome

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "item": item,
                "completed_at": completed_at,
                "score": score,
                "passed": passed,
                "external_id": external_id,
                "outcome": outcome,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        item = UUID(d.pop("item"))

        completed_at = datetime.datetime.fromisoformat(d.pop("completed_at"))

        def _parse_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        score = _parse_score(d.pop("score"))

        def _parse_passed(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        passed = _parse_passed(d.pop("passed"))

        external_id = d.pop("external_id")

        outcome = d.pop("outcome")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        completion = cls(
            id=id,
            employee=employee,
            item=item,
            completed_at=completed_at,
            score=score,
            passed=passed,
            external_id=external_id,
            outcome=outcome,
            created_at=created_at,
        )

        completion.additional_properties = d
        return completion

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
