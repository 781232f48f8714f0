from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum
from ..models.leave_rule_enum import LeaveRuleEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Review")


@_attrs_define
class Review:
    """
    Attributes:
        id (UUID):
        name (str):
        status (str): `open` or `finalised`.
        effective_date (datetime.date):
        proposal_deadline (datetime.date):
        opened_at (datetime.datetime):
        finalised_at (datetime.datetime | None):
        cycle (None | Unset | UUID):
        eligible_started_before (datetime.date | None | Unset): Only people who started before this date take part.
        leave_rule (BlankEnum | LeaveRuleEnum | Unset): What happens to people on leave on the effective date, or with
            more than `leave_days_over` days of leave in the period.

            * `` - Leave does not count
            * `exclude` - Not eligible
            * `flag` - Eligible, flagged
        leave_days_over (int | None | Unset): Days of leave in the period (the cycle's, else the year before the
            effective date) past which the leave rule applies; empty: only leave on the date.
        hard_budget (bool | Unset):
    """

    id: UUID
    name: str
    status: str
    effective_date: datetime.date
    proposal_deadline: datetime.date
    opened_at: datetime.datetime
    finalised_at: datetime.datetime | None
    cycle: None | Unset | UUID = UNSET
    eligible_started_before: datetime.date | None | Unset = UNSET
    leave_rule: BlankEnum | LeaveRuleEnum | Unset = UNSET
    leave_days_over: int | None | Unset = UNSET
    hard_budget: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        status = self.status

        effective_date = self.effective_date.isoformat()

        proposal_deadline = self.proposal_deadline.isoformat()

        opened_at = self.opened_at.isoformat()

        finalised_at: None | str
        if isinstance(self.finalised_at, datetime.datetime):
            finalised_at = self.finalised_at.isoformat()
        else:
            finalised_at = self.finalised_at

        cycle: None | str | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        elif isinstance(self.cycle, UUID):
            cycle = str(self.cycle)
        else:
            cycle = self.cycle

        eligible_started_before: None | str | Unset
        if isinstance(self.eligible_started_before, Unset):
            eligible_started_before = UNSET
        elif isinstance(self.eligible_started_before, datetime.date):
            eligible_started_before = self.eligible_started_before.isoformat()
        else:
            eligible_started_before = self.eligible_started_before

        leave_rule: str | Unset
        if isinstance(self.leave_rule, Unset):
            leave_rule = UNSET
        elif isinstance(self.leave_rule, LeaveRuleEnum):
            leave_rule = self.leave_rule.value
        else:
            leave_rule = self.leave_rule.value

        leave_days_over: int | None | Unset
        if isinstance(self.leave_days_over, Unset):
            leave_days_over = UNSET
        else:
            leave_days_over = self.leave_days_over

        hard_budget = self.hard_budget

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "effective_date": effective_date,
                "proposal_deadline": proposal_deadline,
                "opened_at": opened_at,
                "finalised_at": finalised_at,
            }
        )
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if eligible_started_before is not UNSET:
            field_dict["eligible_started_before"] = eligible_started_before
        if leave_rule is not UNSET:
            field_dict["leave_rule"] = leave_rule
        if leave_days_over is not UNSET:
            field_dict["leave_days_over"] = leave_days_over
        if hard_budget is not UNSET:
            field_dict["hard_budget"] = hard_budget

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        status = d.pop("status")

        effective_date = datetime.date.fromisoformat(d.pop("effective_date"))

        proposal_deadline = datetime.date.fromisoformat(d.pop("proposal_deadline"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        def _parse_finalised_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalised_at_type_0 = datetime.datetime.fromisoformat(data)

                return finalised_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finalised_at = _parse_finalised_at(d.pop("finalised_at"))

        def _parse_cycle(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cycle_type_0 = UUID(data)

                return cycle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        cycle = _parse_cycle(d.pop("cycle", UNSET))

        def _parse_eligible_started_before(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                eligible_started_before_type_0 = datetime.date.fromisoformat(data)

                return eligible_started_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        eligible_started_before = _parse_eligible_started_before(d.pop("eligible_started_before", UNSET))

        def _parse_leave_rule(data: object) -> BlankEnum | LeaveRuleEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                leave_rule_type_0 = LeaveRuleEnum(data)

                return leave_rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            leave_rule_type_1 = BlankEnum(data)

            return leave_rule_type_1

        leave_rule = _parse_leave_rule(d.pop("leave_rule", UNSET))

        def _parse_leave_days_over(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        leave_days_over = _parse_leave_days_over(d.pop("leave_days_over", UNSET))

        hard_budget = d.pop("hard_budget", UNSET)

        review = cls(
            id=id,
            name=name,
            status=status,
            effective_date=effective_date,
            proposal_deadline=proposal_deadline,
            opened_at=opened_at,
            finalised_at=finalised_at,
            cycle=cycle,
            eligible_started_before=eligible_started_before,
            leave_rule=leave_rule,
            leave_days_over=leave_days_over,
            hard_budget=hard_budget,
        )

        review.additional_properties = d
        return review

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
