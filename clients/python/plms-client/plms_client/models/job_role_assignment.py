from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobRoleAssignment")


@_attrs_define
class JobRoleAssignment:
    """
    Attributes:
        id (UUID):
        employee (UUID): The person: their employee id, e-mail or external id.
        role (UUID): The job role: its id or its key.
        role_key (str):
        started_at (datetime.datetime): From.
        ended_at (datetime.datetime | None): To; null while the role is held.
        current (bool):
        primary (bool | Unset):  Default: True.
    """

    id: UUID
    employee: UUID
    role: UUID
    role_key: str
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    current: bool
    primary: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        role = str(self.role)

        role_key = self.role_key

        started_at = self.started_at.isoformat()

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        current = self.current

        primary = self.primary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "role": role,
                "role_key": role_key,
                "started_at": started_at,
                "ended_at": ended_at,
                "current": current,
            }
        )
        if primary is not UNSET:
            field_dict["primary"] = primary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        role = UUID(d.pop("role"))

        role_key = d.pop("role_key")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        current = d.pop("current")

        primary = d.pop("primary", UNSET)

        job_role_assignment = cls(
            id=id,
            employee=employee,
            role=role,
            role_key=role_key,
            started_at=started_at,
            ended_at=ended_at,
            current=current,
            primary=primary,
        )

        job_role_assignment.additional_properties = d
        return job_role_assignment

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
