from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pay_record_equity_attributes import PayRecordEquityAttributes


T = TypeVar("T", bound="PayRecord")


@_attrs_define
class PayRecord:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        base_pay (str):
        effective_date (datetime.date):
        compa_ratio (None | str):
        position_in_range (None | str): Where pay sits in the grade, from its minimum (0) to its maximum (100).
        updated_at (datetime.datetime):
        grade (None | Unset | UUID):
        currency (str | Unset):
        equity_attributes (PayRecordEquityAttributes | Unset): Attributes for pay-equity analysis only, e.g. {"gender":
            "female"}.
    """

    id: UUID
    employee: UUID
    base_pay: str
    effective_date: datetime.date
    compa_ratio: None | str
    position_in_range: None | str
    updated_at: datetime.datetime
    grade: None | Unset | UUID = UNSET
    currency: str | Unset = UNSET
    equity_attributes: PayRecordEquityAttributes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        base_pay = self.base_pay

        effective_date = self.effective_date.isoformat()

        compa_ratio: None | str
        compa_ratio = self.compa_ratio

        position_in_range: None | str
        position_in_range = self.position_in_range

        updated_at = self.updated_at.isoformat()

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "base_pay": base_pay,
                "effective_date": effective_date,
                "compa_ratio": compa_ratio,
                "position_in_range": position_in_range,
                "updated_at": updated_at,
            }
        )
        if grade is not UNSET:
            field_dict["grade"] = grade
        if currency is not UNSET:
            field_dict["currency"] = currency
        if equity_attributes is not UNSET:
            field_dict["equity_attributes"] = equity_attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pay_record_equity_attributes import PayRecordEquityAttributes  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        base_pay = d.pop("base_pay")

        effective_date = datetime.date.fromisoformat(d.pop("effective_date"))

        def _parse_compa_ratio(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        compa_ratio = _parse_compa_ratio(d.pop("compa_ratio"))

        def _parse_position_in_range(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        position_in_range = _parse_position_in_range(d.pop("position_in_range"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

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
        equity_attributes: PayRecordEquityAttributes | Unset
        if isinstance(_equity_attributes, Unset):
            equity_attributes = UNSET
        else:
            equity_attributes = PayRecordEquityAttributes.from_dict(_equity_attributes)

        pay_record = cls(
            id=id,
            employee=employee,
            base_pay=base_pay,
            effective_date=effective_date,
            compa_ratio=compa_ratio,
            position_in_range=position_in_range,
            updated_at=updated_at,
            grade=grade,
            currency=currency,
            equity_attributes=equity_attributes,
        )

        pay_record.additional_properties = d
        return pay_record

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
