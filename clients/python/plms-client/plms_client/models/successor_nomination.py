from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.readiness_enum import ReadinessEnum
from ..models.successor_nomination_status_enum import SuccessorNominationStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="SuccessorNomination")


@_attrs_define
class SuccessorNomination:
    """
    Attributes:
        id (UUID):
        critical_role (UUID):
        critical_role_name (str):
        employee (UUID):
        employee_name (str):
        proposed_by_name (str):
        readiness (ReadinessEnum): * `ready_now` - Ready now
            * `one_two_years` - Ready in 1 to 2 years
            * `three_plus_years` - Ready in 3 years or more
        status (SuccessorNominationStatusEnum): * `proposed` - Proposed
            * `accepted` - Accepted
            * `declined` - Declined
        decided_at (datetime.datetime | None):
        created_at (datetime.datetime):
        note (str | Unset):
    """

    id: UUID
    critical_role: UUID
    critical_role_name: str
    employee: UUID
    employee_name: str
    proposed_by_name: str
    readiness: ReadinessEnum
    status: SuccessorNominationStatusEnum
    decided_at: datetime.datetime | None
    created_at: datetime.datetime
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        critical_role = str(self.critical_role)

        critical_role_name = self.critical_role_name

        employee = str(self.employee)

        employee_name = self.employee_name

        proposed_by_name = self.proposed_by_name

        readiness = self.readiness.value

        status = self.status.value

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        created_at = self.created_at.isoformat()

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "critical_role": critical_role,
                "critical_role_name": critical_role_name,
                "employee": employee,
                "employee_name": employee_name,
                "proposed_by_name": proposed_by_name,
                "readiness": readiness,
                "status": status,
                "decided_at": decided_at,
                "created_at": created_at,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        critical_role = UUID(d.pop("critical_role"))

        critical_role_name = d.pop("critical_role_name")

        employee = UUID(d.pop("employee"))

        employee_name = d.pop("employee_name")

        proposed_by_name = d.pop("proposed_by_name")

        readiness = ReadinessEnum(d.pop("readiness"))

        status = SuccessorNominationStatusEnum(d.pop("status"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        note = d.pop("note", UNSET)

        successor_nomination = cls(
            id=id,
            critical_role=critical_role,
            critical_role_name=critical_role_name,
            employee=employee,
            employee_name=employee_name,
            proposed_by_name=proposed_by_name,
            readiness=readiness,
            status=status,
            decided_at=decided_at,
            created_at=created_at,
            note=note,
        )

        successor_nomination.additional_properties = d
        return successor_nomination

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
