from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="DepartmentMultiplierRequest")


@_attrs_define
class DepartmentMultiplierRequest:
    """
    Attributes:
        department (UUID):
        multiplier (str):
    """

    department: UUID
    multiplier: str

    def to_dict(self) -> dict[str, Any]:
        department = str(self.department)

        multiplier = self.multiplier

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "department": department,
                "multiplier": multiplier,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        department = UUID(d.pop("department"))

        multiplier = d.pop("multiplier")

        department_multiplier_request = cls(
            department=department,
            multiplier=multiplier,
        )

        return department_multiplier_request
