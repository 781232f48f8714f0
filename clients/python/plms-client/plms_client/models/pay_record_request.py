from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pay_record_request_equity_attributes import PayRecordRequestEquityAttributes


T = TypeVar("T", bound="PayRecordRequest")


@_attrs_define
class PayRecordRequest:
    """
    Attributes:
        employee (UUID):
        base_pay (str):
        effective_date (datetime.date):
        grade (None | Unset | UUID):
        currency (str | Unset):
        equity_attributes (PayRecordRequestEquityAttributes | Unset): Attributes for pay-equity analysis only, e.g.
            {"gender": "female"}.
        reason (str | Unset):  Default: ''.
    """

    employee: UUID
    base_pay: str
    effective_date: datetime.date
    grade: None | Unset | UUID = UNSET
    currency: str | Unset = UNSET
    equity_attributes: PayRecordRequestEquityAttributes | Unset = UNSET
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        base_pay = self.base_pay

        effective_date = self.effective_date.isoformat()

        grade: None | str | Unset
        if isinstance(self.grade, Unset):
            grade = UNSET
        elif isinstance(self.grade, UUID):
            grade = str(self.grade)
        else:
            grade = self.grade

        currency = self.currency

        equity_attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.equity_attributes, Unset):
            equity_attributes = self.equity_attributes.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
                "base_pay": base_pay,
                "effective_date": effective_date,
            }
        )
        if grade is not UNSET:
            field_dict["grade"] = grade
        if currency is not UNSET:
            field_dict["currency"] = currency
        if equity_attributes is not UNSET:
            field_dict["equity_attributes"] = equity_attributes
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pay_record_request_equity_attributes import PayRecordRequestEquityAttributes  # noqa: PLC0415

        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        base_pay = d.pop("base_pay")

        effective_date = datetime.date.fromisoformat(d.pop("effective_date"))

        def _parse_grade(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                grade_type_0 = UUID(data)

                return grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        grade = _parse_grade(d.pop("grade", UNSET))

        currency = d.pop("currency", UNSET)

        _equity_attributes = d.pop("equity_attributes", UNSET)
        equity_attributes: PayRecordRequestEquityAttributes | Unset
        if isinstance(_equity_attributes, Unset):
            equity_attributes = UNSET
        else:
            equity_attributes = PayRecordRequestEquityAttributes.from_dict(_equity_attributes)

        reason = d.pop("reason", UNSET)

        pay_record_request = cls(
            employee=employee,
            base_pay=base_pay,
            effective_date=effective_date,
            grade=grade,
            currency=currency,
            equity_attributes=equity_attributes,
            reason=reason,
        )

        return pay_record_request
