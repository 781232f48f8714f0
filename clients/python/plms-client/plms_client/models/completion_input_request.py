from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompletionInputRequest")


@_attrs_define
class CompletionInputRequest:
    """
    Attributes:
        item_external_id (str):
        completed_at (datetime.datetime):
        employee_email (str | Unset):
        employee_external_id (str | Unset):
        score (str | Unset):
        passed (bool | None | Unset):
        external_id (str | Unset): The LMS's id of the completion (optional; makes replays idempotent too). Default: ''.
    """

    item_external_id: str
    completed_at: datetime.datetime
    employee_email: str | Unset = UNSET
    employee_external_id: str | Unset = UNSET
    score: str | Unset = UNSET
    passed: bool | None | Unset = UNSET
    external_id: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        item_external_id = self.item_external_id

        completed_at = self.completed_at.isoformat()

        employee_email = self.employee_email

        employee_external_id = self.employee_external_id

        score = self.score

        passed: bool | None | Unset
        if isinstance(self.passed, Unset):
            passed = UNSET
        else:
            passed = self.passed

        external_id = self.external_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item_external_id": item_external_id,
                "completed_at": completed_at,
            }
        )
        if employee_email is not UNSET:
            field_dict["employee_email"] = employee_email
        if employee_external_id is not UNSET:
            field_dict["employee_external_id"] = employee_external_id
        if score is not UNSET:
            field_dict["score"] = score
        if passed is not UNSET:
            field_dict["passed"] = passed
        if external_id is not UNSET:
            field_dict["external_id"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item_external_id = d.pop("item_external_id")

        completed_at = datetime.datetime.fromisoformat(d.pop("completed_at"))

        employee_email = d.pop("employee_email", UNSET)

        employee_external_id = d.pop("employee_external_id", UNSET)

        score = d.pop("score", UNSET)

        def _parse_passed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        passed = _parse_passed(d.pop("passed", UNSET))

        external_id = d.pop("external_id", UNSET)

        completion_input_request = cls(
            item_external_id=item_external_id,
            completed_at=completed_at,
            employee_email=employee_email,
            employee_external_id=employee_external_id,
            score=score,
            passed=passed,
            external_id=external_id,
        )

        return completion_input_request
