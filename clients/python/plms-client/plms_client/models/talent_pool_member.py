from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TalentPoolMember")


@_attrs_define
class TalentPoolMember:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        employee_name (str):
        plan (None | UUID): The development plan that carries the pool's programme for this member.
        created_at (datetime.datetime):
    """

    id: UUID
    employee: UUID
    employee_name: str
    plan: None | UUID
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        employee_name = self.employee_name

        plan: None | str
        if isinstance(self.plan, UUID):
            plan = str(self.plan)
        else:
            plan = self.plan

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "employee_name": employee_name,
                "plan": plan,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        employee_name = d.pop("employee_name")

        def _parse_plan(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                plan_type_0 = UUID(data)

                return plan_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        plan = _parse_plan(d.pop("plan"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        talent_pool_member = cls(
            id=id,
            employee=employee,
            employee_name=employee_name,
            plan=plan,
            created_at=created_at,
        )

        talent_pool_member.additional_properties = d
        return talent_pool_member

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
