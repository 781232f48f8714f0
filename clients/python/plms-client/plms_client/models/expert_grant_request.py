from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExpertGrantRequest")


@_attrs_define
class ExpertGrantRequest:
    """
    Attributes:
        cycle (UUID):
        employee (UUID):
        expert (UUID):
    """

    cycle: UUID
    employee: UUID
    expert: UUID

    def to_dict(self) -> dict[str, Any]:
        cycle = str(self.cycle)

        employee = str(self.employee)

        expert = str(self.expert)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cycle": cycle,
                "employee": employee,
                "expert": expert,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cycle = UUID(d.pop("cycle"))

        employee = UUID(d.pop("employee"))

        expert = UUID(d.pop("expert"))

        expert_grant_request = cls(
            cycle=cycle,
            employee=employee,
            expert=expert,
        )

        return expert_grant_request
