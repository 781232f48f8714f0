from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Proposal")


@_attrs_define
class Proposal:
    """
    Attributes:
        id (UUID):
        review (UUID):
        employee (UUID):
        current_pay (str):
        increase_percent (str):
        increase_amount (str):
        new_pay (str):
        bonus_amount (str):
        guidance_min (None | str):
        guidance_max (None | str):
        within_guidance (bool):
        reason (str):
        status (str): `pending`, `approved`, `rejected`.
        awaiting (None | UUID): The next approver up the reporting line; null once HR decides.
        approvals (Any):
        updated_at (datetime.datetime):
    """

    id: UUID
    review: UUID
    employee: UUID
    current_pay: str
    increase_percent: str
    increase_amount: str
    new_pay: str
    bonus_amount: str
    guidance_min: None | str
    guidance_max: None | str
    within_guidance: bool
    reason: str
    status: str
    awaiting: None | UUID
    approvals: Any
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        review = str(self.review)

        employee = str(self.employee)

        current_pay = self.current_pay

        increase_percent = self.increase_percent

        increase_amount = self.increase_amount

        new_pay = self.new_pay

        bonus_amount = self.bonus_amount

        guidance_min: None | str
        guidance_min = self.guidance_min

        guidance_max: None | str
        guidance_max = self.guidance_max

        within_guidance = self.within_guidance

        reason = self.reason

        status = self.status

        awaiting: None | str
        if isinstance(self.awaiting, UUID):
            awaiting = str(self.awaiting)
        else:
            awaiting = self.awaiting

        approvals = self.approvals

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "review": review,
                "employee": employee,
                "current_pay": current_pay,
                "increase_percent": increase_percent,
                "increase_amount": increase_amount,
                "new_pay": new_pay,
                "bonus_amount": bonus_amount,
                "guidance_min": guidance_min,
                "guidance_max": guidance_max,
                "within_guidance": within_guidance,
                "reason": reason,
                "status": status,
                "awaiting": awaiting,
                "approvals": approvals,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        review = UUID(d.pop("review"))

        employee = UUID(d.pop("employee"))

        current_pay = d.pop("current_pay")

        increase_percent = d.pop("increase_percent")

        increase_amount = d.pop("increase_amount")

        new_pay = d.pop("new_pay")

        bonus_amount = d.pop("bonus_amount")

        def _parse_guidance_min(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        guidance_min = _parse_guidance_min(d.pop("guidance_min"))

        def _parse_guidance_max(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        guidance_max = _parse_guidance_max(d.pop("guidance_max"))

        within_guidance = d.pop("within_guidance")

        reason = d.pop("reason")

        status = d.pop("status")

        def _parse_awaiting(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                awaiting_type_0 = UUID(data)

                return awaiting_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        awaiting = _parse_awaiting(d.pop("awaiting"))

        approvals = d.pop("approvals")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        proposal = cls(
            id=id,
            review=review,
            employee=employee,
            current_pay=current_pay,
            increase_percent=increase_percent,
            increase_amount=increase_amount,
            new_pay=new_pay,
            bonus_amount=bonus_amount,
            guidance_min=guidance_min,
            guidance_max=guidance_max,
            within_guidance=within_guidance,
            reason=reason,
            status=status,
            awaiting=awaiting,
            approvals=approvals,
            updated_at=updated_at,
        )

        proposal.additional_properties = d
        return proposal

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
