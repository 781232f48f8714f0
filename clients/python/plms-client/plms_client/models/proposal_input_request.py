from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProposalInputRequest")


@_attrs_define
class ProposalInputRequest:
    """
    Attributes:
        employee (UUID):
        increase_percent (str):
        bonus_amount (str | Unset):  Default: '0.00'.
        reason (str | Unset):  Default: ''.
    """

    employee: UUID
    increase_percent: str
    bonus_amount: str | Unset = "0.00"
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        increase_percent = self.increase_percent

        bonus_amount = self.bonus_amount

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
                "increase_percent": increase_percent,
            }
        )
        if bonus_amount is not UNSET:
            field_dict["bonus_amount"] = bonus_amount
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        increase_percent = d.pop("increase_percent")

        bonus_amount = d.pop("bonus_amount", UNSET)

        reason = d.pop("reason", UNSET)

        proposal_input_request = cls(
            employee=employee,
            increase_percent=increase_percent,
            bonus_amount=bonus_amount,
            reason=reason,
        )

        return proposal_input_request
