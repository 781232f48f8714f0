from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BudgetRequest")


@_attrs_define
class BudgetRequest:
    """
    Attributes:
        department (UUID):
        amount (None | str | Unset):
        percent_of_payroll (None | str | Unset):
    """

    department: UUID
    amount: None | str | Unset = UNSET
    percent_of_payroll: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        department = str(self.department)

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        percent_of_payroll: None | str | Unset
        if isinstance(self.percent_of_payroll, Unset):
            percent_of_payroll = UNSET
        else:
            percent_of_payroll = self.percent_of_payroll

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "department": department,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount
        if percent_of_payroll is not UNSET:
            field_dict["percent_of_payroll"] = percent_of_payroll

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        department = UUID(d.pop("department"))

        def _parse_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_percent_of_payroll(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        percent_of_payroll = _parse_percent_of_payroll(d.pop("percent_of_payroll", UNSET))

        budget_request = cls(
            department=department,
            amount=amount,
            percent_of_payroll=percent_of_payroll,
        )

        return budget_request
