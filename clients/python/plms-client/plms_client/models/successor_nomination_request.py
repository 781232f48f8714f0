from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.readiness_enum import ReadinessEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="SuccessorNominationRequest")


@_attrs_define
class SuccessorNominationRequest:
    """
    Attributes:
        critical_role (UUID):
        employee (UUID):
        readiness (ReadinessEnum): * `ready_now` - Ready now
            * `one_two_years` - Ready in 1 to 2 years
            * `three_plus_years` - Ready in 3 years or more
        note (str | Unset):
    """

    critical_role: UUID
    employee: UUID
    readiness: ReadinessEnum
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        critical_role = str(self.critical_role)

        employee = str(self.employee)

        readiness = self.readiness.value

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "critical_role": critical_role,
                "employee": employee,
                "readiness": readiness,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        critical_role = UUID(d.pop("critical_role"))

        employee = UUID(d.pop("employee"))

        readiness = ReadinessEnum(d.pop("readiness"))

        note = d.pop("note", UNSET)

        successor_nomination_request = cls(
            critical_role=critical_role,
            employee=employee,
            readiness=readiness,
            note=note,
        )

        return successor_nomination_request
