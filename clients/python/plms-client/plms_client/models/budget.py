from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Budget")


@_attrs_define
class Budget:
    """
    Attributes:
        department (UUID):
        spent (str):
        amount (None | str | Unset):
        percent_of_payroll (None | str | Unset):
    """

    department: UUID
    spent: str
    amount: None | str | Unset = UNSET
    percent_of_payroll: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department = str(self.department)

        spent = self.spent

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department": department,
                "spent": spent,
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

        spent = d.pop("spent")

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

        budget = cls(
            department=department,
            spent=spent,
            amount=amount,
            percent_of_payroll=percent_of_payroll,
        )

        budget.additional_properties = d
        return budget

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
