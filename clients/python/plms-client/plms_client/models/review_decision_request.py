from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewDecisionRequest")


@_attrs_define
class ReviewDecisionRequest:
    """
    Attributes:
        text (str):
        employee (None | Unset | UUID): The person reviewed it is about, if one.
    """

    text: str
    employee: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        employee: None | str | Unset
        if isinstance(self.employee, Unset):
            employee = UNSET
        elif isinstance(self.employee, UUID):
            employee = str(self.employee)
        else:
            employee = self.employee

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )
        if employee is not UNSET:
            field_dict["employee"] = employee

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        def _parse_employee(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                employee_type_0 = UUID(data)

                return employee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        employee = _parse_employee(d.pop("employee", UNSET))

        review_decision_request = cls(
            text=text,
            employee=employee,
        )

        return review_decision_request
