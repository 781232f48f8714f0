from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="SlateReaderRequest")


@_attrs_define
class SlateReaderRequest:
    """
    Attributes:
        employee (UUID):
    """

    employee: UUID

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        slate_reader_request = cls(
            employee=employee,
        )

        return slate_reader_request
