from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BonusLine")


@_attrs_define
class BonusLine:
    """
    Attributes:
        id (UUID):
        run (UUID):
        employee (UUID):
        department (None | UUID):
        base_pay (str):
        currency (str):
        target_percent (str):
        target_amount (str):
        company_multiplier (str):
        department_multiplier (str):
        rating (int | None): The final overall rating; null: unrated.
        individual_multiplier (str):
        prorate (str):
        computed_amount (str):
        adjusted_amount (None | str):
        adjustment_reason (str):
        adjusted_at (datetime.datetime | None):
        amount (str): What is paid: the adjusted amount, else the computed.
    """

    id: UUID
    run: UUID
    employee: UUID
    department: None | UUID
    base_pay: str
    currency: str
    target_percent: str
    target_amount: str
    company_multiplier: str
    department_multiplier: str
    rating: int | None
    individual_multiplier: str
    prorate: str
    computed_amount: str
    adjusted_amount: None | str
    adjustment_reason: str
    adjusted_at: datetime.datetime | None
    amount: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        run = str(self.run)

        employee = str(self.employee)

        department: None | str
        if isinstance(self.department, UUID):
            department = str(self.department)
        else:
            department = self.department

        base_pay = self.base_pay

        currency = self.currency

        target_percent = self.target_percent

        target_amount = self.target_amount

        company_multiplier = self.company_multiplier

        department_multiplier = self.department_multiplier

        rating: int | None
        rating = self.rating

        individual_multiplier = self.individual_multiplier

        prorate = self.prorate

        computed_amount = self.computed_amount

        adjusted_amount: None | str
        adjusted_amount = self.adjusted_amount

        adjustment_reason = self.adjustment_reason

        adjusted_at: None | str
        if isinstance(self.adjusted_at, datetime.datetime):
            adjusted_at = self.adjusted_at.isoformat()
        else:
            adjusted_at = self.adjusted_at

        amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "run": run,
                "employee": employee,
                "department": department,
                "base_pay": base_pay,
                "currency": currency,
                "target_percent": target_percent,
                "target_amount": target_amount,
                "company_multiplier": company_multiplier,
                "department_multiplier": department_multiplier,
                "rating": rating,
                "individual_multiplier": individual_multiplier,
                "prorate": prorate,
                "computed_amount": computed_amount,
                "adjusted_amount": adjusted_amount,
                "adjustment_reason": adjustment_reason,
                "adjusted_at": adjusted_at,
                "amount": amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        run = UUID(d.pop("run"))

        employee = UUID(d.pop("employee"))

        def _parse_department(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_type_0 = UUID(data)

                return department_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        department = _parse_department(d.pop("department"))

        base_pay = d.pop("base_pay")

        currency = d.pop("currency")

        target_percent = d.pop("target_percent")

        target_amount = d.pop("target_amount")

        company_multiplier = d.pop("company_multiplier")

        department_multiplier = d.pop("department_multiplier")

        def _parse_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rating = _parse_rating(d.pop("rating"))

        individual_multiplier = d.pop("individual_multiplier")

        prorate = d.pop("prorate")

        computed_amount = d.pop("computed_amount")

        def _parse_adjusted_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        adjusted_amount = _parse_adjusted_amount(d.pop("adjusted_amount"))

        adjustment_reason = d.pop("adjustment_reason")

        def _parse_adjusted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                adjusted_at_type_0 = datetime.datetime.fromisoformat(data)

                return adjusted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        adjusted_at = _parse_adjusted_at(d.pop("adjusted_at"))

        amount = d.pop("amount")

        bonus_line = cls(
            id=id,
            run=run,
            employee=employee,
            department=department,
            base_pay=base_pay,
            currency=currency,
            target_percent=target_percent,
            target_amount=target_amount,
            company_multiplier=company_multiplier,
            department_multiplier=department_multiplier,
            rating=rating,
            individual_multiplier=individual_multiplier,
            prorate=prorate,
            computed_amount=computed_amount,
            adjusted_amount=adjusted_amount,
            adjustment_reason=adjustment_reason,
            adjusted_at=adjusted_at,
            amount=amount,
        )

        bonus_line.additional_properties = d
        return bonus_line

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
